"""What a run logs to a tracking server, as plain dictionaries read from its files: parameters
(the spec and the tuned hyperparameters), metrics (holdout scores with their 95% intervals,
cross-validated scores, the review band, costs) and tags (recommendation, hashes)."""

from __future__ import annotations

import json

from workbench.inputs.yamlio import flatten
from workbench.store.layout import FinishedRun
from workbench.store.results import EvaluationResult, Interval

TEXT_KEYS = {"name", "question", "decision"}  # tags, not parameters
PARAM_CHARS = 500


def params(run: FinishedRun) -> dict[str, str]:
    """The spec's settings (dotted keys) and the winning configuration's hyperparameters."""
    flat = flatten({k: v for k, v in run.spec.items() if k not in TEXT_KEYS})
    if run.tuning is not None:
        flat["model.family"] = run.tuning.family
        flat.update({f"model.{k}": v for k, v in run.tuning.params.items()})
    text = {k: json.dumps(v) if isinstance(v, (list, dict)) else str(v) for k, v in flat.items()}
    # MLflow refuses parameter values past 6,000 characters (a long query, a long reviewer
    # note): the whole spec is logged as an artifact, so a shortened value loses nothing
    return {k: v if len(v) <= PARAM_CHARS else v[: PARAM_CHARS - 1] + "…" for k, v in text.items()}


def _interval(out: dict[str, float], name: str, iv: Interval) -> None:
    out[name] = iv.value
    out[f"{name}.ci_low"] = iv.ci_low
    out[f"{name}.ci_high"] = iv.ci_high


def metrics(run: FinishedRun) -> dict[str, float]:
    """Holdout scores of the candidate and the best baseline with their intervals, the lift,
    cross-validated scores, the proposed review band and the measured costs."""
    ev = run.evaluation
    out: dict[str, float] = {}
    for role in (ev.candidate, ev.baseline):
        _interval(out, f"holdout.{role.role}.{ev.metric}", role.primary)
        for name, iv in role.secondary.items():
            _interval(out, f"holdout.{role.role}.{name}", iv)
    _interval(out, f"holdout.lift.{ev.metric}", ev.lift)
    out["holdout.rows"] = float(ev.test_rows)
    out["holdout.scored"] = float(ev.holdout_scored)
    for name, key in (("tuned", "cv"), ("default", "default_cv")):
        cv = getattr(run.tuning, key, None)
        for stat, field in (("", "mean"), (".ci_low", "ci_low"), (".ci_high", "ci_high")):
            if cv is not None:
                out[f"cv.{name}.{ev.metric}{stat}"] = float(getattr(cv, field))
    if ev.business:
        _interval(out, "business.monthly_value", ev.business.candidate_monthly)
    out.update(_review(ev))
    if ev.costs is not None:
        out.update({f"cost.{k}": float(v) for k, v in ev.costs.model_dump().items()})
    return out


def _review(ev: EvaluationResult) -> dict[str, float]:
    band = ev.production.review if ev.production else None
    option = (
        next((o for o in band.options if o.target_share == band.proposed), None) if band else None
    )
    if option is None:
        return {}
    return {
        "review.share": option.share,
        "review.low": option.low,
        "review.high": option.high,
        "review.error_in": option.error_in.value,
        "review.error_out": option.error_out.value,
    }


def tags(run: FinishedRun) -> dict[str, str]:
    spec, manifest, run_dir = run.spec, run.manifest, run.dir
    return {
        "workbench.experiment": str(spec.get("name", "")),
        "workbench.run": run_dir.name,
        "workbench.question": str(spec.get("question", "")),
        "workbench.decision": str(spec.get("decision", "")),
        "workbench.recommendation": run.decision.recommendation,
        "workbench.spec_hash": str(manifest.get("spec_hash", "")),
        "workbench.data_fingerprint": str((manifest.get("data") or {}).get("fingerprint", "")),
        "workbench.git_revision": str((manifest.get("environment") or {}).get("git_revision")),
    }
