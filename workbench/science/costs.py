"""What a model costs to run: fit time, prediction latency per row and size on disk. These vary
from machine to machine: the results hold them in `measured` fields, which `verify` leaves
out of its comparison."""

from __future__ import annotations

import time

import numpy as np

from workbench.store.results import ModelCosts

LATENCY_ROWS = 100  # single-row predictions timed per model, at most
LATENCY_MIN_ROWS = 20  # timed even when they overrun the budget
LATENCY_BUDGET_S = 0.5  # per model: a slow pipeline is measured on fewer rows, not for minutes
# the baselines' latencies are context in the cost table, not judged: a shorter budget and
# fewer rows at least (six of them would otherwise spend seconds of every run timing single
# rows; a pipeline's single-row prediction costs 5 to 30 ms on two cores)
BASELINE_LATENCY_BUDGET_S = 0.05
BASELINE_LATENCY_MIN_ROWS = 5


def measure_fitted(
    model,
    fit_s: float,
    fit_rows: int,
    X_rows,
    task: str,
    budget_s: float | None = None,
    min_rows: int | None = None,
    file_bytes: int | None = None,
) -> ModelCosts:
    """Costs of a model fitted on `fit_rows` rows in `fit_s` seconds: single-row predictions
    on the first rows of `X_rows` (100, or fewer once `min_rows` — 20 by default — are timed
    and `budget_s` — half a second by default — has passed) give p50 and p95 milliseconds per
    row; the skops file gives the size in kB (`file_bytes` when the model was just saved as
    one, or is being sized elsewhere and set later; else written to memory here)."""
    budget_s = LATENCY_BUDGET_S if budget_s is None else budget_s
    min_rows = LATENCY_MIN_ROWS if min_rows is None else min_rows
    predict = model.predict if task == "regression" else model.predict_proba
    sample = X_rows.iloc[: min(LATENCY_ROWS, len(X_rows))]
    times: list[float] = []
    spent = 0.0
    for i in range(len(sample)):
        if len(times) >= min_rows and spent >= budget_s:
            break
        t0 = time.perf_counter()
        predict(sample.iloc[[i]])
        elapsed = time.perf_counter() - t0
        spent += elapsed
        times.append(elapsed * 1000)
    return ModelCosts(
        fit_seconds=round(fit_s, 3),
        fit_rows=int(fit_rows),
        latency_rows=len(times),
        latency_ms_p50=round(float(np.percentile(times, 50)), 3),
        latency_ms_p95=round(float(np.percentile(times, 95)), 3),
        size_kb=size_kb(skops_bytes(model) if file_bytes is None else file_bytes),
    )


def size_kb(file_bytes: int) -> float:
    return round(file_bytes / 1024, 1)


def skops_bytes(model) -> int:
    """The size of the model's skops file, written to memory."""
    import skops.io as sio  # here, not above: its import scans every scikit-learn estimator,
    # seconds a forecast study (whose stage modules import this one) never needs

    return len(sio.dumps(model))
