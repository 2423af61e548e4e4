"""The production path the roadmap ends with, when the recommendation is to build."""

from __future__ import annotations

from workbench.results import EvaluationResult


def production_path(rec: str, ev: EvaluationResult) -> list[str]:
    if rec not in ("build", "build_with_conditions"):
        return []
    return [
        f"Promote the tuned configuration ({ev.candidate.name}) with `workbench promote`: the "
        "pipeline, its contract and reference statistics go to the engineering team.",
        "Monitor the model's inputs for drift against the reference statistics, and its "
        f"{ev.metric} on newly labelled cases; retrain when it falls below the agreed threshold.",
        f"Keep the best baseline ({ev.baseline.name}) deployable as the rollback.",
    ]
