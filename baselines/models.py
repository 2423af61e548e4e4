"""The baselines themselves. Each reads as a claim a stakeholder understands: "no model",
"a simple business rule", "a textbook model", "an off-the-shelf strong model"."""

from __future__ import annotations

from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from baselines.columns import ColumnRoles
from baselines.families import family_pipeline, logistic_regression
from baselines.preprocess import linear_preprocessor, pipeline, tree_preprocessor
from baselines.registry import N_, register
from baselines.text import KeywordRule, TextSettings


@register("dummy", N_("no model: always predicts the base rate (classification) or the mean"))
def dummy(cols: ColumnRoles, task: str, seed: int):
    model = (
        DummyRegressor(strategy="mean")
        if task == "regression"
        else DummyClassifier(strategy="prior")
    )
    # it reads no input: free text, the costliest to prepare, is not even prepared
    return pipeline(tree_preprocessor(cols.without(cols.text)), model)


@register(
    "rule", N_("a simple business rule: the single best split on one column"), inputs="tabular"
)
def rule(cols: ColumnRoles, task: str, seed: int):
    cls = DecisionTreeRegressor if task == "regression" else DecisionTreeClassifier
    # a rule people write splits a column they know, not a dimension of reduced free text
    tabular = cols.without(cols.text)
    return pipeline(tree_preprocessor(tabular), cls(max_depth=1, random_state=seed))


@register(
    "linear",
    N_("a textbook model: logistic or ridge regression on scaled, one-hot features"),
    inputs="not_text_alone",
)
def linear(cols: ColumnRoles, task: str, seed: int):
    params = {"alpha": 1.0} if task == "regression" else {"C": 1.0}
    return family_pipeline("linear", params, cols, task, seed)


def cores() -> int:
    """The cores this process may use: those it may run on, or fewer when the environment
    variable WORKBENCH_CORES says so (two test processes on two cores set it to one each). Trees
    grow in threads, one per core: the forest is fitted one fold at a time, so it may use every
    core without oversubscribing them (its tree building releases the GIL). It predicts on one
    thread (see `baselines.forest`)."""
    import os

    found = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    allowed = os.environ.get("WORKBENCH_CORES", "")
    if allowed.isdigit() and int(allowed) > 0:
        return min(int(allowed), found or 1)
    return found or 1


@register(
    "random_forest",
    N_("a random forest with default settings (100 trees, each on at most 10,000 rows)"),
)
def random_forest(cols: ColumnRoles, task: str, seed: int):
    params = {"n_estimators": 100, "min_samples_leaf": 2}
    return family_pipeline("random_forest", params, cols, task, seed, n_jobs=cores())


@register(
    "hist_gradient_boosting",
    N_("gradient boosting (scikit-learn's HistGradientBoosting) with defaults"),
)
def hist_gradient_boosting(cols: ColumnRoles, task: str, seed: int):
    return family_pipeline("hist_gradient_boosting", {}, cols, task, seed)


@register("xgboost", N_("XGBoost with default settings"))
def xgboost_default(cols: ColumnRoles, task: str, seed: int):
    return family_pipeline("xgboost", {}, cols, task, seed)


@register(
    "keyword_rule",
    N_(
        "a keyword rule: the training texts' most telling words per class, as a team without "
        "machine learning would write it; no keyword: the most frequent class"
    ),
    tasks=("binary", "multiclass"),
    inputs="text",
)
def keyword_rule(cols: ColumnRoles, task: str, seed: int):
    from sklearn.compose import ColumnTransformer

    texts = ColumnTransformer([("text", "passthrough", cols.text)], remainder="drop")
    return pipeline(texts, KeywordRule())


@register(
    "tfidf_logistic",
    N_(
        "the textbook text model: logistic regression on TF-IDF words and character n-grams of "
        "the text alone"
    ),
    tasks=("binary", "multiclass"),
    inputs="text",
)
def tfidf_logistic(cols: ColumnRoles, task: str, seed: int):
    words = ColumnRoles(text=list(cols.text))
    return pipeline(
        linear_preprocessor(words, TextSettings()), logistic_regression(words, seed, C=1.0)
    )
