"""Time the whole leakage battery on 1M rows x 30 columns and report peak memory.

uv run python benchmarks/leakage_1m.py [--rows 1000000]

One thread (as the stage kernels); wall and CPU time, since the machines are shared.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import client_frame

from leakage_checks import Roles, SplitFrames, run_all


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    frame = client_frame(args.rows, seed=1)
    frame["opened_on"] = pd.to_datetime(frame["opened_on"])
    for c in frame.columns:
        if frame[c].dtype == "str" and c != "defaulted":
            frame[c] = frame[c].astype("category")
    y = (frame.pop("defaulted") == "yes").astype(int)
    made = time.perf_counter() - t0
    idx = np.random.default_rng(0).permutation(len(frame))
    cut = int(len(frame) * 0.75)
    tr, te = np.sort(idx[:cut]), np.sort(idx[cut:])
    frames = SplitFrames(
        frame.iloc[tr],
        frame.iloc[te],
        y.iloc[tr].reset_index(drop=True),
        y.iloc[te].reset_index(drop=True),
    )
    features = [c for c in frame.columns if c != "opened_on"]
    roles = Roles(
        task="binary",
        features=features,
        time_column="opened_on",
        known_at_prediction=list(frame.columns),
        split_strategy="stratified",
        seed=0,
        target_name="defaulted",
    )
    t1, c1 = time.perf_counter(), time.process_time()
    runs = run_all(frames, roles)
    total, cpu = time.perf_counter() - t1, time.process_time() - c1
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"rows={len(frame):,} columns={frame.shape[1]} (frame built in {made:.1f} s)")
    for r in sorted(runs, key=lambda r: -r.seconds):
        print(f"  {r.name:28s} {r.seconds:7.2f} s  {r.status}")
    print(
        f"battery ({len(runs)} checks): {total:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak_gb:.2f} GB"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
