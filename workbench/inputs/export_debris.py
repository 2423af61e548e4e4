"""What database and spreadsheet exports leave in a client's file, found and cleared as the file
is read: the null markers that stand for a missing value (`\\N` from MySQL and PostgreSQL dumps,
`NULL`, `(null)`, `#N/A` and the other markers pandas knows), control characters (a `\\x1a`
substitute character where an apostrophe was), and text broken by a wrong encoding on the way
(`cafÃ©` for `café`, repaired with ftfy). Each is counted per column: `workbench init` says what
it found, and the data audit records it for the report.

The file itself is never changed: only the values read from it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from workbench.inputs.text_memo import TextMemo

# Markers pandas reads as missing in CSV and Excel files (its documented defaults), and those
# it does not know: the `\N` of database dumps and the `(null)` of C programs. Typed files
# (Parquet, a database) are held to the explicit ones only: there "NA" may be North America.
PANDAS_MARKERS = (
    "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
)  # fmt: skip
EXTRA_MARKERS = ("\\N", "(null)")
MARKERS = (*PANDAS_MARKERS, *EXTRA_MARKERS)
TYPED_MARKERS = ("\\N", "NULL", "null", "(null)", "#N/A")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SUBSTITUTE_FOR_APOSTROPHE = re.compile(r"(?<=\w)\x1a(?=\w)")  # don\x1at -> don't
REPLACEMENT = "\ufffd"  # a character an earlier export could not decode: lost for good
ATTRS_KEY = "export_debris"


@dataclass
class Debris:
    """Per column: the null markers read as missing (marker -> count), the control characters
    removed, the values whose broken encoding was repaired, and the characters lost in an
    earlier export (shown as �, which no repair brings back)."""

    markers: dict[str, dict[str, int]] = field(default_factory=dict)
    control_characters: dict[str, int] = field(default_factory=dict)
    repaired_values: dict[str, int] = field(default_factory=dict)
    lost_characters: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Debris:
        """What reading `frame` cleared (nothing, for a frame not read from a file)."""
        return cls(**frame.attrs.get(ATTRS_KEY, {}))

    def facts(self) -> list[tuple[str, str, str]]:
        """What `init` says about the file: (what, value, how)."""
        out = []
        for col, found in self.markers.items():
            shown = ", ".join(f"{n:,} × '{marker}'" for marker, n in found.items())
            out.append((f"missing-value markers in '{col}'", shown, "read as missing"))
        for col, n in self.control_characters.items():
            out.append((f"control characters in '{col}'", f"{n:,}", "removed"))
        for col, n in self.repaired_values.items():
            out.append((f"broken encoding in '{col}'", f"{n:,} values", "repaired"))
        for col, n in self.lost_characters.items():
            out.append((f"characters lost before the export in '{col}'", f"{n:,} × '�'", "kept"))
        return out


def count_markers(raw: pd.DataFrame, columns: list[str]) -> dict[str, dict[str, int]]:
    """Per column of `raw` (the cells as written, nothing read as missing), how many cells hold
    each null marker, most frequent first."""
    out = {}
    for name in columns:
        cells = raw[name]
        found = cells[cells.isin(MARKERS)].value_counts()
        if len(found):
            out[str(name)] = {str(m): int(n) for m, n in found.items()}
    return out


def clear_typed_markers(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """Text cells of a typed source (Parquet, a database) that hold an explicit null marker, as
    missing; and the count per column and marker."""
    out, counts = frame, {}
    for name in _text_columns(frame):
        col = frame[name]
        hit = col.isin(TYPED_MARKERS)
        if hit.any():
            counts[str(name)] = {str(m): int(n) for m, n in col[hit].value_counts().items()}
            out = out.copy() if out is frame else out
            out[name] = col.mask(hit)
    return out, counts


def clean_text(frame: pd.DataFrame) -> tuple[pd.DataFrame, Debris]:
    """Every text column with its control characters removed (a substitute character between
    two letters becomes the apostrophe it replaced), its broken encoding repaired and its
    Unicode composed (NFC); and what was done, per column."""
    debris = Debris()
    out = frame
    for name in _text_columns(frame):
        col = frame[name]
        present = col.dropna()
        if present.empty:
            continue
        text = present.astype("str")
        control = text.str.count(CONTROL.pattern)
        unusual = text.str.contains(r"[^\x00-\x7f]", regex=True)
        if not (control.any() or unusual.any()):
            continue  # plain ASCII without control characters: nothing to do
        fixed, repaired = _repaired(text, unusual)
        fixed = fixed.str.replace(SUBSTITUTE_FOR_APOSTROPHE.pattern, "'", regex=True)
        fixed = fixed.str.replace(CONTROL.pattern, "", regex=True)
        key = str(name)
        if int(control.sum()):
            debris.control_characters[key] = int(control.sum())
        if repaired:
            debris.repaired_values[key] = repaired
        lost = int(fixed.str.count(REPLACEMENT).sum())
        if lost:
            debris.lost_characters[key] = lost
        changed = fixed != text
        if changed.any():  # only the cells that changed: other values keep their type
            out = out.copy() if out is frame else out
            column = col.astype("object").copy()
            column[changed.index[changed]] = fixed[changed].to_numpy(dtype=object)
            out[name] = column.astype(col.dtype) if col.dtype != object else column
    return out, debris


def _repaired(text: pd.Series, unusual: pd.Series) -> tuple[pd.Series, int]:
    """The values with non-ASCII characters passed through ftfy's encoding repair and composed
    (NFC); and how many the repair changed. Within `repairs_remembered`, texts repaired before
    are not repaired again."""
    if not unusual.any():
        return text, 0
    before = text[unusual]
    after, repaired = REPAIRS.made(before.tolist(), lambda: _repair(before))
    out = text.copy()
    out[unusual] = after
    return out, repaired


def _repair(before: pd.Series) -> tuple[np.ndarray, int]:
    import ftfy

    after = before.map(lambda v: unicodedata.normalize("NFC", ftfy.fix_encoding(v)))
    composed = before.map(lambda v: unicodedata.normalize("NFC", v))
    return after.to_numpy(dtype=object), int((after != composed).sum())


# within `repairs_remembered`, texts whose encoding was repaired once are not repaired again
# (`init` reads the file to find its format, then again to check the data as a run will)
REPAIRS: TextMemo[tuple[np.ndarray, int]] = TextMemo()
repairs_remembered = REPAIRS.remembered


def _text_columns(frame: pd.DataFrame) -> list:
    return [
        c
        for c in frame.columns
        if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object
    ]


def remember(frame: pd.DataFrame, debris: Debris) -> pd.DataFrame:
    """`frame` carrying what reading it cleared (read back with `Debris.of`)."""
    frame.attrs[ATTRS_KEY] = debris.as_dict()
    return frame
