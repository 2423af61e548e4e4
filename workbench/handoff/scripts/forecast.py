"""Forecast the next periods of every series with the promoted forecaster.

    python forecast.py --history extract.csv|extract.parquet --out forecasts.csv

One output row per series and period ahead: the forecast, its 80% and 95% intervals, and
seasonal naive. Rows dated after a series' last actual, with the target empty, carry the
known-in-advance inputs of the periods to forecast.
"""

import argparse
import sys
from pathlib import Path

from workbench.errors import BadInput
from workbench.handoff.forecaster import forecast_ahead, open_forecaster, read_history

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--history", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    try:
        fc = open_forecaster(HERE)
        typed, warnings = read_history(fc, args.history)
        out = forecast_ahead(fc, typed, str(args.history))
    except BadInput as exc:
        sys.exit(f"error: {exc}")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    out.to_csv(args.out, index=False)
    print(f"forecast {out['series'].nunique():,} series, {len(out):,} rows: {args.out}")


if __name__ == "__main__":
    main()
