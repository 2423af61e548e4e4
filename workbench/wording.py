"""Numbers, intervals and statistics written for people: the one place the workbench turns a
value into text, so that the decision, the readiness list, the report, the hand-off and the
terminal say the same number the same way — in the reader's language (`workbench.language`).

Rules: no scientific notation; digits grouped and decimals marked as the language writes them
(Babel's CLDR data: `12,345.6` in English, `12.345,6` in German); a true minus sign (−); counts
as integers; shares as percentages (`12.3%`, `12,3 %`); money without decimals, with its
currency (`36,800 EUR`, `36.800 €`); an interval as "low to high" on one line; dates as the
language writes them (`6 December 2026`, `6. Dezember 2026`).
"""

from __future__ import annotations

import copy
import math
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from workbench.language import _, babel_locale, capitalises_nouns, ngettext

MINUS = "\u2212"
MISSING = "—"


# -- numbers ------------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _pattern(text: str):
    from babel.numbers import parse_pattern

    return parse_pattern(text)


def _fixed(v: float | int, fraction_digits: int) -> str:
    """`v` with exactly `fraction_digits` decimals and grouped digits, in the reader's
    language, with a true minus sign (and none on a value that rounds to zero)."""
    exact = Decimal(v) if isinstance(v, float) else Decimal(int(v))
    quantum = Decimal(1).scaleb(-fraction_digits)
    if exact.quantize(quantum) == 0:
        exact = abs(exact)
    pattern = _pattern("#,##0" + ("." + "0" * fraction_digits if fraction_digits else ""))
    text = pattern.apply(abs(exact), babel_locale())
    return MINUS + text if exact < 0 else text


def _significant(v: float, digits: int) -> str:
    """A small `v` with `digits` significant digits, never in scientific notation: 0.000134."""
    rounded = float(f"{v:.{digits - 1}e}")
    exponent = math.floor(math.log10(abs(rounded)))
    return _fixed(v, max(0, digits - 1 - exponent))


def significant(v: float, digits: int = 2) -> str:
    """A p-value or another small number with `digits` significant digits: `0.0012`,
    `0.000031`; `0` for none."""
    if v is None or not math.isfinite(v):
        return MISSING
    return _significant(v, digits) if v else _fixed(0, 0)


def lend_voice_to_checks() -> None:
    """The leakage checks (a library that does not import the workbench) word their findings
    in the reader's language from now on: the catalog's messages and these number formats."""
    from leakage_checks import speech

    speech.speak_with(_, ngettext, decimal_digits, pct, count, significant)


def decimal_digits(v: float, digits: int) -> str:
    """`v` with exactly `digits` decimals, grouped, in the reader's language: `1,234.50`."""
    return _fixed(float(v), digits)


def number(value: Any, digits: int = 3) -> str:
    """A number for people: `0.812`, `12,345`, `0.000134`, `−0.020`; `—` when missing."""
    if value is None:
        return MISSING
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int | np.integer):
        return _fixed(int(value), 0)
    v = float(value)
    if not math.isfinite(v):
        return MISSING
    if abs(v) >= 1000:
        return _fixed(v, 0)
    if v != 0 and digits > 0 and abs(v) < 10**-digits:  # small: significant digits, never 1.3e-04
        return _significant(v, digits)
    return _fixed(v, digits)


def span(low: Any, high: Any, digits: int = 3) -> str:
    """The ends of an interval: `0.790 to 0.830`."""
    if low is None or high is None:
        return MISSING
    return _("{low} to {high}").format(low=number(low, digits), high=number(high, digits))


def interval(iv: Any, digits: int = 3) -> str:
    """A value with its 95% interval: `0.812 (95% interval 0.790 to 0.830)`."""
    return _("{value} (95% interval {low} to {high})").format(
        value=number(iv.value, digits),
        low=number(iv.ci_low, digits),
        high=number(iv.ci_high, digits),
    )


def ci(obj: Any) -> str:
    """The interval of anything with `ci_low` and `ci_high`, else `—`."""
    return span(getattr(obj, "ci_low", None), getattr(obj, "ci_high", None))


def pct(share: float | None, digits: int = 1) -> str:
    """A share as a percentage: `12.3%` (`12,3 %` in German); `0%` for none."""
    if share is None or not math.isfinite(share):
        return MISSING
    pattern = copy.copy(babel_locale().percent_formats[None])
    pattern.frac_prec = (0, 0) if share == 0 else (digits, digits)
    exact = Decimal(share)
    if (exact * 100).quantize(Decimal(1).scaleb(-pattern.frac_prec[0])) == 0:
        exact = abs(exact)
    text = pattern.apply(abs(exact), babel_locale())
    return MINUS + text if exact < 0 else text


def level(share: float) -> str:
    """An interval's level as a percentage, as precise as it needs: `95%`, `99%`, `98.8%`."""
    whole = abs(share * 100 - round(share * 100)) < 1e-9
    return pct(share, 0 if whole else 1)


def count(n: Any) -> str:
    """A count: `4,454`; `—` when missing."""
    if n is None or (isinstance(n, float) and not math.isfinite(n)):
        return MISSING
    return _fixed(int(n), 0)


def money(value: float | None, currency: str = "EUR") -> str:
    """An amount, whole units with the currency: `−36,812 EUR` (`−36.812 €` in German)."""
    if value is None or not math.isfinite(value):
        return MISSING
    from babel.numbers import format_currency

    # Translators: the CLDR pattern of a sum of money in whole units: #,##0 is the number,
    # ¤¤ the currency's code (EUR), ¤ its symbol (€); a non-breaking space keeps them together.
    pattern = _("#,##0 ¤¤")
    whole = round(value)
    text = format_currency(
        abs(whole), currency, format=pattern, locale=babel_locale(), currency_digits=False
    )
    return MINUS + text if whole < 0 else text


# -- dates ----------------------------------------------------------------------------------------
def when(iso: str | None) -> str:
    """'2026-11-26T12:11:22+00:00' as '26 November 2026, 12:11 UTC'; a date alone (or a
    midnight without a time zone) as '26 November 2026'."""
    if not iso:
        return ""
    from babel.dates import format_date, format_time

    t = datetime.fromisoformat(iso)
    day = format_date(t.date(), format="long", locale=babel_locale())
    if t.tzinfo is None and (t.hour, t.minute, t.second, t.microsecond) == (0, 0, 0, 0):
        return day
    clock = format_time(t.time(), format="HH:mm", locale=babel_locale())
    return _("{date}, {time} UTC").format(date=day, time=clock)


def day(t: Any) -> str:
    """A date in a table cell or beside a number: `2024-05-01` (`01.05.2024` in German)."""
    from babel.dates import format_date

    # Translators: the CLDR pattern of a date in a table cell (yyyy year, MM month, dd day).
    return format_date(pd.Timestamp(t).date(), format=_("yyyy-MM-dd"), locale=babel_locale())


def times(n: int) -> str:
    """How often: `once`, `twice`, `3 times`, `never`."""
    n = int(n)
    if n == 0:
        return _("never")
    if n == 1:
        return _("once")
    if n == 2:
        return _("twice")
    return ngettext("{n} time", "{n} times", n).format(n=count(n))


def checks_counted(k: int) -> str:
    """`3 checks`: a count with its noun, for a sentence that counts something else too, so
    that each count takes its own noun's plural in every language."""
    return ngettext("{n} check", "{n} checks", k).format(n=count(k))


def failing_values_counted(k: int) -> str:
    """`12 failing values`, for a sentence with another count (see `checks_counted`)."""
    return ngettext("{n} failing value", "{n} failing values", k).format(n=count(k))


def plural(n: int | float, word: str, many: str | None = None) -> str:
    """A count with its English noun: `1 check`, `3 checks`, `2 analyses` (with `many`).
    English only: a sentence in the reader's language counts with `ngettext`."""
    return f"{count(n)} {word if int(n) == 1 else (many or word + 's')}"


def lower_first(text: str) -> str:
    """A name made to follow a colon or start a clause in mid-sentence: `Lift over …` becomes
    `lift over …`, but an acronym keeps its capitals (`ROC AUC of …` stays as it is), and so
    does every name in a language that capitalises its nouns (German: `Datenlecks` stays)."""
    if capitalises_nouns():
        return text
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
        return _("missing")
    if isinstance(v, bool | np.bool_):
        return str(bool(v))
    if isinstance(v, pd.Timestamp | datetime):
        t = pd.Timestamp(v)
        if t == t.normalize():
            return day(t)
        from babel.dates import format_time

        return f"{day(t)} {format_time(t.time(), format='HH:mm', locale=babel_locale())}"
    if isinstance(v, int | np.integer):
        return count(v)
    if isinstance(v, float | np.floating):
        return count(v) if float(v).is_integer() else short_number(float(v))
    return str(v)


def names(items: list[str], limit: int = 6) -> str:
    """A list of names, the first `limit` of them and how many more."""
    shown = ", ".join(items[:limit])
    if len(items) <= limit:
        return shown
    more = len(items) - limit
    return ngettext("{names} and {n} more", "{names} and {n} more", more).format(
        names=shown, n=count(more)
    )


def listing(items: list[str]) -> str:
    """Items joined as the reader's language joins them: `a, b and c` (`a, b und c`)."""
    from babel.lists import format_list

    return format_list(list(items), locale=babel_locale()) if items else ""


def short_number(v: float | None) -> str:
    """A statistic of a column in a sentence: `1,900`, `2.50`, `0.0312`, `0.000134`."""
    if v is None:
        return MISSING
    if not math.isfinite(v):
        return MISSING
    if abs(v) >= 100 or float(v).is_integer():
        return _fixed(v, 0)
    if abs(v) >= 1:
        return _fixed(v, 2)
    shortest = np.format_float_positional(v, precision=3, unique=True, fractional=False)
    decimals = len(shortest.rstrip(".").partition(".")[2])
    return _fixed(v, decimals)


def plain(v: float | int | None) -> str:
    """A setting or a bar as a sentence writes it: its shortest exact digits, `0.05`, `3`,
    `2.5` (`0,05` in German)."""
    if v is None or not math.isfinite(float(v)):
        return MISSING
    if float(v).is_integer():
        return _fixed(float(v), 0)
    shortest = np.format_float_positional(float(v), unique=True, trim="-")
    return _fixed(float(v), len(shortest.partition(".")[2]))


def date_from_days(days: float | None) -> str:
    if days is None:
        return MISSING
    return day(pd.Timestamp("1970-01-01") + pd.Timedelta(days=days))


def describe_reference(ref: dict) -> str:
    """One input's reference statistics in words: centre, spread and missing share."""
    missing = pct(ref["missing_share"])
    if ref["kind"] == "categorical":
        top = list(ref["shares"].items())[:3]
        shares = ", ".join(f"{k} {pct(v)}" for k, v in top)
        return _("commonest {shares} (of {n} categories), missing {missing}").format(
            shares=shares, n=count(ref["distinct"]), missing=missing
        )
    q = ref.get("quantiles") or {}
    if ref.get("type") == "text":
        return (
            f"words per text: median {short_number(q.get('p50'))}, 5–95% "
            f"{short_number(q.get('p05'))} to {short_number(q.get('p95'))}, {missing}"
        )
    if ref.get("type") == "datetime":
        return _("median {median}, 5–95% {low} to {high}, missing {missing}").format(
            median=date_from_days(q.get("p50")),
            low=date_from_days(q.get("p05")),
            high=date_from_days(q.get("p95")),
            missing=missing,
        )
    return _("mean {mean}, sd {sd}, 5–95% {low} to {high}, missing {missing}").format(
        mean=short_number(ref.get("mean")),
        sd=short_number(ref.get("std")),
        low=short_number(q.get("p05")),
        high=short_number(q.get("p95")),
        missing=missing,
    )
