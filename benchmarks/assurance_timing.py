"""Wall time of the assurance stage (robustness, fairness, explanations) on a generated
50,000-row credit-like data set with two sensitive columns and a time column.

The stages before it are replaced by their outputs (snapshot, split, a fitted XGBoost
candidate), so only the assurance stage is timed. Run from the project root:

    .venv/bin/python benchmarks/assurance_timing.py [--rows 50000] [--estimators 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--estimators", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()

    import synth
    from baselines import family_pipeline as build_model
    from conftest import make_project
    from workbench.engine.runner import start_run
    from workbench.inputs.context import load_context
    from workbench.science.modeling import prepare
    from workbench.science.splits import make_split
    from workbench.stages import run_and_save
    from workbench.store.model_files import save_model
    from workbench.store.run_directory import atomic_write

    root = Path(tempfile.mkdtemp(prefix="assurance-timing-"))
    frame = synth.applicants(args.rows)
    spec = make_project(
        root,
        frame,
        "status",
        sensitive=["age", "region"],
        edits={"  min_lift_over_baseline: 0.01": "  min_lift_over_baseline: 0.01\n"
               "  max_fairness_disparity: 0.1\n  max_robustness_drop: 0.05"},
    )  # fmt: skip
    ctx = load_context(spec)
    run = start_run(ctx, root / "run", resume=False, stage=None)
    run_and_save("data", ctx, run)
    import io

    import pandas as pd

    snap = pd.read_parquet(run.snapshot)
    from workbench.science.modeling import encode_target, known_target_rows

    rows = known_target_rows(snap, "status")
    y, classes = encode_target(rows["status"], "binary", ctx.spec.task.positive_class, ctx)
    buf = io.BytesIO()
    make_split(rows, y, ctx.spec, ctx.spec_file, classes).to_parquet(buf, index=False)
    atomic_write(run.split_file, buf.getvalue())
    prep = prepare(ctx, run)
    params = {"n_estimators": args.estimators, "max_depth": 6, "learning_rate": 0.05}
    model = build_model("xgboost", params, prep.columns, "binary", ctx.spec.seed)
    t0 = time.perf_counter()
    model.fit(prep.X.iloc[prep.train], prep.y[prep.train])
    fit_s = time.perf_counter() - t0
    save_model(model, run.dir / "models" / "candidate.skops")

    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        result = run_and_save("assurance", ctx, run)
        times.append(time.perf_counter() - t0)
    run.release()
    ex, rob, fair = result.explanations, result.robustness, result.fairness
    print(f"rows {args.rows:,}: train {len(prep.train):,}, holdout {len(prep.test):,}")
    print(f"candidate fit (xgboost, {args.estimators} trees, 1 thread): {fit_s:.1f} s")
    print(f"assurance stage wall time: median {statistics.median(times):.1f} s over {len(times)}")
    print(
        f"  robustness: {len(rob.tests)} tests on {rob.sample_rows:,} rows; seeds refit on "
        f"{rob.seeds.train_rows:,} rows; SHAP: {ex.method}, {ex.explained_rows:,} rows; "
        f"fold refits on {ex.fold_train_rows:,} rows; fairness: {len(fair.attributes)} attributes"
    )
    print(f"run directory: {run.dir}")


if __name__ == "__main__":
    main()
