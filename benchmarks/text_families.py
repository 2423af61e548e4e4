"""Families of generated ticket extracts for the calibration of the text checks: null families
(nothing planted: honest topical words of graded strength, templates every team shares, German
and English, short and long texts, many and rare classes) and graded planted leaks (the label's
own words, resolution codes, resolution notes appended, copies and replies across the split).

Each family is either `tuning` (thresholds are set on it) or `kept_aside` (rates are reported on
it, never tuned to). A planted data set is built on a base family of one group or the other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from tickets import NAMES, TEAMS, Style, Writer, outcome_labels

from leakage_checks import Roles, SplitFrames

TEXT = "description"


@dataclass
class TextCase:
    family: str
    frame: pd.DataFrame  # the description and a channel column
    y: np.ndarray  # class codes
    classes: list[str]
    style: Style
    german: np.ndarray  # whether each ticket is written in German (for planted text)

    @property
    def task(self) -> str:
        return "binary" if len(self.classes) == 2 else "multiclass"

    @property
    def rows(self) -> int:
        return len(self.frame)


# -- null families -------------------------------------------------------------------------------
def _graded(seed: int, lo: float, hi: float) -> float:
    """A strength between lo and hi, walked through by seed (every family sees the whole range)."""
    return lo + (hi - lo) * ((seed * 0.618034) % 1.0)


def topical(seed: int) -> Style:
    return Style(teams=4 + seed % 5, strength=_graded(seed, 0.3, 0.9), noise=0.02 + seed % 5 * 0.02)


def templates(seed: int) -> Style:
    return replace(topical(seed), extra={"portal": 0.3 + 0.3 * (seed % 2), "alerts": 0.1})


def short(seed: int) -> Style:
    return replace(
        topical(seed), sentences=(1, 1), greeting=0.0, sign_off=0.0, subject=0.0, details=0.3
    )


def many_classes(seed: int) -> Style:
    return replace(topical(seed), teams=15 + seed % 6, sizes="zipf")


def binary(seed: int) -> Style:
    return replace(topical(seed), teams=6, binary=True, sizes="zipf")


def bilingual(seed: int) -> Style:
    return replace(topical(seed), german=(0.3, 0.6, 1.0)[seed % 3])


def long(seed: int) -> Style:
    return replace(topical(seed), sentences=(6, 14), extra={"quoted": 0.4})


def rare_classes(seed: int) -> Style:
    return replace(topical(seed), teams=6 + seed % 5, sizes="rare")


def signatures(seed: int) -> Style:
    return replace(topical(seed), subject=0.8, sign_off=0.9, signature=0.7)


def appended_field(seed: int) -> Style:
    """An honest form field at the end: the device or product the customer picked when writing
    (topical, known when the ticket is created)."""
    return replace(topical(seed), extra={"field": 0.5 + 0.5 * (seed % 2)})


def weak(seed: int) -> Style:
    return replace(topical(seed), strength=_graded(seed, 0.1, 0.3), noise=0.1)


FAMILIES = {
    "topical": (topical, "tuning"),
    "templates": (templates, "tuning"),
    "short": (short, "tuning"),
    "many_classes": (many_classes, "tuning"),
    "binary": (binary, "tuning"),
    "bilingual": (bilingual, "kept_aside"),
    "long": (long, "kept_aside"),
    "rare_classes": (rare_classes, "kept_aside"),
    "signatures": (signatures, "kept_aside"),
    "appended_field": (appended_field, "kept_aside"),
    "weak": (weak, "kept_aside"),
}
SIZES = (400, 800, 1_500, 3_000, 6_000, 12_000, 25_000)
MIN_SIZE = {"rare_classes": 1_500, "many_classes": 800}

PORTAL = {
    "en": (
        "This request was submitted through the self-service portal (reference {n}). "
        "Message from the customer:",
        "Please do not reply to this automatic notification.",
    ),
    "de": (
        "Diese Anfrage wurde über das Self-Service-Portal gestellt (Referenz {n}). "
        "Nachricht des Kunden:",
        "Bitte antworten Sie nicht auf diese automatische Benachrichtigung.",
    ),
}
ALERT = "Monitoring alert: check {check} on host srv-{host} changed to CRITICAL at {hh}:{mm}."
CHECKS = ["disk-space", "cpu-load", "memory", "service-status", "certificate", "backup-job", "ping"]


def _wrap(texts: list[str], german: np.ndarray, style: Style, rnd: random.Random) -> list[str]:
    """Templates shared by every team (a portal's wrapper, monitoring alerts), quoted earlier
    messages, and a form field the customer filled in."""
    extra, out = style.extra, []
    for text, de in zip(texts, german, strict=True):
        lang = "de" if de else "en"
        if rnd.random() < extra.get("alerts", 0):
            text = ALERT.format(
                check=rnd.choice(CHECKS),
                host=rnd.randint(100, 999),
                hh=f"{rnd.randint(0, 23):02d}",
                mm=f"{rnd.randint(0, 59):02d}",
            )
        elif rnd.random() < extra.get("portal", 0):
            head, tail = PORTAL[lang]
            text = f"{head.format(n=rnd.randint(100_000, 999_999))}\n{text}\n{tail}"
        if rnd.random() < extra.get("quoted", 0):
            text += "\n\n> On an earlier occasion I wrote:\n> " + text[:200].replace("\n", " ")
        out.append(text)
    return out


def _fields(texts, topic_words: list[str], rnd: random.Random, share: float) -> list[str]:
    return [
        f"{t}\nDevice: {w}" if rnd.random() < share else t
        for t, w in zip(texts, topic_words, strict=True)
    ]


def make_null(family: str, size: int, seed: int) -> TextCase:
    style = FAMILIES[family][0](seed)
    writer = Writer(style, seed)
    texts, topic, recorded = writer.tickets(size)
    rnd = random.Random(seed + 1)
    german = np.array([_is_german(t) for t in texts])
    texts = _wrap(texts, german, style, rnd)
    if "field" in style.extra:  # the device named by the ticket's topic, mostly
        words = [writer.topical(writer.teams[t], "en") for t in topic]
        texts = _fields(texts, words, rnd, style.extra["field"])
    y, classes = outcome_labels(writer, recorded)
    channel = np.random.default_rng(seed).choice(["email", "portal", "phone"], size)
    frame = pd.DataFrame({TEXT: pd.Series(texts, dtype="str"), "channel": channel})
    frame["channel"] = frame["channel"].astype("str")
    return TextCase(family, frame, y, classes, style, german)


GERMAN_MARKS = (" ich ", " nicht", " bitte", " funktioniert", " seit ", " mit ", " gibt ")


def _is_german(text: str) -> bool:
    t = f" {text.lower()} "
    return sum(m in t for m in GERMAN_MARKS) >= 2


def null_cases(per_family: int, seed: int = 0, group: str | None = None):
    """(family, size, seed) of every null data set, sizes cycled through `SIZES`."""
    for family, (_, where) in FAMILIES.items():
        if group is not None and where != group:
            continue
        for i in range(per_family):
            size = max(SIZES[(i * 3 + seed) % len(SIZES)], MIN_SIZE.get(family, 0))
            yield family, size, seed * 1_000 + i


def split_case(case: TextCase, seed: int, test_size: float = 0.25):
    """A stratified split (random when a class has too few rows), as the checks' inputs."""
    pos = np.arange(case.rows)
    counts = np.bincount(case.y)
    strat = case.y if counts[counts > 0].min() >= 2 else None
    tr, te = train_test_split(pos, test_size=test_size, random_state=seed, stratify=strat)
    return frames_of(case, np.sort(tr), np.sort(te)), roles_of(case, seed)


def frames_of(case: TextCase, tr: np.ndarray, te: np.ndarray) -> SplitFrames:
    return SplitFrames(
        case.frame.iloc[tr].reset_index(drop=True),
        case.frame.iloc[te].reset_index(drop=True),
        pd.Series(case.y[tr]),
        pd.Series(case.y[te]),
    )


def roles_of(case: TextCase, seed: int) -> Roles:
    return Roles(
        task=case.task,
        features=list(case.frame.columns),
        known_at_prediction=list(case.frame.columns),
        split_strategy="stratified",
        seed=seed,
        target_name="team",
        classes=list(case.classes),
        text_columns=[TEXT],
    )


# -- planted leaks -------------------------------------------------------------------------------
# team -> (codes in English, codes in German, what the resolving team writes in its note)
RESOLUTION: dict[str, tuple[list[str], list[str], list[str]]] = {
    "IT Hardware": (["device replaced", "RMA created"], ["Gerät getauscht"], ["swapped the unit"]),
    "Billing": (["refund issued", "credit note sent"], ["Gutschrift erstellt"], ["refunded"]),
    "Access Management": (["password reset done"], ["Passwort zurückgesetzt"], ["unlocked"]),
    "Network": (["router rebooted", "port enabled"], ["Port freigeschaltet"], ["re-patched"]),
    "Software": (["license assigned", "package deployed"], ["Lizenz zugewiesen"], ["deployed"]),
    "Shipping": (["parcel re-sent"], ["Paket neu versendet"], ["re-shipped"]),
    "Returns": (["return label sent", "exchange approved"], ["Retoure genehmigt"], ["credited"]),
    "Customer Accounts": (["profile updated"], ["Profil aktualisiert"], ["merged the accounts"]),
    "Payroll": (["payslip corrected"], ["Abrechnung korrigiert"], ["corrected the payslip"]),
    "Facilities": (["technician dispatched"], ["Techniker beauftragt"], ["sent the caretaker"]),
    "Security": (["mail quarantined", "host isolated"], ["Mail isoliert"], ["quarantined"]),
    "Email": (["mailbox restored"], ["Postfach wiederhergestellt"], ["restored the mailbox"]),
    "Telephony": (["number ported"], ["Rufnummer portiert"], ["ported the number"]),
    "Procurement": (["order approved"], ["Bestellung freigegeben"], ["approved the order"]),
    "Legal": (["contract reviewed"], ["Vertrag geprüft"], ["reviewed the clause"]),
    "HR": (["leave booked"], ["Urlaub eingetragen"], ["booked the leave"]),
    "Database": (["index rebuilt", "restore completed"], ["Index neu aufgebaut"], ["re-indexed"]),
    "Mobile": (["app reinstalled"], ["App neu installiert"], ["reinstalled the app"]),
    "Website": (["link fixed", "hotfix deployed"], ["Link korrigiert"], ["fixed the page"]),
    "Training": (["seat booked"], ["Platz gebucht"], ["booked a seat"]),
}
STRENGTHS: dict[str, tuple[float, ...]] = {
    "label_tag": (0.5, 0.25, 0.1, 0.05),
    "resolution_code": (0.5, 0.25, 0.1, 0.05),
    "resolution_note": (0.5, 0.25, 0.1, 0.05),
    "copies": (0.5, 0.25, 0.1, 0.05),
    "replies": (0.5, 0.25, 0.1),
}
WHAT = {
    "label_tag": "the label's own name in the text (a tag before it, a routing line after it, "
    "or inline), in this share of rows",
    "resolution_code": "a closing code only one class carries, before or after the text, in "
    "this share of rows",
    "resolution_note": "a resolution note appended by the team that closed the ticket, in this "
    "share of rows",
    "copies": "this share of the test part: training tickets of the same class with small edits",
    "replies": "a reply quoting the ticket exported as a ticket of its own, for this share of "
    "tickets (before the split)",
}
PLANT_BASES = {
    "tuning": ("topical", "templates", "many_classes", "binary", "short"),
    "kept_aside": ("bilingual", "long", "rare_classes", "signatures", "weak"),
}
PLANT_SIZES = (800, 1_500, 3_000, 6_000, 12_000)


def _label_name(case: TextCase, code: int) -> str:
    return case.classes[code]


def _team(case: TextCase, code: int) -> str:
    """The team behind a class code ('other' in a binary case stands for no team)."""
    name = case.classes[code]
    return name if name in RESOLUTION else ""


def label_tag(case: TextCase, hit: np.ndarray, rnd: random.Random) -> list[str]:
    how = rnd.choice(["prefix", "category", "assigned", "inline"])
    out = []
    for text, code, h in zip(case.frame[TEXT], case.y, hit, strict=True):
        name = _label_name(case, code)
        if not h:
            out.append(text)
        elif how == "prefix":
            out.append(f"[{name}] {text}")
        elif how == "category":
            out.append(f"Category: {name}\n{text}")
        elif how == "assigned":
            out.append(f"{text}\nAssigned group: {name}")
        else:
            first, _, rest = text.partition(". ")
            out.append(f"{first} (forwarded to {name}). {rest}" if rest else f"{text} ({name})")
    return out


def resolution_code(case: TextCase, hit: np.ndarray, rnd: random.Random) -> list[str]:
    how = rnd.choice(["status", "prefix", "alnum"])
    prefix = {c: f"RC-{c:02d}{rnd.randint(10, 99)}" for c in range(len(case.classes))}
    out = []
    for text, code, h, de in zip(case.frame[TEXT], case.y, hit, case.german, strict=True):
        if not h:
            out.append(text)
            continue
        team = _team(case, code)
        codes = RESOLUTION[team][1 if de else 0] if team else ["no action needed"]
        phrase = rnd.choice(codes)
        if how == "status":
            out.append(f"{text}\nStatus: closed - {phrase}")
        elif how == "prefix":
            out.append(f"[CLOSED: {phrase.upper()}] {text}")
        else:
            out.append(f"{text} Resolution code {prefix[code]}.")
    return out


NOTE = {
    "en": [
        "Resolution: {act}; tested with the user, ticket closed.",
        "Update from {agent}: {act}. Customer confirmed, closing.",
        "{agent} ({team}): {act} and informed the customer.",
    ],
    "de": [
        "Lösung: {act}; mit dem Nutzer getestet, Ticket geschlossen.",
        "Update von {agent}: {act}. Kunde hat bestätigt, wird geschlossen.",
    ],
}


def resolution_note(case: TextCase, hit: np.ndarray, rnd: random.Random) -> list[str]:
    """A note from the team that closed the ticket: what it did, in its own words."""
    out = []
    for text, code, h, de in zip(case.frame[TEXT], case.y, hit, case.german, strict=True):
        if not h:
            out.append(text)
            continue
        team = _team(case, code)
        lang = "de" if de else "en"
        if team:
            words = TEAMS[team][1 if de else 0]
            act = f"{rnd.choice(RESOLUTION[team][2])} the {rnd.choice(words).replace('-', ' ')}"
        else:
            act = "no action needed, answered by phone"
        note = rnd.choice(NOTE[lang]).format(act=act, agent=rnd.choice(NAMES), team=team or "desk")
        out.append(f"{text}\n\n{note}")
    return out


def edit(text: str, rnd: random.Random) -> str:
    """A copy with small edits: a prefix, a few words dropped or changed."""
    words = text.split(" ")
    kept = [w for w in words if rnd.random() > 0.04]
    head = rnd.choice(["", "", "Re: ", "Fwd: ", "Again: "])
    return head + " ".join(kept)


def replies(case: TextCase, share: float, rnd: random.Random) -> TextCase:
    """For a share of the tickets, a reply quoting them, exported as a ticket of its own."""
    rows = [i for i in range(case.rows) if rnd.random() < share]
    quoted = [
        f"Re: your request\nThank you, we are looking into it. {rnd.choice(NAMES)}\n\n> "
        + case.frame[TEXT].iloc[i].replace("\n", "\n> ")
        for i in rows
    ]
    extra = case.frame.iloc[rows].copy()
    extra[TEXT] = pd.Series(quoted, index=extra.index, dtype="str")
    frame = pd.concat([case.frame, extra], ignore_index=True)
    return replace(
        case,
        frame=frame,
        y=np.concatenate([case.y, case.y[rows]]),
        german=np.concatenate([case.german, case.german[rows]]),
    )


TEXT_LEAKS = {
    "label_tag": label_tag,
    "resolution_code": resolution_code,
    "resolution_note": resolution_note,
}


def planted_cases(reps: int, seed: int = 0, group: str | None = None):
    """(kind, strength, group, base family, size, seed) of every planted data set."""
    for kind, strengths in STRENGTHS.items():
        for strength in strengths:
            for where, bases in PLANT_BASES.items():
                if group is not None and where != group:
                    continue
                for i in range(reps):
                    s = seed * 1_000 + 500 + i
                    base = bases[i % len(bases)]
                    yield kind, strength, where, base, PLANT_SIZES[i % len(PLANT_SIZES)], s
