"""The demo end to end, timed: `workbench demo` run several times (3 by default), each run's
wall time and where it went (from its manifest), and the median.

    uv run python benchmarks/demo_time.py [--runs 3] [--against OTHER_CHECKOUT] [--json OUT]

With `--against`, the same is done in another checkout of the workbench (its own `.venv`, set
up with `python3 dev.py setup`), the runs of the two interleaved (this, other, this, other,
...): on a machine shared with other work both see the same conditions, and the comparison is
fair even when the absolute figures are not. Nothing is appended to RESULTS.md; the figures
are printed (and written as JSON with `--json`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("data", "leakage", "baselines", "tuning", "evaluation", "assurance")


def demo_once(checkout: Path) -> dict:
    """Run `workbench demo` in `checkout` with its own environment; its figures."""
    before = set((checkout / "runs" / "credit_demo").glob("2*"))
    exe = checkout / ".venv" / "bin" / "workbench"
    start = time.perf_counter()
    done = subprocess.run(
        [str(exe), "demo", "--dir", str(checkout)],
        cwd=checkout,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    command = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the demo failed in {checkout}:\n{done.stdout}\n{done.stderr}")
    new = sorted(set((checkout / "runs" / "credit_demo").glob("2*")) - before)
    manifest = json.loads((new[-1] / "manifest.json").read_text())
    recommendation = json.loads((new[-1] / "results" / "decision.json").read_text())
    return {
        "run": str(new[-1]),
        "command_seconds": round(command, 2),
        "wall_seconds": manifest["wall_seconds"],
        "stage_seconds": manifest.get("stage_seconds", {}),
        "orchestration_seconds": manifest.get("orchestration_seconds", {}),
        "recommendation": recommendation["recommendation"],
    }


def machine() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (None,) * 3
    return {"cores": os.cpu_count(), "load_average_1_5_15": [round(v, 2) for v in load]}


def summary(label: str, runs: list[dict]) -> dict:
    med = {
        "command_seconds": statistics.median(r["command_seconds"] for r in runs),
        "wall_seconds": statistics.median(r["wall_seconds"] for r in runs),
    }
    for stage in STAGES:
        med[stage] = statistics.median(r["stage_seconds"].get(stage, 0.0) for r in runs)
    for part in ("start", "notebooks", "decision", "report", "site"):
        med[part] = statistics.median(r["orchestration_seconds"].get(part, 0.0) for r in runs)
    print(f"\n{label}: {len(runs)} runs")
    for r in runs:
        print(
            f"  command {r['command_seconds']:6.1f} s   run {r['wall_seconds']:6.1f} s   "
            f"{r['recommendation']}   {Path(r['run']).name}"
        )
    print(
        f"  median: command {med['command_seconds']:.1f} s, run {med['wall_seconds']:.1f} s; "
        + ", ".join(f"{k} {med[k]:.1f}" for k in (*STAGES, "start", "report"))
    )
    return {"runs": runs, "median": med}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout, timed interleaved")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    checkouts = {"this checkout": ROOT}
    if args.against:
        checkouts["other checkout"] = args.against.resolve()
    found: dict[str, list[dict]] = {k: [] for k in checkouts}
    conditions = {"before": machine()}
    for i in range(args.runs):
        for label, checkout in checkouts.items():
            print(f"run {i + 1}/{args.runs} in {label} ({checkout}) ...", flush=True)
            found[label].append(demo_once(checkout))
    conditions["after"] = machine()
    report = {label: summary(label, runs) for label, runs in found.items()}
    print(f"\nmachine: {json.dumps(conditions)}")
    if args.json:
        args.json.write_text(json.dumps({"machine": conditions, **report}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
