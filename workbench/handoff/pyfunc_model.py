"""A promoted workbench model as an MLflow pyfunc model, without pickle.

MLflow stores this file itself as the model's code ("models from code"), the fitted pipeline
as its skops artifact, the feature list and types as JSON, and the `baselines` package (whose
preprocessing steps the pipeline holds) as code beside it. Loading refuses a skops file that
holds any type outside the allow-list the workbench wrote next to it (workbench.store.model_files).

It needs mlflow, skops, scikit-learn, numpy and pandas (and xgboost for XGBoost models), not
the workbench. Output, one row per input row in input order: `p_<class>` per class, or
`prediction` for regression — the same columns as the promotion package's score.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import mlflow
import numpy as np
import pandas as pd
from mlflow.pyfunc import PythonModel

BOOLEAN = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def coerce(raw: pd.Series, kind: str) -> pd.Series:
    """One column in its contract type, as the workbench's data loader types it (values that
    do not convert become missing)."""
    present = raw.notna()
    if kind in ("integer", "float"):
        col = raw if pd.api.types.is_numeric_dtype(raw) else pd.to_numeric(raw, errors="coerce")
        col = col.astype("float64")
        if kind == "integer" and col.notna().all() and np.all(np.mod(col, 1) == 0):
            col = col.astype("int64")
        return col
    if kind == "boolean":
        if not pd.api.types.is_bool_dtype(raw):
            raw = raw.astype("str").str.strip().str.lower().map(BOOLEAN)
        return raw.where(present).astype("boolean")
    if kind == "datetime":
        if pd.api.types.is_datetime64_any_dtype(raw):
            return raw
        return pd.to_datetime(raw.astype("str").where(present), errors="coerce", format="mixed")
    if kind == "category":
        return raw.astype("str").where(present).astype("category")
    return raw.astype("str").where(present)


class SkopsPipeline(PythonModel):
    # the input is coerced to the contract's types below; MLflow's type-hint validation
    # (and its warning that `predict` has no hints) would add nothing
    _skip_type_hint_validation = True

    def load_context(self, context):
        import skops.io as sio

        path = context.artifacts["model"]
        allowed = set(json.loads(Path(context.artifacts["trusted_types"]).read_text()))
        untrusted = set(sio.get_untrusted_types(file=path))
        unknown = sorted(untrusted - allowed)
        if unknown:
            raise ValueError(
                f"the model file holds types the workbench does not produce: {', '.join(unknown)}"
            )
        self.model = sio.load(path, trusted=sorted(untrusted))
        self.config = json.loads(Path(context.artifacts["config"]).read_text())

    def predict(self, context, model_input, params=None):
        config = self.config
        frame = pd.DataFrame(model_input)
        missing = [c for c in config["features"] if c not in frame.columns]
        if missing:
            raise ValueError(f"the input lacks column(s) the model needs: {', '.join(missing)}")
        X = pd.DataFrame(
            {c: coerce(frame[c], config["types"][c]) for c in config["features"]},
            index=frame.index,
        )
        if config["task"] == "regression":
            return pd.DataFrame({"prediction": np.asarray(self.model.predict(X), dtype="float64")})
        proba = np.zeros((len(X), len(config["classes"])))
        proba[:, self.model.classes_] = self.model.predict_proba(X)
        return pd.DataFrame(proba, columns=[f"p_{c}" for c in config["classes"]])


mlflow.models.set_model(SkopsPipeline())
