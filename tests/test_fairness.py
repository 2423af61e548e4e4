"""Fairness across sensitive groups: fairlearn's per-group rates and disparities, gaps judged
against a permutation null (so a fair model is not flagged, a real gap is, and every raised
gap is named), groups too small to judge, quartiles for numbers, intersections, and the
ThresholdOptimizer trade-off on out-of-fold scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import (
    demographic_parity_difference,
    demographic_parity_ratio,
    equalized_odds_difference,
    equalized_odds_ratio,
    false_positive_rate,
    true_positive_rate,
)
from sklearn.metrics import roc_auc_score

from workbench.judge.decision.assurance_criteria import raised
from workbench.judge.verdicts.fairness_verdict import RAISED, fairness_verdict
from workbench.science import fairness, fairness_gaps
from workbench.science.fairness_groups import MIN_CASES
from workbench.science.mitigation import tradeoff


def predictions(n: int = 1000, seed: int = 0):
    """Good predictions for group A, coin flips for group B; 12 rows of group C."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    group = np.where(rng.random(n) < 0.6, "A", "B")
    group[:12] = "C"
    good = np.clip(y + rng.normal(0, 0.25, n), 0, 1)
    p = np.where(group == "B", rng.random(n), good)
    return y, p, pd.DataFrame({"group": group, "age": rng.integers(18, 80, n)})


def null_data(seed: int, n: int = 1800, groups: int = 6, positives: float = 0.10):
    """The issue's case: six groups, 10% positives, predictions independent of the group."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < positives).astype(int)
    p = np.clip(0.35 * y + 0.65 * rng.random(n), 0, 1)
    group = np.array(list("ABCDEF"))[rng.integers(0, groups, n)]
    return y, p, pd.DataFrame({"group": group})


def assess(y, p, sensitive, task="binary", seed=0):
    pred = np.column_stack([1 - p, p]) if task == "binary" else p
    return fairness.assess((sensitive, sensitive.iloc[:0]), (y, pred), task, seed=seed)


@pytest.fixture(scope="module")
def judged():
    y, p, s = predictions()
    return assess(y, p, s[["group"]])


def test_the_noisy_group_is_named_with_its_gap(judged):
    verdict = fairness_verdict(judged, 0.1)
    assert verdict.verdict == "fail"
    worst = judged.worst
    assert worst.attribute == "group" and worst.worst_group == "B"
    assert verdict.status("group") == "above"
    eo = worst.equalized_odds_difference
    assert eo.value > 0.3 and eo.ci_low <= eo.value <= eo.ci_high
    assert eo.ci_low > 0.1 and worst.p_value < 0.01
    assert "'B'" in worst.gap and "'A'" in worst.gap
    assert raised(judged, verdict) == [worst]


def test_disparities_are_fairlearns_on_the_groups_large_enough_to_judge(judged):
    y, p, s = predictions()
    keep = (s["group"] != "C").to_numpy()
    args = (y[keep], (p[keep] >= 0.5).astype(int))
    kw = {"sensitive_features": s["group"][keep]}
    d = judged.disparities[0]
    assert d.equalized_odds_difference.value == pytest.approx(
        equalized_odds_difference(*args, **kw), abs=1e-6
    )
    assert d.equalized_odds_ratio == pytest.approx(equalized_odds_ratio(*args, **kw), abs=1e-6)
    assert d.demographic_parity_difference == pytest.approx(
        demographic_parity_difference(*args, **kw), abs=1e-6
    )
    assert d.demographic_parity_ratio == pytest.approx(
        demographic_parity_ratio(*args, **kw), abs=1e-6
    )


def test_small_groups_are_flagged_left_out_and_their_rates_suppressed(judged):
    small = [g for g in judged.groups if g.too_small]
    assert [(g.group, g.rows) for g in small] == [("C", 12)]
    c = small[0]
    assert c.positives < MIN_CASES and c.negatives < MIN_CASES
    # 12 rows: the selection rate is shown; rates from 6 positives or negatives are not
    assert c.metrics["selection_rate"] is not None
    assert all(c.metrics[m] is None for m in ("true_positive_rate", "false_positive_rate"))
    assert "too small to judge" in judged.notes[0].lower() and "'C'" in judged.notes[0]
    assert "'C'" not in judged.worst.gap


def test_a_group_needs_enough_positives_and_negatives_not_just_rows():
    """300 rows but 9 positives: shown, never judged."""
    rng = np.random.default_rng(3)
    n = 1200
    group = np.where(np.arange(n) < 300, "rare", np.where(np.arange(n) % 2, "A", "B"))
    y = np.where(group == "rare", (np.arange(n) % 37 == 0), rng.random(n) < 0.3).astype(int)
    p = np.clip(0.4 * y + 0.6 * rng.random(n), 0, 1)
    result = assess(y, p, pd.DataFrame({"group": group}))
    rare = next(g for g in result.groups if g.group == "rare")
    assert rare.rows == 300 and rare.positives == 9 and rare.too_small
    assert rare.metrics["true_positive_rate"] is None  # 9 positives: under the cell size
    assert rare.metrics["false_positive_rate"] is not None  # 292 negatives
    assert result.disparities[0].groups_judged == 2


def test_group_metrics_match_fairlearn_and_sklearn(judged):
    y, p, s = predictions()
    rows = (s["group"] == "A").to_numpy()
    a = next(g for g in judged.groups if g.group == "A").metrics
    assert a["true_positive_rate"].value == pytest.approx(
        true_positive_rate(y[rows], p[rows] >= 0.5), abs=1e-6
    )
    assert a["false_positive_rate"].value == pytest.approx(
        false_positive_rate(y[rows], p[rows] >= 0.5), abs=1e-6
    )
    assert a["roc_auc"].value == pytest.approx(roc_auc_score(y[rows], p[rows]), abs=1e-6)
    for iv in a.values():
        assert iv.ci_low <= iv.value <= iv.ci_high
    assert judged.threshold == 0.5 and "0.5" in judged.threshold_note


def test_rates_and_their_intervals_are_fairlearns_and_scipys():
    """Counted in one pass (a pair of columns has dozens of cells): the same values as
    fairlearn's MetricFrame and scipy's Wilson interval."""
    from fairlearn.metrics import MetricFrame, selection_rate
    from scipy.stats import binomtest

    from workbench.science.fairness_groups import _share, decision_rates

    y, p, s = predictions()
    yhat = (p >= 0.5).astype(int)
    frame = MetricFrame(
        metrics={"selection_rate": selection_rate, "tpr": true_positive_rate,
                 "fpr": false_positive_rate},
        y_true=y, y_pred=yhat, sensitive_features=s["group"],
    ).by_group  # fmt: skip
    ours = decision_rates(s["group"], y, yhat)
    pd.testing.assert_frame_equal(ours, frame.astype(float), check_names=False, atol=1e-12)
    for k, n in [(0, 10), (3, 17), (19, 20), (500, 1000), (10, 10)]:
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert (_share(k, n).ci_low, _share(k, n).ci_high) == (round(ci.low, 6), round(ci.high, 6))


def test_the_counted_gap_is_fairlearns_equalized_odds_difference():
    y, p, s = null_data(1)
    yhat = (p >= 0.5).astype(int)
    codes = pd.factorize(s["group"], sort=True)[0]
    counts = fairness_gaps.group_counts(y, yhat, codes, 6)
    assert fairness_gaps.gaps_from_counts(*counts)[0] == pytest.approx(
        equalized_odds_difference(y, yhat, sensitive_features=s["group"])
    )


def test_the_null_shuffles_groups_among_positives_and_negatives_apart():
    """Every shuffle keeps each group's positives and negatives: the null's gaps are those
    of a stratified shuffle, and the same seed gives the same null."""
    y, p, s = null_data(2)
    yhat = (p >= 0.5).astype(int)
    codes = pd.factorize(s["group"], sort=True)[0]
    null = fairness_gaps.permutation_null(y, yhat, codes, seed=7, n_perm=400)
    np.testing.assert_array_equal(null, fairness_gaps.permutation_null(y, yhat, codes, 7, 400))
    rng = np.random.default_rng(0)
    by_hand = []
    for _ in range(400):
        shuffled = codes.copy()
        for rows in (np.flatnonzero(y == 0), np.flatnonzero(y == 1)):
            shuffled[rows] = rng.permutation(shuffled[rows])
        counts = fairness_gaps.group_counts(y, yhat, shuffled, 6)
        by_hand.append(fairness_gaps.gaps_from_counts(*counts)[0])
    # two samples of the same distribution: their quartiles agree closely
    assert np.quantile(null, [0.25, 0.5, 0.75]) == pytest.approx(
        np.quantile(by_hand, [0.25, 0.5, 0.75]), abs=0.03
    )


def test_a_fair_model_is_not_flagged_and_its_interval_reaches_zero():
    """Before: the gap's interval lay above 0.10 in 40 of 40 such runs. Now a gap beyond
    chance is found in about 5% of them (the test's level; benchmarks/calibration_verdicts.py
    measures it on hundreds)."""
    flagged, reaches_zero = 0, 0
    for seed in range(12):
        y, p, s = null_data(seed)
        result = assess(y, p, s, seed=seed)
        d = result.disparities[0]
        flagged += fairness_verdict(result, 0.1).status("group") in RAISED
        reaches_zero += d.equalized_odds_difference.ci_low == 0.0
    assert flagged <= 1 and reaches_zero >= 11


def test_a_large_fair_holdout_passes():
    y, p, s = null_data(0, n=40_000, groups=3, positives=0.3)
    verdict = fairness_verdict(assess(y, p, s), 0.1)
    assert verdict.verdict == "pass" and verdict.status("group") == "within"


def test_every_real_gap_is_raised_not_only_the_widest():
    rng = np.random.default_rng(5)
    n = 4000
    y = (rng.random(n) < 0.3).astype(int)
    age = np.where(rng.random(n) < 0.5, "young", "old")
    region = np.where(rng.random(n) < 0.5, "north", "south")
    p = np.clip(0.45 * y + 0.55 * rng.random(n), 0, 1)
    missed_young = (age == "young") & (y == 1) & (rng.random(n) < 0.45)
    missed_south = (region == "south") & (y == 1) & (rng.random(n) < 0.6)
    p[missed_young | missed_south] *= 0.3
    result = assess(y, p, pd.DataFrame({"age": age, "region": region}))
    found = {d.attribute for d in raised(result, fairness_verdict(result, 0.1))}
    assert {"age", "region"} <= found
    assert result.worst.attribute != "age"  # another gap is wider; age is raised all the same


def test_without_an_agreed_bound_the_default_is_used_and_said():
    y, p, s = predictions()
    verdict = fairness_verdict(assess(y, p, s[["group"]]), None)
    assert verdict.bound == 0.1 and not verdict.bound_agreed
    assert verdict.verdict == "fail"
    assert any("No bound was agreed" in n for n in verdict.notes)


def test_numbers_are_grouped_in_quartiles_and_small_pair_cells_are_never_passed_over():
    y, p, s = predictions(2000)
    s["group"] = np.where(np.arange(2000) % 2 == 0, "A", "B")
    result = assess(y, p, s[["group", "age"]])
    ages = [g.group for g in result.groups if g.attribute == "age"]
    assert len(ages) == 4 and ages[0].startswith("Q1: up to") and ages[-1].startswith("Q4: above")
    assert "group × age" in result.attributes  # 8 groups of about 125 positives each
    s.loc[:40, "group"] = "C"  # a third group of 41 rows: its pair cells are too small
    result = assess(y, p, s[["group", "age"]])
    assert "group × age" in result.attributes  # judged on the large cells, the rest listed
    verdict = fairness_verdict(result, 0.9)
    pair = next(a for a in verdict.attributes if a.attribute == "group × age")
    assert pair.status == "unresolved" and verdict.verdict == "uncertain"
    cells = {g.group for g in pair.small_groups}
    assert cells and all(c.startswith("C & ") for c in cells)


def test_regression_reports_error_gaps_without_judging():
    rng = np.random.default_rng(0)
    y = rng.normal(size=600)
    group = np.where(np.arange(600) % 3 == 0, "B", "A")
    pred = y + np.where(group == "B", rng.normal(0, 2, 600), rng.normal(0, 0.1, 600))
    result = assess(y, pred, pd.DataFrame({"group": group}), task="regression")
    verdict = fairness_verdict(result, 0.1)
    assert verdict.verdict == "not_applicable" and result.worst is None
    assert (
        result.disparities[0].worst_group == "B"
        and "mean absolute error" in result.disparities[0].gap
    )
    assert any("yes/no outcomes only" in n for n in verdict.notes)


def test_no_sensitive_column_is_said_plainly():
    y, p, s = predictions()
    result = assess(y, p, s[[]])
    assert fairness_verdict(result, 0.1).verdict == "not_applicable"
    assert "sensitive: true" in result.notes[0]


def test_threshold_optimizer_is_fitted_on_out_of_fold_scores_and_compared_at_the_operating_point():
    rng = np.random.default_rng(0)

    def scores(n):
        group = pd.Series(np.where(rng.random(n) < 0.5, "A", "B"), name="group")
        y = (rng.random(n) < 0.3).astype(int)
        noise = np.where(group == "B", 0.9, 0.3)  # group B's scores carry little signal
        s = np.clip(0.5 * y + 0.25 + rng.normal(0, 1, n) * noise * 0.3, 0, 1)
        return s, y, group

    oof, holdout = scores(3000), scores(1500)
    result = tradeoff(oof, holdout, 0.5, seed=0)
    assert result.metric == "balanced_accuracy"
    assert result.disparity_after < result.disparity_before
    before = (holdout[0] >= 0.5).astype(int)
    assert result.disparity_before == pytest.approx(
        equalized_odds_difference(holdout[1], before, sensitive_features=holdout[2]), abs=1e-6
    )
    assert "out-of-fold" in result.note and "at the moment of the decision" in result.note


def test_a_group_too_small_to_fit_its_own_threshold_keeps_the_models():
    """The demo's marital status: a 'missing' group with one outcome only in the training
    part made ThresholdOptimizer fail for the whole column."""
    rng = np.random.default_rng(1)

    def scores(n, rare_share):
        group = pd.Series(np.where(rng.random(n) < 0.5, "A", "B"), name="marital")
        group[rng.random(n) < rare_share] = "missing"
        y = (rng.random(n) < 0.3).astype(int)
        y[(group == "missing").to_numpy()] = 0
        noise = np.where(group == "B", 0.9, 0.3)
        s = np.clip(0.5 * y + 0.25 + rng.normal(0, 1, n) * noise * 0.3, 0, 1)
        return s, y, group

    oof, holdout = scores(3000, 0.01), scores(1500, 0.01)
    result = tradeoff(oof, holdout, 0.5, seed=0)
    assert result.disparity_after is not None and result.disparity_after < result.disparity_before
    assert "keep the model's: 'missing'" in result.note


def test_the_same_inputs_give_the_same_result(judged):
    y, p, s = predictions()
    again = assess(y, p, s[["group"]])
    assert again.model_dump_json() == judged.model_dump_json()


def group_c(positives: int, seed: int = 7):
    """The issue's probe: two groups of 10,000 rows served alike (30% positives), and a third
    group C of 1,000 rows whose positives are never flagged."""
    rng = np.random.default_rng(seed)
    sizes = {"A": 10_000, "B": 10_000, "C": 1_000}
    group = np.repeat(list(sizes), list(sizes.values()))
    y = (rng.random(len(group)) < 0.3).astype(int)
    c = np.flatnonzero(group == "C")
    y[c] = 0
    y[c[:positives]] = 1
    flag = np.where(y == 1, rng.random(len(y)) < 0.8, rng.random(len(y)) < 0.1)
    flag[c[:positives]] = False
    p = np.where(flag, 0.9, 0.1)
    return y, p, pd.DataFrame({"group": group})


def test_a_small_group_that_is_never_served_does_not_pass():
    """C with 19 positives passed before (it dropped out of the gap); with 20 it failed with a
    gap of 0.80. Now 19 positives is "not shown within the bound", C listed with its counts
    and observed rates; 20 still fails."""
    result = assess(*group_c(19))
    verdict = fairness_verdict(result, 0.1)
    assert verdict.verdict == "uncertain" and verdict.status("group") == "unresolved"
    (c,) = verdict.small_groups
    assert (c.group, c.rows, c.positives, c.negatives, c.caught) == ("C", 1000, 19, 981, 0)
    assert c.false_alarms == next(g.false_alarms for g in result.groups if g.group == "C")
    assert (c.more_positives, c.more_negatives, c.more_rows) == (1, 0, 53)
    twenty = assess(*group_c(20))
    failing = fairness_verdict(twenty, 0.1)
    assert failing.verdict == "fail" and failing.small_groups == []
    assert twenty.disparities[0].equalized_odds_difference.value == pytest.approx(0.8, abs=0.02)


def test_the_figure_names_each_rate_even_when_the_first_group_has_none(tmp_path):
    """A group with no positives has no true-positive rate: the legend still names the rate
    at the first group that has it (it used to be drawn with no label, and no legend)."""
    import matplotlib.pyplot as plt

    from workbench.stages.assurance import fairness_figures
    from workbench.store.assurance_results import FairnessResult, GroupMetrics
    from workbench.store.run_directory import Run
    from workbench.store.values import Interval

    def group(name: str, tpr: Interval | None) -> GroupMetrics:
        fpr = Interval(value=0.1, ci_low=0.05, ci_high=0.2)
        return GroupMetrics(
            attribute="region", group=name, rows=200, too_small=False,
            metrics={"true_positive_rate": tpr, "false_positive_rate": fpr},
        )  # fmt: skip

    fair = FairnessResult(
        task="binary", attributes=["region"], test_rows=400, threshold=0.5, threshold_note="",
        groups=[group("north", None), group("south", Interval(value=0.7, ci_low=0.6, ci_high=0.8))],
        disparities=[], mitigation=[],
    )  # fmt: skip
    drawn = []
    real_close = plt.close
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(plt, "close", lambda fig: drawn.append(fig))
        shown = fairness_figures(fair, Run(tmp_path / "run"))
    labels = drawn[0].axes[0].get_legend_handles_labels()[1]
    real_close("all")
    assert len(shown) == 1 and len(labels) == 2 and drawn[0].axes[0].get_legend() is not None
