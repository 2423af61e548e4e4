from __future__ import annotations

import pandas as pd
import pytest

from workbench.errors import BadInput
from workbench.inputs.contract import Contract
from workbench.inputs.files import coerce, fingerprint, read_raw
from workbench.inputs.formats import ReadOptions


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty (0 bytes)"),
        (b"a,b,y\n", "header but no rows"),
        (b"a,b,y\n1,2,3\n4,5,6,7,8\n", "different number of fields"),
        (b"a;b;y\n1;2;3\n", "separated by ';'"),
        (b"a,a,y\n1,2,3\n", "more than once in the header: a"),
        ("name,y\nJos\u00e9,1\n".encode("cp1252"), "data.encoding: cp1252"),
    ],
)
def test_bad_csv_files(tmp_path, content, words):
    p = tmp_path / "d.csv"
    p.write_bytes(content)
    before = p.read_bytes()
    with pytest.raises(BadInput) as info:
        read_raw(p)
    assert words in str(info.value) and "d.csv" in str(info.value)
    assert p.read_bytes() == before  # the raw file is never modified


def test_encoding_option_reads_non_utf8(tmp_path):
    p = tmp_path / "d.csv"
    p.write_bytes("name,y\nJos\u00e9,1\n".encode("cp1252"))
    assert read_raw(p, ReadOptions(encoding="cp1252"))["name"].iloc[0] == "Jos\u00e9"


def test_corrupt_parquet(tmp_path):
    p = tmp_path / "d.parquet"
    pd.DataFrame({"a": range(100)}).to_parquet(p)
    p.write_bytes(p.read_bytes()[:200])
    with pytest.raises(BadInput, match="Parquet file cannot be read"):
        read_raw(p)


def test_coerce_types_and_unparseable_values(tmp_path):
    c = Contract.model_validate(
        {
            "dataset": "t",
            "columns": {
                "n": {"type": "integer"},
                "d": {"type": "datetime"},
                "c": {"type": "category"},
                "b": {"type": "boolean"},
            },
        }
    )
    raw = pd.DataFrame(
        {
            "n": ["1", "x", "3"],
            "d": ["2024-01-02", "not a date", "2024-03-01"],
            "c": ["u", None, "v"],
            "b": ["yes", "no", None],
            "extra": [1, 2, 3],
        }
    )
    typed, problems = coerce(raw, c)
    assert list(typed.columns) == ["n", "d", "c", "b"]
    assert pd.api.types.is_datetime64_any_dtype(typed["d"])
    assert isinstance(typed["c"].dtype, pd.CategoricalDtype)
    assert typed["b"].tolist()[:2] == [True, False]
    bad = {p.column: p for p in problems}
    assert bad["n"].failures == 1 and bad["n"].examples == ["x"]
    assert bad["d"].failures == 1 and bad["d"].examples == ["not a date"]


def test_fingerprint_changes_with_content(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("a\n1\n")
    first = fingerprint(p)
    p.write_text("a\n2\n")
    assert fingerprint(p) != first and len(first) == 64
