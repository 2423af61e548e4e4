"""A whole forecast study at scale through the CLI: N weekly series of 156 weeks (three years),
horizon 13, `workbench init --task forecast` then `workbench run`, report included. Records the
wall time (the command's, and per stage from the run's manifest) and the peak RSS summed over
every process of the run, for several numbers of series, and how time grows with them.

    uv run python benchmarks/forecast_scale.py [--series 100 300 1000] [--profile standard]
                                               [--repeats 1]

The machine's cores are often shared: besides the wall times, the benchmark records the
processor seconds of every process of the run (sampled over the process tree, and as the
operating system counts the children it waited for), each stage's processor seconds (from the
run's manifest: its kernel and the processes it waited for) and the load average before and
after; with `--repeats` it runs each size several times and reports medians.

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
from scale import timed, timed_cpu  # the peak RSS (and processor time) of every process

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
    load_before = os.getloadavg()[0]
    cpu_before = _children_cpu()
    run_s, gb, tree_cpu, done = timed_cpu([*cli, "run", str(spec), "--run-dir", str(run_dir)], root)
    cpu = _children_cpu() - cpu_before  # every process of the run the OS saw waited for
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((run_dir / "manifest.json").read_text())
    tuning = json.loads((run_dir / "results" / "tuning.json").read_text())
    choice = json.loads((run_dir / "results" / "candidate.json").read_text())
    return {
        "series": n_series,
        "rows": n_series * WEEKS,
        "init_seconds": round(init_s, 1),
        "run_seconds": round(run_s, 1),
        "total_seconds": round(init_s + run_s, 1),
        "peak_rss_gb": round(gb, 2),
        "run_cpu_seconds": round(max(cpu, tree_cpu), 1),
        "run_cpu_waited": round(cpu, 1),
        "run_cpu_sampled": round(tree_cpu, 1),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "stages": manifest.get("stage_compute_seconds"),
        "stage_cpu": manifest.get("stage_cpu_seconds"),
        "orchestration": manifest.get("orchestration_seconds"),
        "trials": tuning["trials_completed"],
        "pruned": tuning["trials_pruned"],
        "candidate": choice["candidate"],
    }


def median_of(runs: list[dict]) -> dict:
    """Each figure's median over the repeats (per stage too); the load averages as a range."""
    out = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, int | float) and key not in ("series", "rows"):
            out[key] = round(float(np.median([r[key] for r in runs])), 2)
        elif isinstance(value, dict) and all(isinstance(v, int | float) for v in value.values()):
            out[key] = {k: round(float(np.median([r[key][k] for r in runs])), 2) for k in value}
    loads = [v for r in runs for v in r["load_average"]]
    out["load_average"] = [min(loads), max(loads)]
    out["repeats"] = len(runs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--profile", default="standard")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "forecast_scale.json")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    rows, every = [], []
    for n in args.series:
        runs = []
        for _ in range(args.repeats):
            with tempfile.TemporaryDirectory() as tmp:
                runs.append(one(n, args.profile, Path(tmp)))
            print(json.dumps(runs[-1]), flush=True)
        every += runs
        rows.append(median_of(runs))
    args.out.write_text(json.dumps({"medians": rows, "runs": every}, indent=2) + "\n")
    for a, b in itertools.pairwise(rows):
        growth = b["run_seconds"] / a["run_seconds"]
        cpu = b["run_cpu_seconds"] / a["run_cpu_seconds"]
        print(
            f"{a['series']} -> {b['series']} series: wall x{growth:.2f}, processor x{cpu:.2f} "
            f"for x{b['series'] / a['series']:.1f} series"
        )
    big = next((r for r in rows if r["series"] == 1000), None)
    if big:
        print(
            f"1,000 series: {big['total_seconds']:.0f} s wall (target {TARGET[0]}), "
            f"{big['run_cpu_seconds']:.0f} processor seconds, {big['peak_rss_gb']} GB "
            f"(target {TARGET[1]}), load {big['load_average']}"
        )


if __name__ == "__main__":
    main()
