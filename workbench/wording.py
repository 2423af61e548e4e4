"""Numbers, intervals and statistics written for people: the one place the workbench turns a
value into text, so that the decision, the readiness list, the report, the hand-off and the
terminal say the same number the same way.

Rules: no scientific notation; thousands separated by commas; a true minus sign (−); counts
as integers; shares as percentages; money without decimals, with its currency; an interval
as "low to high" on one line.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

MINUS = "\u2212"
MISSING = "—"


def number(value: Any, digits: int = 3) -> str:
    """A number for people: `0.812`, `12,345`, `0.000134`, `−0.020`; `—` when missing."""
    if value is None:
        return MISSING
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int | np.integer):
        return _signed(f"{int(value):,}")
    v = float(value)
    if not math.isfinite(v):
        return MISSING
    if abs(v) >= 1000:
        text = f"{v:,.0f}"
    elif v != 0 and abs(v) < 10**-digits:  # small: significant digits, never 1.3e-04
        text = np.format_float_positional(v, precision=digits, unique=False, fractional=False)
        text = text.rstrip(".")
    else:
        text = f"{v:.{digits}f}"
    if float(text.replace(",", "")) == 0:
        text = text.lstrip("-")  # no "−0.000"
    return _signed(text)


def span(low: Any, high: Any, digits: int = 3) -> str:
    """The ends of an interval: `0.790 to 0.830`."""
    if low is None or high is None:
        return MISSING
    return f"{number(low, digits)} to {number(high, digits)}"


def interval(iv: Any, digits: int = 3) -> str:
    """A value with its 95% interval: `0.812 (95% interval 0.790 to 0.830)`."""
    return f"{number(iv.value, digits)} (95% interval {span(iv.ci_low, iv.ci_high, digits)})"


def ci(obj: Any) -> str:
    """The interval of anything with `ci_low` and `ci_high`, else `—`."""
    return span(getattr(obj, "ci_low", None), getattr(obj, "ci_high", None))


def pct(share: float | None, digits: int = 1) -> str:
    """A share as a percentage: `12.3%`; `0%` for none."""
    if share is None or not math.isfinite(share):
        return MISSING
    if share == 0:
        return "0%"
    return _signed(f"{100 * share:.{digits}f}%")


def count(n: Any) -> str:
    """A count: `4,454`; `—` when missing."""
    if n is None or (isinstance(n, float) and not math.isfinite(n)):
        return MISSING
    return _signed(f"{int(n):,}")


def money(value: float | None, currency: str = "EUR") -> str:
    """An amount: `−36,800 EUR`."""
    if value is None or not math.isfinite(value):
        return MISSING
    text = f"{value:,.0f}"
    return _signed(text.lstrip("-") if text in ("-0",) else text) + f" {currency}"


def when(iso: str | None) -> str:
    """'2026-11-26T12:11:22+00:00' as '26 November 2026, 12:11 UTC'; a date alone (or a
    midnight without a time zone) as '26 November 2026'."""
    if not iso:
        return ""
    t = datetime.fromisoformat(iso)
    if t.tzinfo is None and (t.hour, t.minute, t.second, t.microsecond) == (0, 0, 0, 0):
        return f"{t.day} {t:%B %Y}"
    return f"{t.day} {t:%B %Y, %H:%M} UTC"


def times(n: int) -> str:
    """How often: `once`, `twice`, `3 times`, `never`."""
    n = int(n)
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{count(n)} times")


def plural(n: int | float, word: str, many: str | None = None) -> str:
    """A count with its noun: `1 check`, `3 checks`, `2 analyses` (with `many`)."""
    return f"{count(n)} {word if int(n) == 1 else (many or word + 's')}"


def lower_first(text: str) -> str:
    """A name made to follow a colon or start a clause in mid-sentence: `Lift over …` becomes
    `lift over …`, but an acronym keeps its capitals (`ROC AUC of …` stays as it is)."""
    head = text.split(" ", 1)[0]
    if len(head) > 1 and (head[1].isupper() or head[1].isdigit()):
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """A clause made to start a sentence: its first letter capitalised, the rest as it was
    (`str.capitalize` would lower-case an acronym further on)."""
    return text[:1].upper() + text[1:]


def value(v: Any) -> str:
    """One cell of a data row, as people read it: a whole number without `.0`, a date without a
    midnight time, a number without scientific notation, `missing` for no value."""
    if v is None or (isinstance(v, float | np.floating) and math.isnan(v)) or v is pd.NaT:
        return "missing"
    if isinstance(v, bool | np.bool_):
        return str(bool(v))
    if isinstance(v, pd.Timestamp | datetime):
        t = pd.Timestamp(v)
        return f"{t:%Y-%m-%d}" if t == t.normalize() else f"{t:%Y-%m-%d %H:%M}"
    if isinstance(v, int | np.integer):
        return count(v)
    if isinstance(v, float | np.floating):
        return count(v) if float(v).is_integer() else short_number(float(v))
    return str(v)


def names(items: list[str], limit: int = 6) -> str:
    """A list of names, the first `limit` of them and how many more."""
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def short_number(v: float | None) -> str:
    """A statistic of a column in a sentence: `1,900`, `2.50`, `0.0312`, `0.000134`."""
    if v is None:
        return MISSING
    if abs(v) >= 100 or float(v).is_integer():
        return _signed(f"{v:,.0f}")
    if abs(v) >= 1:
        return _signed(f"{v:.2f}")
    text = np.format_float_positional(v, precision=3, unique=True, fractional=False)
    return _signed(text.rstrip("."))


def date_from_days(days: float | None) -> str:
    if days is None:
        return MISSING
    return (pd.Timestamp("1970-01-01") + pd.Timedelta(days=days)).strftime("%Y-%m-%d")


def describe_reference(ref: dict) -> str:
    """One input's reference statistics in words: centre, spread and missing share."""
    missing = f"missing {pct(ref['missing_share'])}"
    if ref["kind"] == "categorical":
        top = list(ref["shares"].items())[:3]
        shares = ", ".join(f"{k} {pct(v)}" for k, v in top)
        return f"commonest {shares} (of {ref['distinct']} categories), {missing}"
    q = ref.get("quantiles") or {}
    if ref.get("type") == "text":
        return (
            f"words per text: median {short_number(q.get('p50'))}, 5–95% "
            f"{short_number(q.get('p05'))} to {short_number(q.get('p95'))}, {missing}"
        )
    if ref.get("type") == "datetime":
        return (
            f"median {date_from_days(q.get('p50'))}, 5–95% {date_from_days(q.get('p05'))} to "
            f"{date_from_days(q.get('p95'))}, {missing}"
        )
    return (
        f"mean {short_number(ref.get('mean'))}, sd {short_number(ref.get('std'))}, 5–95% "
        f"{short_number(q.get('p05'))} to {short_number(q.get('p95'))}, {missing}"
    )


def _signed(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text
