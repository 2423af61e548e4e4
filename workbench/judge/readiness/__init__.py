"""Production readiness: the ML Test Score rubric (Breck et al., 2017, "The ML Test Score: A
Rubric for ML Production Readiness and Technical Debt Reduction") judged on a run's evidence.

Each of its 28 tests — 7 for features and data, 7 for model development, 7 for ML
infrastructure, 7 for monitoring — becomes an item with a stable id (`data-1` … `monitor-7`)
and a status: `provided` (the discovery run already gives engineering what the test asks,
with the evidence) or `owed` (what the engineering track still has to do, as a concrete next
step). `assess` also writes the production path (pipeline, monitoring, retraining, rollback,
human review) from the same evidence, so the roadmap, the report and the promotion package's
READINESS.md never disagree: they all show the one `Readiness` saved as
`results/readiness.json`.

`assess` reads results only (a `FinishedRun` and the spec); it never touches data or models.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.inputs.spec import Spec
from workbench.judge.readiness import data_model as dm
from workbench.judge.readiness import infra_monitor as im
from workbench.judge.readiness.evidence import Evidence
from workbench.judge.readiness.forecast_items import FORECAST_TESTS
from workbench.judge.readiness.forecast_path import forecast_production_path
from workbench.judge.readiness.production_path import production_path
from workbench.language import N_, _
from workbench.store.judgements import RUBRIC, SECTIONS, Readiness, ReadinessItem
from workbench.store.layout import FinishedRun


def _e(fn: Callable) -> Callable:
    return lambda e, path: fn(e)


# (id, the rubric's test, how this run's evidence judges it)
TESTS: list[tuple[str, str, Callable]] = [
    ("data-1", N_("Feature expectations are captured in a schema"), _e(dm.schema)),
    ("data-2", N_("All features are beneficial"), _e(dm.beneficial)),
    ("data-3", N_("No feature's cost is too much"), _e(dm.feature_cost)),
    ("data-4", N_("Features adhere to meta-level requirements"), _e(dm.meta_requirements)),
    ("data-5", N_("The data pipeline has appropriate privacy controls"), _e(dm.privacy)),
    ("data-6", N_("New features can be added quickly"), _e(dm.new_features)),
    ("data-7", N_("All input feature code is tested"), _e(dm.feature_code)),
    ("model-1", N_("Model specs are reviewed and submitted"), _e(dm.specs_reviewed)),
    ("model-2", N_("Offline and online metrics correlate"), _e(dm.offline_online)),
    ("model-3", N_("All hyperparameters have been tuned"), _e(dm.tuned)),
    ("model-4", N_("The impact of model staleness is known"), _e(dm.staleness)),
    ("model-5", N_("A simpler model is not better"), _e(dm.simpler)),
    ("model-6", N_("Model quality is sufficient on important data slices"), _e(dm.slices)),
    ("model-7", N_("The model is tested for considerations of inclusion"), _e(dm.inclusion)),
    ("infra-1", N_("Training is reproducible"), im.reproducible),
    ("infra-2", N_("Model specs are unit tested"), im.unit_tested),
    ("infra-3", N_("The ML pipeline is integration tested"), im.integration_tested),
    ("infra-4", N_("Model quality is validated before serving"), im.validated_before_serving),
    ("infra-5", N_("The model is debuggable"), im.debuggable),
    ("infra-6", N_("Models are canaried before serving"), im.canaried),
    ("infra-7", N_("Serving models can be rolled back"), im.rollback),
    ("monitor-1", N_("Dependency changes result in notification"), im.dependencies),
    ("monitor-2", N_("Data invariants hold for inputs"), im.invariants),
    ("monitor-3", N_("Training and serving are not skewed"), im.skew),
    ("monitor-4", N_("Models are not too stale"), im.stale),
    ("monitor-5", N_("The model is numerically stable"), im.numerically_stable),
    ("monitor-6", N_("Computing performance has not regressed"), im.performance),
    ("monitor-7", N_("Prediction quality has not regressed"), im.quality),
]


def assess(results: FinishedRun, spec: Spec, recommendation: str | None = None) -> Readiness:
    """The rubric and the production path, judged on one run's results. `recommendation` is
    the decision's, once it is known (the decision reads the production path, so readiness is
    judged first and the recommendation recorded on it afterwards)."""
    e = Evidence(results, spec)
    path = forecast_production_path(e) if spec.task.kind == "forecast" else production_path(e)
    items = []
    forecast = spec.task.kind == "forecast"
    for test_id, test, judge in TESTS:
        if forecast and test_id in FORECAST_TESTS:
            judge = FORECAST_TESTS[test_id]
        status, evidence, next_step = judge(e, path)
        items.append(
            ReadinessItem(
                id=test_id,
                section=_(SECTIONS[test_id.split("-")[0]]),
                test=_(test),
                status=status,
                evidence=evidence,
                next_step=next_step,
            )
        )
    return Readiness(
        rubric=_(RUBRIC),
        experiment=spec.name,
        recommendation=recommendation,
        path=path,
        items=items,
    )


__all__ = ["TESTS", "assess"]
