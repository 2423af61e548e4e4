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
# the baselines' latencies are context in the cost table, not judged: a shorter budget (six of
# them would otherwise spend three seconds of every run timing single rows)
BASELINE_LATENCY_BUDGET_S = 0.15


def measure_fitted(
    model, fit_s: float, fit_rows: int, X_rows, task: str, budget_s: float | None = None
) -> ModelCosts:
    """Costs of a model fitted on `fit_rows` rows in `fit_s` seconds: single-row predictions
    on the first rows of `X_rows` (100, or fewer once 20 are timed and `budget_s` — half a
    second by default — has passed) give p50 and p95 milliseconds per row; the skops file
    gives the size in kB."""
    import skops.io as sio  # here, not above: its import scans every scikit-learn estimator,
    # seconds a forecast study (whose stage modules import this one) never needs

    budget_s = LATENCY_BUDGET_S if budget_s is None else budget_s
    predict = model.predict if task == "regression" else model.predict_proba
    sample = X_rows.iloc[: min(LATENCY_ROWS, len(X_rows))]
    times: list[float] = []
    spent = 0.0
    for i in range(len(sample)):
        if len(times) >= LATENCY_MIN_ROWS and spent >= budget_s:
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
        size_kb=round(len(sio.dumps(model)) / 1024, 1),
    )
