"""Numbers, intervals and statistics written for people: the one place the workbench turns a
value into text, so that the decision, the readiness list, the report and the hand-off say
the same number the same way."""

from __future__ import annotations

from typing import Any

import pandas as pd


def iv_text(iv: Any) -> str:
    """A value with its 95% interval: `0.812 (95% interval 0.790–0.830)`."""
    return f"{iv.value:.3f} (95% interval {iv.ci_low:.3f}–{iv.ci_high:.3f})"


def names(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def pct(v: float) -> str:
    return f"{100 * v:.1f}%"


def short_number(v: float | None) -> str:
    if v is None:
        return "–"
    if abs(v) >= 100 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:.2f}" if abs(v) >= 1 else f"{v:.3g}"


def date_from_days(days: float | None) -> str:
    if days is None:
        return "–"
    return (pd.Timestamp("1970-01-01") + pd.Timedelta(days=days)).strftime("%Y-%m-%d")


def describe_reference(ref: dict) -> str:
    """One input's reference statistics in words: centre, spread and missing share."""
    missing = f"missing {pct(ref['missing_share'])}"
    if ref["kind"] == "categorical":
        top = list(ref["shares"].items())[:3]
        shares = ", ".join(f"{k} {pct(v)}" for k, v in top)
        return f"commonest {shares} (of {ref['distinct']} categories), {missing}"
    q = ref.get("quantiles") or {}
    if ref.get("type") == "datetime":
        return (
            f"median {date_from_days(q.get('p50'))}, 5–95% {date_from_days(q.get('p05'))} to "
            f"{date_from_days(q.get('p95'))}, {missing}"
        )
    return (
        f"mean {short_number(ref.get('mean'))}, sd {short_number(ref.get('std'))}, 5–95% "
        f"{short_number(q.get('p05'))} to {short_number(q.get('p95'))}, {missing}"
    )
