"""What the report's production-path section reads: the saved readiness list and production
path (`results/readiness.json`, the same the decision's roadmap and the promotion package's
READINESS.md show), and the tables behind them — pipeline parts, watched inputs with their
reference statistics, the review band. Results only."""

from __future__ import annotations

from typing import Any

from workbench.language import _
from workbench.store.judgements import SECTIONS, TO_BUILD
from workbench.store.layout import FinishedRun
from workbench.wording import describe_reference


def production_context(results: FinishedRun) -> dict[str, Any]:
    readiness, ev, assurance = results.readiness, results.evaluation, results.assurance
    plan = assurance.monitoring if assurance else None
    return {
        "readiness": readiness,
        "applies": readiness.recommendation in TO_BUILD,
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
                "name": _(name),
                "provided": sum(
                    i.status == "provided" for i in readiness.items if _section(i.id) == key
                ),
                "owed": sum(i.status == "owed" for i in readiness.items if _section(i.id) == key),
            }
            for key, name in SECTIONS.items()
        ],
    }


def _section(item_id: str) -> str:
    """The rubric's section of an item, from its stable id (`data-1` is in `data`)."""
    return item_id.split("-")[0]
