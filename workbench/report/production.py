"""What the report's production-path section reads: the readiness list and production path
(the same `assess` the decision's roadmap and the promotion package's READINESS.md use), and
the tables behind them — pipeline parts, watched inputs with their reference statistics, the
review band. Results only."""

from __future__ import annotations

from typing import Any

from workbench.readiness import SECTIONS, from_run
from workbench.readiness.path import describe_reference
from workbench.results import AssuranceResult, EvaluationResult
from workbench.run import Run

BUILD = ("build", "build_with_conditions")


def production_context(run: Run) -> dict[str, Any]:
    readiness = from_run(run.dir)
    ev = run.load_result("evaluation", EvaluationResult)
    assurance = (
        run.load_result("assurance", AssuranceResult) if run.has_result("assurance") else None
    )
    plan = assurance.monitoring if assurance else None
    return {
        "readiness": readiness,
        "applies": readiness.recommendation in BUILD,
        "evidence": ev.production,
        "band": ev.production.review if ev.production else None,
        "plan": plan,
        "watched": [
            {
                "feature": w.feature,
                "why": "; ".join(w.reasons),
                "reference": describe_reference(w.reference),
            }
            for w in (plan.watched if plan else [])
        ],
        "sections": [
            {
                "name": name,
                "provided": sum(
                    i.status == "provided" for i in readiness.items if i.section == name
                ),
                "owed": sum(i.status == "owed" for i in readiness.items if i.section == name),
            }
            for name in SECTIONS.values()
        ],
    }
