"""What `workbench init` finds out about a new extract before it infers a contract: the text
encoding and column separator (CSV), the sheet (Excel), the number convention, and the format
of each date column. Whatever the consultant passed on the command line wins; everything else
is detected, said, and written into the spec so that a run reads the file the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.export_debris import Debris
from workbench.inputs.files import EXCEL_SUFFIXES, PARQUET_SUFFIXES, read_raw, sheet_columns
from workbench.inputs.formats import (
    ISO,
    DateFormat,
    ReadOptions,
    date_format,
    detect_delimiter,
    detect_encoding,
    detect_numbers,
    parse_dates,
)

SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass
class Detected:
    frame: pd.DataFrame  # the rows as a run will read them (dates still text)
    options: ReadOptions
    dates: dict[str, DateFormat] = field(default_factory=dict)  # text date columns
    facts: list[tuple[str, str, str]] = field(default_factory=list)  # (what, value, how)


def detect(
    path: Path,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    decimal: str | None = None,
    thousands: str | None = None,
    date_format: str | None = None,
    sheet: str | int | None = None,
    target: str | None = None,
) -> Detected:
    """Read `path` the way its values are written; raise `BadInput` where the file cannot
    tell (dates ambiguous between day and month first) and nothing on the command line did.
    A workbook is read from `sheet`, else from the one sheet that has the column `target`
    (else the first)."""
    suffix = path.suffix.lower()
    facts: list[tuple[str, str, str]] = []
    if suffix in EXCEL_SUFFIXES and path.is_file():
        sheet, how = choose_sheet(path, sheet, target)
        facts.append(("sheet", "the first" if sheet is None else str(sheet), how))
    options = ReadOptions(sheet=sheet)
    if path.is_file() and suffix not in PARQUET_SUFFIXES | EXCEL_SUFFIXES:
        raw = path.read_bytes()[: 1 << 20]
        enc = encoding or detect_encoding(raw)
        facts.append(("encoding", enc, "given" if encoding else "detected"))
        sep = delimiter or detect_delimiter(raw.decode(enc, errors="replace"))
        facts.append(("separator", SEPARATOR_NAMES.get(sep, repr(sep)), _how(delimiter)))
        options = replace(options, encoding=_unless_default(enc, "utf-8"), delimiter=sep)
    sample = read_raw(path, replace(options, decimal=".", thousands=None))
    if decimal is None and thousands is None:
        found_decimal, found_thousands, shown = detect_numbers(sample)
    else:
        found_decimal, found_thousands, shown = decimal or ".", thousands, []
    options = replace(options, decimal=found_decimal, thousands=found_thousands)
    if suffix not in PARQUET_SUFFIXES:
        how = (
            "given"
            if decimal or thousands
            else (f"detected in {_names(shown)}" if shown else "default")
        )
        facts.append(("decimal separator", repr(found_decimal), how))
        facts.append(
            ("thousands separator", repr(found_thousands) if found_thousands else "none", how)
        )
    frame = sample if options.plain_numbers else read_raw(path, options)
    dates = date_columns(frame, date_format, path)
    options = replace(options, **_date_options(dates, date_format))
    for name, fmt in dates.items():
        facts.append((f"dates in '{name}'", " or ".join(fmt.formats), _date_how(fmt, date_format)))
    facts += Debris.of(frame).facts()  # null markers, control characters, broken encodings
    return Detected(frame, options, dates, facts)


def choose_sheet(
    path: Path, sheet: str | int | None, target: str | None
) -> tuple[str | int | None, str]:
    """The sheet of a workbook to read, and how it was chosen: the one given; else, when the
    target is known, the one sheet that has it as a column; else the first. `BadInput` listing
    every sheet with its columns when no sheet, or more than one, has the target (or the sheet
    given lacks it)."""
    if target is None:
        return sheet, _how(sheet)
    sheets = sheet_columns(path)
    holding = [name for name, cols in sheets.items() if target in cols]
    if sheet is not None:
        name = list(sheets)[sheet] if isinstance(sheet, int) and 0 <= sheet < len(sheets) else sheet
        if name not in sheets or target in sheets[name]:
            return sheet, "given"  # a sheet that does not exist is refused when it is read
        elsewhere = f" It is on {_sheet_names(holding)}." if holding else ""
        raise BadInput(
            f"the sheet '{name}' has no column '{target}'.{elsewhere} The workbook's sheets: "
            f"{_sheets_listed(sheets)}",
            file=str(path),
            field="--sheet",
            fix=f"pass --sheet '{holding[0]}'" if len(holding) == 1 else _target_fix(holding),
        )
    if len(sheets) == 1 and holding:
        return None, "the workbook's only sheet"
    if len(holding) == 1:
        first = next(iter(sheets))
        how = f"detected: the only sheet with a column '{target}'"
        return holding[0], how + ("" if holding[0] == first else f" (not the first, '{first}')")
    if holding:
        problem = f"{len(holding)} sheets of the workbook have a column '{target}'"
    else:
        every = [c for cols in sheets.values() for c in cols]
        problem = (
            f"no sheet of the workbook has a column '{target}'.{did_you_mean(target, every)} "
            "Its sheets"
        )
    raise BadInput(
        f"{problem}: {_sheets_listed(sheets)}",
        file=str(path),
        field="--sheet" if holding else "--target",
        fix=_target_fix(holding),
    )


def _sheets_listed(sheets: dict[str, list[str]]) -> str:
    """Each sheet with its columns: `'Notes' (Hinweis); 'Loans' (id, amount, outcome)`."""
    return "; ".join(
        f"'{name}' ({_columns(cols) if cols else 'empty'})" for name, cols in sheets.items()
    )


def _columns(columns: list[str], limit: int = 12) -> str:
    shown = ", ".join(columns[:limit])
    return shown + (f" and {len(columns) - limit} more" if len(columns) > limit else "")


def _sheet_names(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return f"the sheet {quoted[0]}"
    return "the sheets " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _target_fix(holding: list[str]) -> str:
    if holding:
        return f"say which sheet to read with --sheet, e.g. --sheet '{holding[-1]}'"
    return "pass --target with one of the columns listed: the sheet that has it is read"


def date_columns(frame: pd.DataFrame, given: str | None, path) -> dict[str, DateFormat]:
    """The text columns that hold dates, with their formats; `BadInput` for dates ambiguous
    between day first and month first unless `given` says which."""
    out = {}
    for name in frame.columns:
        col = frame[name]
        if not (pd.api.types.is_string_dtype(col) or col.dtype == object):
            continue
        fmt = date_format(col)
        if fmt is None:
            continue
        if fmt.ambiguous:
            if given is None:
                day = next(f for f in fmt.formats if f != ISO)
                month = day.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
                raise BadInput(
                    f"the dates in '{name}' could be day first or month first: no value has a "
                    f"day or a month above 12 (e.g. '{fmt.example}'), so the file cannot tell",
                    file=str(path),
                    field=name,
                    fix=f"say which with --date-format: '{day}' for day first, '{month}' for "
                    "month first",
                )
            fmt.formats = [f for f in fmt.formats if f == ISO] + [given]
            fmt.order = "dayfirst" if given.find("%d") < given.find("%m") else "monthfirst"
            _check_given(col, fmt, given, name, path)
        out[str(name)] = fmt
    return out


def _check_given(col: pd.Series, fmt: DateFormat, given: str, name: str, path: Path) -> None:
    parsed = parse_dates(col, fmt.formats, dayfirst=False)
    bad = col.notna() & parsed.isna()
    if bad.mean() > 0.05:
        raise BadInput(
            f"--date-format {given} does not read the dates in '{name}' "
            f"(e.g. '{col[bad].iloc[0]}')",
            file=str(path),
            field="--date-format",
            fix="give the format the column is written in, e.g. '%d/%m/%Y' or '%m/%d/%Y'",
        )


def _date_options(dates: dict[str, DateFormat], given: str | None) -> dict:
    """The spec's data.dayfirst and data.date_format: day first when the file writes its dates
    so; the one format when a single one covers every date column that is not ISO."""
    orders = {f.order for f in dates.values() if f.order}
    formats = {tuple(x for x in f.formats if x != ISO) for f in dates.values()} - {()}
    one = next(iter(formats))[0] if len(formats) == 1 and len(next(iter(formats))) == 1 else None
    return {"dayfirst": orders == {"dayfirst"}, "date_format": given or one}


def _date_how(fmt: DateFormat, given: str | None) -> str:
    if given and given in fmt.formats:
        return "given"
    if fmt.order == "dayfirst":
        return "detected: day first (a day above 12)"
    if fmt.order == "monthfirst":
        return "detected: month first (a month position above 12)"
    return "detected"


def _how(value) -> str:
    return "given" if value is not None else "detected"


def _unless_default(value: str, default: str) -> str | None:
    return None if value == default else value


def _names(columns: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:limit])
    return shown + (f" and {len(columns) - limit} more" if len(columns) > limit else "")
