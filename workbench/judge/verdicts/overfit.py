"""Does the tuned model overfit? The gap between its score on the rows each fold's model learned
from and on the held-out fold, judged on its interval over the folds."""

from __future__ import annotations

from workbench.judge.intervals import judge
from workbench.language import _
from workbench.store.judgements import OverfittingVerdict
from workbench.store.results import Interval, Overfitting

# Train-minus-validation gaps (in primary-metric units) that deserve a look / a fix.
GAP_WATCH, GAP_OVERFIT = 0.05, 0.15


def overfitting_verdict(o: Overfitting) -> OverfittingVerdict:
    """`overfit` when the whole interval of the gap lies beyond GAP_OVERFIT, `ok` when it lies
    within GAP_WATCH, `watch` otherwise (a run made before the interval was measured is judged
    on its point)."""
    low = o.gap if o.gap_ci_low is None else o.gap_ci_low
    high = o.gap if o.gap_ci_high is None else o.gap_ci_high
    gap = Interval(value=o.gap, ci_low=min(low, o.gap), ci_high=max(high, o.gap))
    if judge(gap, GAP_OVERFIT, greater_is_better=False) == "fail":
        verdict = "overfit"
    elif judge(gap, GAP_WATCH, greater_is_better=False) == "pass":
        verdict = "ok"
    else:
        verdict = "watch"
    words = {
        "ok": _(
            "The tuned model scores about as well on new folds as on the rows it learned from."
        ),
        "watch": _(
            "The tuned model may do noticeably better on the rows it learned from than on new "
            "ones: expect the production score to sit at the validation figure, not above."
        ),
        "overfit": _(
            "The tuned model has partly memorised its training rows: simpler settings or more "
            "data would make it more reliable."
        ),
    }[verdict]
    return OverfittingVerdict(verdict=verdict, gap=gap, explanation=words)


# A forecast's one-period-ahead error on its own history over its backtest error: forecasting
# several periods ahead is harder than one, so a gap is expected; a model that fits its history
# ten times better than it forecasts has memorised it (four times: worth watching).
RATIO_OVERFIT, RATIO_WATCH = 0.1, 0.25


def forecast_overfitting_verdict(o: Overfitting) -> OverfittingVerdict:
    """The global forecasting model's guard: its in-sample error (`train_mean`) against its
    backtest error (`validation_mean`), as a ratio."""
    ratio = o.train_mean / o.validation_mean if o.validation_mean > 0 else 1.0
    verdict = "overfit" if ratio < RATIO_OVERFIT else "watch" if ratio < RATIO_WATCH else "ok"
    words = {
        "ok": _("The global model forecasts new periods about as well as it fits its history."),
        "watch": _(
            "The global model fits its history noticeably better than it forecasts: expect the "
            "production error at the backtest figure, not below."
        ),
        "overfit": _(
            "The global model fits its history ten times better than it forecasts new "
            "periods: it has partly memorised the history; shallower trees or fewer lags would "
            "make it more reliable."
        ),
    }[verdict]
    gap = Interval(value=o.gap, ci_low=o.gap, ci_high=o.gap)
    return OverfittingVerdict(verdict=verdict, gap=gap, explanation=words)
