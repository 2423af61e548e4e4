"""Holdout scores with their intervals, from prediction arrays: each model's metrics with a
bootstrap interval, and the paired interval of the difference between two models (the same
resamples score both, so what they share cancels). The evaluation stage scores the candidate,
the best baseline and the dummy with it; the calibration benchmark scores generated
predictions with the same code."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from workbench.inputs.metrics import METRICS, score
from workbench.science.resampling import bootstrap_scores, interval
from workbench.store.results import HoldoutScore, Interval


def as_interval(value: float, samples: np.ndarray) -> Interval:
    lo, hi = interval(samples)
    return Interval(value=round(value, 6), ci_low=round(lo, 6), ci_high=round(hi, 6))


@dataclass
class Scored:
    """Every model's metrics on one holdout, with the bootstrap samples behind them."""

    y: np.ndarray
    preds: dict[str, np.ndarray]
    names: list[str]  # metric names, the primary first
    boots: dict[str, dict[str, np.ndarray]]

    def holdout(self, role: str, name: str) -> HoldoutScore:
        ivs = {
            m: as_interval(score(METRICS[m], self.y, self.preds[role]), self.boots[role][m])
            for m in self.names
        }
        return HoldoutScore(
            name=name,
            role="candidate" if role == "candidate" else "baseline",
            primary=ivs[self.names[0]],
            secondary={m: ivs[m] for m in self.names[1:]},
        )

    def best_rule(
        self, role: str, rules: dict[str, np.ndarray], idx
    ) -> tuple[HoldoutScore, Interval]:
        """The best rule without inputs (`workbench.science.no_model`) on the primary metric,
        and `role`'s paired lift over it: in each resample the reference is whichever rule
        scores best there, so no rule a no-signal model matches can be the weaker one."""
        metric = METRICS[self.names[0]]
        sign = 1.0 if metric.greater_is_better else -1.0
        names = list(rules)
        observed = np.array([sign * score(metric, self.y, rules[r]) for r in names])
        boots = np.vstack([sign * bootstrap_scores(metric, self.y, rules[r], idx) for r in names])
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a resample no rule can score
            best_boot = np.nanmax(boots, axis=0)
        best = int(np.nanargmax(np.where(np.isfinite(observed), observed, -np.inf)))
        reference = HoldoutScore(
            name=names[best],
            role="baseline",
            primary=as_interval(sign * observed[best], sign * best_boot),
        )
        own = sign * score(metric, self.y, self.preds[role])
        lift = as_interval(own - observed[best], sign * self.boots[role][metric.name] - best_boot)
        return reference, lift

    def lift(self, role: str, over: str) -> Interval:
        """`role` minus `over` in the primary metric, sign-adjusted so positive is better,
        with its paired interval."""
        metric = METRICS[self.names[0]]
        sign = 1.0 if metric.greater_is_better else -1.0
        diff = sign * (self.boots[role][metric.name] - self.boots[over][metric.name])
        observed = sign * (
            score(metric, self.y, self.preds[role]) - score(metric, self.y, self.preds[over])
        )
        return as_interval(observed, diff)


def score_holdout(y: np.ndarray, preds: dict[str, np.ndarray], names: list[str], idx) -> Scored:
    """Bootstrap every metric in `names` for every model in `preds` on the resamples `idx`
    (a plan of `workbench.science.bootstrap_units`: the same resamples for every model)."""
    boots = {
        role: {m: bootstrap_scores(METRICS[m], y, p, idx) for m in names}
        for role, p in preds.items()
    }
    return Scored(y, preds, names, boots)
