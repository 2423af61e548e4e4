"""The one way data enters: read a CSV or Parquet file, coerce it to the contract's types,
fingerprint it, and write the typed Parquet snapshot every later stage reads.

The raw file is only ever opened for reading.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.contract import Contract, Violation, load_contract
from workbench.inputs.export_debris import (
    EXTRA_MARKERS,
    clean_text,
    clear_typed_markers,
    count_markers,
    remember,
)
from workbench.inputs.formats import ReadOptions, detect_encoding, parse_dates, parse_numbers
from workbench.inputs.personal_data import mask_text_columns

PARQUET_SUFFIXES = {".parquet", ".pq"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


def fingerprint(path: Path) -> str:
    """sha256 of the file's bytes: the identity of the data a run saw."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_raw(path: Path, options: ReadOptions | None = None) -> pd.DataFrame:
    """Read a CSV, Excel or Parquet file as it is (numbers written under the options' decimal
    and thousands separators become numbers; dates stay text until the contract types them;
    null markers are missing values, text is cleared of export debris: `export_debris`, whose
    record the frame carries), or raise `BadInput` saying what is wrong with it."""
    options = options or ReadOptions()
    if not path.exists():
        raise BadInput(
            "the data file does not exist",
            file=str(path),
            fix="check data.path in the spec (relative to the spec's folder)",
        )
    if path.is_dir():
        raise BadInput(
            "the data path is a folder, not a file",
            file=str(path),
            fix="name the CSV, Excel or Parquet file inside it",
        )
    if path.stat().st_size == 0:
        raise BadInput(
            "the data file is empty (0 bytes)",
            file=str(path),
            fix="export the data again; the file holds nothing",
        )
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        frame, markers = clear_typed_markers(_read_parquet(path))
        frame, debris = clean_text(frame)
        return remember(frame, replace(debris, markers=markers))
    if suffix in EXCEL_SUFFIXES:
        frame, markers = _read_excel(path, options.sheet)
    else:
        delimiter, encoding = options.delimiter or ",", options.encoding or "utf-8"
        frame = _read_csv(path, delimiter, encoding, options)
        markers = _csv_markers(path, delimiter, encoding, frame)
    frame, debris = clean_text(frame)
    if suffix in EXCEL_SUFFIXES or not options.plain_numbers:
        frame = _numbers_as_numbers(frame, options)
    return remember(frame, replace(debris, markers=markers))


def _csv_markers(path: Path, delimiter: str, encoding: str, frame: pd.DataFrame) -> dict:
    """The null markers behind the missing values of a CSV file, per column: its columns with
    a missing value read once more as written (a cell left empty is no marker)."""
    gaps = [c for c in frame.columns if frame[c].isna().any()]
    if not gaps:
        return {}
    written = pd.read_csv(
        path,
        sep=delimiter,
        encoding=encoding,
        dtype="str",
        keep_default_na=False,
        na_filter=False,
        usecols=gaps,
        low_memory=False,
    )
    return count_markers(written, gaps)


def _open_workbook(path: Path) -> pd.ExcelFile:
    """The workbook, opened with calamine (read-only), or `BadInput` saying why it cannot be."""
    try:
        return pd.ExcelFile(path, engine="calamine")
    except Exception as exc:  # calamine names the problem: not a workbook, encrypted, corrupt
        raise BadInput(
            f"the workbook cannot be read ({str(exc).splitlines()[0][:160]})",
            file=str(path),
            fix="save it again from Excel as .xlsx, or export the sheet as CSV",
        ) from None


def sheet_columns(path: Path) -> dict[str, list[str]]:
    """Every sheet of a workbook with its column names (its first row), in the workbook's
    order; an empty sheet has none."""
    with _open_workbook(path) as book:
        return {
            str(name): [str(c) for c in pd.read_excel(book, sheet_name=name, nrows=0).columns]
            for name in book.sheet_names
        }


def _read_excel(path: Path, sheet: str | int | None) -> tuple[pd.DataFrame, dict]:
    """One sheet of a workbook (the first by default), read with calamine (read-only), and the
    null markers among its cells."""
    book = _open_workbook(path)
    with book:
        names = book.sheet_names
        chosen = names[0] if sheet is None else sheet
        if isinstance(chosen, int):
            if not 0 <= chosen < len(names):
                raise BadInput(
                    f"the workbook has {len(names)} sheet(s); sheet {chosen} does not exist",
                    file=str(path),
                    field="data.sheet",
                    fix=f"name one of its sheets: {', '.join(names)}",
                )
            chosen = names[chosen]
        if chosen not in names:
            raise BadInput(
                f"the workbook has no sheet '{chosen}'.{did_you_mean(str(chosen), names)}",
                file=str(path),
                field="data.sheet",
                fix=f"name one of its sheets: {', '.join(names)}",
            )
        frame = pd.read_excel(book, sheet_name=chosen, na_values=list(EXTRA_MARKERS))
        gaps = [c for c in frame.columns if frame[c].isna().any()]
        written = pd.read_excel(
            book, sheet_name=chosen, dtype="str", keep_default_na=False, na_filter=False
        )
        markers = count_markers(written, gaps) if gaps else {}
    frame.columns = [str(c) for c in frame.columns]
    if len(frame) == 0:
        raise BadInput(
            f"the sheet '{chosen}' has a header but no rows",
            file=str(path),
            field="data.sheet",
            fix="choose the sheet that holds the data (data.sheet), or export it again",
        )
    unnamed = [c for c in frame.columns if c.startswith("Unnamed: ")]
    if unnamed and len(unnamed) == frame.shape[1]:
        raise BadInput(
            f"the sheet '{chosen}' has no header row",
            file=str(path),
            field="data.sheet",
            fix="put the column names in the sheet's first row",
        )
    return frame, {str(k): v for k, v in markers.items()}


def _numbers_as_numbers(frame: pd.DataFrame, options: ReadOptions) -> pd.DataFrame:
    """Text columns whose every value is a number under the file's convention, as numbers:
    whole numbers without gaps as int64, others float64 — what pandas gives for a plain file."""
    out = {}
    for name in frame.columns:
        col = frame[name]
        if not (pd.api.types.is_string_dtype(col) or col.dtype == object):
            out[name] = col
            continue
        text = col.where(col.astype("str").str.strip() != "")
        parsed = parse_numbers(text, options.decimal, options.thousands)
        if text.notna().any() and parsed.notna().sum() == text.notna().sum():
            whole = parsed.notna().all() and bool((parsed % 1 == 0).all())
            out[name] = parsed.astype("int64") if whole else parsed
        else:
            out[name] = col
    return pd.DataFrame(out, index=frame.index)


def _read_parquet(path: Path) -> pd.DataFrame:
    import pyarrow

    try:
        frame = pd.read_parquet(path)
    except (pyarrow.ArrowInvalid, OSError, ValueError) as exc:
        raise BadInput(
            f"the Parquet file cannot be read ({str(exc).splitlines()[0][:160]})",
            file=str(path),
            fix="the file looks corrupt or truncated: export it again",
        ) from None
    if len(frame) == 0:
        raise BadInput(
            "the Parquet file has columns but no rows",
            file=str(path),
            fix="export the data again with its rows",
        )
    return frame


def _read_csv(path: Path, delimiter: str, encoding: str, options: ReadOptions) -> pd.DataFrame:
    header = _header(path, delimiter, encoding)
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise BadInput(
            f"column name(s) appear more than once in the header: {', '.join(dupes)}",
            file=str(path),
            field=dupes[0],
            fix="rename the duplicates so every column name is unique",
        )
    try:
        # numbers in another convention are read as text and converted with it, never by
        # pandas' own thousands handling (which would read 08.07.2021 as 8072021)
        text = {} if options.plain_numbers else {"dtype": "str"}
        frame = pd.read_csv(
            path,
            sep=delimiter,
            encoding=encoding,
            low_memory=False,
            na_values=list(EXTRA_MARKERS),  # with pandas' own markers (NULL, #N/A, ...)
            **text,
        )
    except pd.errors.EmptyDataError:
        raise BadInput(
            "the data file has no header and no rows",
            file=str(path),
            fix="export the data again with a header line",
        ) from None
    except pd.errors.ParserError as exc:
        msg = str(exc).strip().splitlines()[-1]
        raise BadInput(
            f"the CSV has rows with a different number of fields than the header ({msg})",
            file=str(path),
            fix="quote fields that contain the delimiter, or fix the ragged rows",
        ) from None
    if frame.shape[1] == 1 and len(header) == 1:
        for alt in [";", "\t", "|"]:
            if alt in header[0]:
                shown = "\\t" if alt == "\t" else alt
                raise BadInput(
                    f"only one column was found ('{header[0][:60]}'), which contains '{shown}'",
                    file=str(path),
                    fix=f"the file is separated by '{shown}': set data.csv_delimiter: \"{shown}\" "
                    "in the spec (`workbench init` finds the separator by itself)",
                )
    if len(frame) == 0:
        raise BadInput(
            "the data file has a header but no rows",
            file=str(path),
            fix="export the data again with its rows",
        )
    return frame


def _header(path: Path, delimiter: str, encoding: str) -> list[str]:
    try:
        with path.open(encoding=encoding, newline="") as fh:
            fh.read()  # decode the whole file once so an encoding problem surfaces here
            fh.seek(0)
            return next(csv.reader(fh, delimiter=delimiter), [])
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(path)
        raise BadInput(
            f"the file is not {encoding} text (byte {exc.start} cannot be decoded)",
            file=str(path),
            fix=f"it decodes as {guess}: set data.encoding: {guess} in the spec "
            f"(or pass --encoding {guess} to `workbench init`), or save the file as UTF-8",
        ) from None
    except LookupError:
        raise BadInput(
            f"unknown text encoding '{encoding}'",
            file=str(path),
            field="data.encoding",
            fix="use a Python codec name such as utf-8, cp1252 or latin-1",
        ) from None


def _guess_encoding(path: Path) -> str:
    with path.open("rb") as fh:
        return detect_encoding(fh.read(1 << 20))


def coerce(
    frame: pd.DataFrame, contract: Contract, options: ReadOptions | None = None
) -> tuple[pd.DataFrame, list[Violation]]:
    """The frame with each contract column in its declared type, and the values that would not
    convert (as violations; they become missing). Columns the contract omits are dropped.
    Text numbers are read with the options' separators, text dates with the column's format
    (else the options' `date_format`, else each value on its own with `dayfirst`)."""
    options = options or ReadOptions()
    out = {}
    problems: list[Violation] = []
    for name, spec in contract.columns.items():
        raw = frame[name]
        col, bad = _coerce_column(raw, spec, options)
        if bad.any():
            examples = (
                ["«masked: PII»"]
                if spec.pii
                else [str(v) for v in raw[bad].drop_duplicates().head(2)]
            )
            problems.append(
                Violation(
                    column=name,
                    check=f"not a valid {spec.type}",
                    failures=int(bad.sum()),
                    examples=examples,
                )
            )
        out[name] = col
    return pd.DataFrame(out, index=frame.index), problems


def _coerce_column(raw: pd.Series, spec, options: ReadOptions) -> tuple[pd.Series, pd.Series]:
    present = raw.notna()
    kind = spec.type
    if kind in ("integer", "float"):
        if pd.api.types.is_numeric_dtype(raw):
            col = raw
        elif options.plain_numbers:
            col = pd.to_numeric(raw, errors="coerce")
        else:
            col = parse_numbers(raw, options.decimal, options.thousands)
        col = _narrowest(col.astype("float64"), kind)
    elif kind == "boolean":
        mapping = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
        col = (
            raw
            if pd.api.types.is_bool_dtype(raw)
            else raw.astype("str").str.strip().str.lower().map(mapping)
        )
        col = col.where(present).astype("boolean")
    elif kind == "datetime":
        if pd.api.types.is_datetime64_any_dtype(raw):
            col = raw.dt.tz_convert(None) if raw.dt.tz is not None else raw
        else:
            formats = spec.formats or ([options.date_format] if options.date_format else None)
            col = parse_dates(raw, formats, options.dayfirst)
    elif kind == "category":
        col = raw.astype("str").where(present).astype("category")
    else:
        col = raw.astype("str").where(present)
    return col, present & col.isna()


def _narrowest(col: pd.Series, kind: str) -> pd.Series:
    """Whole numbers without gaps as int32 when they fit (else int64); other numbers stay
    float64. Floats are not narrowed even where exact: float32 inputs make scalers and linear
    models compute in float32, and a model scored on a differently typed extract would then
    not reproduce its predictions exactly."""
    if kind == "integer" and col.notna().all() and np.all(np.mod(col, 1) == 0):
        wide = col.astype("int64")
        info = np.iinfo(np.int32)
        if len(wide) and wide.min() >= info.min and wide.max() <= info.max:
            return wide.astype("int32")
        return wide
    return col


def write_snapshot(frame: pd.DataFrame, path: Path) -> None:
    """Write the typed snapshot atomically (temporary file, then rename)."""
    tmp = path.with_suffix(".parquet.tmp")
    frame.to_parquet(tmp, index=False)
    tmp.replace(path)


def read_snapshot(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path)


def read_rows(
    path: Path, contract_path: Path, columns: list[str], **reading: Any
) -> tuple[pd.DataFrame, list[str]]:
    """`columns` of a CSV, Excel or Parquet file coerced to the contract's types, and one
    warning per column whose values did not all convert (they become missing; PII values
    masked; so is the personal data inside free text). `reading`: the `ReadOptions` the study's extract was read with (new rows come in
    the same format). Raises `BadInput` naming the columns the file lacks."""
    contract = load_contract(Path(contract_path))
    options = ReadOptions(**{k: v for k, v in reading.items() if v is not None})
    raw = read_raw(Path(path), options)
    raw.columns = [str(c) for c in raw.columns]
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise BadInput(
            f"the data lacks column(s) the model needs: {', '.join(missing)}",
            file=str(path),
            fix="add them (same names as in the contract) or export the data again",
        )
    needed = Contract(dataset=contract.dataset, columns={c: contract.columns[c] for c in columns})
    typed, problems = coerce(raw, needed, options)
    # free text is read as the study read it: its personal data masked (the model never saw any)
    typed, _ = mask_text_columns(typed, needed.with_role("text"))
    warnings = [
        f"{p.failures} value(s) of '{p.column}' are {p.check} (e.g. {', '.join(p.examples)}): "
        "treated as missing"
        for p in problems
    ]
    return typed, warnings
