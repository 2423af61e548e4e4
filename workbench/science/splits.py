"""The split the spec asks for, made once and persisted: a holdout (`test`) and, inside the
training part, the cross-validation folds every later stage shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import (
    GroupKFold,
    GroupShuffleSplit,
    KFold,
    StratifiedKFold,
    train_test_split,
)

from workbench.errors import BadInput
from workbench.inputs.spec import Spec


def make_split(
    frame: pd.DataFrame, y: np.ndarray, spec: Spec, spec_file: str, classes: list[str] | None = None
) -> pd.DataFrame:
    """A frame aligned with `frame` holding `part` ('train' | 'test') and `fold` (0..k-1 for
    training rows, -1 for test rows)."""
    s, seed = spec.split, spec.seed
    n = len(frame)
    positions = np.arange(n)
    min_rows = int(np.ceil(2 * s.cv_folds / (1 - s.test_size))) + 2
    if n < max(min_rows, 20):
        raise BadInput(
            f"the data has {n} rows, fewer than a {s.cv_folds}-fold cross-validation "
            f"plus a {s.test_size:.0%} holdout need (at least {max(min_rows, 20)})",
            file=spec_file,
            field="split.cv_folds",
            fix="use more data, or fewer folds (split.cv_folds)",
        )
    if s.strategy == "stratified":
        counts = pd.Series(y).value_counts()
        need = s.cv_folds + 1
        if counts.min() < need:
            small = counts.idxmin()
            shown = classes[small] if classes else small
            raise BadInput(
                f"class '{shown}' has {counts.min()} rows; a stratified split with "
                f"{s.cv_folds} folds needs at least {need} rows of every class",
                file=spec_file,
                field="split.strategy",
                fix="collect more rows of that class, merge it with a similar class, or lower split.cv_folds",
            )
        train, test = train_test_split(
            positions, test_size=s.test_size, random_state=seed, stratify=y
        )
    elif s.strategy == "random":
        train, test = train_test_split(positions, test_size=s.test_size, random_state=seed)
    elif s.strategy == "group":
        groups = frame[s.group_column].astype("str").to_numpy()
        gss = GroupShuffleSplit(n_splits=1, test_size=s.test_size, random_state=seed)
        train, test = next(gss.split(positions, groups=groups))
    else:  # time: the latest rows are the holdout
        times = frame[s.time_column].to_numpy()
        order = np.argsort(times, kind="stable")
        cut = round(n * (1 - s.test_size))
        # rows stamped with the boundary time all go to the test part: no moment on both sides
        cut = int(np.searchsorted(times[order], times[order][cut], side="left"))
        train, test = np.sort(order[:cut]), np.sort(order[cut:])
    part = np.full(n, "train", dtype=object)
    part[test] = "test"
    fold = np.full(n, -1, dtype="int64")
    fold[np.sort(train)] = _folds(frame.iloc[np.sort(train)], y[np.sort(train)], spec)
    return pd.DataFrame({"part": pd.Series(part, dtype="str"), "fold": fold})


def _folds(train: pd.DataFrame, y: np.ndarray, spec: Spec) -> np.ndarray:
    s, k = spec.split, spec.split.cv_folds
    fold = np.empty(len(train), dtype="int64")
    idx = np.arange(len(train))
    if s.strategy == "time":
        order = np.argsort(train[s.time_column].to_numpy(), kind="stable")
        for i, block in enumerate(np.array_split(order, k)):
            fold[block] = i
        return fold
    if s.strategy == "group":
        groups = train[s.group_column].astype("str").to_numpy()
        splitter = GroupKFold(n_splits=k, shuffle=True, random_state=spec.seed)
        it = splitter.split(idx, groups=groups)
    elif s.strategy == "stratified":
        it = StratifiedKFold(k, shuffle=True, random_state=spec.seed).split(idx, y)
    else:
        it = KFold(k, shuffle=True, random_state=spec.seed).split(idx)
    for i, (_, val) in enumerate(it):
        fold[val] = i
    return fold


def cv_splits(fold: np.ndarray, strategy: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, validation) positions within the training part. Time folds chain forward: each
    validation block is scored by a model trained only on the blocks before it."""
    k = int(fold.max()) + 1
    out = []
    for i in range(k):
        if strategy == "time":
            if i == 0:
                continue
            train = np.flatnonzero(fold < i)
        else:
            train = np.flatnonzero(fold != i)
        out.append((train, np.flatnonzero(fold == i)))
    return out
