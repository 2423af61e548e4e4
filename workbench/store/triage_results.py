"""The shape of a triage study's evidence (several classes, each a team a case is routed to):
how often each way of routing sends a case to the right team first time, what the wrong
routes cost in hours and money a month, the model's precision and recall per team, and the
cases a person would route instead of the model. Written by the evaluation stage into
`results/evaluation.json`; kept apart from `workbench.store.results` so that module stays
small."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from workbench.store.production_results import Proportion


class Span(BaseModel):
    """A value with its 95% interval (bootstrap over the holdout, the scores' resamples)."""

    value: float
    ci_low: float
    ci_high: float


class TeamScores(BaseModel):
    """The model's routing for one team (class), on the holdout."""

    name: str
    cases: int  # holdout cases that belong to this team
    routed: int  # holdout cases the model sent to it
    precision: Span | None  # of the cases sent to it, the share that belong there
    recall: Span | None  # of its cases, the share sent to it
    f1: Span | None


Role = Literal["candidate", "keyword_rule", "default_queue"]


class RoutingOutcome(BaseModel):
    """One way of routing the holdout's cases: the model, the keyword rule, or everything to
    the default queue."""

    role: Role
    name: str  # in words: "the model", "the keyword rule", "everything to billing"
    right_first_time: Span  # share of cases sent to the right team
    misrouted_per_month: Span | None = None
    rerouting_hours_per_month: Span | None = None
    cost_per_month: Span | None = None


class Comparison(BaseModel):
    """The model against another way of routing: paired differences, positive = the model
    is better (more right first time, fewer hours, less cost)."""

    against: Role
    right_first_time_gain: Span
    hours_saved_per_month: Span | None = None
    value_per_month: Span | None = None


class ReviewOption(BaseModel):
    """A person routes the cases the model is least sure of (lowest top-class probability);
    the model routes the rest. The person is assumed to route right."""

    share: float  # of all cases, sent to the person
    cases_per_month: float | None = None
    person_hours_per_month: float | None = None  # at the agreed review minutes per case
    model_error: Proportion  # the model's error on the cases it still routes alone
    right_first_time: Span  # all cases, the person's included
    misrouted_per_month: Span | None = None
    rerouting_hours_per_month: Span | None = None


class TriageResult(BaseModel):
    classes: list[str]
    default_queue: str  # where routing without a model sends every case
    today: Role  # today's routing, which page one compares the model with
    test_rows: int
    teams: list[TeamScores]
    outcomes: list[RoutingOutcome]  # the model first
    comparisons: list[Comparison]  # the model against each other way of routing
    review: list[ReviewOption] = Field(default_factory=list)
    proposed_review: float | None = None  # the share the report proposes
    keywords: dict[str, list[str]] = Field(default_factory=dict)  # the keyword rule's words
    cases_per_month: float | None = None
    minutes_to_reroute: float | None = None
    review_minutes: float | None = None
    currency: str | None = None  # when the spec prices a wrong route
    priced_pairs: int = 0  # pairs of teams with a cost of their own in the spec
