"""Null data sets of real shapes for the calibration of the leakage checks: nothing is planted,
so every warning or critical finding on them is a false alarm.

Each family builds a `Case`: the columns in file order, the encoded outcome, what a data
contract would say about the columns (features, id, group, time, known at prediction) and the
split a consultant would choose. `split_case` makes the split and the checks' inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupShuffleSplit, train_test_split

from leakage_checks import Roles, SplitFrames

# sizes cycled through by seed: from a 150-row table to a 50,000-row extract
SIZES = (150, 300, 600, 1_000, 1_500, 2_500, 4_000, 6_000, 10_000, 15_000, 25_000, 50_000)


@dataclass
class Case:
    family: str
    frame: pd.DataFrame  # every column, in file order
    y: np.ndarray  # the outcome, encoded (0/1, class codes, or numbers)
    task: str
    features: list[str]
    split: str = "stratified"  # stratified | random | group | time
    group: str | None = None  # declared group column
    time: str | None = None  # declared time column
    ids: list[str] = field(default_factory=list)
    not_known: list[str] = field(default_factory=list)  # declared known only after the outcome
    leak: list[str] = field(default_factory=list)  # planted leak columns (none on null data)

    @property
    def rows(self) -> int:
        return len(self.frame)


def split_case(case: Case, seed: int, test_size: float = 0.25):
    """The split the case asks for (as the workbench makes it), as the checks' inputs, and the
    positions of the training and test rows."""
    n, pos = case.rows, np.arange(case.rows)
    if case.split == "group":
        groups = case.frame[case.group].astype("str").to_numpy()
        tr, te = next(
            GroupShuffleSplit(1, test_size=test_size, random_state=seed).split(pos, groups=groups)
        )
    elif case.split == "time":
        order = np.argsort(case.frame[case.time].to_numpy(), kind="stable")
        cut = round(n * (1 - test_size))
        tr, te = order[:cut], order[cut:]
    else:
        strat = case.y if case.split == "stratified" else None
        tr, te = train_test_split(pos, test_size=test_size, random_state=seed, stratify=strat)
    tr, te = np.sort(tr), np.sort(te)
    others = [c for c in case.frame.columns]
    frames = SplitFrames(
        case.frame.iloc[tr][others],
        case.frame.iloc[te][others],
        pd.Series(case.y[tr]),
        pd.Series(case.y[te]),
    )
    roles = Roles(
        task=case.task,
        features=list(case.features),
        id_columns=list(case.ids),
        group_column=case.group,
        time_column=case.time,
        # the consultant answered init's question for the honest columns; nobody knew a
        # planted leak's timing
        not_known_at_prediction=list(case.not_known),
        known_at_prediction=[
            c for c in case.frame.columns if c not in case.not_known and c not in case.leak
        ],
        unknown_timing=[c for c in case.leak if c not in case.not_known],
        split_strategy=case.split,
        seed=seed,
        target_name="outcome",
    )
    return frames, roles, tr, te


# -- building blocks ------------------------------------------------------------------------------
def outcome(z: np.ndarray, rate: float, rng) -> np.ndarray:
    """A yes/no outcome with P(yes) = sigmoid(z + c), c chosen so that about `rate` are yes."""
    lo, hi = -30.0, 30.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if (1 / (1 + np.exp(-(z + mid)))).mean() < rate else (lo, mid)
    return (rng.random(len(z)) < 1 / (1 + np.exp(-(z + lo)))).astype(int)


def category(rng, n: int, levels: int, name: str, p=None) -> np.ndarray:
    return np.array([f"{name}_{i}" for i in range(levels)], dtype=object)[
        rng.choice(levels, n, p=p)
    ]


def effect(rng, codes: np.ndarray, scale: float) -> np.ndarray:
    return rng.normal(0, scale, codes.max() + 1)[codes]


def codes_of(values: np.ndarray) -> np.ndarray:
    return pd.factorize(values)[0]


def with_missing(frame: pd.DataFrame, cols: list[str], share: float, rng) -> pd.DataFrame:
    for c in cols:
        frame.loc[rng.random(len(frame)) < share, c] = (
            np.nan if frame[c].dtype.kind == "f" else None
        )
    return frame


def text(values) -> pd.Series:
    return pd.Series(values, dtype="str")


def dates(rng, n: int, start: str = "2021-01-01", span_days: int = 1_000) -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, span_days, n), unit="D")


# -- the families ---------------------------------------------------------------------------------
# the passenger table (class, age, sex -> survived): 2,201 rows, every cell counted
PASSENGERS = {
    # (class, age, sex): (died, survived)
    ("1st", "child", "male"): (0, 5),
    ("2nd", "child", "male"): (0, 11),
    ("3rd", "child", "male"): (35, 13),
    ("crew", "child", "male"): (0, 0),
    ("1st", "child", "female"): (0, 1),
    ("2nd", "child", "female"): (0, 13),
    ("3rd", "child", "female"): (17, 14),
    ("crew", "child", "female"): (0, 0),
    ("1st", "adult", "male"): (118, 57),
    ("2nd", "adult", "male"): (154, 14),
    ("3rd", "adult", "male"): (387, 75),
    ("crew", "adult", "male"): (670, 192),
    ("1st", "adult", "female"): (4, 140),
    ("2nd", "adult", "female"): (13, 80),
    ("3rd", "adult", "female"): (89, 76),
    ("crew", "adult", "female"): (3, 20),
}


def passengers(n: int, seed: int) -> Case:
    """The 2,201-passenger table as rows, in a shuffled order: three coarse inputs, so every
    test row has a twin in training."""
    rows = [
        (*cell, outcome_)
        for cell, counts in PASSENGERS.items()
        for outcome_, count in enumerate(counts)
        for _ in range(count)
    ]
    frame = pd.DataFrame(rows, columns=["class", "age", "sex", "survived"])
    frame = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
    y = frame.pop("survived").to_numpy()
    for c in frame.columns:
        frame[c] = text(frame[c])
    return Case("passengers", frame, y, "binary", list(frame.columns))


def coarse(n: int, seed: int) -> Case:
    """Four coarse categories (2 to 6 levels) and a count: rows repeat by nature."""
    rng = np.random.default_rng(seed)
    cols = {
        "region": category(rng, n, 5, "region"),
        "product": category(rng, n, 3, "product"),
        "channel": category(rng, n, 4, "channel", p=[0.5, 0.3, 0.15, 0.05]),
        "segment": category(rng, n, 2, "segment"),
    }
    z = sum(effect(rng, codes_of(v), 0.6) for v in cols.values())
    frame = pd.DataFrame({k: text(v) for k, v in cols.items()})
    frame["children"] = rng.poisson(0.8, n)
    z = z + 0.2 * frame["children"].to_numpy()
    return Case("coarse", frame, outcome(z, 0.3, rng), "binary", list(frame.columns))


def applicant(rng, n: int):
    """An applicant's income (round amounts), debt, job and age, and the log-odds of default
    they give: the honest core of the credit extracts, null and planted."""
    income = np.round(rng.lognormal(7.8, 0.5, n), -1)
    debt = np.round(rng.gamma(2.0, 900, n), 2)
    job = rng.choice(["fixed", "freelance", "partime", "others"], n, p=[0.6, 0.2, 0.15, 0.05])
    age = rng.integers(18, 75, n)
    z = (
        -0.9 * (np.log(income) - 7.8) / 0.5
        + 0.7 * (debt - 1800) / 1800
        + np.where(job == "fixed", -0.5, 0.3)
    )
    return income, debt, job, age, z


def credit(n: int, seed: int) -> Case:
    """A credit extract: an application id, income (round amounts), debt, job, age, region,
    a loan amount with cents, an application date nobody declared, 5% missing values."""
    rng = np.random.default_rng(seed)
    income, debt, job, age, z = applicant(rng, n)
    z += -0.01 * (age - 45)
    frame = pd.DataFrame(
        {
            "application_id": np.arange(100_000, 100_000 + n),
            "income": income,
            "debt": debt,
            "job": text(job),
            "age": age,
            "region": text(category(rng, n, 6, "region")),
            "amount": np.round(rng.lognormal(8.5, 0.6, n), 2),
            "applied_on": dates(rng, n),
        }
    )
    frame = with_missing(frame, ["income", "job", "debt"], 0.05, rng)
    feats = [c for c in frame.columns if c != "application_id"]
    return Case("credit", frame, outcome(z, 0.3, rng), "binary", feats, ids=["application_id"])


def employer(n: int, seed: int) -> Case:
    """A legitimate high-cardinality category: 400 employers (the city follows the employer),
    each with its own default rate; the rows of an employer are different people."""
    rng = np.random.default_rng(seed)
    emp = rng.zipf(1.3, n) % 400
    city = rng.integers(0, 30, 400)[emp]
    income = rng.lognormal(7.8, 0.4, n)
    age = rng.integers(18, 70, n)
    z = effect(rng, emp, 0.6) - 0.8 * (np.log(income) - 7.8) / 0.4 + rng.normal(0, 0.3, n)
    frame = pd.DataFrame(
        {
            "employer": text([f"employer_{e:03d}" for e in emp]),
            "city": text([f"city_{c}" for c in city]),
            "income": np.round(income, 0),
            "age": age,
            "tenure_years": rng.integers(0, 30, n),
        }
    )
    return Case("employer", frame, outcome(z, 0.2, rng), "binary", list(frame.columns))


def rare(n: int, seed: int) -> Case:
    """1% to 5% positives (fraud-like), numbers and a merchant category."""
    rng = np.random.default_rng(seed)
    rate = [0.01, 0.02, 0.03, 0.05][seed % 4]
    X = rng.normal(size=(n, 5))
    merchant = rng.integers(0, 40, n)
    z = X[:, 0] * 0.9 + X[:, 1] * 0.5 - X[:, 2] * 0.4 + effect(rng, merchant, 0.4)
    frame = pd.DataFrame(X.round(4), columns=[f"x{i}" for i in range(5)])
    frame["merchant"] = text([f"m{m}" for m in merchant])
    frame["hour"] = rng.integers(0, 24, n)
    return Case("rare", frame, outcome(z, rate, rng), "binary", list(frame.columns))


def strong(n: int, seed: int) -> Case:
    """Strong legitimate signal (AUC about 0.9 together, no single input above about 0.85),
    smooth in every input."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 6))
    z = 1.6 * X[:, 0] + 1.3 * X[:, 1] - 1.1 * X[:, 2] + 0.8 * X[:, 3] * (X[:, 4] > 0)
    frame = pd.DataFrame(
        X.round(3), columns=["score_a", "score_b", "usage", "tenure", "load", "noise"]
    )
    frame["plan"] = text(category(rng, n, 4, "plan"))
    return Case("strong", frame, outcome(z, 0.35, rng), "binary", list(frame.columns))


def dominant(n: int, seed: int) -> Case:
    """One strong, honest input carrying the model: card balance and default (the logistic fit
    of a well-known 10,000-row teaching set: 3% default, students with higher balances and lower
    incomes)."""
    rng = np.random.default_rng(seed)
    student = rng.random(n) < 0.29
    balance = np.clip(rng.normal(780 + 200 * student, 470), 0, None)
    income = np.clip(rng.normal(40_000 - 22_000 * student, 10_000), 800, None)
    z = -10.87 + 0.00574 * balance + 3e-6 * income - 0.647 * student
    frame = pd.DataFrame(
        {
            "student": text(np.where(student, "Yes", "No")),
            "balance": np.round(balance, 2),
            "income": np.round(income, 2),
        }
    )
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    return Case("dominant", frame, y, "binary", list(frame.columns))


def maturity(n: int, seed: int) -> Case:
    """A legitimate future date: a loan's maturity, set at application (term 12 to 60 months,
    longer terms default a little more). The application date is the declared time."""
    rng = np.random.default_rng(seed)
    applied = dates(rng, n, "2019-01-01", 1_200)
    term = rng.choice([12, 24, 36, 60], n, p=[0.2, 0.3, 0.3, 0.2])
    amount = rng.lognormal(9, 0.5, n)
    rate = rng.uniform(0.02, 0.15, n)
    z = 0.015 * term + 8 * rate + 0.3 * (np.log(amount) - 9) / 0.5
    frame = pd.DataFrame(
        {
            "applied_on": applied,
            "maturity_on": applied + pd.to_timedelta(term * 30.44, unit="D").round("D"),
            "amount": np.round(amount, 2),
            "interest_rate": np.round(rate, 4),
            "purpose": text(category(rng, n, 5, "purpose")),
        }
    )
    split = "time" if seed % 2 else "stratified"
    feats = [c for c in frame.columns if c != "applied_on"]
    return Case(
        "maturity", frame, outcome(z, 0.2, rng), "binary", feats, split=split, time="applied_on"
    )


def date_sorted(n: int, seed: int) -> Case:
    """An extract sorted by date, the outcome stationary; split by the declared date (even
    seeds) or at random with the date an undeclared input (odd seeds)."""
    rng = np.random.default_rng(seed)
    when = np.sort(dates(rng, n, "2020-01-01", 900).to_numpy())
    X = rng.normal(size=(n, 3))
    channel = category(rng, n, 3, "channel")
    z = X[:, 0] - 0.6 * X[:, 1] + effect(rng, codes_of(channel), 0.5)
    frame = pd.DataFrame(
        {"event_on": when, "a": X[:, 0].round(3), "b": X[:, 1].round(3), "c": X[:, 2].round(3)}
    )
    frame["channel"] = text(channel)
    y = outcome(z, 0.25, rng)
    if seed % 2 == 0:
        feats = ["a", "b", "c", "channel"]
        return Case("date_sorted", frame, y, "binary", feats, split="time", time="event_on")
    return Case("date_sorted", frame, y, "binary", list(frame.columns), split="stratified")


def groups(n: int, seed: int) -> Case:
    """Customers with 2 to 8 rows each, sharing their own attributes, the outcome partly the
    customer's; split by the declared customer column."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 9, max(2, n // 5))
    cust = np.repeat(np.arange(len(sizes)), sizes)[:n]
    n = len(cust)
    birth = rng.integers(1950, 2000, len(sizes))[cust]
    region = rng.integers(0, 8, len(sizes))[cust]
    amount = rng.lognormal(4, 1, n)
    z = effect(rng, cust, 1.0) + 0.5 * (np.log(amount) - 4) + effect(rng, region, 0.3)
    frame = pd.DataFrame(
        {
            "customer_id": text([f"C{c:06d}" for c in cust]),
            "birth_year": birth,
            "region": text([f"r{r}" for r in region]),
            "amount": np.round(amount, 2),
            "channel": text(category(rng, n, 3, "channel")),
        }
    )
    feats = ["birth_year", "region", "amount", "channel"]
    return Case(
        "groups", frame, outcome(z, 0.3, rng), "binary", feats, split="group", group="customer_id"
    )


def small_groups(n: int, seed: int) -> Case:
    """Many small groups (households of 1 to 3 rows), split by the declared household."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 4, n)
    house = np.repeat(np.arange(n), sizes)[:n]
    X = rng.normal(size=(n, 3))
    z = X[:, 0] + effect(rng, house, 0.7)
    frame = pd.DataFrame(
        {"household": house, "x0": X[:, 0].round(3), "x1": X[:, 1].round(3), "x2": X[:, 2].round(3)}
    )
    frame["tariff"] = text(category(rng, n, 4, "tariff"))
    feats = ["x0", "x1", "x2", "tariff"]
    return Case(
        "small_groups",
        frame,
        outcome(z, 0.4, rng),
        "binary",
        feats,
        split="group",
        group="household",
    )


def regression(n: int, seed: int) -> Case:
    """House prices: area, rooms, district, year built, sale date; a random split."""
    rng = np.random.default_rng(seed)
    area = rng.gamma(6, 20, n)
    rooms = np.clip(np.round(area / 30 + rng.normal(0, 1, n)), 1, None)
    district = rng.integers(0, 20, n)
    built = rng.integers(1900, 2024, n)
    price = (
        2_000 * area
        + effect(rng, district, 40_000)
        + 300 * (built - 1960)
        + rng.normal(0, 40_000, n)
    )
    frame = pd.DataFrame(
        {
            "area": np.round(area, 1),
            "rooms": rooms.astype(int),
            "district": text([f"d{d}" for d in district]),
            "built": built,
            "sold_on": dates(rng, n, "2018-01-01", 1_500),
        }
    )
    return Case(
        "regression", frame, np.round(price, -2), "regression", list(frame.columns), split="random"
    )


def multiclass(n: int, seed: int) -> Case:
    """Three to five segments from numbers and a category."""
    rng = np.random.default_rng(seed)
    k = 3 + seed % 3
    X = rng.normal(size=(n, 4))
    colour = rng.integers(0, 6, n)
    logits = X[:, :2] @ rng.normal(0, 1, (2, k)) + rng.normal(0, 0.6, (6, k))[colour]
    y = (logits + rng.gumbel(size=(n, k))).argmax(axis=1)
    frame = pd.DataFrame(X.round(3), columns=["w", "x", "v", "u"])
    frame["colour"] = text([f"c{c}" for c in colour])
    return Case(
        "multiclass", frame, pd.factorize(y, sort=True)[0], "multiclass", list(frame.columns)
    )


def tiny_noise(n: int, seed: int) -> Case:
    """A 150-row table of pure noise: the outcome is independent of every input."""
    rng = np.random.default_rng(seed)
    n = 150
    frame = pd.DataFrame(rng.normal(size=(n, 3)).round(3), columns=["p", "q", "r"])
    frame["s"] = text(category(rng, n, 3, "s"))
    frame["t"] = text(category(rng, n, 2, "t"))
    return Case(
        "tiny_noise", frame, (rng.random(n) < 0.5).astype(int), "binary", list(frame.columns)
    )


WORDS = [
    "late",
    "payment",
    "call",
    "customer",
    "asked",
    "about",
    "fee",
    "waiver",
    "branch",
    "visit",
    "online",
    "transfer",
    "card",
    "blocked",
    "replaced",
    "address",
    "changed",
    "salary",
    "account",
    "opened",
    "closed",
    "statement",
    "dispute",
    "resolved",
    "complaint",
    "reviewed",
    "limit",
    "increase",
    "loan",
    "offer",
    "declined",
    "accepted",
]


def free_text(n: int, seed: int) -> Case:
    """Free text: a note of 4 to 9 words per row (phrases repeat) and a short comment picked
    from 300 sentences, beside numbers."""
    rng = np.random.default_rng(seed)
    phrases = [" ".join(rng.choice(WORDS, rng.integers(4, 10))) for _ in range(300)]
    comment = rng.integers(0, 300, n)
    notes = [" ".join(rng.choice(WORDS, rng.integers(4, 10))) for _ in range(n)]
    x = rng.normal(size=(n, 2))
    z = x[:, 0] + effect(rng, comment, 0.3)
    frame = pd.DataFrame({"note": text(notes), "comment": text([phrases[c] for c in comment])})
    frame["balance"] = np.round(np.exp(x[:, 0] + 6), 2)
    frame["visits"] = rng.poisson(3, n)
    return Case("free_text", frame, outcome(z, 0.25, rng), "binary", list(frame.columns))


def formats(n: int, seed: int) -> Case:
    """Amounts in mixed formats (a third whole numbers, the rest with cents), unrelated to the
    outcome; a measurement with four decimals."""
    rng = np.random.default_rng(seed)
    amount = rng.lognormal(6, 1, n)
    amount = np.where(rng.random(n) < 0.33, np.round(amount, -1), np.round(amount, 2))
    weight = np.round(rng.normal(70, 12, n), 4)
    z = 0.6 * (np.log(amount) - 6) + 0.03 * (weight - 70)
    frame = pd.DataFrame(
        {"amount": amount, "weight": weight, "kind": text(category(rng, n, 5, "k"))}
    )
    return Case("formats", frame, outcome(z, 0.3, rng), "binary", list(frame.columns))


FAMILIES: dict[str, Callable[[int, int], Case]] = {
    "passengers": passengers,
    "coarse": coarse,
    "credit": credit,
    "employer": employer,
    "rare": rare,
    "strong": strong,
    "dominant": dominant,
    "maturity": maturity,
    "date_sorted": date_sorted,
    "groups": groups,
    "small_groups": small_groups,
    "regression": regression,
    "multiclass": multiclass,
    "tiny_noise": tiny_noise,
    "free_text": free_text,
    "formats": formats,
}
FIXED_SIZE = {"passengers": 2_201, "tiny_noise": 150}
# families whose smallest sizes cannot hold their structure (1% positives need rows to exist)
MIN_SIZE = {"rare": 1_000, "employer": 600, "groups": 300, "dominant": 2_500}


def null_cases(per_family: int, seed: int = 0):
    """(family, size, seed) of every null data set: `per_family` seeds per family, sizes
    cycled through `SIZES`."""
    for family in FAMILIES:
        for i in range(per_family):
            size = FIXED_SIZE.get(
                family, max(SIZES[(i * 5 + seed) % len(SIZES)], MIN_SIZE.get(family, 0))
            )
            yield family, size, seed * 1_000 + i


def make_null(family: str, size: int, seed: int) -> Case:
    return replace(FAMILIES[family](size, seed))
