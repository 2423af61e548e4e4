"""The production path the roadmap ends with, when the recommendation is to build: the
pipeline, the monitoring plan, the retraining trigger, the rollback and the human-review band,
then what the engineering track still owes by the ML Test Score rubric. All of it comes from
`workbench.readiness.assess`, the same list the promotion package's READINESS.md and the
report's production path show."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.decision.rules import RunResults
    from workbench.spec import Spec


def production_path(rec: str, results: RunResults, spec: Spec) -> list[str]:
    if rec not in ("build", "build_with_conditions"):
        return []
    from workbench.readiness import assess  # readiness reads the decision's own judging

    readiness = assess(results, spec, rec)
    return [*readiness.path.lines(), readiness.summary()]
