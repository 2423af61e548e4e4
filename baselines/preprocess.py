"""Preprocessing steps shared by the baselines: every one is fitted inside the pipeline."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    OneHotEncoder,
    OrdinalEncoder,
    StandardScaler,
    TargetEncoder,
)

from baselines.columns import ColumnRoles
from baselines.text import TextSettings, as_single, linear_text, side_by_side, tree_text

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


class EmptyAsZero(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Numbers with no value at all in the rows a model is fitted on (a field the system added
    after the training period, a part of the data where it is never filled in) read as 0 there
    and after: a tree cannot bin a column of missing values alone, and a constant tells it as
    little. Every other column passes through unchanged."""

    def fit(self, X, y=None):
        values = np.asarray(X, dtype="float64")
        self.empty_ = np.isnan(values).all(axis=0)
        self.n_features_in_ = values.shape[1]
        return self

    def transform(self, X):
        values = np.array(X, dtype="float64")
        values[:, self.empty_] = 0.0
        return values


def as_numbers(X):
    """Numbers and booleans as float64 with NaN for missing: pandas' nullable types (a
    `boolean` or `Int64` column with gaps, as Excel and databases give) hold pandas.NA, which
    the imputer and the models cannot read."""
    frame = pd.DataFrame(X)
    if not len(frame.columns):
        return np.empty((len(frame), 0))
    return np.column_stack(
        [frame[c].to_numpy(dtype="float64", na_value=np.nan) for c in frame.columns]
    )


def as_text(X):
    """Categorical values as plain Python strings with missing values made explicit, so
    encoders see one consistent type whatever pandas dtype the column had."""
    frame = pd.DataFrame(X)
    return frame.astype("object").where(frame.notna(), MISSING).astype(str).to_numpy(dtype=object)


def target_encoded() -> Pipeline:
    """Categories with many levels as the outcome's mean per level (per class for several
    classes), cross-fitted: each training row is encoded by folds it is not in, so the
    encoding does not leak its own label; unknown levels get the overall mean."""
    return make_pipeline(
        FunctionTransformer(as_text, feature_names_out="one-to-one"),
        # seeded folds: the same encoding on every run (the default shuffles unseeded)
        TargetEncoder(cv=KFold(5, shuffle=True, random_state=0)),
    )


def _high_cardinality(cols: ColumnRoles, scaled: bool) -> list:
    """The many-level categories' branch, when there are any (none: the pipeline is as it
    was without them)."""
    if not cols.high_cardinality:
        return []
    steps = make_pipeline(target_encoded(), StandardScaler()) if scaled else target_encoded()
    return [("many", steps, cols.high_cardinality)]


def text_branches(cols: ColumnRoles, encoder) -> list:
    """One branch per free-text column, each reading that column alone (its name given as a
    single column, so the encoder sees one column of text). Branches are numbered: a column's
    name may hold characters a branch name may not."""
    return [(f"text{i}", encoder(), name) for i, name in enumerate(cols.text)]


def linear_preprocessor(cols: ColumnRoles, text: TextSettings | None = None) -> ColumnTransformer:
    """Median imputation with missing-indicators and scaling for numbers; one-hot encoding
    (rare levels pooled, unknown levels ignored) for categories, target encoding for
    categories with many levels; date parts scaled; free text as TF-IDF of words and
    character n-grams (sparse: the output is sparse when text makes it mostly zeros). With
    free text, every column comes out in single precision, as the text's weights do: the
    stacked rows are then one single-precision copy (on 75,000 tickets about 0.4 GB, where a
    double-precision one was 0.64 GB, made twice)."""
    tabular = [
        (
            "num",
            make_pipeline(
                FunctionTransformer(as_numbers, feature_names_out="one-to-one"),
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
        *_high_cardinality(cols, scaled=True),
    ]
    if cols.text:
        tabular = [(name, Pipeline([*steps.steps, ("single", _single())]), c)
                   for name, steps, c in tabular]  # fmt: skip
    return LinearColumns(
        [
            *tabular,
            *text_branches(cols, lambda: linear_text(text or TextSettings())),
        ],
        remainder="drop",
    )


class LinearColumns(ColumnTransformer):
    """scikit-learn's `ColumnTransformer`, its sparse rows stacked as `side_by_side` does (a
    single block handed on as it is): scipy's stacking copies even a single block, and stacks
    several through a concatenated copy; with free text, that is the text's weights twice
    over beside the blocks."""

    def _hstack(self, Xs, *, n_samples):
        if getattr(self, "sparse_output_", False) and all(
            sp.issparse(X) and X.format == "csr" for X in Xs
        ):
            return Xs[0] if len(Xs) == 1 else side_by_side(Xs)
        return super()._hstack(Xs, n_samples=n_samples)


def _single() -> FunctionTransformer:
    return FunctionTransformer(as_single, accept_sparse=True, feature_names_out="one-to-one")


def tree_preprocessor(
    cols: ColumnRoles, text: TextSettings | None = None, seed: int = 0
) -> ColumnTransformer:
    """Numbers pass through (trees handle missing values; a number with no value at all in
    the rows fitted on reads as 0: `EmptyAsZero`); date parts as numbers; categories
    ordinal-encoded with rare levels pooled (at most 250 levels, which also keeps
    HistGradientBoosting's native categorical support usable) and unknown levels as missing;
    categories with many levels target-encoded (after the ordinal codes); free text reduced
    to a few dense columns (last)."""
    return ColumnTransformer(
        [
            (
                "num",
                make_pipeline(
                    FunctionTransformer(as_numbers, feature_names_out="one-to-one"), EmptyAsZero()
                ),
                cols.numeric,
            ),
            ("date", make_pipeline(DateFeatures(), EmptyAsZero()), cols.datetime),
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
            *_high_cardinality(cols, scaled=False),
            *text_branches(cols, lambda: tree_text(text or TextSettings(), seed)),
        ],
        remainder="drop",
        sparse_threshold=0.0,  # trees read dense rows (HistGradientBoosting refuses sparse)
    )


def categorical_indices(cols: ColumnRoles) -> list[int]:
    """The positions of `tree_preprocessor`'s outputs that are categorical codes (those after
    them, the target encodings, are numbers)."""
    n_numeric = len(cols.numeric) + len(DATE_PARTS) * len(cols.datetime)
    return list(range(n_numeric, n_numeric + len(cols.categorical)))


def pipeline(pre: ColumnTransformer, model) -> Pipeline:
    return Pipeline([("prepare", pre), ("model", model)])
