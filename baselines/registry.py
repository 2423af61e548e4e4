"""The registry of baseline builders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sklearn.pipeline import Pipeline

from baselines.columns import ColumnRoles

Builder = Callable[[ColumnRoles, str, int], Pipeline]


def N_(message: str) -> str:
    """Mark a baseline's description for a message catalog: the library speaks English; a
    caller that speaks another language (the workbench's report) translates the marked text."""
    return message


@dataclass(frozen=True)
class Baseline:
    name: str
    description: str  # what a stakeholder should read it as
    builder: Builder
    tasks: tuple[str, ...] = ("binary", "multiclass", "regression")


BASELINES: dict[str, Baseline] = {}


def register(
    name: str, description: str, tasks: tuple[str, ...] = ("binary", "multiclass", "regression")
):
    def wrap(fn: Builder) -> Builder:
        BASELINES[name] = Baseline(name, description, fn, tasks)
        return fn

    return wrap


def build(name: str, columns: ColumnRoles, task: str, seed: int) -> Pipeline:
    """An unfitted pipeline for baseline `name` on these columns and this task."""
    if name not in BASELINES:
        raise KeyError(f"unknown baseline '{name}'; known: {', '.join(BASELINES)}")
    return BASELINES[name].builder(columns, task, seed)
