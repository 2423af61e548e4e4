"""The modelling view of a run: features, encoded target, holdout and folds, read from the
snapshot and the persisted split. Every stage after the data audit starts here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from baselines import ColumnRoles
from workbench.errors import BadInput
from workbench.inputs.admission import plain
from workbench.inputs.context import Context
from workbench.inputs.files import read_snapshot
from workbench.store.run_directory import Run


@dataclass
class Prepared:
    frame: pd.DataFrame  # rows with a known target, all contract columns
    X: pd.DataFrame  # the model's features
    y: np.ndarray  # encoded target: class index, or the value for regression
    classes: list[str]
    part: np.ndarray  # "train" | "test" per row
    fold: np.ndarray  # CV fold per training row (aligned with `train`)
    columns: ColumnRoles

    @property
    def train(self) -> np.ndarray:
        return np.flatnonzero(self.part == "train")

    @property
    def test(self) -> np.ndarray:
        return np.flatnonzero(self.part == "test")

    def sampled(self, max_rows: int | None, seed: int) -> Prepared:
        """This view with at most `max_rows` training rows, drawn within each fold (and, for a
        classification task, each class) in proportion, so every fold keeps its share and its
        class balance. The test part is untouched; rows left out are marked "unused". The
        same seed gives the same sample in every process (workers included)."""
        train = self.train
        if max_rows is None or len(train) <= max_rows:
            return self
        strata = self.fold.astype(np.int64) * 1000
        if self.classes:  # classification: stratify by class too
            strata = strata + self.y[train].astype(np.int64)
        rng = np.random.default_rng(seed)
        keep = np.zeros(len(train), dtype=bool)
        share = max_rows / len(train)
        for s in np.unique(strata):
            members = np.flatnonzero(strata == s)
            take = max(1, round(len(members) * share))
            keep[rng.choice(members, take, replace=False)] = True
        part = self.part.copy()
        part[train[~keep]] = "unused"
        return replace(self, part=part, fold=self.fold[keep])


def encode_target(
    values: pd.Series, task: str, positive: object, ctx: Context
) -> tuple[np.ndarray, list[str]]:
    """Classes as integers (for binary, the positive class is 1) or the regression values."""
    target, spec_file = ctx.spec.task.target, ctx.spec_file
    if task == "regression":
        if not pd.api.types.is_numeric_dtype(values):
            raise BadInput(
                f"the target '{target}' holds text (e.g. {plain(values.dropna().iloc[0])}) but the task "
                "is regression",
                file=spec_file,
                field="task.kind",
                fix="use task.kind: binary or multiclass, or choose a numeric target",
            )
        return values.to_numpy(dtype="float64"), []
    text = values.astype("str")
    classes = sorted(text.unique().tolist())
    if pd.api.types.is_float_dtype(values) and len(classes) > 20:
        raise BadInput(
            f"the target '{target}' is a continuous number ({len(classes)} distinct values) "
            f"but the task is {task}",
            file=spec_file,
            field="task.kind",
            fix="use task.kind: regression, or bin the target into classes first",
        )
    if task == "binary":
        if len(classes) != 2:
            raise BadInput(
                f"a binary task needs exactly 2 classes; '{target}' has {len(classes)}: "
                f"{', '.join(classes[:10])}",
                file=spec_file,
                field="task.kind",
                fix="use task.kind: multiclass, or map the classes to two",
            )
        pos = str(positive) if positive is not None else classes[1]
        if isinstance(positive, bool):
            pos = str(positive)
        if pos not in classes:
            raise BadInput(
                f"positive_class {positive!r} is not a value of '{target}' "
                f"(values: {', '.join(classes)})",
                file=spec_file,
                field="task.positive_class",
                fix="use one of the listed values",
            )
        classes = [c for c in classes if c != pos] + [pos]
    elif len(classes) < 3:
        raise BadInput(
            f"a multiclass task needs at least 3 classes; '{target}' has {len(classes)}",
            file=spec_file,
            field="task.kind",
            fix="use task.kind: binary",
        )
    codes = {c: i for i, c in enumerate(classes)}
    return text.map(codes).to_numpy(dtype="int64"), classes


def known_target_rows(frame: pd.DataFrame, target: str) -> pd.DataFrame:
    return frame.loc[frame[target].notna()].reset_index(drop=True)


def prepare(ctx: Context, run: Run) -> Prepared:
    frame = known_target_rows(pd.read_parquet(run.snapshot), ctx.spec.task.target)
    features = ctx.contract.model_features()
    y, classes = encode_target(
        frame[ctx.spec.task.target], ctx.spec.task.kind, ctx.spec.task.positive_class, ctx
    )
    split = pd.read_parquet(run.split_file)
    part = split["part"].to_numpy(dtype=object)
    fold = split["fold"].to_numpy()[part == "train"]
    X = frame[features]
    return Prepared(frame, X, y, classes, part, fold, column_roles(X, ctx.contract))


def column_roles(X: pd.DataFrame, contract) -> ColumnRoles:
    """How the pipelines read each input: by its values, with the contract's word on free text
    (role text) and on categories with many levels (type string)."""
    text = [c for c in X.columns if contract.columns[c].role == "text"]
    many = [c for c in X.columns if contract.columns[c].type == "string" and c not in text]
    return ColumnRoles.from_frame(X, many, text)


def training_rows(run_dir: Path, target: str) -> pd.DataFrame:
    """The snapshot's training rows: known-target rows whose persisted split part is train."""
    split_file = run_dir / "data" / "split.parquet"
    if not split_file.exists():
        raise BadInput(
            "the run has no data/split.parquet: its leakage stage did not finish",
            file=str(run_dir),
            fix=f"finish the run with `workbench run SPEC --run-dir {run_dir} --resume`",
        )
    frame = known_target_rows(read_snapshot(run_dir / "data" / "snapshot.parquet"), target)
    part = pd.read_parquet(split_file)["part"].to_numpy()
    if len(part) != len(frame):
        raise BadInput(
            f"the split has {len(part)} rows but the snapshot {len(frame)} with a known target",
            file=str(split_file),
            fix="re-run the leakage stage: `workbench run SPEC --run-dir ... --stage leakage`",
        )
    return frame.loc[part == "train"].reset_index(drop=True)
