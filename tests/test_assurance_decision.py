"""The assurance stage in the decision: fairness and robustness bounds, when the spec sets
them, turn a build into a build with conditions that names the group or the feature."""

from __future__ import annotations

from test_decision import SPEC, results

from workbench.judge.decision import decide
from workbench.store.assurance_results import (
    AssuranceResult,
    Disparity,
    ExplanationResult,
    FairnessResult,
    MitigationTradeoff,
    RobustnessResult,
    RobustnessTest,
    SeedStability,
)
from workbench.store.results import Interval


def assurance(eo=0.3, drop=0.2, max_disparity=None, max_drop=None) -> AssuranceResult:
    worst = Disparity(
        attribute="sex", demographic_parity_difference=0.1, demographic_parity_ratio=0.8,
        equalized_odds_difference=Interval(value=eo, ci_low=eo - 0.05, ci_high=eo + 0.05),
        equalized_odds_ratio=0.5, worst_group="F", gap=f"true positive rate gap {eo:.3f}",
    )  # fmt: skip
    verdict = "report" if max_disparity is None else ("fail" if eo > max_disparity else "pass")
    fair = FairnessResult(
        task="binary", attributes=["sex"], test_rows=1000, threshold=0.5, threshold_note="",
        max_disparity=max_disparity, groups=[], disparities=[worst], verdict=verdict, worst=worst,
        mitigation=[MitigationTradeoff(attribute="sex", metric="roc_auc", score_before=0.85,
                                       score_after=0.8, disparity_before=eo, disparity_after=0.05,
                                       note="")],
    )  # fmt: skip
    test = RobustnessTest(
        test="one_feature_noise", setting="1 × std on 'income' alone", feature="income",
        score=0.85 - drop, drop=drop,
        verdict="report" if max_drop is None else ("fail" if drop > max_drop else "pass"),
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


def test_without_bounds_assurance_is_reported_not_judged():
    d = decide(with_assurance(assurance()), SPEC)
    assert d.recommendation == "build"
    assert not any("Equalized" in c.name or "robustness" in c.name for c in d.criteria)


def test_a_fairness_gap_beyond_the_bound_names_the_group_and_the_option():
    spec = spec_with(max_fairness_disparity=0.1)
    d = decide(with_assurance(assurance(max_disparity=0.1)), spec)
    assert d.recommendation == "build_with_conditions"
    crit = next(c for c in d.criteria if c.name.startswith("Equalized-odds"))
    assert crit.verdict == "fail" and crit.observed == 0.3
    assert any("'F'" in r and "0.300" in r for r in d.reasons)
    assert any("ThresholdOptimizer" in r and "0.300 to 0.050" in r for r in d.roadmap)


def test_a_robustness_drop_beyond_the_bound_names_the_feature():
    spec = spec_with(max_robustness_drop=0.1)
    d = decide(with_assurance(assurance(max_drop=0.1)), spec)
    assert d.recommendation == "build_with_conditions"
    assert any("'income'" in r for r in d.reasons)


def test_within_both_bounds_is_still_a_build():
    spec = spec_with(max_robustness_drop=0.3, max_fairness_disparity=0.4)
    a = assurance(max_drop=0.3, max_disparity=0.4)
    d = decide(with_assurance(a), spec)
    assert d.recommendation == "build"
    assert sum(c.verdict == "pass" for c in d.criteria[-2:]) == 2
