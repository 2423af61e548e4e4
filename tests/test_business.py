from __future__ import annotations

import numpy as np
import pytest

from workbench.inputs.spec import Business
from workbench.science.business import best_threshold, monthly_value, value_per_case


def scored(n=4000, seed=0):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.3).astype(int)
    p = np.clip(0.3 + 0.35 * (y - 0.3) + rng.normal(0, 0.2, n), 0, 1)
    return y, p


def test_costly_misses_lower_the_threshold_and_costly_false_alarms_raise_it():
    y, p = scored()
    misses_hurt = Business(false_positive_cost=10, false_negative_cost=500, cases_per_month=100)
    alarms_hurt = Business(false_positive_cost=500, false_negative_cost=10, cases_per_month=100)
    low, high = best_threshold(y, p, misses_hurt), best_threshold(y, p, alarms_hurt)
    assert low < 0.3 < high


def test_value_per_case_arithmetic():
    b = Business(
        false_positive_cost=10,
        false_negative_cost=100,
        true_positive_value=5,
        true_negative_value=1,
        cases_per_month=10,
    )
    y = np.array([1, 1, 0, 0])
    flag = np.array([True, False, True, False])
    assert value_per_case(y, flag, b) == pytest.approx((5 - 100 - 10 + 1) / 4)


def test_monthly_value_is_measured_against_acting_on_no_case():
    y, p = scored(500)
    b = Business(false_positive_cost=20, false_negative_cost=200, cases_per_month=1000)
    idx = np.random.default_rng(1).integers(0, len(y), (200, len(y)))
    none = monthly_value(y, p, 1.01, b, idx)  # a threshold nothing reaches: the status quo
    assert none == (0.0, 0.0, 0.0)
    value, lo, hi = monthly_value(y, p, best_threshold(y, p, b), b, idx)
    assert lo <= value <= hi and value > 0


def test_business_block_is_for_binary_tasks_only(tmp_path):
    from test_spec import GOOD, write

    from workbench.errors import BadInput
    from workbench.inputs.spec import load_spec

    text = (
        GOOD + "business: {false_positive_cost: 1, false_negative_cost: 5, cases_per_month: 100}\n"
    )
    assert load_spec(write(tmp_path, text)).spec.business.false_negative_cost == 5
    regression = text.replace(
        'kind: binary, target: y, positive_class: "1"', "kind: regression, target: y"
    )
    with pytest.raises(BadInput, match="binary tasks only"):
        load_spec(
            write(tmp_path, regression.replace("min_primary_score: 0.7", "min_primary_score: 0.2"))
        )
