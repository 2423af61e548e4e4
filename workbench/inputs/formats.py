"""How a client's file writes its values: the text encoding, the column separator, the decimal
and thousands separators of its numbers, and the format of each date column.

`ReadOptions` holds the choices a study reads with (the spec's `data` block keeps them, so a run
never re-guesses); the `detect_*` functions make those choices from a sample when `workbench
init` meets a new extract, and `parse_numbers` / `parse_dates` apply them. Nothing is guessed
where the data cannot tell: dates whose day and month are both 12 or less in every row are
ambiguous, and `init` asks for their format instead.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from workbench.inputs.periods import is_period_format, parse_periods

ISO = "ISO8601"  # pandas' own name for ISO dates and timestamps, time zones included
SPACES = " \u00a0\u202f"  # a space, a no-break space and a narrow no-break space
CURRENCY = re.compile(r"^(?:[€$£]|EUR|USD|GBP|CHF)\s*|\s*(?:[€$£]|EUR|USD|GBP|CHF)$")
DELIMITERS = [",", ";", "\t", "|"]
SAMPLE_ROWS = 5_000


@dataclass(frozen=True)
class ReadOptions:
    """How to read one file: what the spec's `data` block says (defaults: UTF-8, comma,
    decimal point, no thousands separator, month-first dates where a date has no format)."""

    encoding: str | None = None
    delimiter: str | None = None
    decimal: str = "."
    thousands: str | None = None
    dayfirst: bool = False
    date_format: str | None = None
    sheet: str | int | None = None

    @property
    def plain_numbers(self) -> bool:
        """Numbers as pandas reads them by default (decimal point, no grouping)."""
        return self.decimal == "." and not self.thousands


# -- text: encoding and separator ---------------------------------------------------------------
BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def detect_encoding(raw: bytes) -> str:
    """UTF-8 (with or without its byte-order mark) when the bytes decode as UTF-8; a UTF-16
    file by its byte-order mark; otherwise the legacy encoding charset-normalizer finds, where
    Windows' Western European code page (cp1252) wins over Latin-1 when both decode."""
    for bom, name in BOMS:
        if raw.startswith(bom):
            return name
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    if _decodes(raw, "cp1252") and _western(raw.decode("cp1252")):
        return "cp1252"  # the Windows code page of Western European extracts
    best = from_bytes(raw[:200_000]).best()
    guess = codecs.lookup(best.encoding).name if best is not None else "latin-1"
    return guess if _decodes(raw, guess) else "latin-1"


WESTERN = set("äöüÄÖÜßéèêëàâáçñóòôõúùûíìîïÿœæøåÉÈÊÀÂÁÇÑÓÒÔÚÙÛÍÌÎØÅÆŒ€£¥°§«»–—„“”‘’•…·½¼¾±×µ¿¡ ")


def _western(text: str) -> bool:
    """Whether the non-ASCII characters of a text are the letters and signs of Western
    European languages (what cp1252 decodes them to when it is the file's encoding)."""
    other = [c for c in text if ord(c) > 127]
    return not other or sum(c in WESTERN for c in other) >= 0.95 * len(other)


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def detect_delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number (two or more) of fields
    most consistently; a comma when none does."""
    lines = [ln for ln in text.splitlines()[:200] if ln.strip()]
    best, best_score = ",", 0.0
    for sep in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=sep)]
        if not counts:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = hits / len(counts) + mode / 1000  # consistency first, then more fields
        if score > best_score:
            best, best_score = sep, score
    return best


# -- numbers ------------------------------------------------------------------------------------
def _group(thousands: str | None) -> str:
    if not thousands:
        return ""
    return f"[{SPACES}]" if thousands in SPACES else re.escape(thousands)


def number_pattern(decimal: str, thousands: str | None) -> re.Pattern:
    """A whole value written as a number under a convention: sign (or a trailing minus, as
    accounting exports write it), digits grouped by `thousands` in threes, `decimal` fraction."""
    g, d = _group(thousands), re.escape(decimal)
    whole = rf"(?:\d{{1,3}}(?:{g}\d{{3}})+|\d+)" if g else r"\d+"
    return re.compile(rf"^[+\-−]?(?:{whole}(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?-?$")


def strip_currency(values: pd.Series) -> pd.Series:
    return values.str.replace(CURRENCY, "", regex=True)


def parse_numbers(values: pd.Series, decimal: str, thousands: str | None) -> pd.Series:
    """Text written under a number convention as float64; anything else missing."""
    text = strip_currency(values.astype("str").str.strip())
    ok = text.str.fullmatch(number_pattern(decimal, thousands).pattern).fillna(False)
    text = text.where(ok)
    if thousands:
        text = text.str.replace(_group(thousands), "", regex=True)
    text = text.str.replace(decimal, ".", regex=False).str.replace("−", "-", regex=False)
    negative = text.str.endswith("-") & ~text.str.startswith("-")
    text = text.where(~negative, "-" + text.str[:-1])
    out = pd.to_numeric(text, errors="coerce").astype("float64")
    return out.where(values.notna())


CONVENTIONS = [(".", None), (".", ","), (".", "'"), (",", None), (",", "."), (",", " "), (",", "'")]


def number_convention(values: pd.Series) -> tuple[str, str | None] | None:
    """The convention every value of a text column is written in (decimal, thousands), or None
    when the values are not all numbers under one convention. Among the conventions that fit,
    the one with evidence wins (a comma followed by other than three digits is a decimal
    comma); a column that fits both readings equally (`1.234`) is left undecided: None."""
    text = strip_currency(values.dropna().astype("str").str.strip())
    text = text[text != ""]
    if len(text) == 0 or text.str.fullmatch(r"[+\-]?\d+").all():
        return None  # empty, or plain integers: nothing to decide
    fits = [c for c in CONVENTIONS if text.str.fullmatch(number_pattern(*c).pattern).all()]
    if not fits:
        return None
    decimals = {d for d, _ in fits}
    if len(decimals) == 1:
        decimal = decimals.pop()
    else:  # both readings fit every value: ambiguous on its own
        return None
    used = [t for d, t in fits if d == decimal and t and text.str.contains(_group(t)).any()]
    return decimal, (used[0] if used else None)


def detect_numbers(frame: pd.DataFrame) -> tuple[str, str | None, list[str]]:
    """The file's number convention from its text columns: (decimal, thousands, the columns
    that showed it). Columns fitting either reading follow the others."""
    votes: dict[tuple[str, str | None], list[str]] = {}
    for name in frame.columns:
        col = frame[name]
        if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
            continue
        found = number_convention(col.head(SAMPLE_ROWS))
        if found is not None:
            votes.setdefault(found, []).append(str(name))
    if not votes:
        return ".", None, []
    by_decimal: dict[str, list[str]] = {}
    for (d, _), cols in votes.items():
        by_decimal.setdefault(d, []).extend(cols)
    decimal = max(by_decimal, key=lambda d: len(by_decimal[d]))
    grouped = [(t, cols) for (d, t), cols in votes.items() if d == decimal and t]
    thousands = max(grouped, key=lambda tc: len(tc[1]))[0] if grouped else None
    return decimal, thousands, sorted(by_decimal[decimal])


# -- dates --------------------------------------------------------------------------------------
ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)
NUMERIC_DATE = re.compile(
    r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
YEAR_FIRST = re.compile(r"^(\d{4})([./])(\d{1,2})\2(\d{1,2})$")


@dataclass
class DateFormat:
    """How one column writes its dates: strftime formats (or ISO), in the order to try."""

    formats: list[str] = field(default_factory=list)
    order: str | None = None  # "dayfirst" | "monthfirst" | None (ISO or year first)
    ambiguous: bool = False  # day-month order undecidable: every day and month <= 12
    example: str = ""

    @property
    def label(self) -> str:
        shown = " or ".join("ISO 8601" if f == ISO else f for f in self.formats)
        return f"dates ({shown})"


def date_format(values: pd.Series, min_share: float = 0.95) -> DateFormat | None:
    """The date format(s) of a text column, when at least `min_share` of its values are dates
    in one or two formats; None otherwise."""
    text = values.dropna().astype("str").str.strip().head(SAMPLE_ROWS)
    text = text[text != ""]
    if len(text) == 0:
        return None
    iso = text.str.fullmatch(ISO_DATE.pattern)
    numeric = text.str.extract(NUMERIC_DATE.pattern)
    is_numeric = numeric[0].notna()
    year_first = text.str.fullmatch(YEAR_FIRST.pattern)
    if (iso | is_numeric | year_first).mean() < min_share:
        return None
    out = DateFormat(example=str(text.iloc[0]))
    if iso.any():
        out.formats.append(ISO)
    if year_first.any():
        sep = text[year_first].str.extract(YEAR_FIRST.pattern)[1].iloc[0]
        out.formats.append(f"%Y{sep}%m{sep}%d")
    if is_numeric.any():
        parts = numeric[is_numeric]
        first, second = parts[0].astype(int), parts[2].astype(int)
        if first.max() > 12 and second.max() > 12:
            return None  # neither day-month nor month-day
        if first.max() > 12:
            out.order = "dayfirst"
        elif second.max() > 12:
            out.order = "monthfirst"
        else:
            out.ambiguous = True
            out.order = None
        for shape in _shapes(parts):
            out.formats.append(shape if out.order != "monthfirst" else _swap(shape))
    return out


def _shapes(parts: pd.DataFrame) -> list[str]:
    """The day-first strftime formats the numeric dates of a column use (separator, two- or
    four-digit years, with or without a time and seconds)."""
    shapes = []
    for sep, year, hour, sec in (
        parts[[1, 3, 4, 6]]
        .assign(
            y=lambda p: p[3].str.len(),
            h=lambda p: p[4].notna(),
            s=lambda p: p[6].notna(),
        )[[1, "y", "h", "s"]]
        .drop_duplicates()
        .itertuples(index=False, name=None)
    ):
        fmt = f"%d{sep}%m{sep}" + ("%Y" if year == 4 else "%y")
        if hour:
            fmt += " %H:%M" + (":%S" if sec else "")
        shapes.append(fmt)
    return sorted(set(shapes))


def _swap(fmt: str) -> str:
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def parse_dates(values: pd.Series, formats: list[str] | None, dayfirst: bool) -> pd.Series:
    """Text dates as naive datetimes: each format tried in turn (ISO 8601 always, with time
    zones converted to UTC), the first that reads a value wins; without formats, pandas reads
    each value on its own with `dayfirst`."""
    present = values.notna()
    text = values.astype("str").str.strip().where(present)
    if not formats:
        extra = {"dayfirst": True} if dayfirst else {}
        try:
            out = pd.to_datetime(text, errors="coerce", format="mixed", **extra)
        except ValueError:  # several time-zone offsets in one column: all to UTC
            out = pd.to_datetime(text, errors="coerce", format="mixed", utc=True, **extra)
        return out.dt.tz_convert(None) if getattr(out.dt, "tz", None) is not None else out
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in [*formats, *([ISO] if ISO not in formats else [])]:
        todo = out.isna() & present
        if not todo.any():
            break
        if fmt == ISO:
            got = pd.to_datetime(text[todo], errors="coerce", format=ISO, utc=True)
            got = got.dt.tz_convert(None)
        elif is_period_format(fmt):  # quarters and ISO weeks: strftime cannot read them
            got = parse_periods(text[todo], fmt)
        else:
            got = pd.to_datetime(text[todo], errors="coerce", format=fmt)
        out.loc[todo] = got.astype("datetime64[ns]")
    return out


def looks_numeric(values: pd.Series) -> bool:
    """Whether a text column holds numbers under some convention (a warning for `validate`)."""
    text = strip_currency(values.dropna().astype("str").str.strip().head(SAMPLE_ROWS))
    text = text[text != ""]
    return len(text) > 0 and any(
        text.str.fullmatch(number_pattern(*c).pattern).mean() > 0.95 for c in CONVENTIONS
    )


def as_text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text (missing stays missing): what detection looks at."""
    return frame.apply(lambda c: c.astype("str").where(c.notna()) if c.dtype != object else c)


__all__ = [
    "ISO",
    "DateFormat",
    "ReadOptions",
    "as_text_frame",
    "date_format",
    "detect_delimiter",
    "detect_encoding",
    "detect_numbers",
    "looks_numeric",
    "number_convention",
    "parse_dates",
    "parse_numbers",
]
