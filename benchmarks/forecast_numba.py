"""What numba's compilation of statsforecast's models costs a forecast study, and what its
on-disk cache (NIXTLA_NUMBA_CACHE, which `workbench.science.statistical_models` sets) saves:
the import of statsforecast, the first backtest of every baseline (compilation included) and a
second one, in fresh processes with the cache off and on (the first process with it on fills
the cache).

    uv run python benchmarks/forecast_numba.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import os, sys, time, json
t0 = time.perf_counter()
import numpy as np, pandas as pd
from workbench.science import statistical_models as sm
import statsforecast.models, statsforecast.core
imported = time.perf_counter() - t0
rng = np.random.default_rng(0)
n = 104
df = pd.DataFrame({"unique_id": np.repeat(["a", "b", "c"], n),
                   "ds": np.tile(pd.date_range("2022-01-03", periods=n, freq="W-MON"), 3),
                   "y": rng.normal(100, 10, 3 * n)})
names = ["naive", "seasonal_naive", "window_average", "auto_ets", "auto_theta"]
t = time.perf_counter(); sm.backtest(df, names, 12, 4, 2, "W-MON"); first = time.perf_counter() - t
t = time.perf_counter(); sm.backtest(df, names, 12, 4, 2, "W-MON"); second = time.perf_counter() - t
print(json.dumps({"import": imported, "first": first, "second": second}))
"""


def run(cache: bool, cache_dir: str) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "NUMBA_CACHE_DIR": cache_dir}
    env["NIXTLA_NUMBA_CACHE"] = "1" if cache else ""
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache_dir:
        off = [run(False, cache_dir) for _ in range(args.repeats)]
        run(True, cache_dir)  # fills the cache
        on = [run(True, cache_dir) for _ in range(args.repeats)]
    for label, rows in (("cache off", off), ("cache on (filled)", on)):
        med = {k: round(statistics.median(r[k] for r in rows), 2) for k in rows[0]}
        print(label, med)


if __name__ == "__main__":
    main()
