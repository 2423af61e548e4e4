"""Does the model survive worse inputs? Each robustness test's drop judged on its interval
against the agreed largest drop (`acceptance.max_robustness_drop`)."""

from __future__ import annotations

from workbench.judge.intervals import judge
from workbench.language import _
from workbench.store.assurance_results import RobustnessResult, RobustnessTest
from workbench.store.judgements import RobustnessVerdict
from workbench.store.results import Interval
from workbench.wording import number, plain

SINGLE_INPUT = ("one_feature_noise", "dropped_feature", "unseen_category")


def drop_verdict(t: RobustnessTest, bound: float | None) -> str:
    """pass: the whole interval of the drop within the bound; fail: all of it beyond; a drop
    without an interval (a resample could not score it) is judged on its point."""
    if bound is None or t.drop is None:
        return "not_judged"
    iv = t.drop_interval or Interval(value=t.drop, ci_low=t.drop, ci_high=t.drop)
    return judge(iv, bound, greater_is_better=False)


def robustness_verdict(rob: RobustnessResult, bound: float | None) -> RobustnessVerdict:
    verdicts = [drop_verdict(t, bound) for t in rob.tests]
    failed = [t for t, v in zip(rob.tests, verdicts, strict=True) if v == "fail"]
    overall = (
        "fail"
        if failed
        else "uncertain"
        if "uncertain" in verdicts
        else "pass"
        if "pass" in verdicts
        else "not_judged"
    )
    fragile = []
    for t in failed:
        if t.test in SINGLE_INPUT and t.feature and t.feature not in fragile:
            fragile.append(t.feature)
    return RobustnessVerdict(
        bound=bound,
        tests=verdicts,
        verdict=overall,
        failures=[_failure(t, bound) for t in failed],
        fragile_inputs=fragile,
    )


def _failure(t: RobustnessTest, bound: float) -> str:
    iv = t.drop_interval or Interval(value=t.drop, ci_low=t.drop, ci_high=t.drop)
    return _(
        "{setting}: the score drops by {drop} (95% interval {low} to {high}), more than the "
        "allowed {bound}"
    ).format(
        setting=t.setting,
        drop=number(t.drop),
        low=number(iv.ci_low),
        high=number(iv.ci_high),
        bound=plain(bound),
    )
