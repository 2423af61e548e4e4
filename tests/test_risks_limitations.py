"""The executive summary's risks and the Limitations section: each comes from the run's own
evidence, ranked, and says nothing the run does not support."""

from __future__ import annotations

from test_assurance_decision import assurance, spec_with, with_assurance
from test_decision import SPEC, finding, results
from workbench.judge.decision import decide
from workbench.store.assurance_results import WindowScore
from workbench.store.results import BusinessValue, ColumnProfile, Interval, LearningCurve


def test_a_clean_run_shows_no_risk():
    d = decide(results(), SPEC)
    assert d.risks == []


def test_risks_are_ranked_leak_first_and_point_to_their_evidence():
    r = results(score=(0.77, 0.72, 0.82), findings=[finding("critical", "paid_late")])
    d = decide(r, SPEC)
    titles = [k.title for k in d.risks]
    assert titles[0] == "A leak in 'paid_late'"
    assert "Leakage section" in d.risks[0].evidence
    uncertain = next(k for k in d.risks if "may fall short" in k.title)
    assert "0.720 to 0.820" in uncertain.detail and "Holdout" in uncertain.evidence
    assert [k.weight for k in d.risks] == sorted((k.weight for k in d.risks), reverse=True)


def test_a_wide_interval_and_a_growing_learning_curve_are_risks():
    r = results(score=(0.85, 0.78, 0.92))
    r.evaluation.learning_curve = LearningCurve(
        train_sizes=[100, 200], scores=[0.7, 0.8], stds=[0.01, 0.01],
        verdict="more data is still helping", explanation="the score still rises by 0.1",
    )  # fmt: skip
    titles = [k.title for k in decide(r, SPEC).risks]
    assert "The holdout is small for a precise answer" in titles
    assert "The model is still limited by the amount of data" in titles


def test_value_whose_interval_reaches_a_loss_is_a_risk():
    r = results()
    r.evaluation.business = BusinessValue(
        currency="EUR", cases_per_month=1000, candidate_threshold=0.3, baseline_threshold=0.3,
        candidate_monthly=Interval(value=500, ci_low=-200, ci_high=1200),
        baseline_monthly=Interval(value=300, ci_low=-300, ci_high=900), act_on_none_monthly=0,
    )  # fmt: skip
    risk = next(k for k in decide(r, SPEC).risks if "cost more" in k.title)
    assert "\u2212200 EUR" in risk.detail  # money as the report writes it


def test_a_fairness_gap_without_an_agreed_bound_is_judged_against_the_default():
    d = decide(with_assurance(assurance(eo=0.3)), SPEC)
    assert d.recommendation == "build_with_conditions"
    risk = next(k for k in d.risks if "served worse" in k.title)
    assert "'F'" in risk.title and "0.250 to 0.350" in risk.detail
    assert "no bound was agreed" in risk.detail
    assert any("max_fairness_disparity" in item for item in d.roadmap)
    small = decide(with_assurance(assurance(eo=0.04)), SPEC)  # 0 to 0.09: within 0.10
    assert not any("served worse" in k.title for k in small.risks)
    assert not any("max_fairness_disparity" in item for item in small.roadmap)
    assert small.recommendation == "build"


def test_a_bounded_fairness_failure_outranks_a_robustness_failure():
    spec = spec_with(max_fairness_disparity=0.1, max_robustness_drop=0.05)
    a = assurance(eo=0.3, drop=0.2, max_drop=0.05)
    d = decide(with_assurance(a), spec)
    kinds = [k.title for k in d.risks]
    fairness = kinds.index("Group 'F' of sex is served worse")
    robustness = kinds.index("It breaks under realistic data problems")
    assert fairness < robustness


def test_decay_over_time_is_a_risk_naming_the_window():
    a = assurance()
    a.robustness.time_column = "month"
    a.robustness.time_windows = [
        WindowScore(window="2024-01", rows=300, score=0.85, drop=0.0),
        WindowScore(window="2024-06", rows=280, score=0.75, drop=0.1),
    ]
    risk = next(k for k in decide(with_assurance(a), SPEC).risks if "periods" in k.title)
    assert "2024-06" in risk.detail and "month" in risk.evidence


def test_limitations_follow_the_runs_facts():
    r = with_assurance(assurance())
    r.data.profile = [
        ColumnProfile(name="y", type="str", role="target", missing_share=0, distinct=2),
        ColumnProfile(name="customer_ref", type="str", role="id", missing_share=0, distinct=4000,
                      excluded_because="an identifier"),
    ]  # fmt: skip
    text = "\n".join(decide(r, SPEC).limitations)
    assert "4,000 rows" in text and "customer_ref: an identifier" in text
    assert "y:" not in text  # the target is not a dropped input
    assert "Fairness was not assessed" in text  # no column marked sensitive
    assert "Stability over time was not tested: the data has no date column" in text
    assert "0.820 to 0.880" in text and "same rows as the training part" in text
    assert "explanations on 100 rows" in text  # sampled: 100 of 1,000 holdout rows
    assert "expected value" not in text  # no business block, no assumption about costs


def test_limitations_of_a_time_split_with_sensitive_columns():
    r = with_assurance(assurance())
    r.leakage.split.strategy, r.leakage.split.time_column = "time", "applied_on"
    r.data.profile = [
        ColumnProfile(name="sex", type="str", role="sensitive", missing_share=0, distinct=2,
                      sensitive=True),
    ]  # fmt: skip
    text = "\n".join(decide(r, SPEC).limitations)
    assert "latest 25% of the rows by applied_on" in text
    assert "Fairness was assessed for sex only" in text
    assert "Stability over time" not in text


def test_limitations_name_the_cv_sample_and_an_undeclared_date():
    r = with_assurance(assurance())
    r.evaluation.cv_rows = 1_000  # of 3,000 training rows
    r.data.profile = [
        ColumnProfile(name="opened_on", type="datetime", role="feature", missing_share=0,
                      distinct=300),
    ]  # fmt: skip
    text = "\n".join(decide(r, SPEC).limitations)
    assert "on 1,000 of the 3,000 training rows" in text
    assert "no column has the role `time` in the contract (dated columns: opened_on)" in text
    r.evaluation.cv_rows = 3_000
    assert "of the 3,000 training rows" not in "\n".join(decide(r, SPEC).limitations)


def test_seed_refits_on_a_sample_are_a_limitation_only_when_there_were_refits():
    r = with_assurance(assurance())
    seeds = r.assurance.robustness.seeds
    seeds.train_rows = 1_000  # of 3,000 training rows
    seeds.seeds, seeds.scores = [42, 43, 44, 45], [0.85, 0.84, 0.85, 0.86]
    assert "seed-stability refits on 1,000" in "\n".join(decide(r, SPEC).limitations)
    seeds.seeds, seeds.scores = [42], [0.85]  # a model that uses no seed: nothing refitted
    assert "seed-stability" not in "\n".join(decide(r, SPEC).limitations)
