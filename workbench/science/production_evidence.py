"""Production evidence from the evaluation stage: what the winning pipeline is made of, and the
human-review band — the cases where the model is unsure, which a person should decide.

Everything here reads predictions the evaluation stage already made: the holdout is never
scored again (the manifest counts holdout scorings, and it stays 1).

The review band is sized from the holdout's *scores* alone, never from its outcomes: for a
binary task, the share of cases whose score lies nearest the decision threshold; for
multiclass, the cases with the lowest top-class probability. The outcomes are only used
afterwards, to measure the error rate inside and outside the band, so those rates are honest
estimates and not the product of a search.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import binomtest

from workbench.language import _, ngettext
from workbench.store.production_results import (
    BandOption,
    PipelineComponent,
    ProductionEvidence,
    Proportion,
    ReviewBand,
)
from workbench.wording import count, names, number, value

BAND_SHARES = (0.05, 0.10, 0.20)  # review workloads offered to the client
PROPOSED_SHARE = 0.10  # the one the production path proposes
ERROR_QUANTILES = (0.5, 0.8, 0.9, 0.95)


def proportion(hits: np.ndarray) -> Proportion:
    """The share of True in `hits` with its 95% Wilson interval."""
    n, k = len(hits), int(np.sum(hits))
    if n == 0:
        return Proportion(value=0.0, ci_low=0.0, ci_high=1.0, count=0, rows=0)
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return Proportion(
        value=round(k / n, 6), ci_low=round(ci.low, 6), ci_high=round(ci.high, 6), count=k, rows=n
    )


def _down(x: float) -> float:
    """Band edges are rounded outwards, so a stored band holds every case it held."""
    return math.floor(x * 1e6) / 1e6


def _up(x: float) -> float:
    return math.ceil(x * 1e6) / 1e6


def _option(distance: np.ndarray, wrong: np.ndarray, share: float) -> tuple[float, BandOption]:
    """The band holding the `share` of cases with the smallest `distance`; returns its radius."""
    k = max(1, int(np.ceil(share * len(distance))))
    radius = float(np.sort(distance)[k - 1])
    inside = distance <= radius
    option = BandOption(
        target_share=share,
        share=round(float(inside.mean()), 6),
        low=0.0,
        high=0.0,
        rows_in=int(inside.sum()),
        error_in=proportion(wrong[inside]),
        error_out=proportion(wrong[~inside]),
    )
    return radius, option


def binary_band(y: np.ndarray, p_positive: np.ndarray, threshold: float, positive: str):
    """Scores within a distance of the threshold, sized to hold 5%, 10% and 20% of cases."""
    wrong = (p_positive >= threshold).astype(int) != y
    options = []
    for share in BAND_SHARES:
        radius, opt = _option(np.abs(p_positive - threshold), wrong, share)
        opt.low = max(0.0, _down(threshold - radius))
        opt.high = min(1.0, _up(threshold + radius))
        options.append(opt)
    return ReviewBand(
        task="binary",
        score=_("the predicted probability of '{positive}'").format(positive=positive),
        threshold=threshold,
        method=_(
            "The band is centred on the decision threshold {threshold} and sized from the "
            "holdout's scores alone, never from their outcomes, to hold the 5%, 10% or 20% of "
            "cases scored nearest it; the error rates inside and outside it are then measured "
            "on the holdout's outcomes, with 95% Wilson intervals."
        ).format(threshold=number(threshold)),
        error_all=proportion(wrong),
        options=options,
        proposed=PROPOSED_SHARE,
    )


def multiclass_band(y: np.ndarray, proba: np.ndarray):
    """The cases with the lowest top-class probability, 5%, 10% and 20% of them."""
    top = proba.max(axis=1)
    wrong = proba.argmax(axis=1) != y
    options = []
    for share in BAND_SHARES:
        cut, opt = _option(top, wrong, share)
        opt.low, opt.high = _down(float(top.min())), _up(cut)
        options.append(opt)
    return ReviewBand(
        task="multiclass",
        score=_("the probability of the class the model predicts (its top-class probability)"),
        threshold=None,
        method=_(
            "The band holds the 5%, 10% or 20% of holdout cases with the lowest top-class "
            "probability, chosen from the probabilities alone, never from the outcomes; the "
            "error rates inside and outside it are then measured on the holdout's outcomes, "
            "with 95% Wilson intervals."
        ),
        error_all=proportion(wrong),
        options=options,
        proposed=PROPOSED_SHARE,
    )


def regression_band(y: np.ndarray, pred: np.ndarray) -> ReviewBand:
    """No per-case band: a point-prediction regressor does not say which cases it is unsure of.
    What the holdout does give is one interval for every prediction (split-conformal style)."""
    err = np.abs(np.asarray(y, dtype="float64") - np.asarray(pred, dtype="float64"))
    quantiles = {f"{q:.0%}": round(float(np.quantile(err, q)), 6) for q in ERROR_QUANTILES}
    return ReviewBand(
        task="regression",
        score=_("the absolute error of a prediction"),
        threshold=None,
        method=_(
            "Instead, the quantiles of the absolute holdout errors give one interval for every "
            "case: a prediction ± the 90% quantile covered 90% of holdout cases (a "
            "split-conformal interval of one width)."
        ),
        error_all=None,
        abs_error_quantiles=quantiles,
        note=_(
            "A regression model that predicts one number per case does not say which cases it "
            "is unsure of, so there is no band of cases to route to a person. The equivalent "
            "is a per-case prediction interval (quantile models, or conformalised quantile "
            "regression fitted on the training part), whose width would mark the uncertain "
            "cases; this run reports one interval width for all cases instead."
        ),
    )


def review_band(y, pred, task: str, threshold: float | None, classes: list[str]) -> ReviewBand:
    if task == "binary":
        return binary_band(y, pred[:, 1], 0.5 if threshold is None else threshold, classes[-1])
    if task == "multiclass":
        return multiclass_band(y, pred)
    return regression_band(y, pred)


# -- pipeline components --------------------------------------------------------------------------
def _parts(step) -> list:
    return [s for _name, s in step.steps] if hasattr(step, "steps") else [step]


def _kind(part) -> str:
    """A step's class; a union of steps (the words and the characters of a text) as its parts."""
    if hasattr(part, "transformer_list"):
        return " + ".join(f"{type(t).__name__} ({name})" for name, t in part.transformer_list)
    return type(part).__name__


def _columns(cols) -> str:
    cols = list(cols) if not isinstance(cols, str) else [cols]
    return ngettext("{n} column ({names})", "{n} columns ({names})", len(cols)).format(
        n=count(len(cols)), names=names([str(c) for c in cols], 6)
    )


def _describe(step, params: dict | None = None) -> str:
    if hasattr(step, "transformers"):  # a ColumnTransformer: one line per branch
        branches = []
        for name, part, cols in step.transformers:
            if part == "drop" or (hasattr(cols, "__len__") and len(cols) == 0):
                continue
            kinds = (
                " → ".join(_kind(p) for p in _parts(part))
                if part != "passthrough"
                else _("passed through")
            )
            branches.append(
                _("{name}: {kinds} on {columns}").format(
                    name=name, kinds=kinds, columns=_columns(cols)
                )
            )
        return "; ".join(branches) or _("no columns")
    if params:
        return ", ".join(f"{k}={_fmt(v)}" for k, v in sorted(params.items()))
    return " → ".join(type(p).__name__ for p in _parts(step))


def _fmt(v) -> str:
    return value(v) if isinstance(v, float) else str(v)


def pipeline_components(model, params: dict | None = None) -> list[PipelineComponent]:
    """A fitted pipeline's steps, outermost first; the last (the estimator) with `params`."""
    steps = list(model.steps)
    return [
        PipelineComponent(
            step=name,
            kind=type(step).__name__,
            detail=_describe(step, params if i == len(steps) - 1 else None),
        )
        for i, (name, step) in enumerate(steps)
    ]


def production_evidence(models: dict, tuning, y, preds, task, threshold, classes):
    """What the evaluation stage records for the hand-off: pipeline parts and review band."""
    return ProductionEvidence(
        components=pipeline_components(models["candidate"], dict(tuning.params)),
        baseline_components=pipeline_components(models["baseline"]),
        family=tuning.family,
        params=dict(tuning.params),
        trials_completed=tuning.trials_completed,
        tuned_cv=round(tuning.cv.mean, 6),
        default_cv=round(tuning.default_cv.mean, 6),
        review=review_band(y, preds["candidate"], task, threshold, classes),
    )
