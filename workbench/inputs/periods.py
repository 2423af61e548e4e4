"""Periods as clients export them: "2024-03" (a month), "2024 Q1" (a quarter), "2024 W06" (an
ISO week), "1939 Jan", or a bare year — read as the first moment of the period, so that a
forecast study's time column is a date like any other.

A period format is written in the contract as the time column's `format`, like a date format:
strftime codes where strftime has them ("%Y-%m", "%Y %b", "%Y"), and two codes of our own where
it has none: `%q` for the quarter's number ("%Y Q%q") and ISO weeks as "%G W%V" (the week's
Monday). `parse_periods` reads them; `period_format` finds the format of a column of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class PeriodShape:
    pattern: re.Pattern
    format: str  # as the contract writes it
    label: str  # in words, for init's table


def _p(regex: str, fmt: str, label: str) -> PeriodShape:
    return PeriodShape(re.compile(regex, re.IGNORECASE), fmt, label)


# the order matters only where two shapes could read the same text (none do)
SHAPES = [
    _p(r"^\d{4}-(0[1-9]|1[0-2])$", "%Y-%m", "months (2024-03)"),
    _p(r"^\d{4}/(0[1-9]|1[0-2])$", "%Y/%m", "months (2024/03)"),
    _p(r"^\d{4}M(0[1-9]|1[0-2])$", "%YM%m", "months (2024M03)"),
    _p(r"^\d{4} ?Q[1-4]$", "%Y Q%q", "quarters (2024 Q1)"),
    _p(r"^\d{4}-Q[1-4]$", "%Y-Q%q", "quarters (2024-Q1)"),
    _p(r"^Q[1-4] \d{4}$", "Q%q %Y", "quarters (Q1 2024)"),
    _p(r"^\d{4} ?W(0[1-9]|[1-4]\d|5[0-3])$", "%G W%V", "ISO weeks (2024 W06)"),
    _p(r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$", "%G-W%V", "ISO weeks (2024-W06)"),
    _p(r"^\d{4} [A-Za-z]{3}$", "%Y %b", "months (2024 Mar)"),
    _p(r"^[A-Za-z]{3} \d{4}$", "%b %Y", "months (Mar 2024)"),
    _p(r"^(1[89]|2[01])\d{2}$", "%Y", "years (2024)"),
]
QUARTER = re.compile(r"(\d{4})\D*?([1-4])$|^Q([1-4]) (\d{4})$", re.IGNORECASE)
WEEK = re.compile(r"^(\d{4})[ -]?W(\d{2})$", re.IGNORECASE)


def is_period_format(fmt: str) -> bool:
    """A format that strftime alone cannot read (quarters, ISO weeks without a weekday)."""
    return "%q" in fmt or ("%V" in fmt and "%u" not in fmt)


def period_format(values: pd.Series, min_share: float = 0.95) -> PeriodShape | None:
    """The period shape at least `min_share` of a column's values are written in, or None."""
    text = values.dropna().astype("str").str.strip()
    text = text[text != ""].head(5_000)
    if len(text) == 0:
        return None
    for shape in SHAPES:
        if text.str.fullmatch(shape.pattern.pattern, case=False).mean() >= min_share:
            return shape
    return None


def parse_periods(values: pd.Series, fmt: str) -> pd.Series:
    """Text periods in `fmt` as the first moment of each period (naive datetimes); values that
    do not read become NaT."""
    text = values.astype("str").str.strip().where(values.notna())
    if "%q" in fmt:
        return _quarters(text)
    if "%V" in fmt and "%u" not in fmt:
        return _weeks(text)
    out = pd.to_datetime(text, format=fmt, errors="coerce")
    return out.astype("datetime64[ns]")


def _quarters(text: pd.Series) -> pd.Series:
    parts = text.str.extract(QUARTER.pattern, flags=re.IGNORECASE)
    year = parts[0].fillna(parts[3])
    quarter = parts[1].fillna(parts[2])
    ok = year.notna() & quarter.notna()
    months = (quarter[ok].astype(int) - 1) * 3 + 1
    stamp = year[ok] + "-" + months.astype(str).str.zfill(2) + "-01"
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    out.loc[ok] = pd.to_datetime(stamp, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
    return out


def _weeks(text: pd.Series) -> pd.Series:
    parts = text.str.extract(WEEK.pattern, flags=re.IGNORECASE)
    ok = parts[0].notna()
    stamp = parts[0][ok] + " " + parts[1][ok] + " 1"
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    out.loc[ok] = pd.to_datetime(stamp, format="%G %V %u", errors="coerce").astype("datetime64[ns]")
    return out
