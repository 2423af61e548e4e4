"""The assurance stage in the decision: fairness and robustness bounds, when the spec sets
them, turn a build into a build with conditions that names the group or the feature."""

from __future__ import annotations

import numpy as np
import pytest

from test_decision import SPEC, results
from workbench.judge.decision import decide
from workbench.judge.verdicts.robustness_verdict import drop_verdict
from workbench.science.fairness_gaps import gap_interval
from workbench.store.assurance_results import (
    AssuranceResult,
    Disparity,
    ExplanationResult,
    FairnessResult,
    GroupMetrics,
    MitigationTradeoff,
    RobustnessResult,
    RobustnessTest,
    SeedStability,
)
from workbench.store.results import Interval


def disparity(attribute="sex", eo=0.3, chance=0.08, group="F") -> Disparity:
    """A column's gap with the interval the permutation rule gives it (chance: the null's
    quantile)."""
    low, high, chance, p = gap_interval(eo, np.full(50, chance), 1)
    return Disparity(
        attribute=attribute, demographic_parity_difference=0.1, demographic_parity_ratio=0.8,
        equalized_odds_difference=Interval(value=eo, ci_low=low, ci_high=high),
        equalized_odds_ratio=0.5, worst_group=group, gap=f"true positive rate gap {eo:.3f}",
        chance_gap=chance, p_value=p, groups_judged=2, groups=2,
    )  # fmt: skip


def assurance(
    eo=0.3, drop=0.2, max_drop=None, chance=0.05, extra=(), drop_ci=0.02, groups=()
) -> AssuranceResult:
    gaps = [disparity(eo=eo, chance=chance), *extra]
    fair = FairnessResult(
        task="binary", attributes=[d.attribute for d in gaps], test_rows=1000, threshold=0.5,
        threshold_note="", permutations=1000, groups=list(groups), disparities=gaps,
        worst=gaps[0],
        mitigation=[MitigationTradeoff(attribute="sex", metric="balanced_accuracy",
                                       score_before=0.75, score_after=0.72, disparity_before=eo,
                                       disparity_after=0.05, note="")],
    )  # fmt: skip
    test = RobustnessTest(
        test="one_feature_noise", setting="1 × std on 'income' alone", feature="income",
        score=0.85 - drop, drop=drop,
        drop_interval=Interval(value=drop, ci_low=drop - drop_ci, ci_high=drop + drop_ci),
    )  # fmt: skip
    rob = RobustnessResult(
        metric="roc_auc", greater_is_better=True, sample_rows=1000, clean_score=0.85,
        max_drop=max_drop, tests=[test], worst_noise_feature="income",
        seeds=SeedStability(seeds=[42], scores=[0.85], spread=0.0, train_rows=3000, note=""),
    )  # fmt: skip
    expl = ExplanationResult(
        method="tree", output="", explained_rows=100, background_rows=None, importance={},
        local=[], fold_rank_correlations=[], fold_rank_mean=None, fold_train_rows=None,
    )  # fmt: skip
    return AssuranceResult(robustness=rob, fairness=fair, explanations=expl, figures=[])


def spec_with(**bounds):
    acceptance = SPEC.acceptance.model_copy(update=bounds)
    return SPEC.model_copy(update={"acceptance": acceptance})


def with_assurance(a: AssuranceResult):
    r = results()
    r.assurance = a
    return r


def test_a_sensitive_column_is_judged_against_the_default_bound_when_none_was_agreed():
    d = decide(with_assurance(assurance()), SPEC)
    assert d.recommendation == "build_with_conditions"
    crit = next(c for c in d.criteria if c.name.startswith("Equalized-odds"))
    assert crit.verdict == "fail" and "the default: no bound agreed" in crit.name
    assert any("set acceptance.max_fairness_disparity" in r for r in d.roadmap)
    assert not any("robustness" in c.name for c in d.criteria)  # no bound, not judged


def test_a_fairness_gap_beyond_the_bound_names_the_group_and_the_option():
    spec = spec_with(max_fairness_disparity=0.1)
    d = decide(with_assurance(assurance()), spec)
    assert d.recommendation == "build_with_conditions"
    crit = next(c for c in d.criteria if c.name.startswith("Equalized-odds"))
    assert crit.verdict == "fail" and crit.observed == 0.3
    assert (crit.ci_low, crit.ci_high) == (0.25, 0.35)
    assert any("'F'" in r and "0.300" in r for r in d.reasons)
    option = next(r for r in d.roadmap if "ThresholdOptimizer" in r)
    assert "0.300 to 0.050" in option and "balanced accuracy from 0.750 to 0.720" in option
    assert "out-of-fold" in option and "read the person's sex" in option
    assert not any("set acceptance.max_fairness_disparity" in r for r in d.roadmap)


def test_every_gap_beyond_chance_is_raised_not_only_the_widest():
    """Age's real gap (0.28) is raised even though sex's is wider."""
    age = disparity("age", eo=0.28, chance=0.07, group="Q1: up to 28")
    d = decide(with_assurance(assurance(eo=0.31, extra=[age])), SPEC)
    raised = [k.title for k in d.risks if "served worse" in k.title]
    assert "Group 'Q1: up to 28' of age is served worse" in raised
    assert "Group 'F' of sex is served worse" in raised
    assert sum("Fairness:" in r for r in d.reasons) == 2


def test_a_gap_within_what_chance_gives_is_not_a_flag_but_cannot_pass():
    """Small groups: chance alone gives gaps up to 0.25, the observed 0.15 is within it."""
    d = decide(with_assurance(assurance(eo=0.15, chance=0.25)), SPEC)
    crit = next(c for c in d.criteria if c.name.startswith("Equalized-odds"))
    assert crit.verdict == "uncertain" and crit.ci_low == 0.0
    assert not any("served worse" in k.title for k in d.risks)
    assert any("cannot be judged on this holdout" in r for r in d.reasons)
    assert any("is not known" in k.title for k in d.risks)
    assert d.recommendation == "build_with_conditions"


def test_a_robustness_drop_beyond_the_bound_names_the_feature():
    spec = spec_with(max_robustness_drop=0.1)
    d = decide(with_assurance(assurance(max_drop=0.1)), spec)
    assert d.recommendation == "build_with_conditions"
    assert any("'income'" in r for r in d.reasons)
    crit = next(c for c in d.criteria if "robustness" in c.name)
    assert crit.verdict == "fail" and (crit.ci_low, crit.ci_high) == pytest.approx((0.18, 0.22))


def test_a_robustness_drop_whose_interval_straddles_the_bound_is_uncertain():
    spec = spec_with(max_robustness_drop=0.1, max_fairness_disparity=0.4)
    a = assurance(drop=0.09, max_drop=0.1, drop_ci=0.03)
    assert drop_verdict(a.robustness.tests[0], 0.1) == "uncertain"
    d = decide(with_assurance(a), spec)
    crit = next(c for c in d.criteria if "robustness" in c.name)
    assert crit.verdict == "uncertain" and d.recommendation == "build_with_conditions"
    assert any("intervals straddle it" in r for r in d.reasons)


def test_within_both_bounds_is_still_a_build():
    spec = spec_with(max_robustness_drop=0.3, max_fairness_disparity=0.4)
    a = assurance(max_drop=0.3)
    d = decide(with_assurance(a), spec)
    assert d.recommendation == "build"
    assert sum(c.verdict == "pass" for c in d.criteria[-2:]) == 2


def group(name, rows, positives, caught, false_alarms, too_small=False, attribute="sex"):
    return GroupMetrics(
        attribute=attribute, group=name, rows=rows, too_small=too_small, metrics={},
        positives=positives, negatives=rows - positives, caught=caught,
        false_alarms=false_alarms,
    )  # fmt: skip


def test_a_group_too_small_to_judge_is_never_passed_over():
    """Within the bound for the groups large enough to judge, but group 'C' (19 positives,
    none flagged) could not enter the gap: not shown within the bound, listed with its counts
    and observed rates, and the roadmap asks for the cases it lacks."""
    spec = spec_with(max_robustness_drop=0.3, max_fairness_disparity=0.4)
    small = group("C", 1000, 19, 0, 3, too_small=True)
    a = assurance(max_drop=0.3, groups=[group("A", 10_000, 3000, 2400, 700), small])
    d = decide(with_assurance(a), spec)
    crit = next(c for c in d.criteria if c.name.startswith("Equalized-odds"))
    assert crit.verdict == "uncertain" and d.recommendation == "build_with_conditions"
    reason = next(r for r in d.reasons if "too small to judge" in r)
    assert "'C' (sex): 1,000 rows, actual positives flagged 0 of 19 (0%)" in reason
    assert "actual negatives flagged 3 of 981 (0.3%)" in reason
    todo = next(r for r in d.roadmap if "lacks" in r)
    assert "'C' (sex) lacks 1 positives, about 53 more rows of it" in todo
    assert any("is not known" in k.title for k in d.risks)
