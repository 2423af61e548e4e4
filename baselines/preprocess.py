"""Preprocessing steps shared by the baselines: every one is fitted inside the pipeline."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, OrdinalEncoder, StandardScaler

from baselines.columns import ColumnRoles

MISSING = "__missing__"
DATE_PARTS = ("year", "month", "dayofweek", "days")


class DateFeatures(TransformerMixin, BaseEstimator):
    """Turn datetime columns into numbers a model can split on: year, month, day of week and
    days since 1970 (missing dates stay missing)."""

    def fit(self, X, y=None):
        self.columns_ = list(pd.DataFrame(X).columns)
        return self

    def transform(self, X):
        X = pd.DataFrame(X, columns=self.columns_)
        parts = []
        for col in self.columns_:
            d = pd.to_datetime(X[col], errors="coerce")
            days = (d - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
            parts += [d.dt.year, d.dt.month, d.dt.day_of_week, days]
        if not parts:
            return np.empty((len(X), 0))
        return np.column_stack([np.asarray(p, dtype="float64") for p in parts])

    def get_feature_names_out(self, input_features=None):
        return np.array([f"{c}_{p}" for c in self.columns_ for p in DATE_PARTS], dtype=object)


def as_text(X):
    """Categorical values as plain Python strings with missing values made explicit, so
    encoders see one consistent type whatever pandas dtype the column had."""
    frame = pd.DataFrame(X)
    return frame.astype("object").where(frame.notna(), MISSING).astype(str).to_numpy(dtype=object)


def linear_preprocessor(cols: ColumnRoles) -> ColumnTransformer:
    """Median imputation with missing-indicators and scaling for numbers; one-hot encoding
    (rare levels pooled, unknown levels ignored) for categories; date parts scaled."""
    return ColumnTransformer(
        [
            (
                "num",
                make_pipeline(
                    SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
                    StandardScaler(),
                ),
                cols.numeric,
            ),
            (
                "date",
                make_pipeline(
                    DateFeatures(),
                    SimpleImputer(strategy="median", keep_empty_features=True),
                    StandardScaler(),
                ),
                cols.datetime,
            ),
            (
                "cat",
                make_pipeline(
                    FunctionTransformer(as_text, feature_names_out="one-to-one"),
                    OneHotEncoder(
                        handle_unknown="infrequent_if_exist",
                        min_frequency=5,
                        max_categories=50,
                        sparse_output=False,
                    ),
                ),
                cols.categorical,
            ),
        ],
        remainder="drop",
    )


def tree_preprocessor(cols: ColumnRoles) -> ColumnTransformer:
    """Numbers pass through (trees handle missing values); date parts as numbers; categories
    ordinal-encoded with rare levels pooled (at most 250 levels, which also keeps
    HistGradientBoosting's native categorical support usable) and unknown levels as missing."""
    return ColumnTransformer(
        [
            ("num", "passthrough", cols.numeric),
            ("date", DateFeatures(), cols.datetime),
            (
                "cat",
                make_pipeline(
                    FunctionTransformer(as_text, feature_names_out="one-to-one"),
                    OrdinalEncoder(
                        handle_unknown="use_encoded_value",
                        unknown_value=np.nan,
                        encoded_missing_value=np.nan,
                        min_frequency=5,
                        max_categories=250,
                    ),
                ),
                cols.categorical,
            ),
        ],
        remainder="drop",
    )


def categorical_mask(cols: ColumnRoles) -> list[bool]:
    """Which outputs of `tree_preprocessor` are categorical codes."""
    n_numeric = len(cols.numeric) + len(DATE_PARTS) * len(cols.datetime)
    return [False] * n_numeric + [True] * len(cols.categorical)


def pipeline(pre: ColumnTransformer, model) -> Pipeline:
    return Pipeline([("prepare", pre), ("model", model)])
