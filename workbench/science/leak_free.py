"""The honest score without the suspects: when a critical leakage finding names model inputs,
the tuned configuration is cross-validated again without them — on the training part's folds
only, the holdout untouched — so the stakeholder learns what the model can do once the leak is
fixed, and whether that would still clear the bar. The same for the columns a leakage warning
names whose timing the contract leaves unknown: how much of the result rests on them."""

from __future__ import annotations

from dataclasses import replace

from workbench.language import _
from workbench.science.cross_validation import cross_validate
from workbench.science.modeling import Prepared
from workbench.science.search import build_model
from workbench.store.results import FindingRow, LeakFreeScore


def suspects(
    findings: list[FindingRow], features: list[str], severities: tuple[str, ...] = ("critical",)
) -> list[str]:
    """The model inputs named by a finding of these severities, in the order first named."""
    named = [c for f in findings if f.severity in severities for c in f.columns]
    return [c for c in dict.fromkeys(named) if c in features]


def unknown_timing_suspects(
    findings: list[FindingRow], features: list[str], unknown: list[str]
) -> list[str]:
    """The model inputs a warning names whose timing the contract leaves unknown: strong
    columns nobody has said are known by the decision."""
    warned = suspects(findings, features, ("warning",))
    critical = set(suspects(findings, features))
    return [c for c in warned if c in unknown and c not in critical]


def without_suspects(
    columns: list[str], family: str, params: dict, prep: Prepared, spec
) -> LeakFreeScore:
    """Cross-validate `family` with `params` on `prep`'s folds (a view of the training part)
    without `columns`."""
    kept = prep.X.drop(columns=columns)
    rows = len(prep.train)
    if kept.shape[1] == 0:
        return LeakFreeScore(columns=columns, features_left=0, cv=None, cv_rows=rows)
    view = replace(prep, X=kept, columns=prep.columns.without(columns))
    model = build_model(family, params, view, spec.task.kind, spec.seed)
    name = _("tuned {family} without the suspects").format(family=family)
    cv = cross_validate(model, view, spec, name, "leak-free")
    return LeakFreeScore(columns=columns, features_left=kept.shape[1], cv=cv, cv_rows=rows)
