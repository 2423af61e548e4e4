"""Small generated panels of series for the forecast tests: long data (one row per series and
period) with a seasonal pattern, a planned promotion (known in advance), a measured input
(observed), a static attribute, and optionally a series with zero actuals."""

from __future__ import annotations

import numpy as np
import pandas as pd


def monthly_panel(
    n_series: int = 5,
    months: int = 40,
    seed: int = 0,
    *,
    zero_series: bool = True,
    period_strings: bool = False,
) -> pd.DataFrame:
    """`region`, `month` (dates, or "2024-03" strings), `demand`, `promo`, `rainfall`, `kind`."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2019-01-01")
    rows = []
    for s in range(n_series):
        dates = pd.date_range(start, periods=months, freq="MS")
        t = np.arange(months)
        level = 40.0 * (s + 1)
        promo = (rng.random(months) < 0.2).astype(int)
        rain = 50 + 30 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 8, months)
        y = level * (1 + 0.35 * np.sin(2 * np.pi * t / 12) + 0.004 * t) * (1 + 0.3 * promo)
        y = np.maximum(0, y + rng.normal(0, 0.06 * level, months)).round(1)
        if zero_series and s == n_series - 1:
            y[rng.random(months) < 0.2] = 0.0  # a product that sometimes sells nothing
        for i in range(months):
            rows.append(
                {
                    "region": f"R{s + 1}",
                    "month": dates[i].strftime("%Y-%m")
                    if period_strings
                    else f"{dates[i]:%Y-%m-%d}",
                    "demand": y[i],
                    "promo": int(promo[i]),
                    "rainfall": round(float(rain[i]), 1),
                    "kind": "urban" if s % 2 else "rural",
                }
            )
    return pd.DataFrame(rows)
