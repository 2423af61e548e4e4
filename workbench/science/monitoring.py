"""The monitoring plan the assurance stage writes: which inputs to watch for drift in
production, and why — the ones that move the predictions most (SHAP) and the ones whose damage
alone costs the model most in the robustness tests — each with its reference statistics on the
training part, computed by the same code `workbench drift` compares new data with."""

from __future__ import annotations

import pandas as pd

from workbench.inputs.contract import Contract
from workbench.language import N_, _
from workbench.science.drift import PSI_DRIFTED, PSI_MODERATE, reference_stats
from workbench.store.assurance_results import ExplanationResult, RobustnessResult, RobustnessTest
from workbench.store.production_results import MonitoringPlan, WatchedFeature
from workbench.wording import count, number

TOP_SHAP = 5  # the inputs that move predictions most are always watched
SINGLE_FEATURE_TESTS = ("one_feature_noise", "dropped_feature", "unseen_category")
WHAT = {
    "one_feature_noise": N_("noise on it alone"),
    "dropped_feature": N_("its value missing on every row"),
    "unseen_category": N_("new categories in it"),
}


def _fragile(rob: RobustnessResult) -> dict[str, RobustnessTest]:
    """Per input, its worst single-input robustness test, when that test is the worst of its
    kind (noise on it alone, its value missing, new categories): the inputs the model can
    least afford to get wrong. Whether a drop is beyond the agreed one is the judge's
    verdict; the production path names every input it finds fragile."""
    single = [t for t in rob.tests if t.test in SINGLE_FEATURE_TESTS and t.feature and t.drop]
    picked = []
    for kind in SINGLE_FEATURE_TESTS:
        of_kind = [t for t in single if t.test == kind and t.drop > 0]
        if of_kind:
            picked.append(max(of_kind, key=lambda t: t.drop))
    worst: dict[str, RobustnessTest] = {}
    for t in picked:
        if t.feature not in worst or t.drop > worst[t.feature].drop:
            worst[t.feature] = t
    return worst


def _fragile_reason(t: RobustnessTest, rob: RobustnessResult) -> str:
    return _("robustness: {what} drops the score by {drop}").format(
        what=_(WHAT[t.test]), drop=number(t.drop)
    )


def monitoring_plan(
    expl: ExplanationResult, rob: RobustnessResult, train: pd.DataFrame, contract: Contract
) -> MonitoringPlan:
    """The features to watch and their reference statistics on `train` (the training part)."""
    ranked = [f for f, v in expl.importance.items() if v > 0]
    fragile = _fragile(rob)
    extra = sorted(
        (f for f in fragile if f not in ranked[:TOP_SHAP]), key=lambda f: -fragile[f].drop
    )
    order = ranked[:TOP_SHAP] + extra
    order = [f for f in order if f in contract.columns and f in train.columns]
    pii = [f for f in order if contract.columns[f].pii]
    order = [f for f in order if f not in pii]
    stats = reference_stats(train, contract, order)["features"]
    watched = []
    for f in order:
        reasons = []
        rank = ranked.index(f) + 1 if f in ranked else None
        if rank is not None and rank <= TOP_SHAP:
            reasons.append(
                _("SHAP: rank {rank} of the inputs moving predictions most").format(rank=rank)
            )
        if f in fragile:
            reasons.append(_fragile_reason(fragile[f], rob))
        watched.append(
            WatchedFeature(
                feature=f,
                reasons=reasons,
                shap_rank=rank,
                shap_importance=round(expl.importance[f], 6) if f in expl.importance else None,
                robustness_drop=fragile[f].drop if f in fragile else None,
                reference=stats[f],
            )
        )
    notes = (
        [_("Not described because they are PII: {columns}.").format(columns=", ".join(pii))]
        if pii
        else []
    )
    dates = [f for f in order if contract.columns[f].type == "datetime"]
    if dates:
        notes.append(
            _(
                "Dates ({columns}) move forward by nature, so their PSI against the training "
                "part grows with time: read it as the model's age, not as a drift alarm."
            ).format(columns=", ".join(dates))
        )
    return MonitoringPlan(
        computed_on=_("the training part ({rows} rows) of the run's snapshot").format(
            rows=count(len(train))
        ),
        rows=len(train),
        psi_moderate=PSI_MODERATE,
        psi_drifted=PSI_DRIFTED,
        watched=watched,
        notes=notes,
    )
