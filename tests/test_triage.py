"""Triage evidence measured on known routes: right first time, re-routing hours and cost a
month against today's routing, per-team precision and recall, a person for the unsure cases;
and the sentences page one makes of them."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.inputs.routing import Routing
from workbench.science.resampling import bootstrap_indices
from workbench.science.triage import triage

CLASSES = ["account", "billing", "technical"]


def routes(n: int = 400, seed: int = 0):
    """Known routes: the model right on 80% of cases, the keyword rule on 50%, and the model
    least sure exactly where it is wrong."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    model = np.where(np.arange(n) % 5 == 0, (y + 1) % 3, y)
    rule = np.where(np.arange(n) % 2 == 0, (y + 2) % 3, y)
    top = np.where(model == y, rng.uniform(0.7, 0.95, n), rng.uniform(0.4, 0.6, n))
    proba = np.repeat(((1 - top) / 2)[:, None], 3, axis=1)
    proba[np.arange(n), model] = top
    return y, {"candidate": model, "keyword_rule": rule, "default_queue": np.full(n, 1)}, proba


def test_right_first_time_hours_and_money_against_today():
    y, routed, proba = routes()
    routing = Routing(
        cases_per_month=1000,
        minutes_to_reroute=6,
        misroute_cost=10,
        costs={"billing": {"technical": 40}},
        review_minutes=2,
    )
    found = triage(y, routed, proba, CLASSES, 1, routing, bootstrap_indices(len(y), 300, 0))
    by = {o.role: o for o in found.outcomes}
    assert by["candidate"].right_first_time.value == pytest.approx(0.8)
    assert by["keyword_rule"].right_first_time.value == pytest.approx(0.5)
    assert by["candidate"].rerouting_hours_per_month.value == pytest.approx(0.2 * 1000 * 6 / 60)
    costs = np.where(
        y == routed["candidate"], 0, np.where((y == 1) & (routed["candidate"] == 2), 40, 10)
    )
    assert by["candidate"].cost_per_month.value == pytest.approx(costs.mean() * 1000, abs=0.01)
    versus = next(c for c in found.comparisons if c.against == "keyword_rule")
    assert versus.right_first_time_gain.value == pytest.approx(0.3)
    assert versus.hours_saved_per_month.value == pytest.approx(0.3 * 1000 * 6 / 60)
    iv = versus.right_first_time_gain
    assert 0.2 < iv.ci_low < 0.3 < iv.ci_high < 0.4  # paired: tighter than either score
    assert found.today == "keyword_rule" and found.priced_pairs == 1 and found.currency == "EUR"


def test_per_team_precision_and_recall():
    y, routed, proba = routes()
    found = triage(y, routed, proba, CLASSES, 1, None, bootstrap_indices(len(y), 200, 0))
    for c, team in enumerate(found.teams):
        mine, truth = routed["candidate"] == c, y == c
        assert team.cases == truth.sum() and team.routed == mine.sum()
        assert team.precision.value == pytest.approx((mine & truth).sum() / mine.sum(), abs=1e-6)
        assert team.recall.value == pytest.approx((mine & truth).sum() / truth.sum(), abs=1e-6)
        assert team.precision.ci_low <= team.precision.value <= team.precision.ci_high
    assert found.cases_per_month is None and found.outcomes[0].rerouting_hours_per_month is None


def test_a_person_for_the_unsure_cases_takes_the_model_s_mistakes():
    y, routed, proba = routes()
    routing = Routing(cases_per_month=1000, minutes_to_reroute=6, review_minutes=3)
    found = triage(y, routed, proba, CLASSES, 1, routing, bootstrap_indices(len(y), 200, 0))
    shares = [r.share for r in found.review]
    assert shares == pytest.approx([0.05, 0.10, 0.20])
    right = [r.right_first_time.value for r in found.review]
    assert right == pytest.approx([0.85, 0.90, 1.0])  # the unsure cases are the wrong ones
    widest = found.review[-1]
    assert widest.model_error.value == 0 and widest.person_hours_per_month == pytest.approx(10)
    assert widest.cases_per_month == pytest.approx(200)


def test_without_a_keyword_rule_today_is_the_default_queue():
    y, routed, proba = routes()
    del routed["keyword_rule"]
    found = triage(y, routed, proba, CLASSES, 1, None, bootstrap_indices(len(y), 100, 0))
    assert found.today == "default_queue" and found.default_queue == "billing"
    assert [o.name for o in found.outcomes] == ["the model", "everything to billing"]


def page_one(model: float, today: float, hours: float | None = 96.0, value: float | None = None):
    from workbench.report.contents import table
    from workbench.report.triage_section import triage_context
    from workbench.store.production_results import Proportion
    from workbench.store.triage_results import (
        Comparison,
        ReviewOption,
        RoutingOutcome,
        Span,
        TriageResult,
    )

    def s(v):
        return Span(value=v, ci_low=v - 1, ci_high=v + 1)

    tri = TriageResult(
        classes=["<b>billing</b>", "tech"],
        default_queue="<b>billing</b>",
        today="keyword_rule",
        test_rows=100,
        teams=[],
        outcomes=[
            RoutingOutcome(role="candidate", name="the model", right_first_time=s(model)),
            RoutingOutcome(role="keyword_rule", name="the keyword rule", right_first_time=s(today)),
        ],
        comparisons=[
            Comparison(
                against="keyword_rule",
                right_first_time_gain=s(model - today),
                hours_saved_per_month=None if hours is None else s(hours),
                value_per_month=None if value is None else s(value),
            )
        ],
        review=[
            ReviewOption(
                share=0.1,
                cases_per_month=400,
                person_hours_per_month=20,
                model_error=Proportion(value=0.1, ci_low=0.05, ci_high=0.2, count=9, rows=90),
                right_first_time=Span(value=0.9, ci_low=0.85, ci_high=0.95),
            )
        ],
        proposed_review=0.1,
        cases_per_month=4000 if hours is not None else None,
        minutes_to_reroute=12 if hours is not None else None,
        currency="EUR" if value is not None else None,
    )

    from types import SimpleNamespace

    results = SimpleNamespace(evaluation=SimpleNamespace(triage=tri, confusion=[[40, 10], [5, 45]]))
    return triage_context(results, table)


def test_page_one_speaks_in_cases_in_ten_and_hours_a_month():
    said = page_one(0.81, 0.52, hours=140, value=3200)
    assert "**8 in 10 cases reach the right team first time**" in said["headline"]
    assert "against 5 in 10 with today's keyword rule" in said["headline"]
    assert "**140 hours a month less re-routing**" in said["headline"]
    assert "saves **3,200 EUR a month**" in said["money"]
    assert "400 a month, about 20 hours of their time" in said["review"]
    assert "\\<b\\>billing\\</b\\>" in said["confusion_table"]  # a class name is text, escaped


def test_page_one_says_when_the_model_does_worse_and_what_it_cannot_price():
    close = page_one(0.83, 0.79, hours=-10)
    assert "83 in 100" in close["headline"] and "79 in 100" in close["headline"]  # tenths tie
    assert "10 hours a month more re-routing" in close["headline"]
    unpriced = page_one(0.8, 0.5, hours=None)
    assert "are not estimated" in unpriced["headline"] and unpriced["money"] is None
