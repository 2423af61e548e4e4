"""What a model costs to run: fit time, prediction latency per row and size on disk. These vary
from machine to machine, so they go to the manifest, never to a results file."""

from __future__ import annotations

import time

import numpy as np
import skops.io as sio


def measure(model, X_train, y_train, X_rows, task: str, rows: int = 100) -> dict[str, float]:
    """Fit `model` on the training rows (timed), then time single-row predictions on up to
    `rows` rows: p50 and p95 milliseconds per row, and the fitted model's size in kB."""
    start = time.perf_counter()
    model.fit(X_train, y_train)
    return measure_fitted(model, time.perf_counter() - start, X_rows, task, rows)


def measure_fitted(model, fit_s: float, X_rows, task: str, rows: int = 100) -> dict[str, float]:
    """`measure` for a model already fitted (in `fit_s` seconds): no second fit."""
    predict = model.predict if task == "regression" else model.predict_proba
    sample = X_rows.iloc[: min(rows, len(X_rows))]
    times = []
    for i in range(len(sample)):
        t0 = time.perf_counter()
        predict(sample.iloc[[i]])
        times.append((time.perf_counter() - t0) * 1000)
    return {
        "fit_seconds": round(fit_s, 3),
        "latency_ms_p50": round(float(np.percentile(times, 50)), 3),
        "latency_ms_p95": round(float(np.percentile(times, 95)), 3),
        "size_kb": round(len(sio.dumps(model)) / 1024, 1),
    }
