"""How the checks word their findings: in English, unless a caller lends its catalog.

A finding's sentences are whole messages with named placeholders, written with `_` (plurals
with `ngettext`) and numbers with `number`, `pct` and `count`:

    _("{share} of test rows repeat a training row.").format(share=pct(share))

This library stands alone, so it speaks English with Python's own formats. A caller that
speaks another language (the workbench's report) lends its message catalog and number formats
with `speak_with`, once: the checks then word their findings in the caller's language of the
moment. `pybabel extract` finds the messages as it finds any `_`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _english_number(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


def _english_pct(share: float, digits: int = 1) -> str:
    return f"{share:.{digits}%}"


def _english_count(n: Any) -> str:
    return f"{int(n):,}"


def _english_significant(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}g}"


_voice: dict[str, Callable] = {
    "gettext": _english,
    "ngettext": _english_plural,
    "number": _english_number,
    "pct": _english_pct,
    "count": _english_count,
    "significant": _english_significant,
}


def speak_with(
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    number: Callable[[float, int], str],
    pct: Callable[[float, int], str],
    count: Callable[[Any], str],
    significant: Callable[[float, int], str],
) -> None:
    """Word every finding from now on with these: a catalog's `gettext` and `ngettext`, and
    number formats (`number(value, digits)` with that many decimals, `pct(share, digits)`,
    `count(n)`, `significant(value, digits)` with that many significant digits)."""
    _voice.update(
        gettext=gettext,
        ngettext=ngettext,
        number=number,
        pct=pct,
        count=count,
        significant=significant,
    )


def _(message: str) -> str:
    """`message` in the caller's language."""
    return _voice["gettext"](message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for `n`, in the caller's language."""
    return _voice["ngettext"](singular, plural, n)


def number(value: float, digits: int = 2) -> str:
    """`value` with `digits` decimals: `0.93`."""
    return _voice["number"](value, digits)


def pct(share: float, digits: int = 1) -> str:
    """A share as a percentage: `12.3%`."""
    return _voice["pct"](share, digits)


def count(n: Any) -> str:
    """A count: `4,454`."""
    return _voice["count"](n)


def significant(value: float, digits: int = 2) -> str:
    """A p-value or another small number with `digits` significant digits: `3.2e-05`."""
    return _voice["significant"](value, digits)


def series_count(k: int) -> str:
    """`4 series`: the count with its noun, for a sentence that counts something else too, so
    each count takes its own noun's plural (one English word, two German ones)."""
    return ngettext("{n} series", "{n} series", k).format(n=count(k))


def extra_rows_count(k: int) -> str:
    """`3 extra rows`, for a sentence that counts something else too."""
    return ngettext("{n} extra row", "{n} extra rows", k).format(n=count(k))
