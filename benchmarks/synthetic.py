"""Seeded synthetic frames shaped like client extracts: 30 columns (numbers, categories
including one with ~5,000 levels, a date), ~5% missing values, a binary outcome."""

from __future__ import annotations

import numpy as np
import pandas as pd


def client_frame(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cols: dict[str, object] = {}
    signal = np.zeros(n)
    for i in range(20):
        x = rng.normal(size=n) if i % 2 else rng.lognormal(3, 0.6, n)
        cols[f"num_{i:02d}"] = x
        if i < 6:
            signal += (x - x.mean()) / x.std() * (0.5 if i % 2 else 0.3)
    levels = {
        "region": 12,
        "product": 30,
        "channel": 5,
        "segment": 8,
        "branch": 400,
        "merchant": 5000,
    }
    for name, k in levels.items():
        codes = rng.integers(0, k, n)
        cols[name] = pd.Series(
            pd.Categorical.from_codes(codes, [f"{name[:3]}_{j}" for j in range(k)])
        ).astype("str")
        if name in ("region", "merchant"):
            signal += rng.normal(0, 0.4, k)[codes]
    cols["opened_on"] = (
        pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 1800, n), unit="D")
    ).strftime("%Y-%m-%d")
    cols["customer_age"] = rng.integers(18, 85, n)
    cols["tenure_months"] = rng.integers(0, 240, n)
    frame = pd.DataFrame(cols)
    for name in frame.columns:
        frame.loc[rng.random(n) < 0.05, name] = None
    p = 1 / (1 + np.exp(-(signal - 1.5)))
    frame["defaulted"] = np.where(rng.random(n) < p, "yes", "no")
    return frame
