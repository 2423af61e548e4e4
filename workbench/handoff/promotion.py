"""Hand-off to engineering: a finished run's winning configuration as a package of data.

`promote(run_dir, out_dir)` reads only the run's inputs, results, snapshot, split and fitted
models, and writes config.yaml, model.skops, baseline.skops (the rollback), contract.yaml,
reference_stats.json, MODEL_CARD.md, READINESS.md and readiness.json (the production-readiness
list), train.py and score.py into `out_dir`. Nothing is retrained or re-scored.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from workbench.errors import BadInput
from workbench.handoff.readiness_list import to_markdown
from workbench.inputs.contract import Contract
from workbench.inputs.spec import reading_options
from workbench.science.drift import PSI_DRIFTED, PSI_MODERATE, reference_stats
from workbench.science.modeling import column_roles, training_rows
from workbench.store.judgements import RECOMMENDATION_LABELS
from workbench.store.layout import FinishedRun
from workbench.store.results import EvaluationResult, LeakageResult
from workbench.store.run_directory import atomic_write, to_json
from workbench.wording import interval

SCRIPTS = Path(__file__).resolve().parent / "scripts"
# decision.json first: it is written last, so its absence is what an unfinished run shows
REQUIRED = [
    "results/decision.json",
    "manifest.json",
    "inputs/spec.yaml",
    "inputs/contract.yaml",
    "data/snapshot.parquet",
    "data/split.parquet",
    "results/data.json",
    "results/leakage.json",
    "results/tuning.json",
    "results/evaluation.json",
    "models/candidate.skops",
    "results/readiness.json",
]


def open_run(run_dir: Path) -> FinishedRun:
    """Read a finished run, or raise `BadInput` naming the first file it lacks."""
    run_dir = Path(run_dir).expanduser().resolve()
    for name in REQUIRED:
        if not (run_dir / name).exists():
            fix = f"finish the run with `workbench run SPEC --run-dir {run_dir} --resume`"
            if name == "results/readiness.json":  # judged by a version that did not save it
                fix = f"judge it once with `workbench report {run_dir}`"
            raise BadInput(
                f"this is not a finished run: {name} is missing", file=str(run_dir / name), fix=fix
            )
    return FinishedRun.read(run_dir)


def promote(run_dir: Path, out_dir: Path) -> Path:
    """Write the hand-off package of the finished run `run_dir` into `out_dir`; return it (a
    forecast study's: `forecast_package`)."""
    spec_file = Path(run_dir).expanduser().resolve() / "inputs" / "spec.yaml"
    if (
        spec_file.exists()
        and (yaml.safe_load(spec_file.read_text()) or {}).get("task", {}).get("kind") == "forecast"
    ):
        from workbench.handoff.forecast_package import promote_forecast

        return promote_forecast(run_dir, out_dir)
    run = open_run(run_dir)
    out_dir = Path(out_dir).expanduser().resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    train = training_rows(run.dir, run.data.target)
    contract = Contract.model_validate(run.contract)
    config = winning_config(run, train)
    features = [c for c in config["features"] if not contract.columns[c].pii]
    stats = reference_stats(train, contract, features)
    header = "# The winning configuration of a workbench run, as data (read by train.py).\n"
    atomic_write(out_dir / "config.yaml", header + yaml.safe_dump(config, sort_keys=False))
    shutil.copyfile(run.dir / "models" / "candidate.skops", out_dir / "model.skops")
    if (run.dir / "models" / "baseline.skops").exists():  # the rollback model
        shutil.copyfile(run.dir / "models" / "baseline.skops", out_dir / "baseline.skops")
    shutil.copyfile(run.dir / "inputs" / "contract.yaml", out_dir / "contract.yaml")
    atomic_write(out_dir / "reference_stats.json", to_json(stats))
    atomic_write(out_dir / "MODEL_CARD.md", model_card(run, config))
    for script in ("train.py", "score.py"):
        shutil.copyfile(SCRIPTS / script, out_dir / script)
    # the readiness the run saved when it was judged, as data and as a checklist
    shutil.copyfile(run.dir / "results" / "readiness.json", out_dir / "readiness.json")
    atomic_write(out_dir / "READINESS.md", to_markdown(run.readiness))
    return out_dir


def winning_config(run: FinishedRun, train: pd.DataFrame) -> dict[str, Any]:
    """The tuned model as data: family, parameters, task, classes, features and their kinds."""
    data, spec = run.data, run.spec
    roles = column_roles(train[data.features], Contract.model_validate(run.contract))
    binary = data.task == "binary"
    return {
        "experiment": run.manifest.get("experiment", spec.get("name")),
        "run": run.dir.name,
        "task": data.task,
        "target": data.target,
        "positive_class": data.classes[-1] if binary else None,
        "classes": list(data.classes),  # encoded order: column p_<class> i is class i
        "model": {"family": run.tuning.family, "params": dict(run.tuning.params)},
        "features": list(data.features),
        # kinds as the workbench inferred them from the typed data: train.py must not re-infer
        "columns": {
            "numeric": roles.numeric,
            "categorical": roles.categorical,
            "datetime": roles.datetime,
            "high_cardinality": roles.high_cardinality,
            "text": roles.text,
        },
        "preprocessing": list(run.evaluation.pipelines.get("candidate", [])),
        # how the extract was read: rows to score come in its format
        "reading": reading_options(spec.get("data") or {}),
        "seed": run.manifest.get("seed", spec.get("seed", 42)),
        "spec_hash": run.manifest.get("spec_hash"),
        "data_fingerprint": (run.manifest.get("data") or {}).get("fingerprint", data.fingerprint),
    }


# -- model card ---------------------------------------------------------------------------------
def _metrics_lines(ev: EvaluationResult) -> list[str]:
    lines = [
        f"Holdout of {ev.test_rows:,} rows, scored once; 95% bootstrap intervals "
        f"({ev.bootstrap_resamples} resamples).",
        "",
        f"| metric | candidate ({ev.candidate.name}) | best baseline ({ev.baseline.name}) |",
        "|---|---|---|",
        f"| {ev.metric} (primary) | {interval(ev.candidate.primary)} | {interval(ev.baseline.primary)} |",
    ]
    for name, iv in ev.candidate.secondary.items():
        base = ev.baseline.secondary.get(name)
        lines.append(f"| {name} | {interval(iv)} | {interval(base) if base else '–'} |")
    lines += ["", f"Lift over the baseline ({ev.metric}): {interval(ev.lift)}."]
    return lines


def _limitations_lines(leakage: LeakageResult) -> list[str]:
    if not leakage.findings:
        return ["No leakage check raised a finding."]
    lines = []
    for severity in ("critical", "warning", "info"):
        found = [f for f in leakage.findings if f.severity == severity]
        if found:
            lines += ["", f"**{severity}** ({len(found)})", ""]
            lines += [f"- `{f.check}`: {f.message} Fix: {f.fix}" for f in found]
    return lines[1:]


def model_card(run: FinishedRun, config: dict[str, Any]) -> str:
    """MODEL_CARD.md: intended use, data, metrics with intervals, decision, limitations, usage."""
    d, spec = run.data, run.spec
    classes = ", ".join(f"`{c}`" for c in d.classes) or "–"
    parts = [
        f"# Model card: {config['experiment']}",
        "",
        "## Intended use",
        "",
        f"- Question: {spec.get('question', '–')}",
        f"- Decision it informs: {spec.get('decision', '–')}",
        f"- Task: {d.task}, target `{d.target}`; classes (encoded order): {classes}; "
        f"positive class: `{config['positive_class']}`",
        "",
        "## Data",
        "",
        f"- {d.rows:,} rows of `{d.data_file}`, fingerprint (sha256) `{config['data_fingerprint']}`",
        f"- {len(d.features)} model features: {', '.join(f'`{c}`' for c in d.features)}",
        f"- Spec hash `{config['spec_hash']}`, seed {config['seed']}, run `{config['run']}`",
        "",
        "## Metrics",
        "",
        *_metrics_lines(run.evaluation),
        "",
        f"## Recommendation: {RECOMMENDATION_LABELS[run.decision.recommendation].lower()}",
        "",
        run.decision.headline,
        "",
        *[f"- {r}" for r in run.decision.reasons],
        "",
        "## Limitations (leakage findings)",
        "",
        *_limitations_lines(run.leakage),
        "",
        USAGE,
    ]
    return "\n".join(parts) + "\n"


USAGE = f"""## How to train and score

Run from this folder, in an environment with the workbench installed:

```bash
python score.py --data new_rows.csv --out predictions.csv   # uses model.skops
python train.py --data labelled_rows.csv --out model.skops  # refit config.yaml on new rows
```

`score.py` writes one row per input row, in input order: `p_<class>` per class, or
`prediction` for regression. Input columns are coerced to `contract.yaml`'s types.
`baseline.skops` is the best baseline, the model to roll back to:
`python score.py --data new_rows.csv --model baseline.skops --out predictions.csv`.
`READINESS.md` (and `readiness.json`) lists, by the ML Test Score rubric, what this study
provides and what the engineering track still owes, with the production path.
`reference_stats.json` holds the training rows' distributions: check new data with
`workbench drift . new_rows.csv` (population stability index per feature: below
{PSI_MODERATE} stable, {PSI_MODERATE}–{PSI_DRIFTED} moderate, above {PSI_DRIFTED} drifted).
"""
