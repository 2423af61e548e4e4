"""Generated support tickets for the text checks' calibration and the text scale benchmark.

A ticket is written for the team whose topic it is: a greeting, sentences from templates that
every team shares, filled with topical words (mostly the team's own, some another team's: the
strength of the honest signal), filler, a sign-off; English, German or both. The recorded team is
the topic's team except for a share of tickets that another team closed (routing noise). Nothing
here is planted: the planted leaks are in `calibration_text.py`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

# team -> (English topical words, German topical words); some words belong to two teams
TEAMS: dict[str, tuple[list[str], list[str]]] = {
    "IT Hardware": (
        [
            "printer",
            "toner",
            "laptop",
            "monitor",
            "keyboard",
            "mouse",
            "docking-station",
            "screen",
            "battery",
            "charger",
            "scanner",
            "headset",
            "webcam",
            "hardware",
        ],
        ["Drucker", "Bildschirm", "Tastatur", "Laptop", "Akku", "Maus", "Ladegerät", "Toner"],
    ),
    "Billing": (
        [
            "invoice",
            "charge",
            "payment",
            "refund",
            "billing",
            "credit-card",
            "direct-debit",
            "amount",
            "statement",
            "overcharged",
            "VAT",
            "receipt",
            "account",
        ],
        [
            "Rechnung",
            "Zahlung",
            "Lastschrift",
            "Betrag",
            "Mahnung",
            "Kreditkarte",
            "Abbuchung",
            "Konto",
        ],
    ),
    "Access Management": (
        [
            "password",
            "login",
            "locked-out",
            "two-factor",
            "permissions",
            "access-rights",
            "single-sign-on",
            "reset-link",
            "username",
            "account",
        ],
        ["Passwort", "Anmeldung", "gesperrt", "Zugang", "Berechtigung", "Kennwort", "Benutzername"],
    ),
    "Network": (
        [
            "wifi",
            "network",
            "connection",
            "VPN",
            "internet",
            "router",
            "cable",
            "latency",
            "disconnects",
            "firewall",
            "ethernet",
        ],
        ["WLAN", "Netzwerk", "Verbindung", "Internet", "Router", "Kabel", "VPN"],
    ),
    "Software": (
        [
            "install",
            "update",
            "crash",
            "license",
            "excel",
            "application",
            "error-message",
            "version",
            "plugin",
            "software",
            "freezes",
        ],
        ["Installation", "Update", "Absturz", "Lizenz", "Programm", "Fehlermeldung", "Version"],
    ),
    "Shipping": (
        [
            "delivery",
            "parcel",
            "tracking-number",
            "courier",
            "shipment",
            "delayed",
            "address",
            "package",
            "dispatch",
            "arrived",
        ],
        ["Lieferung", "Paket", "Sendungsnummer", "Versand", "Zustellung", "verspätet", "Adresse"],
    ),
    "Returns": (
        [
            "return",
            "exchange",
            "damaged",
            "wrong-size",
            "return-label",
            "defective",
            "send-back",
            "parcel",
        ],
        ["Rücksendung", "Umtausch", "beschädigt", "defekt", "zurückschicken", "Retoure"],
    ),
    "Customer Accounts": (
        [
            "profile",
            "address-change",
            "close-account",
            "personal-details",
            "newsletter",
            "subscription",
            "username",
            "account",
        ],
        ["Kundenkonto", "Profil", "Adressänderung", "Abonnement", "Kündigung", "Newsletter"],
    ),
    "Payroll": (
        ["salary", "payslip", "overtime", "bonus", "tax-class", "wage", "payroll", "deduction"],
        ["Gehalt", "Lohnabrechnung", "Überstunden", "Steuerklasse", "Lohn", "Abzug"],
    ),
    "Facilities": (
        [
            "heating",
            "air-conditioning",
            "desk",
            "office-key",
            "light",
            "elevator",
            "cleaning",
            "meeting-room",
            "parking",
        ],
        ["Heizung", "Klimaanlage", "Schreibtisch", "Schlüssel", "Aufzug", "Reinigung", "Parkplatz"],
    ),
    "Security": (
        [
            "phishing",
            "suspicious-email",
            "virus",
            "malware",
            "security",
            "stolen-laptop",
            "breach",
            "spam",
        ],
        ["Phishing", "verdächtig", "Virus", "Schadsoftware", "Sicherheit", "Spam"],
    ),
    "Email": (
        [
            "mailbox",
            "outlook",
            "email",
            "calendar",
            "shared-mailbox",
            "distribution-list",
            "attachment",
            "out-of-office",
        ],
        ["Postfach", "Kalender", "Anhang", "Verteiler", "Abwesenheitsnotiz", "Outlook"],
    ),
    "Telephony": (
        [
            "phone",
            "desk-phone",
            "voicemail",
            "mobile-number",
            "call-forwarding",
            "extension",
            "headset",
        ],
        ["Telefon", "Anrufbeantworter", "Rufumleitung", "Durchwahl", "Handy"],
    ),
    "Procurement": (
        [
            "purchase-order",
            "quote",
            "supplier",
            "catalog",
            "approval",
            "vendor",
            "purchase-request",
        ],
        ["Bestellung", "Angebot", "Lieferant", "Freigabe", "Bestellanforderung", "Katalog"],
    ),
    "Legal": (
        ["contract", "terms", "GDPR", "lawyer", "data-deletion", "legal", "liability", "clause"],
        ["Vertrag", "Datenschutz", "Anwalt", "Löschung", "Klausel", "AGB"],
    ),
    "HR": (
        [
            "vacation",
            "holiday-request",
            "sick-leave",
            "onboarding",
            "new-employee",
            "parental-leave",
            "training-budget",
        ],
        ["Urlaub", "Urlaubsantrag", "Krankmeldung", "Einarbeitung", "Elternzeit"],
    ),
    "Database": (
        ["database", "query", "SQL", "table", "backup", "report", "timeout", "replication"],
        ["Datenbank", "Abfrage", "Tabelle", "Sicherung", "Bericht", "SQL"],
    ),
    "Mobile": (
        ["app", "iphone", "android", "mobile-app", "push-notification", "smartphone", "tablet"],
        ["App", "Handy", "Smartphone", "Benachrichtigung", "Tablet"],
    ),
    "Website": (
        [
            "website",
            "page",
            "checkout",
            "broken-link",
            "shop",
            "browser",
            "cookie-banner",
            "web-form",
        ],
        ["Webseite", "Seite", "Warenkorb", "Link", "Browser", "Onlineshop"],
    ),
    "Training": (
        ["course", "training", "e-learning", "certificate", "workshop", "seminar", "registration"],
        ["Schulung", "Kurs", "Zertifikat", "Seminar", "Anmeldung", "Fortbildung"],
    ),
}
TEAM_NAMES = list(TEAMS)

SENTENCES = {
    "en": [
        "I have a problem with my {a}.",
        "Since {when} the {a} is not working.",
        "Could you please check the {a}?",
        "My {a} stopped working {when}.",
        "We have an issue with the {a} and the {b}.",
        "The {a} keeps failing for {who}.",
        "Is there any update regarding the {a}?",
        "Please help, the {a} is urgent.",
        "I already tried restarting but the {a} still does not work.",
        "{Who} also reports trouble with the {a}.",
        "Can someone look into the {a} {when}?",
        "There seems to be something wrong with the {a}.",
        "I need help with the {a} for {who}.",
        "The {a} shows an error since {when}.",
        "Not sure if this is the right team, but the {a} is broken.",
        "Last time the {a} and the {b} were fixed quickly.",
    ],
    "de": [
        "Ich habe ein Problem mit {a}.",
        "Seit {when} funktioniert {a} nicht mehr.",
        "Können Sie bitte {a} prüfen?",
        "Wir haben Schwierigkeiten mit {a} und {b}.",
        "{A} geht schon wieder nicht.",
        "Gibt es Neuigkeiten zu {a}?",
        "Bitte dringend helfen, es geht um {a}.",
        "Ich habe schon neu gestartet, aber {a} funktioniert immer noch nicht.",
        "{Who} meldet auch Probleme mit {a}.",
        "Kann sich jemand {when} {a} ansehen?",
        "Irgendetwas stimmt mit {a} nicht.",
        "Ich brauche Hilfe bei {a} für {who}.",
        "Bei {a} kommt seit {when} ein Fehler.",
    ],
}
FILLER = {
    "en": [
        "This is blocking my work.",
        "Thank you in advance.",
        "Please call me back.",
        "It worked fine last week.",
        "I attached a screenshot.",
        "Reference number {num}.",
        "My colleague has the same problem.",
        "I am working from home today.",
        "Please treat this as urgent.",
        "We have a deadline on Friday.",
    ],
    "de": [
        "Das blockiert meine Arbeit.",
        "Vielen Dank im Voraus.",
        "Bitte rufen Sie mich zurück.",
        "Letzte Woche ging es noch.",
        "Screenshot anbei.",
        "Referenznummer {num}.",
        "Meine Kollegin hat dasselbe Problem.",
        "Ich arbeite heute im Homeoffice.",
        "Es ist leider dringend.",
    ],
}
WHEN = {
    "en": ["yesterday", "this morning", "Monday", "last week", "the update", "two days"],
    "de": ["gestern", "heute früh", "Montag", "letzter Woche", "dem Update", "zwei Tagen"],
}
WHO = {
    "en": ["my team", "our office", "a customer", "my manager", "the new colleague"],
    "de": ["mein Team", "unser Büro", "ein Kunde", "meine Chefin", "der neue Kollege"],
}
GREETING = {
    "en": ["Hello,", "Hi team,", "Dear support,", "Good morning,", "Hi,"],
    "de": ["Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Moin,", "Liebes Team,"],
}
SIGN_OFF = {
    "en": ["Thanks, {name}", "Best regards, {name}", "Kind regards\n{name}", "Cheers, {name}"],
    "de": ["Danke, {name}", "Viele Grüße\n{name}", "Mit freundlichen Grüßen\n{name}", "VG {name}"],
}
NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hannah",
    "Jonas",
    "Karin",
    "Lena",
    "Markus",
    "Nina",
    "Oliver",
    "Paula",
    "Ralf",
    "Sophie",
    "Tobias",
    "Ute",
    "Viktor",
    "Sarah",
    "James",
    "Olivia",
    "Ahmed",
    "Mehmet",
    "Yuki",
    "Priya",
    "Lars",
    "Ines",
    "Marta",
]
SUBJECT = {"en": "Subject: {a} {b}", "de": "Betreff: {a} {b}"}
SIGNATURE = {
    "en": "Sent from my iPhone",
    "de": "Diese E-Mail ist vertraulich. Wenn Sie nicht der richtige Adressat sind, "
    "informieren Sie bitte den Absender.",
}


DETAILS = {
    "en": [
        "(ticket {n})",
        "on floor {d}",
        "in room {L}{n3}",
        "at {hh}:{mm}",
        "for the {dept} department",
        "with order {n}",
        "model {L}{L}-{n3}",
        "version {d}.{d}.{d}",
        "as {name} mentioned",
        "near the {place}",
        "since {weekday} {hh}:{mm}",
        "for {name} and {name2}",
        "in the {place} building",
        "after {name}'s {event}",
        "before the {event} on {weekday}",
    ],
    "de": [
        "(Ticket {n})",
        "im {d}. Stock",
        "in Raum {L}{n3}",
        "um {hh}:{mm} Uhr",
        "für die Abteilung {dept}",
        "mit Auftrag {n}",
        "Modell {L}{L}-{n3}",
        "Version {d}.{d}.{d}",
        "wie {name} sagte",
        "beim {place}",
        "seit {weekday} {hh}:{mm}",
        "für {name} und {name2}",
    ],
}
DEPTS = [
    "sales",
    "marketing",
    "finance",
    "logistics",
    "research",
    "purchasing",
    "controlling",
    "legal",
    "design",
]
PLACES = [
    "reception",
    "canteen",
    "warehouse",
    "lab",
    "entrance",
    "garage",
    "library",
    "lobby",
    "archive",
]
EVENTS = ["audit", "presentation", "workshop", "release", "visit", "migration", "offsite", "review"]
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"],
}


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
