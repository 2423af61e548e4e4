"""An interval judged against a threshold: the one rule every criterion, readiness item and
production sentence uses, so that they never disagree about what "clears the bar" means."""

from __future__ import annotations

from workbench.store.results import Interval


def judge(iv: Interval, threshold: float, greater_is_better: bool, strict: bool = False) -> str:
    """pass when the whole interval clears the threshold, fail when none of it does. With
    `strict`, touching the threshold is not clearing it (a difference from chance must lie
    above zero, not at it)."""
    lo, hi = (iv.ci_low, iv.ci_high) if greater_is_better else (-iv.ci_high, -iv.ci_low)
    t = threshold if greater_is_better else -threshold
    if lo > t or (lo >= t and not strict):
        return "pass"
    if hi < t or (hi <= t and strict):
        return "fail"
    return "uncertain"
