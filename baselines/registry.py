"""The registry of baseline builders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sklearn.pipeline import Pipeline

from baselines.columns import ColumnRoles

Builder = Callable[[ColumnRoles, str, int], Pipeline]
# which inputs a baseline needs, as a test of the columns and the task
INPUTS: dict[str, Callable[[ColumnRoles, str], bool]] = {
    "any": lambda cols, task: True,
    "text": lambda cols, task: bool(cols.text),  # reads the free text only
    "tabular": lambda cols, task: bool(cols.tabular),  # a split on one column needs a column
    # on free text alone, a linear classifier is the text baseline (tfidf_logistic) again
    "not_text_alone": lambda cols, task: bool(cols.tabular) or task == "regression",
}


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
    inputs: str = "any"  # which inputs it needs: a key of INPUTS

    def applies(self, columns: ColumnRoles, task: str) -> bool:
        """Whether this baseline has something to say on these inputs and this task."""
        return task in self.tasks and INPUTS[self.inputs](columns, task)


BASELINES: dict[str, Baseline] = {}


def register(
    name: str,
    description: str,
    tasks: tuple[str, ...] = ("binary", "multiclass", "regression"),
    inputs: str = "any",
):
    def wrap(fn: Builder) -> Builder:
        BASELINES[name] = Baseline(name, description, fn, tasks, inputs)
        return fn

    return wrap


def applicable(columns: ColumnRoles, task: str) -> list[str]:
    """The baselines that apply to these inputs and this task, in the zoo's order."""
    return [name for name, b in BASELINES.items() if b.applies(columns, task)]


def build(name: str, columns: ColumnRoles, task: str, seed: int) -> Pipeline:
    """An unfitted pipeline for baseline `name` on these columns and this task."""
    if name not in BASELINES:
        raise KeyError(f"unknown baseline '{name}'; known: {', '.join(BASELINES)}")
    return BASELINES[name].builder(columns, task, seed)
