"""From results to a recommendation: each acceptance criterion judged on its confidence
interval, then the written rules of docs/decision-rules.md (the one place they are stated, and
the page the report cites) turn the verdicts into build, build with conditions, do not build
or inconclusive."""

from workbench.judge.decision.criteria import SETTLE_FACTOR, judge, rows_to_settle
from workbench.judge.decision.rules import FinishedRun, decide, recommend

__all__ = ["SETTLE_FACTOR", "FinishedRun", "decide", "judge", "recommend", "rows_to_settle"]
