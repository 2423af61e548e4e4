"""The hand-off of a forecast study: `promote` on a finished forecast run writes the forecaster
as data — forecast_config.yaml (the candidate, the global model's tuned configuration, the
intervals' quantiles), the global model as XGBoost's own JSON with its features (never a
pickle), the spec and contract, MODEL_CARD.md, READINESS.md and readiness.json — and
forecast.py, which reads the latest history and writes the next horizon of every series with
its intervals. Nothing is refitted or re-scored here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import yaml

from workbench.errors import BadInput
from workbench.handoff.readiness_list import to_markdown
from workbench.inputs.period_words import seasonal_words, unit_names
from workbench.language import _
from workbench.store.judgements import RECOMMENDATION_LABELS
from workbench.store.layout import FinishedRun
from workbench.store.run_directory import Run, atomic_write
from workbench.wording import interval, pct

SCRIPTS = Path(__file__).resolve().parent / "scripts"
REQUIRED = [
    "results/decision.json",
    "results/readiness.json",
    "results/tuning.json",
    "results/evaluation.json",
    "inputs/spec.yaml",
    "inputs/contract.yaml",
    "models/global_xgboost.json",
    "models/global_features.json",
    "predictions/holdout.parquet",
]


def promote_forecast(run_dir: Path, out_dir: Path) -> Path:
    run_dir = Path(run_dir).expanduser().resolve()
    for name in REQUIRED:
        if not (run_dir / name).exists():
            raise BadInput(
                f"this is not a finished forecast run: {name} is missing",
                file=str(run_dir / name),
                fix=f"finish the run with `workbench run SPEC --run-dir {run_dir} --resume`",
            )
    results = FinishedRun.read(Run(run_dir))
    manifest = json.loads((run_dir / "manifest.json").read_text())
    ev, t, d = results.evaluation, results.tuning, results.data.forecast
    out_dir = Path(out_dir).expanduser().resolve()
    (out_dir / "forecaster").mkdir(parents=True, exist_ok=True)
    config = {
        "experiment": manifest.get("experiment"),
        "run": run_dir.name,
        "target": results.data.target,
        "candidate": ev.forecast.candidate,
        "candidate_label": ev.candidate.name,
        "params": dict(t.params),
        "global_model": t.forecast.config,
        "horizon": d.horizon,
        "frequency": d.frequency,
        "season_lengths": list(d.seasons),
        "interval_quantiles": ev.forecast.interval_quantiles,
        "holdout": {
            "metric": ev.metric,
            "candidate": ev.candidate.primary.model_dump(),
            "seasonal_naive": ev.baseline.primary.model_dump(),
        },
        "seed": manifest.get("seed"),
        "spec_hash": manifest.get("spec_hash"),
        "data_fingerprint": results.data.fingerprint,
    }
    header = "# The forecaster of a workbench forecast study, as data (read by forecast.py).\n"
    atomic_write(out_dir / "forecast_config.yaml", header + yaml.safe_dump(config, sort_keys=False))
    shutil.copyfile(run_dir / "inputs" / "spec.yaml", out_dir / "spec.yaml")
    shutil.copyfile(run_dir / "inputs" / "contract.yaml", out_dir / "contract.yaml")
    for name in ("global_xgboost.json", "global_features.json"):
        shutil.copyfile(run_dir / "models" / name, out_dir / "forecaster" / name)
    shutil.copyfile(SCRIPTS / "forecast.py", out_dir / "forecast.py")
    ends = pd.read_parquet(
        run_dir / "predictions" / "holdout.parquet", columns=["series", "period"]
    )
    ends.groupby("series", as_index=False)["period"].max().to_csv(
        out_dir / "forecaster" / "series_ends.csv", index=False
    )
    shutil.copyfile(run_dir / "results" / "readiness.json", out_dir / "readiness.json")
    atomic_write(out_dir / "READINESS.md", to_markdown(results.readiness))
    atomic_write(out_dir / "MODEL_CARD.md", model_card(results, config))
    return out_dir


def model_card(results, config: dict) -> str:
    ev, d, data = results.evaluation, results.data.forecast, results.data
    decision = results.decision
    covered = "; ".join(
        _("{level} interval: {share} of the holdout's actuals inside").format(
            level=pct(iv.level, 0), share=pct(iv.coverage.value)
        )
        for iv in ev.forecast.intervals
    )
    lines = [
        _("# Model card: {name} (forecast)").format(name=config["experiment"]),
        "",
        _("## Intended use"),
        "",
        _("- Forecasts '{target}' for the next {h} {units} of each of {n} series ({freq}).").format(
            target=data.target, h=d.horizon, units=unit_names(d.unit), n=d.studied, freq=d.frequency
        ),
        _("- The forecaster: {label}.").format(label=config["candidate_label"]),
        "",
        _("## Holdout (the last {h} {units} of every series, scored once)").format(
            h=d.horizon, units=unit_names(d.unit)
        ),
        "",
        _("- {metric}: {cand} against {naive} for seasonal naive ({words}).").format(
            metric=ev.metric,
            cand=interval(ev.candidate.primary),
            naive=interval(ev.baseline.primary),
            words=seasonal_words(d.unit, d.season),
        ),
        _("- Prediction intervals: {covered}.").format(covered=covered),
        "",
        _("## Recommendation: {rec}").format(
            rec=RECOMMENDATION_LABELS[decision.recommendation].lower()
        ),
        "",
        decision.headline,
        "",
        *[f"- {r}" for r in decision.reasons],
        "",
        _("## How to forecast"),
        "",
        "```bash",
        "python forecast.py --history latest_extract.csv --out forecasts.csv",
        "workbench drift . extract_with_new_actuals.csv   # later: the forecasts against the actuals",
        "```",
        "",
        _(
            "forecast.py writes the next {h} {units} of every series with the 80% and 95% "
            "intervals and seasonal naive beside them. Rows dated after a series' last actual, "
            "with the target empty, give the known-in-advance inputs of those periods."
        ).format(h=d.horizon, units=unit_names(d.unit)),
    ]
    return "\n".join(lines) + "\n"
