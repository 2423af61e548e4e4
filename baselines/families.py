"""Model families as pipelines: the one place a family's name and parameters become an
unfitted scikit-learn pipeline, its preprocessing inside. The baselines are these families at
fixed settings; the tuned model (tuning, evaluation, the score without a leak's suspects) and
the hand-off's `train.py` are the same families at the parameters the search chose."""

from __future__ import annotations

from typing import Any

from sklearn.pipeline import Pipeline

from baselines.columns import ColumnRoles

FAMILIES = ("xgboost", "hist_gradient_boosting", "random_forest", "linear")


def family_pipeline(
    family: str,
    params: dict[str, Any],
    columns: ColumnRoles,
    task: str,
    seed: int,
    n_jobs: int = 1,
) -> Pipeline:
    """An unfitted pipeline of `family` with `params` (preprocessing inside; the `text_`
    parameters say how free text is read). Models run on
    one thread unless `n_jobs` says otherwise (a random forest's trees may grow in threads)."""
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.linear_model import Ridge

    from baselines.forest import BoundedForestClassifier, BoundedForestRegressor
    from baselines.preprocess import (
        categorical_indices,
        linear_preprocessor,
        pipeline,
        tree_preprocessor,
    )
    from baselines.text import TextSettings

    text, params = TextSettings.split(params)  # the `text_` parameters: how free text is read
    regression = task == "regression"
    trees = tree_preprocessor(columns, text, seed)
    if family == "xgboost":
        return pipeline(trees, xgboost_model(task, seed, **params))
    if family == "hist_gradient_boosting":
        cls = HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier
        codes = categorical_indices(columns)
        return pipeline(trees, cls(categorical_features=codes or None, random_state=seed, **params))
    if family == "random_forest":
        cls = BoundedForestRegressor if regression else BoundedForestClassifier
        return pipeline(trees, cls(n_jobs=n_jobs, random_state=seed, **params))
    if family == "linear":
        model = Ridge(**params) if regression else logistic_regression(columns, seed, **params)
        return pipeline(linear_preprocessor(columns, text), model)
    raise KeyError(f"unknown model family '{family}'; families: {', '.join(FAMILIES)}")


def logistic_regression(columns: ColumnRoles, seed: int, **params):
    """scikit-learn's L2-penalised logistic regression. On free text (tens of thousands of
    sparse TF-IDF columns, read in single precision) it is solved by Newton's method with
    conjugate gradients to a gradient of 1e-5, rather than by L-BFGS to scikit-learn's
    default 1e-4: it reaches the same penalised optimum more closely (on 16,000 tickets,
    class probabilities within 5e-5 of a solve to 1e-10 on average, against 6e-4 for L-BFGS)
    in about half the CPU time (`benchmarks/RESULTS.md`); it takes no random step either, so
    a refit with another seed is the same model. Other inputs keep L-BFGS."""
    from sklearn.linear_model import LogisticRegression

    if not columns.text:
        return LogisticRegression(max_iter=2000, random_state=seed, **params)
    return LogisticRegression(
        max_iter=2000, solver="newton-cg", tol=1e-5, random_state=seed, **params
    )


def xgboost_model(task: str, seed: int, **params):
    """An XGBoost estimator pinned to one thread (two threads on two cores slow it down many
    times over as soon as anything else runs)."""
    import xgboost as xgb

    common = dict(n_jobs=1, random_state=seed, tree_method="hist", verbosity=0, **params)
    if task == "regression":
        return xgb.XGBRegressor(**common)
    return xgb.XGBClassifier(**common)
