"""The baselines themselves. Each reads as a claim a stakeholder understands: "no model",
"a simple business rule", "a textbook model", "an off-the-shelf strong model"."""

from __future__ import annotations

from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
)
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from baselines.columns import ColumnRoles
from baselines.forest import BoundedForestClassifier, BoundedForestRegressor
from baselines.preprocess import (
    categorical_indices,
    linear_preprocessor,
    pipeline,
    tree_preprocessor,
)
from baselines.registry import register
from baselines.text import KeywordRule, TextSettings


@register("dummy", "no model: always predicts the base rate (classification) or the mean")
def dummy(cols: ColumnRoles, task: str, seed: int):
    model = (
        DummyRegressor(strategy="mean")
        if task == "regression"
        else DummyClassifier(strategy="prior")
    )
    # it reads no input: free text, the costliest to prepare, is not even prepared
    return pipeline(tree_preprocessor(cols.without(cols.text)), model)


@register("rule", "a simple business rule: the single best split on one column", inputs="tabular")
def rule(cols: ColumnRoles, task: str, seed: int):
    cls = DecisionTreeRegressor if task == "regression" else DecisionTreeClassifier
    # a rule people write splits a column they know, not a dimension of reduced free text
    tabular = cols.without(cols.text)
    return pipeline(tree_preprocessor(tabular), cls(max_depth=1, random_state=seed))


@register(
    "linear",
    "a textbook model: logistic or ridge regression on scaled, one-hot features",
    inputs="not_text_alone",
)
def linear(cols: ColumnRoles, task: str, seed: int):
    if task == "regression":
        model = Ridge(alpha=1.0)
    else:
        model = LogisticRegression(max_iter=2000, C=1.0, random_state=seed)
    return pipeline(linear_preprocessor(cols), model)


def cores() -> int:
    """The cores this process may use. Trees grow in threads, one per core: the baselines are
    fitted one fold at a time, so the forest may use every core without oversubscribing them
    (its tree building releases the GIL). It predicts on one thread (see `baselines.forest`)."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@register(
    "random_forest",
    "a random forest with default settings (100 trees, each on at most 10,000 rows)",
)
def random_forest(cols: ColumnRoles, task: str, seed: int):
    cls = BoundedForestRegressor if task == "regression" else BoundedForestClassifier
    return pipeline(
        tree_preprocessor(cols),
        cls(n_estimators=100, min_samples_leaf=2, n_jobs=cores(), random_state=seed),
    )


@register(
    "hist_gradient_boosting",
    "gradient boosting (scikit-learn's HistGradientBoosting) with defaults",
)
def hist_gradient_boosting(cols: ColumnRoles, task: str, seed: int):
    cls = HistGradientBoostingRegressor if task == "regression" else HistGradientBoostingClassifier
    codes = categorical_indices(cols)
    return pipeline(
        tree_preprocessor(cols),
        cls(categorical_features=codes or None, random_state=seed),
    )


@register("xgboost", "XGBoost with default settings")
def xgboost_default(cols: ColumnRoles, task: str, seed: int):
    return pipeline(tree_preprocessor(cols), xgboost_model(task, seed))


def xgboost_model(task: str, seed: int, **params):
    """An XGBoost estimator pinned to one thread (two threads on two cores slow it down many
    times over as soon as anything else runs)."""
    import xgboost as xgb

    common = dict(n_jobs=1, random_state=seed, tree_method="hist", verbosity=0, **params)
    if task == "regression":
        return xgb.XGBRegressor(**common)
    return xgb.XGBClassifier(**common)


@register(
    "keyword_rule",
    "a keyword rule: the training texts' most telling words per class, as a team without "
    "machine learning would write it; no keyword: the most frequent class",
    tasks=("binary", "multiclass"),
    inputs="text",
)
def keyword_rule(cols: ColumnRoles, task: str, seed: int):
    from sklearn.compose import ColumnTransformer

    texts = ColumnTransformer([("text", "passthrough", cols.text)], remainder="drop")
    return pipeline(texts, KeywordRule())


@register(
    "tfidf_logistic",
    "the textbook text model: logistic regression on TF-IDF words and character n-grams of "
    "the text alone",
    tasks=("binary", "multiclass"),
    inputs="text",
)
def tfidf_logistic(cols: ColumnRoles, task: str, seed: int):
    words = ColumnRoles(text=list(cols.text))
    return pipeline(
        linear_preprocessor(words, TextSettings()),
        LogisticRegression(max_iter=2000, C=1.0, random_state=seed),
    )
