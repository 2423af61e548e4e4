"""Explanations of a fitted pipeline with shap: which inputs drive its predictions overall,
why it scored three particular holdout rows as it did, and whether the ranking of inputs is
stable when the model is refitted on each cross-validation fold.

SHAP values are computed on the pipeline's transformed features (after its `prepare` step)
and added up per input column, so one-hot levels, date parts and a text's TF-IDF weights count
towards the column they came from. Tree models get exact values (`shap.TreeExplainer`); linear
models reading free text exact values too (`text_features.linear_grouped`); other models a
sampled estimate (`shap.Explainer` with an independent masker on at most 100 background rows,
at most 200 explained rows). PII columns are never model inputs, and never shown by value.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.inputs.contract import MASK
from workbench.language import _
from workbench.science import figures, fit_cache
from workbench.science.text_features import collapse, dense, is_linear, linear_grouped, text_blocks
from workbench.store.assurance_results import Contribution, ExplanationResult, LocalExplanation
from workbench.wording import value as shown_value

MAX_TREE_ROWS = 2_000
MAX_SAMPLED_ROWS = 200
MAX_BACKGROUND = 100
FOLD_MAX_ROWS = 20_000
FOLD_TREE_ROWS, FOLD_SAMPLED_ROWS = 500, 50
TOP_CONTRIBUTIONS = 5
TREE_MODELS = ("XGB", "HistGradientBoosting", "RandomForest", "ExtraTrees", "DecisionTree")


@dataclass
class Shap:
    values: np.ndarray  # (rows, transformed features): the explained output per row
    data: np.ndarray  # the transformed feature values of those rows
    names: list[str]  # transformed feature names, readable
    columns: list[str]  # the input column each transformed feature came from
    method: str  # "tree" | "sampled"
    background_rows: int | None
    output: str  # what the values add up to, in words

    def by_column(self) -> pd.DataFrame:
        """SHAP values summed per input column: (rows, input columns)."""
        frame = pd.DataFrame(self.values, columns=range(len(self.columns)))
        return frame.T.groupby(np.asarray(self.columns), sort=False).sum().T

    def importance(self) -> dict[str, float]:
        mean = self.by_column().abs().mean().sort_values(ascending=False, kind="stable")
        return {str(k): round(float(v), 6) for k, v in mean.items()}


def source_column(name: str, columns: list[str]) -> str:
    """The input column a transformed feature came from ('cat__job_fixed' → 'job')."""
    bare = name.split("__", 1)[-1]
    bare = bare.removeprefix("missingindicator_")
    matches = [c for c in columns if bare == c or bare.startswith(f"{c}_")]
    return max(matches, key=len) if matches else bare


def _readable(name: str) -> str:
    return name.split("__", 1)[-1]


def _is_tree(estimator) -> bool:
    return _forest(estimator) or type(estimator).__name__.startswith(TREE_MODELS)


def _forest(estimator) -> bool:
    """Random forests (the bounded ones are subclasses): their tree SHAP values add up to a
    probability, not log-odds."""
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

    return isinstance(estimator, (RandomForestClassifier, RandomForestRegressor))


def _output_words(estimator, task: str, method: str) -> str:
    if task == "regression":
        return _("the predicted value")
    log_odds = method == "linear" or (method == "tree" and not _forest(estimator))
    if task == "binary":
        return (
            _("the log-odds of the positive class")
            if log_odds
            else _("the probability of the positive class")
        )
    return (
        _("the log-odds of the predicted class")
        if log_odds
        else _("the probability of the predicted class")
    )


def _select_output(values: np.ndarray, task: str, predicted: np.ndarray | None) -> np.ndarray:
    """(rows, features) from shap's output: the positive class for binary, each row's
    predicted class for multiclass."""
    values = np.asarray(values, dtype="float64")
    if values.ndim == 2:
        return values
    if task == "binary":
        return values[:, :, -1]
    return values[np.arange(len(values)), :, predicted]


def compute(model, X: pd.DataFrame, task: str, seed: int, background: pd.DataFrame) -> Shap:
    """SHAP values for every row of `X` (the caller samples it)."""
    import shap

    prepare, estimator = model.steps[0][1], model.steps[-1][1]
    prepared = prepare.transform(X)
    raw = [str(n) for n in prepare.get_feature_names_out()]
    names = [_readable(n) for n in raw]
    columns = [source_column(n, list(X.columns)) for n in raw]
    predicted = model.predict_proba(X).argmax(axis=1) if task == "multiclass" else None
    blocks = text_blocks(prepare)  # free text: one input however many features it became
    if blocks and is_linear(estimator):
        values, data, names, columns = linear_grouped(
            estimator, prepared, prepare.transform(background), blocks, predicted, names, columns
        )
        return Shap(
            values=values,
            data=data,
            names=names,
            columns=columns,
            method="linear",
            background_rows=len(background),
            output=_output_words(estimator, task, "linear"),
        )
    Xt = dense(prepared)
    method, n_background = "tree", None
    values = None
    if _is_tree(estimator):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                values = shap.TreeExplainer(estimator)(Xt, check_additivity=False).values
        except Exception:  # a model shap's tree code does not read: fall back to sampling
            values = None
    if values is None:
        method = "sampled"
        bg = dense(prepare.transform(background))
        n_background = len(bg)
        values = _sampled(estimator, Xt, bg, task, seed)
    values = _select_output(values, task, predicted)
    if blocks:
        values, Xt, names, columns = collapse(values, Xt, names, columns, blocks)
    return Shap(
        values=values,
        data=Xt,
        names=names,
        columns=columns,
        method=method,
        background_rows=n_background,
        output=_output_words(estimator, task, method),
    )


def _sampled(estimator, Xt: np.ndarray, background: np.ndarray, task: str, seed: int):
    import shap

    if task == "binary":
        f = lambda A: estimator.predict_proba(A)[:, 1]  # noqa: E731
    elif task == "multiclass":
        f = estimator.predict_proba
    else:
        f = estimator.predict
    masker = shap.maskers.Independent(background, max_samples=MAX_BACKGROUND)
    explainer = shap.explainers.Permutation(f, masker, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return explainer(Xt, max_evals=max(500, 2 * Xt.shape[1] + 1), silent=True).values


def risk(
    pred: np.ndarray, task: str, threshold: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(risk, uncertainty) per row: the positive-class probability and its distance from the
    operating threshold (binary; 0.5 when none was chosen); the top class probability and its
    margin over the second (multiclass); the value and its distance from the median
    (regression). Lower uncertainty = less sure."""
    if task == "binary":
        cut = 0.5 if threshold is None else threshold
        return pred[:, 1], np.abs(pred[:, 1] - cut)
    if task == "multiclass":
        top = np.sort(pred, axis=1)
        return top[:, -1], top[:, -1] - top[:, -2]
    return pred, np.abs(pred - np.median(pred))


LOCAL_KINDS = {
    "binary": ("highest risk", "lowest risk", "most uncertain"),
    "multiclass": ("most confident", "least confident", "most uncertain (closest call)"),
    "regression": ("highest prediction", "lowest prediction", "a typical case (median prediction)"),
}


def pick_rows(pred: np.ndarray, task: str, threshold: float | None = None) -> dict[str, int]:
    """The three holdout rows explained one by one, by position in `pred`; the most uncertain
    of a binary task is the one scored nearest the operating threshold."""
    r, u = risk(pred, task, threshold)
    kinds = LOCAL_KINDS[task]
    return {kinds[0]: int(np.argmax(r)), kinds[1]: int(np.argmin(r)), kinds[2]: int(np.argmin(u))}


MAX_SHOWN_CHARS = 80  # a free text is shown by its beginning


def _shown(value, column: str, pii: set[str]) -> str:
    if column in pii:
        return MASK
    if value is None or (isinstance(value, float) and not np.isfinite(value)) or pd.isna(value):
        return _("missing")
    text = shown_value(value)  # dates without a midnight, numbers with separators
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def local_explanations(
    shap_: Shap, X: pd.DataFrame, pred: np.ndarray, rows: dict[str, int], task: str, pii: set[str]
) -> list[LocalExplanation]:
    """`rows` maps a kind to the position of its row in `X` and in the SHAP values."""
    per_col = shap_.by_column()
    r, _probability = risk(pred, task)
    out = []
    for kind, i in rows.items():
        contrib = per_col.iloc[i]
        top = contrib.reindex(contrib.abs().sort_values(ascending=False, kind="stable").index)
        items = [
            Contribution(
                feature=str(c),
                value=_shown(X.iloc[i][c], str(c), pii),
                contribution=round(float(v), 6),
            )
            for c, v in top.head(TOP_CONTRIBUTIONS).items()
        ]
        out.append(
            LocalExplanation(kind=kind, prediction=round(float(r[i]), 6), contributions=items)
        )
    return out


def fold_stability(model, X: pd.DataFrame, y: np.ndarray, folds, task: str, seed: int):
    """Refit on each fold's training rows (sampled), explain its validation rows, and return
    the Spearman correlation of the importance rankings for every pair of folds, their mean,
    and the refit size. A model with one input has no ranking to agree on: no correlations,
    and no refits (a text alone, say)."""
    from scipy.stats import spearmanr

    if X.shape[1] < 2:
        return [], None, None
    rng = np.random.default_rng(seed)
    ranks, rows = [], None
    for tr, va in folds:
        tr = np.sort(rng.choice(tr, min(len(tr), FOLD_MAX_ROWS), replace=False))
        fitted = fit_cache.fit(model, X, y, tr).model  # the evaluation's, when sampled alike
        n = FOLD_TREE_ROWS if _is_tree(model.steps[-1][1]) else FOLD_SAMPLED_ROWS
        va = np.sort(rng.choice(va, min(len(va), n), replace=False))
        bg = X.iloc[np.sort(rng.choice(tr, min(len(tr), FOLD_SAMPLED_ROWS), replace=False))]
        imp = compute(fitted, X.iloc[va], task, seed, bg).importance()
        ranks.append(pd.Series(imp).reindex(X.columns).fillna(0.0))
        rows = len(tr)
    corrs = []
    for i in range(len(ranks)):
        for j in range(i + 1, len(ranks)):
            rho = spearmanr(ranks[i], ranks[j]).statistic
            corrs.append(round(float(rho), 6) if np.isfinite(rho) else 0.0)
    return corrs, (round(float(np.mean(corrs)), 6) if corrs else None), rows


def explain(
    model,
    X: pd.DataFrame,
    pred: np.ndarray,
    task: str,
    *,
    seed: int,
    background: pd.DataFrame,
    pii: set[str],
    folds_data: tuple | None = None,
    threshold: float | None = None,
) -> tuple[ExplanationResult, Shap]:
    """Global importance, three local explanations and fold stability. `X` and `pred` are the
    holdout rows (sampled) and the model's predictions for them; `background` training rows
    for the sampled explainer; `folds_data` = (X, y, [(train, validation), ...]), the folds as
    positions in X and y;
    `threshold` the operating threshold of a binary task."""
    rng = np.random.default_rng(seed)
    picked = pick_rows(pred, task, threshold)
    tree = _is_tree(model.steps[-1][1])
    limit = MAX_TREE_ROWS if tree else MAX_SAMPLED_ROWS
    others = np.setdiff1d(np.arange(len(X)), list(picked.values()))
    extra = np.sort(
        rng.choice(others, min(len(others), limit - len(set(picked.values()))), replace=False)
    )
    order = np.concatenate([list(dict.fromkeys(picked.values())), extra]).astype(int)
    bg = background.iloc[
        np.sort(rng.choice(len(background), min(len(background), MAX_BACKGROUND), replace=False))
    ]
    shap_ = compute(model, X.iloc[order], task, seed, bg)
    position = {i: k for k, i in enumerate(order)}
    rows = {kind: position[i] for kind, i in picked.items()}
    local = local_explanations(shap_, X.iloc[order], pred[order], rows, task, pii)
    corrs, mean, fold_rows = (
        fold_stability(model, *folds_data, task, seed) if folds_data else ([], None, None)
    )
    result = ExplanationResult(
        method=shap_.method,
        output=shap_.output,
        explained_rows=len(order),
        background_rows=shap_.background_rows,
        importance=shap_.importance(),
        local=local,
        fold_rank_correlations=corrs,
        fold_rank_mean=mean,
        fold_train_rows=fold_rows,
    )
    return result, shap_


def beeswarm(shap_: Shap, max_display: int = 12):
    """shap's beeswarm of the explained rows, on one of the workbench's figures."""
    import shap

    fig, ax = figures.new(6.5, 0.32 * min(max_display, len(shap_.names)) + 1.6)
    expl = shap.Explanation(values=shap_.values, data=shap_.data, feature_names=shap_.names)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        shap.plots.beeswarm(expl, max_display=max_display, ax=ax, show=False, plot_size=None)
    ax.set_xlabel(_("SHAP value (contribution to {output})").format(output=shap_.output))
    # shap labels its colour bar itself, in English: say it in the reader's language
    for bar in fig.axes[1:]:
        bar.set_ylabel(_("Input value"), size=10, labelpad=0)
        bar.set_yticks(bar.get_yticks(), labels=[_("low"), _("high")][: len(bar.get_yticks())])
    return fig
