"""Hand-off to engineering: a finished run's winning configuration as a package of data.

`promote(run_dir, out_dir)` reads only the run's inputs, results, snapshot, split and fitted
models, and writes config.yaml, model.skops, baseline.skops (the rollback), contract.yaml,
reference_stats.json, MODEL_CARD.md, READINESS.md and readiness.json (the production-readiness
list), train.py and score.py into `out_dir`. Nothing is retrained or re-scored.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from baselines import ColumnRoles
from workbench.contract import Contract, load_contract
from workbench.drift import PSI_DRIFTED, PSI_MODERATE, reference_stats, training_rows
from workbench.errors import BadInput
from workbench.results import DataResult, Decision, EvaluationResult, LeakageResult
from workbench.run import atomic_write, to_json
from workbench.yamlio import read_yaml_mapping

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
]


@dataclass
class FinishedRun:
    """What a promotion reads from a run directory (results as their pydantic models)."""

    dir: Path
    spec: dict[str, Any]
    contract: Contract
    manifest: dict[str, Any]
    data: DataResult
    leakage: LeakageResult
    evaluation: EvaluationResult
    decision: Decision
    tuning: dict[str, Any]  # raw: only `family` and `params` are read, whatever else it holds


def open_run(run_dir: Path) -> FinishedRun:
    """Load a finished run, or raise `BadInput` naming the first file it lacks."""
    run_dir = Path(run_dir).expanduser().resolve()
    for name in REQUIRED:
        if not (run_dir / name).exists():
            raise BadInput(
                f"this is not a finished run: {name} is missing",
                file=str(run_dir / name),
                fix=f"finish the run with `workbench run SPEC --run-dir {run_dir} --resume`",
            )
    res = run_dir / "results"
    return FinishedRun(
        dir=run_dir,
        spec=read_yaml_mapping(run_dir / "inputs" / "spec.yaml", "experiment spec"),
        contract=load_contract(run_dir / "inputs" / "contract.yaml"),
        manifest=json.loads((run_dir / "manifest.json").read_text()),
        data=DataResult.model_validate_json((res / "data.json").read_text()),
        leakage=LeakageResult.model_validate_json((res / "leakage.json").read_text()),
        evaluation=EvaluationResult.model_validate_json((res / "evaluation.json").read_text()),
        decision=Decision.model_validate_json((res / "decision.json").read_text()),
        tuning=json.loads((res / "tuning.json").read_text()),
    )


def promote(run_dir: Path, out_dir: Path) -> Path:
    """Write the hand-off package of the finished run `run_dir` into `out_dir`; return it."""
    run = open_run(run_dir)
    out_dir = Path(out_dir).expanduser().resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    train = training_rows(run.dir, run.data.target)
    config = winning_config(run, train)
    features = [c for c in config["features"] if not run.contract.columns[c].pii]
    stats = reference_stats(train, run.contract, features)
    header = "# The winning configuration of a workbench run, as data (read by train.py).\n"
    atomic_write(out_dir / "config.yaml", header + yaml.safe_dump(config, sort_keys=False))
    shutil.copyfile(run.dir / "models" / "candidate.skops", out_dir / "model.skops")
    if (run.dir / "models" / "baseline.skops").exists():  # the rollback model
        shutil.copyfile(run.dir / "models" / "baseline.skops", out_dir / "baseline.skops")
    shutil.copyfile(run.dir / "inputs" / "contract.yaml", out_dir / "contract.yaml")
    atomic_write(out_dir / "reference_stats.json", to_json(stats))
    atomic_write(out_dir / "MODEL_CARD.md", model_card(run, config))
    atomic_write(out_dir / "train.py", TRAIN_SCRIPT)
    atomic_write(out_dir / "score.py", SCORE_SCRIPT)
    write_readiness(run.dir, out_dir)
    return out_dir


def write_readiness(run_dir: Path, out_dir: Path) -> None:
    """readiness.json and READINESS.md: the ML Test Score items judged on the run's results."""
    from workbench.readiness import from_run
    from workbench.readiness.markdown import to_markdown

    readiness = from_run(run_dir)
    atomic_write(out_dir / "readiness.json", readiness.model_dump_json(indent=2) + "\n")
    atomic_write(out_dir / "READINESS.md", to_markdown(readiness))


def winning_config(run: FinishedRun, train: pd.DataFrame) -> dict[str, Any]:
    """The tuned model as data: family, parameters, task, classes, features and their kinds."""
    data, spec = run.data, run.spec
    roles = ColumnRoles.from_frame(train[data.features])
    binary = data.task == "binary"
    return {
        "experiment": run.manifest.get("experiment", spec.get("name")),
        "run": run.dir.name,
        "task": data.task,
        "target": data.target,
        "positive_class": data.classes[-1] if binary else None,
        "classes": list(data.classes),  # encoded order: column p_<class> i is class i
        "model": {"family": run.tuning["family"], "params": dict(run.tuning["params"])},
        "features": list(data.features),
        # kinds as the workbench inferred them from the typed data: train.py must not re-infer
        "columns": {
            "numeric": roles.numeric,
            "categorical": roles.categorical,
            "datetime": roles.datetime,
        },
        "preprocessing": list(run.evaluation.pipelines.get("candidate", [])),
        "csv": {
            "delimiter": (spec.get("data") or {}).get("csv_delimiter"),
            "encoding": (spec.get("data") or {}).get("encoding"),
        },
        "seed": run.manifest.get("seed", spec.get("seed", 42)),
        "spec_hash": run.manifest.get("spec_hash"),
        "data_fingerprint": (run.manifest.get("data") or {}).get("fingerprint", data.fingerprint),
    }


# -- model card ---------------------------------------------------------------------------------
def _iv(i) -> str:
    return f"{i.value:.3f} [{i.ci_low:.3f}, {i.ci_high:.3f}]"


def _metrics_lines(ev: EvaluationResult) -> list[str]:
    lines = [
        f"Holdout of {ev.test_rows:,} rows, scored once; 95% bootstrap intervals "
        f"({ev.bootstrap_resamples} resamples).",
        "",
        f"| metric | candidate ({ev.candidate.name}) | best baseline ({ev.baseline.name}) |",
        "|---|---|---|",
        f"| {ev.metric} (primary) | {_iv(ev.candidate.primary)} | {_iv(ev.baseline.primary)} |",
    ]
    for name, iv in ev.candidate.secondary.items():
        base = ev.baseline.secondary.get(name)
        lines.append(f"| {name} | {_iv(iv)} | {_iv(base) if base else '–'} |")
    lines += ["", f"Lift over the baseline ({ev.metric}): {_iv(ev.lift)}."]
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
        f"## Recommendation: {run.decision.recommendation.replace('_', ' ')}",
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

TRAIN_SCRIPT = '''"""Refit the promoted configuration on labelled rows.

    python train.py --data rows.csv|rows.parquet --out model.skops

Reads config.yaml and contract.yaml beside this script; rows need the features and the target.
"""

import argparse
import sys
from pathlib import Path

import yaml

from baselines import ColumnRoles
from workbench.errors import BadInput
from workbench.modelfile import save_model
from workbench.promotion import read_rows

HERE = Path(__file__).resolve().parent


def build_pipeline(config):
    """The winning pipeline, unfitted: the workbench's own builder for the model family."""
    from workbench.search_spaces import build_model

    cols = ColumnRoles(**config["columns"])
    family, params = config["model"]["family"], config["model"]["params"]
    return build_model(family, params, cols, config["task"], config["seed"])


def encode(values, config):
    if config["task"] == "regression":
        return values.to_numpy(dtype="float64")
    codes = {c: i for i, c in enumerate(config["classes"])}
    text = values.astype("str")
    unknown = sorted(set(text) - set(codes))
    if unknown:
        raise BadInput(f"target values the model does not know: {', '.join(unknown[:5])}")
    return text.map(codes).to_numpy(dtype="int64")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    config = yaml.safe_load((HERE / "config.yaml").read_text())
    target = config["target"]
    try:
        rows, warnings = read_rows(
            args.data, HERE / "contract.yaml", [*config["features"], target], **config["csv"]
        )
        rows = rows.loc[rows[target].notna()]
        model = build_pipeline(config).fit(rows[config["features"]], encode(rows[target], config))
    except BadInput as exc:
        sys.exit(f"error: {exc}")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    save_model(model, args.out)
    print(f"trained on {len(rows):,} rows: {args.out}")


if __name__ == "__main__":
    main()
'''

SCORE_SCRIPT = '''"""Score rows with the promoted model.

    python score.py --data rows.csv|rows.parquet [--model model.skops] --out predictions.csv

One output row per input row, in input order: p_<class> per class, or prediction (regression).
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from workbench.errors import BadInput
from workbench.modelfile import load_model
from workbench.promotion import read_rows

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--model", default=HERE / "model.skops", type=Path)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    config = yaml.safe_load((HERE / "config.yaml").read_text())
    try:
        model = load_model(args.model)
        rows, warnings = read_rows(
            args.data, HERE / "contract.yaml", config["features"], **config["csv"]
        )
    except BadInput as exc:
        sys.exit(f"error: {exc}")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    X = rows[config["features"]]
    if config["task"] == "regression":
        # float64 before writing: XGBoost predicts float32, whose text form reads back shifted
        out = pd.DataFrame({"prediction": np.asarray(model.predict(X), dtype="float64")})
    else:
        proba = np.zeros((len(X), len(config["classes"])))
        # a model refitted on rows lacking a class predicts fewer columns: keep them aligned
        proba[:, model.classes_] = model.predict_proba(X)
        out = pd.DataFrame(proba, columns=[f"p_{c}" for c in config["classes"]])
    out.to_csv(args.out, index=False)
    print(f"scored {len(out):,} rows: {args.out}")


if __name__ == "__main__":
    main()
'''


def read_rows(
    path: Path,
    contract_path: Path,
    columns: list[str],
    delimiter: str | None = None,
    encoding: str | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """`columns` of a CSV/Parquet file coerced to the contract's types, and one warning per
    column whose values did not all convert (they become missing; PII values masked).
    Raises `BadInput` naming the columns the file lacks."""
    from workbench.data import coerce, read_raw

    contract = load_contract(Path(contract_path))
    raw = read_raw(Path(path), delimiter, encoding)
    raw.columns = [str(c) for c in raw.columns]
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise BadInput(
            f"the data lacks column(s) the model needs: {', '.join(missing)}",
            file=str(path),
            fix="add them (same names as in the contract) or export the data again",
        )
    needed = Contract(dataset=contract.dataset, columns={c: contract.columns[c] for c in columns})
    typed, problems = coerce(raw, needed)
    warnings = [
        f"{p.failures} value(s) of '{p.column}' are {p.check} (e.g. {', '.join(p.examples)}): "
        "treated as missing"
        for p in problems
    ]
    return typed, warnings
