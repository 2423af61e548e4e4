"""Small generated data sets for tests: the signal, the noise and the planted problems are known."""

from __future__ import annotations

import numpy as np
import pandas as pd


def applicants(n: int = 500, seed: int = 0, *, signal: float = 1.5) -> pd.DataFrame:
    """A credit-like frame: numbers with missing values, pandas 3 string categories, a date, an
    id, and a binary outcome driven by income, debt and employment."""
    rng = np.random.default_rng(seed)
    income = rng.lognormal(7.5, 0.5, n).round(0)
    debt = rng.gamma(2.0, 800, n).round(0)
    job = rng.choice(["fixed", "freelance", "partime", "others"], n, p=[0.6, 0.2, 0.15, 0.05])
    age = rng.integers(18, 70, n)
    region = rng.choice(["north", "south", "east", "west"], n)
    applied = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D")
    z = signal * (
        -(np.log(income) - 7.5) / 0.5 * 0.6
        + (debt - 1600) / 1600 * 0.6
        + np.where(job == "fixed", -0.5, 0.4)
    ) + rng.normal(0, 1, n)
    default = np.where(z > np.quantile(z, 0.7), "bad", "good")
    frame = pd.DataFrame(
        {
            "application_id": np.arange(10_000, 10_000 + n),
            "income": income,
            "debt": debt,
            "job": job,
            "age": age,
            "region": region,
            "applied_on": applied.strftime("%Y-%m-%d"),
            "status": default,
        }
    )
    frame.loc[rng.random(n) < 0.05, "income"] = np.nan
    frame.loc[rng.random(n) < 0.03, "job"] = None
    return frame


def with_target_copy(
    frame: pd.DataFrame, target: str = "status", name: str = "review_flag"
) -> pd.DataFrame:
    """The same frame with the answer planted under another name."""
    out = frame.copy()
    out[name] = out[target].map({"bad": "Y", "good": "N"})
    return out


def regression(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    shop = rng.choice(["a", "b", "c"], n)
    y = 3 * x1 - 2 * x2 + np.where(shop == "a", 2.0, 0.0) + rng.normal(0, 1, n)
    return pd.DataFrame({"x1": x1, "x2": x2, "shop": shop, "sales": y})


def multiclass(n: int = 450, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    colour = rng.choice(["red", "green", "blue"], n)
    score = np.column_stack([x1, x2, -x1 - x2]) + rng.normal(0, 0.7, (n, 3))
    label = np.array(["low", "mid", "high"])[score.argmax(axis=1)]
    return pd.DataFrame({"x1": x1, "x2": x2, "colour": colour, "segment": label})


TEAMS = {
    "billing": "invoice charged twice refund payment bill amount credit card overcharged fee",
    "technical": "error crash login password app update screen loading bug freezes",
    "account": "address change name email settings profile close account subscription",
    "delivery": "parcel delivery courier tracking late arrived damaged package shipment",
}
FILLER = [
    "please",
    "help",
    "me",
    "with",
    "this",
    "i",
    "have",
    "a",
    "problem",
    "since",
    "yesterday",
    "and",
    "it",
    "is",
    "still",
    "not",
    "solved",
    "could",
    "you",
    "look",
    "into",
    "it",
    "thank",
    "you",
    "very",
    "much",
    "for",
    "your",
    "quick",
    "answer",
    "we",
    "are",
    "waiting",
    "again",
    "the",
    "last",
    "time",
    "it",
    "was",
    "the",
    "same",
    "so",
    "i",
    "hope",
    "someone",
    "can",
    "check",
    "today",
    "kind",
    "regards",
]


def tickets(n: int = 400, seed: int = 0, *, columns: bool = True) -> pd.DataFrame:
    """Support tickets routed to one of four teams: a free-text description whose few telling
    words name the team (with words of other teams mixed in, so routing is not trivial), and,
    with `columns`, a channel and a priority. The text carries what real exports carry: e-mail
    addresses, phone numbers, IBANs and names; `\\N` for a missing description; a substitute
    character where an apostrophe was; a word broken by a wrong encoding."""
    rng = np.random.default_rng(seed)
    teams = list(TEAMS)
    team = rng.choice(teams, n, p=[0.35, 0.3, 0.2, 0.15])
    texts = []
    for t in team:
        own = TEAMS[t].split()
        other = TEAMS[rng.choice([x for x in teams if x != t])].split()
        words = [*rng.choice(own, rng.integers(1, 4)), *rng.choice(other, rng.integers(0, 3))]
        words += list(rng.choice(FILLER, rng.integers(8, 20)))
        rng.shuffle(words)
        texts.append(" ".join(words))
    texts = np.array(texts, dtype=object)
    extras = {
        0: lambda i: f"Dear Ms Weber, {texts[i]}",
        1: lambda i: f"{texts[i]} you can reach me at anna.schmidt{i}@example.com",
        2: lambda i: f"{texts[i]} call me on +49 171 23456{i % 100:02d} please",
        3: lambda i: f"{texts[i]} my IBAN is DE89 3704 0044 0532 0130 00. Thanks, Thomas Müller",
        4: lambda i: f"i don\x1at know why {texts[i]}",
        5: lambda i: f"{texts[i]} at the cafÃ©",
    }
    for i in range(n):
        kind = i % 12
        if kind in extras:
            texts[i] = extras[kind](i)
    texts[rng.random(n) < 0.05] = "\\N"
    frame = pd.DataFrame({"ticket_id": np.arange(1, n + 1), "description": texts})
    if columns:
        frame["channel"] = np.where(
            rng.random(n) < 0.3,
            np.where(team == "technical", "app", "email"),
            rng.choice(["email", "phone", "web", "app"], n),
        )
        frame["priority"] = rng.choice(["low", "normal", "high"], n, p=[0.3, 0.5, 0.2])
    frame["team"] = team
    return frame
