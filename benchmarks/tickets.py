"""Generated support tickets for the text checks' calibration and the text scale benchmark.

A ticket is written for the team whose topic it is: a greeting, sentences from templates that
every team shares, filled with topical words (mostly the team's own, some another team's: the
strength of the honest signal), filler, a sign-off; English, German or both. The recorded team is
the topic's team except for a share of tickets that another team closed (routing noise). Nothing
here is planted: the planted leaks are in `text_families.py`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
from ticket_words import (
    DEPTS,
    DETAILS,
    EVENTS,
    FILLER,
    GREETING,
    NAMES,
    PLACES,
    SENTENCES,
    SIGN_OFF,
    SIGNATURE,
    SUBJECT,
    TEAM_NAMES,
    TEAMS,
    WEEKDAYS,
    WHEN,
    WHO,
)


@dataclass
class Style:
    """How a family writes its tickets."""

    teams: int = 6  # number of classes
    sizes: str = "even"  # even | zipf | rare (one or two classes of 1-3%)
    strength: float = 0.7  # typical chance that a topical word is the ticket's own team's
    spread: float = 0.25  # words vary around it: generic ones below, specific ones above
    noise: float = 0.05  # share of tickets recorded under another team (routing)
    german: float = 0.0  # share of tickets in German
    sentences: tuple[int, int] = (2, 5)  # topical and filler sentences, from-to
    subject: float = 0.3  # share with a subject line first
    greeting: float = 0.6
    sign_off: float = 0.6
    signature: float = 0.0  # share ending with a mail client's line or a disclaimer
    binary: bool = False  # the outcome is the first team or 'other'
    details: float = 0.5  # chance that a sentence carries a detail (a room, an order number)
    extra: dict = field(default_factory=dict)


def class_sizes(style: Style, rng: np.random.Generator) -> np.ndarray:
    k = style.teams
    if style.sizes == "zipf":
        p = 1 / np.arange(1, k + 1) ** 1.1
    elif style.sizes == "rare":
        p = np.ones(k)
        p[-2:] = [0.015, 0.03] if k > 3 else [0.03, 1]
        p[: k - 2] = (1 - p[-2:].sum()) / max(k - 2, 1)
    else:
        p = rng.uniform(0.6, 1.4, k)
    return p / p.sum()


class Writer:
    """Writes tickets in one style; `random.Random` for the per-word choices (fast), numpy for
    the per-row draws."""

    def __init__(self, style: Style, seed: int):
        self.style = style
        self.rnd = random.Random(seed)
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(TEAM_NAMES))[: style.teams]
        self.teams = [TEAM_NAMES[i] for i in order]
        self.p = class_sizes(style, rng)
        # each word's own chance of staying with its team: generic words low, specific ones high
        self.keep = {
            (team, lang, w): float(
                np.clip(style.strength + rng.uniform(-1, 1) * style.spread, 0.05, 0.97)
            )
            for team in self.teams
            for lang, words in zip(("en", "de"), TEAMS[team], strict=True)
            for w in words
        }

    def words(self, team: str, lang: str) -> list[str]:
        en, de = TEAMS[team]
        return de if lang == "de" else en

    def topical(self, team: str, lang: str) -> str:
        """A topical word: one of the team's, which stays with its chance of staying, else a word
        of another team."""
        r = self.rnd
        word = r.choice(self.words(team, lang))
        if r.random() >= self.keep[(team, lang, word)]:
            other = r.choice([t for t in self.teams if t != team] or [team])
            word = r.choice(self.words(other, lang))
        return word.replace("-", " ")

    def detail(self, lang: str) -> str:
        r = self.rnd
        return r.choice(DETAILS[lang]).format(
            n=r.randint(10_000, 99_999),
            n3=r.randint(100, 999),
            d=r.randint(1, 9),
            L=chr(r.randint(65, 90)),
            hh=f"{r.randint(7, 19):02d}",
            mm=f"{r.randint(0, 59):02d}",
            dept=r.choice(DEPTS),
            name=r.choice(NAMES),
            name2=r.choice(NAMES),
            place=r.choice(PLACES),
            event=r.choice(EVENTS),
            weekday=r.choice(WEEKDAYS[lang]),
        )

    def sentence(self, team: str, lang: str) -> str:
        r = self.rnd
        if r.random() < 0.25:
            text = r.choice(FILLER[lang]).format(num=r.randint(10_000, 99_999))
            return text
        who = r.choice(WHO[lang])
        a = self.topical(team, lang)
        text = r.choice(SENTENCES[lang]).format(
            a=a,
            A=a[:1].upper() + a[1:],
            b=self.topical(team, lang),
            when=r.choice(WHEN[lang]),
            who=who,
            Who=who[:1].upper() + who[1:],
        )
        if r.random() < self.style.details:
            text = f"{text[:-1]} {self.detail(lang)}{text[-1]}"
        return text

    def ticket(self, team: str) -> str:
        s, r = self.style, self.rnd
        lang = "de" if r.random() < s.german else "en"
        parts = []
        if r.random() < s.subject:
            parts.append(
                SUBJECT[lang].format(a=self.topical(team, lang), b=self.topical(team, lang))
            )
        if r.random() < s.greeting:
            parts.append(r.choice(GREETING[lang]))
        body = [self.sentence(team, lang) for _ in range(r.randint(*s.sentences))]
        if r.random() < 0.15 and s.german and s.german < 1:  # a second language in one ticket
            other = "en" if lang == "de" else "de"
            body.append(self.sentence(team, other))
        parts.append(" ".join(body))
        if r.random() < s.sign_off:
            parts.append(r.choice(SIGN_OFF[lang]).format(name=r.choice(NAMES)))
        if r.random() < s.signature:
            parts.append(SIGNATURE[lang])
        return "\n".join(parts)

    def tickets(self, n: int) -> tuple[list[str], np.ndarray, np.ndarray]:
        """n tickets, their topic teams (codes) and recorded teams (codes)."""
        rng = np.random.default_rng(self.rnd.randint(0, 2**31))
        topic = rng.choice(len(self.teams), n, p=self.p)
        texts = [self.ticket(self.teams[t]) for t in topic]
        recorded = topic.copy()
        moved = rng.random(n) < self.style.noise
        recorded[moved] = rng.choice(len(self.teams), int(moved.sum()), p=self.p)
        return texts, topic, recorded


def outcome_labels(writer: Writer, recorded: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The outcome as codes and class names: the teams, or (binary) one team against 'other'."""
    if not writer.style.binary:
        names = list(writer.teams)
        order = np.argsort(names)  # classes in sorted order, as the workbench encodes them
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return rank[recorded], [names[i] for i in order]
    return (recorded == 0).astype(int), ["other", writer.teams[0]]
