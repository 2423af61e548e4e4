"""From results to a recommendation: each acceptance criterion judged on its confidence
interval, then the written rules of docs/decision-rules.md (the one place they are stated, and
the page the report cites) turn the verdicts into build, build with conditions, do not build
or inconclusive. A forecast study is judged by the same rules on its own criteria
(`forecast_rules`)."""

from workbench.inputs.spec import Spec
from workbench.judge.decision.criteria import SETTLE_FACTOR, judge, rows_to_settle
from workbench.judge.decision.forecast_rules import decide_forecast
from workbench.judge.decision.rules import FinishedRun, recommend
from workbench.judge.decision.rules import decide as decide_tabular
from workbench.store.judgements import Decision


def decide(results: FinishedRun, spec: Spec) -> Decision:
    """The recommendation, from the run's results and the spec's acceptance criteria
    (`rules.decide`; a forecast study's by `forecast_rules.decide_forecast`)."""
    if spec.task.kind == "forecast":
        return decide_forecast(results, spec)
    return decide_tabular(results, spec)


__all__ = ["SETTLE_FACTOR", "FinishedRun", "decide", "judge", "recommend", "rows_to_settle"]
