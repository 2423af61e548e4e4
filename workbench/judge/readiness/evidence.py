"""What the readiness items and the production path read: a run's results and its spec, with
the few derived facts several items share. Results only: nothing here touches data."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.intervals import judge
from workbench.judge.verdicts import judge_measurements
from workbench.store.judgements import Verdicts
from workbench.store.layout import FinishedRun
from workbench.store.results import Interval


@dataclass
class Evidence:
    results: FinishedRun
    spec: Spec

    @property
    def ev(self):
        return self.results.evaluation

    @property
    def assurance(self):
        return self.results.assurance

    @property
    def production(self):
        return self.ev.production

    @property
    def verdicts(self) -> Verdicts:
        """The verdicts the judge saved first, or judged here for results without them."""
        return self.results.verdicts or judge_measurements(self.results, self.spec)

    @property
    def monitoring(self):
        return None if self.assurance is None else self.assurance.monitoring

    @property
    def label(self) -> str:
        return METRICS[self.ev.metric].title

    @property
    def higher(self) -> bool:
        return self.ev.greater_is_better

    @property
    def threshold(self) -> float:
        return self.spec.primary_threshold

    def clears(self, iv: Interval) -> str:
        """pass / uncertain / fail of an interval against the agreed primary threshold."""
        return judge(iv, self.threshold, self.higher)

    @property
    def simpler_suffices(self) -> bool:
        """The decision's "simpler model" case: the tuned model does not show the agreed lift
        and the best baseline clears the bar on its own."""
        lift = judge(self.ev.lift, self.spec.acceptance.min_lift_over_baseline, True)
        return lift != "pass" and self.clears(self.ev.baseline.primary) == "pass"

    def beyond(self, value: float) -> bool:
        """Whether a point score is on the wrong side of the agreed primary threshold."""
        return value < self.threshold if self.higher else value > self.threshold

    @property
    def features(self) -> list[str]:
        return list(self.results.data.features)

    @property
    def pii(self) -> list[str]:
        return [p.name for p in self.results.data.profile if p.pii]

    @property
    def sensitive(self) -> list[str]:
        return [p.name for p in self.results.data.profile if p.sensitive]

    @property
    def cases_per_month(self) -> float | None:
        b = self.ev.business
        return None if b is None else b.cases_per_month
