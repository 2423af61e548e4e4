"""One leakage check on a generated case, split as the workbench splits it (the calibration's
`split_case`): the tests of what each calibration generation showed call it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from calibration_shapes import split_case

from leakage_checks import run_all
from leakage_checks.finding import Roles, SplitFrames


def check(case, seed: int, name: str, roles=None, **settings):
    """The run of check `name` on `case` split with `seed`; `roles` replaces the split's roles,
    `settings` the checks' defaults."""
    frames, split_roles, _, _ = split_case(case, seed)
    [run] = run_all(frames, roles or split_roles, settings=settings, only=[name])
    return run


def shuffled_split(X: pd.DataFrame, y: np.ndarray, seed: int, **roles):
    """Frames and roles of an extract shuffled with `seed` and cut at 75% (a random split):
    every column an input, a yes/no outcome unless `roles` says otherwise."""
    order = np.random.default_rng(seed).permutation(len(y))
    X, y = X.iloc[order].reset_index(drop=True), pd.Series(np.asarray(y)[order])
    cut = int(0.75 * len(y))
    return (
        SplitFrames(X.iloc[:cut], X.iloc[cut:], y.iloc[:cut], y.iloc[cut:]),
        Roles(features=list(X.columns), seed=seed, **{"task": "binary", **roles}),
    )


def run_one(frames, roles, name: str):
    """The run of check `name` on split frames."""
    [run] = run_all(frames, roles, only=[name])
    return run
