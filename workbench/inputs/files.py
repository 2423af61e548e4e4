"""The one way data enters: read a CSV or Parquet file, coerce it to the contract's types,
fingerprint it, and write the typed Parquet snapshot every later stage reads.

The raw file is only ever opened for reading.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.errors import BadInput
from workbench.inputs.contract import Contract, Violation, load_contract

PARQUET_SUFFIXES = {".parquet", ".pq"}


def fingerprint(path: Path) -> str:
    """sha256 of the file's bytes: the identity of the data a run saw."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_raw(path: Path, delimiter: str | None = None, encoding: str | None = None) -> pd.DataFrame:
    """Read a CSV or Parquet file as it is, or raise `BadInput` saying what is wrong with it."""
    if not path.exists():
        raise BadInput(
            "the data file does not exist",
            file=str(path),
            fix="check data.path in the spec (relative to the spec's folder)",
        )
    if path.stat().st_size == 0:
        raise BadInput(
            "the data file is empty (0 bytes)",
            file=str(path),
            fix="export the data again; the file holds nothing",
        )
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return _read_parquet(path)
    return _read_csv(path, delimiter or ",", encoding or "utf-8")


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


def _read_csv(path: Path, delimiter: str, encoding: str) -> pd.DataFrame:
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
        frame = pd.read_csv(path, sep=delimiter, encoding=encoding, low_memory=False)
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
                    f"in the spec (or pass --delimiter to `workbench init`)",
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
    raw = path.read_bytes()
    for enc in ["utf-16", "cp1252", "latin-1"]:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc != "utf-16" or text.count("\n") > 0:
            return enc
    return "latin-1"


def coerce(frame: pd.DataFrame, contract: Contract) -> tuple[pd.DataFrame, list[Violation]]:
    """The frame with each contract column in its declared type, and the values that would not
    convert (as violations; they become missing). Columns the contract omits are dropped."""
    out = {}
    problems: list[Violation] = []
    for name, spec in contract.columns.items():
        raw = frame[name]
        col, bad = _coerce_column(raw, spec.type)
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


def _coerce_column(raw: pd.Series, kind: str) -> tuple[pd.Series, pd.Series]:
    present = raw.notna()
    if kind in ("integer", "float"):
        col = pd.to_numeric(raw, errors="coerce") if not pd.api.types.is_numeric_dtype(raw) else raw
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
        col = (
            raw
            if pd.api.types.is_datetime64_any_dtype(raw)
            else pd.to_datetime(raw.astype("str").where(present), errors="coerce", format="mixed")
        )
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
    path: Path,
    contract_path: Path,
    columns: list[str],
    delimiter: str | None = None,
    encoding: str | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """`columns` of a CSV/Parquet file coerced to the contract's types, and one warning per
    column whose values did not all convert (they become missing; PII values masked).
    Raises `BadInput` naming the columns the file lacks."""
    contract = load_contract(Path(contract_path))
    raw = read_raw(Path(path), delimiter, encoding)
    raw.columns = [str(c) for c in raw.columns]
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise BadInput(
            f"the data lacks column(s) the model needs: {', '.join(missing)}",
            file=str(path),
            fix="add them (same names as in the contract) or export the data again",
        )
    needed = Contract(dataset=contract.dataset, columns={c: contract.columns[c] for c in columns})
    typed, problems = coerce(raw, needed)
    warnings = [
        f"{p.failures} value(s) of '{p.column}' are {p.check} (e.g. {', '.join(p.examples)}): "
        "treated as missing"
        for p in problems
    ]
    return typed, warnings
