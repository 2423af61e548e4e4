"""A whole forecast study at scale through the CLI: N weekly series of 156 weeks (three years),
horizon 13, `workbench init --task forecast` then `workbench run`, report included. Records the
wall time (the command's, and per stage from the run's manifest) and the peak RSS summed over
every process of the run, for several numbers of series, and how time grows with them.

    uv run python benchmarks/forecast_scale.py [--series 100 300 1000] [--profile standard]

Target (issue 25): 1,000 series x 156 weeks, horizon 13, the whole study in at most 5 minutes
and 3 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from scale import timed  # the peak RSS over every process of the run

TARGET = (300, 3.0)  # seconds, GB for 1,000 series
WEEKS, HORIZON = 156, 13


def weekly_panel(n_series: int, seed: int = 0) -> pd.DataFrame:
    """Store-and-item weekly demand: a yearly season, a trend, planned promotions (known in
    advance), a measured temperature (observed), a store size (static), noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(WEEKS)
    dates = pd.date_range("2022-01-03", periods=WEEKS, freq="W-MON").strftime("%Y-%m-%d")
    level = rng.lognormal(3, 1, n_series)[:, None]
    season = 1 + rng.uniform(0.1, 0.5, (n_series, 1)) * np.sin(
        2 * np.pi * (t[None, :] + rng.integers(0, 52, (n_series, 1))) / 52
    )
    trend = 1 + rng.normal(0, 0.002, (n_series, 1)) * t[None, :]
    promo = (rng.random((n_series, WEEKS)) < 0.1).astype(int)
    temperature = (
        12 + 10 * np.sin(2 * np.pi * t / 52)[None, :] + rng.normal(0, 3, (n_series, WEEKS))
    )
    y = level * season * trend * (1 + 0.3 * promo) * rng.lognormal(0, 0.1, (n_series, WEEKS))
    return pd.DataFrame(
        {
            "store": np.repeat([f"S{i // 10:03d}" for i in range(n_series)], WEEKS),
            "item": np.repeat([f"I{i % 10}" for i in range(n_series)], WEEKS),
            "week": np.tile(dates, n_series),
            "units": np.round(y.ravel(), 1),
            "promo": promo.ravel(),
            "temperature": np.round(temperature.ravel(), 1),
            "size": np.repeat(rng.choice(["small", "large"], n_series), WEEKS),
        }
    )


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one(n_series: int, profile: str, root: Path) -> dict:
    data = root / f"weekly_{n_series}.csv"
    weekly_panel(n_series).to_csv(data, index=False)
    cli = [sys.executable, "-m", "workbench"]
    name = f"weekly_{n_series}"
    init_s, _, done = timed(
        [
            *cli,
            "init",
            str(data),
            "--task",
            "forecast",
            "--target",
            "units",
            "--time-column",
            "week",
            "--series-column",
            "store",
            "--series-column",
            "item",
            "--horizon",
            str(HORIZON),
            "--name",
            name,
            "--dir",
            str(root),
        ],
        root,
    )
    assert done.returncode == 0, done.stderr
    spec = root / "experiments" / f"{name}.yaml"
    text = spec.read_text().replace("profile: standard", f"profile: {profile}")
    text = text.replace("  # confirmed_known: [promo]", "  confirmed_known: [promo]")
    spec.write_text(text)
    contract = root / "data_contracts" / f"{name}.yaml"
    c = contract.read_text()
    head, tail = c.split("  promo:", 1)
    contract.write_text(
        head + "  promo:" + tail.replace("role: observed", "role: known_in_advance", 1)
    )
    run_dir = root / "runs" / name
    cpu_before = _children_cpu()
    run_s, gb, done = timed([*cli, "run", str(spec), "--run-dir", str(run_dir)], root)
    cpu = _children_cpu() - cpu_before  # every process of the run, waited for: load-independent
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((run_dir / "manifest.json").read_text())
    tuning = json.loads((run_dir / "results" / "tuning.json").read_text())
    return {
        "series": n_series,
        "rows": n_series * WEEKS,
        "init_seconds": round(init_s, 1),
        "run_seconds": round(run_s, 1),
        "peak_rss_gb": round(gb, 2),
        "run_cpu_seconds": round(cpu, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "stages": manifest.get("stage_compute_seconds"),
        "trials": tuning["trials_completed"],
        "candidate": tuning["forecast"]["candidate"],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--profile", default="standard")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "forecast_scale.json")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.series:
            rows.append(one(n, args.profile, Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n")
    for a, b in itertools.pairwise(rows):
        growth = b["run_seconds"] / a["run_seconds"]
        print(
            f"{a['series']} -> {b['series']} series: time x{growth:.2f} for x{b['series'] / a['series']:.1f} series"
        )
    big = next((r for r in rows if r["series"] == 1000), None)
    if big:
        total = big["init_seconds"] + big["run_seconds"]
        print(
            f"1,000 series: {total:.0f} s (target {TARGET[0]}), {big['peak_rss_gb']} GB (target {TARGET[1]})"
        )


if __name__ == "__main__":
    main()
