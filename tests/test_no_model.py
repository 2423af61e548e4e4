"""Better than no model: the reference is the best rule that uses no input, on every metric.

A model with no signal — one constant for every case, the training part's shares, or scores
that carry nothing about the outcome — never passes "better than no model" and is never
recommended for building, whatever the metric the spec allows, the class balance or the bar.
The holdouts are scored with the evaluation stage's code (`benchmarks/calibration_verdicts`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import chance_level
from workbench.science.bootstrap_units import resamples_for
from workbench.science.no_model import rules
from workbench.store.judgements import TO_BUILD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import calibration_verdicts as cal

CHANCE = "Better than no model"


def chance(d):
    return next(c for c in d.criteria if c.name.startswith(CHANCE))


def test_a_model_that_says_yes_to_everyone_is_not_built():
    """The issue's probe: F1 against a bar of 0.30, 30% positives. The prior never says yes
    (F1 0) and every always-yes model passed against it, 20 of 20 built."""
    rng = np.random.default_rng(2024)
    spec = cal.spec_for("f1", 0.30)
    verdicts = []
    for i in range(10):
        y = (rng.random(500) < 0.3).astype(int)
        for model in (np.full(500, 0.9), rng.random(500)):  # always yes; scores at random
            d = cal.decision(y, {"candidate": model, "baseline": model}, spec,
                             resamples_for(200, i, n=500))  # fmt: skip
            assert d.recommendation not in TO_BUILD
            assert "always '1' (every case flagged)" in chance(d).evidence
            verdicts.append(chance(d).verdict)
    assert verdicts[::2] == ["fail"] * 10  # always yes: exactly the rule, a lift of 0
    assert verdicts.count("pass") == 0 and verdicts.count("fail") >= 18


def test_the_reference_is_the_rule_that_scores_best_on_the_metric():
    y = np.array([0] * 70 + [1] * 30)
    y_train = np.array([0] * 60 + [1] * 40)
    f1 = rules(METRICS["f1"], "binary", y_train, y, ["no", "yes"], 0)
    assert set(f1) == {
        "the training part's class shares for every case",
        "the holdout's own class shares for every case",
        "always 'no'",
        "always 'yes' (every case flagged)",
        "guessing at the training part's class shares",
    }
    guessed = f1["guessing at the training part's class shares"].argmax(axis=1)
    assert guessed[y == 1].sum() == 12 and guessed[y == 0].sum() == 28  # 40% of each class
    auc = rules(METRICS["roc_auc"], "binary", y_train, y, ["no", "yes"], 0)
    assert len(auc) == 2  # a constant scores 0.5 whatever it is
    values = np.array([1.0, 2.0, 4.0, 100.0])
    mape = rules(METRICS["mape"], "regression", values, values, [], 0)
    assert mape["the constant with the least percentage error on the holdout"][0] == 1.0
    scored = cal.evaluation(y, {"candidate": np.full(100, 0.2), "baseline": np.full(100, 0.2)},
                            cal.spec_for("f1", 0.3), resamples_for(200, 0, n=100), y_train)  # fmt: skip
    assert scored.dummy.name == "always '1' (every case flagged)"
    assert scored.dummy.primary.value == round(2 * 0.3 / 1.3, 6)


# -- the property -------------------------------------------------------------------------------
TASK_METRICS = {
    task: sorted(m.name for m in METRICS.values() if task in m.tasks)
    for task in ("binary", "multiclass", "regression")
}


@st.composite
def no_signal(draw):
    """A holdout and a model with no signal on it: a constant, the training part's shares or
    mean, or random predictions exactly independent of the outcome (every outcome class, or
    every outcome value, meets every prediction equally often), with the metric and a bar."""
    task = draw(st.sampled_from(sorted(TASK_METRICS)))
    metric = METRICS[draw(st.sampled_from(TASK_METRICS[task]))]
    kind = draw(st.sampled_from(["constant", "prior", "random"]))
    pool_size = draw(st.integers(1, 6)) if kind == "random" else 1
    if task == "regression":
        magnitude = st.floats(0.1, 1000) | st.floats(-1000, -0.1)
        outcomes = np.array(draw(st.lists(magnitude, min_size=2, max_size=40)))
        pool = np.array(draw(st.lists(magnitude, min_size=pool_size, max_size=pool_size)))
        y = np.repeat(outcomes, len(pool))
        pred = np.tile(pool, len(outcomes))
        y_train = np.array(draw(st.lists(magnitude, min_size=2, max_size=20)))
        if kind == "prior":
            pred = np.full(len(y), y_train.mean())
    else:
        k = 2 if task == "binary" else draw(st.integers(3, 4))
        per_class = draw(st.lists(st.integers(1, 40), min_size=k, max_size=k))
        weights = st.lists(st.floats(0.01, 1.0), min_size=k, max_size=k)
        pool = np.array([draw(weights) for _ in range(pool_size)])
        pool = pool / pool.sum(axis=1, keepdims=True)
        y = np.repeat(np.arange(k), [a * pool_size for a in per_class])
        pred = np.vstack([np.tile(pool, (a, 1)) for a in per_class])
        train_counts = draw(st.lists(st.integers(1, 60), min_size=k, max_size=k))
        y_train = np.repeat(np.arange(k), train_counts)
        if kind == "prior":
            pred = np.tile(np.bincount(y_train, minlength=k) / len(y_train), (len(y), 1))
    low = chance_level(metric.name, task)
    bar = draw(st.floats(0.01 if low is None else low + 0.01, 0.99))
    if not metric.greater_is_better:
        bar = draw(st.floats(0.01, 1000))
    return task, metric, y, pred, y_train, bar, draw(st.integers(0, 10_000))


@settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 40)),
    derandomize="PROPERTY_EXAMPLES" not in os.environ,  # the test command: the same examples
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(no_signal())
def test_no_signal_never_passes_better_than_no_model(case):
    task, metric, y, pred, y_train, bar, seed = case
    spec = cal.spec_for(metric.name, bar, task=task)
    idx = resamples_for(200, seed, n=len(y))
    d = cal.decision(y, {"candidate": pred, "baseline": pred}, spec, idx, y_train=y_train)
    assert chance(d).verdict != "pass", (chance(d).observed, chance(d).ci_low)
    assert d.recommendation not in TO_BUILD
