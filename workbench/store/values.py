"""The small values every results file holds: a figure and an interval."""

from __future__ import annotations

from pydantic import BaseModel


class Figure(BaseModel):
    path: str  # relative to the run directory
    caption: str


class Interval(BaseModel):
    value: float
    ci_low: float
    ci_high: float
