"""REFORMS answers the run can give about reproducibility (module 2), the data (3) and its
pre-processing (4), from the results files, the manifest and the run's copy of its inputs."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.judge.checklist.sheet_common import names
from workbench.wording import plural, short_number, span


@dataclass
class Answer:
    text: str
    sources: list[str] = field(default_factory=list)


def _share(v: float) -> str:
    return "under 0.1%" if 0 < v < 0.001 else f"{v:.1%}"


def dataset(x: ChecklistInputs) -> Answer:
    d = x.data
    return Answer(
        f"'{d.data_file}': {d.rows:,} rows and {d.columns} contract columns, identified by its "
        f"sha256 fingerprint {d.fingerprint[:16]}… (in full in data.json). The run keeps a "
        "typed snapshot "
        "(data/snapshot.parquet), and `workbench verify` refuses to re-run on a file whose "
        "fingerprint has changed.",
        ["data.json", "manifest.json"],
    )


def code(x: ChecklistInputs) -> Answer | None:
    revision = (x.manifest.get("environment") or {}).get("git_revision")
    if not revision or revision.endswith("+dirty"):
        return None  # not identifiable: the consultant must say where the code is
    return Answer(
        f"Git revision {revision[:12]} of the workbench (in full in manifest.json), with no "
        "uncommitted changes; the stage notebooks executed are kept in notebooks/.",
        ["manifest.json"],
    )


def computing(x: ChecklistInputs) -> Answer | None:
    env = x.manifest.get("environment") or {}
    if not env.get("python"):
        return None
    packages = ", ".join(f"{k} {v}" for k, v in (env.get("packages") or {}).items())
    return Answer(
        f"Python {env['python']} on {env.get('platform', 'an unrecorded platform')}, "
        f"{env.get('cpu_count', '?')} CPU cores; {packages}. The environment is locked "
        "(uv.lock).",
        ["manifest.json"],
    )


def instructions(x: ChecklistInputs) -> Answer | None:
    spec_hash = x.manifest.get("spec_hash")
    if not spec_hash:
        return None
    return Answer(
        f"The run holds its inputs: the spec (inputs/spec.yaml, hash {spec_hash[:16]}) and the "
        "data contract (inputs/contract.yaml). `workbench run SPEC` regenerates every result "
        "from them and the data file, and `workbench verify RUN_DIR` re-runs the study from the "
        "manifest and compares every results file field by field; docs/commands.md describes each "
        "command.",
        ["manifest.json", "inputs/spec.yaml"],
    )


def script(x: ChecklistInputs) -> Answer | None:
    stages = x.manifest.get("completed_stages") or []
    if not stages:
        return None
    seed = x.spec.get("seed", x.manifest.get("seed"))
    return Answer(
        f"One command, `workbench run`, executed the stage notebooks ({', '.join(stages)}) in "
        f"order with seed {seed}, then the decision and this report; the executed notebooks are "
        "in notebooks/. Same spec, data, code and seed give identical results files.",
        ["manifest.json"],
    )


def outcome(x: ChecklistInputs) -> Answer:
    d = x.data
    described = ((x.contract.get("columns") or {}).get(d.target) or {}).get("description")
    if d.class_counts:
        total = sum(d.class_counts.values()) or 1
        mix = ", ".join(f"'{c}' {n:,} ({n / total:.1%})" for c, n in d.class_counts.items())
        stats = f"a {d.task} outcome: {mix}"
        if d.task == "binary" and d.classes:
            stats += f"; the model scores '{d.classes[-1]}'"
    else:
        t, nan = d.target_summary, float("nan")
        mean, sd, median = (short_number(t.get(k, nan)) for k in ("mean", "std", "median"))
        stats = f"a number: mean {mean}, sd {sd}, median {median}, range " + span(
            t.get("min", nan), t.get("max", nan)
        )
    definition = (
        f" Definition (data contract): {described}"
        if described
        else " The contract gives no definition of it (a `description` on the column)."
    )
    return Answer(f"'{d.target}', {stats}.{definition}", ["data.json", "inputs/contract.yaml"])


def sample_size(x: ChecklistInputs) -> Answer:
    d, s = x.data, x.leakage.split
    counts = ", ".join(f"'{c}' {n:,}" for c, n in d.class_counts.items())
    return Answer(
        f"{d.rows:,} rows; {s.train_rows + s.test_rows:,} with a known outcome, split into "
        f"{s.train_rows:,} training and {s.test_rows:,} test rows"
        + (f". Outcome frequencies: {counts}." if counts else "."),
        ["data.json", "leakage.json"],
    )


def missing(x: ChecklistInputs) -> Answer:
    gaps = sorted(
        (p for p in x.data.profile if (p.missing_share or 0) > 0), key=lambda p: -p.missing_share
    )
    if not gaps:
        text = "No column has a missing value."
    else:
        top = ", ".join(f"'{p.name}' {_share(p.missing_share)}" for p in gaps[:8])
        more = f" and {len(gaps) - 8} more" if len(gaps) > 8 else ""
        text = (
            f"{len(gaps)} of {len(x.data.profile)} columns have missing values: {top}{more} "
            "(share of all rows; the run does not split it by class)."
        )
    return Answer(text, ["data.json"])


def exclusions(x: ChecklistInputs) -> Answer:
    d, s = x.data, x.leakage.split
    dropped = d.rows - s.train_rows - s.test_rows
    kept_out = {c: why for c, why in x.excluded.items() if c != d.target}
    text = (
        f"{dropped:,} rows were left out because their outcome is missing; no other row was "
        "removed."
        if dropped
        else "No row was left out: every row has a known outcome."
    )
    if kept_out:
        text += (
            " Columns kept out of the model: "
            + "; ".join(f"'{c}' — {why}" for c, why in kept_out.items())
            + "."
        )
    if d.unmentioned_columns:
        text += f" Columns the contract does not mention (ignored): {names(d.unmentioned_columns)}."
    return Answer(text, ["data.json", "leakage.json"])


def corrupt(x: ChecklistInputs) -> Answer:
    v = x.data.violations
    if not v:
        return Answer(
            "No value breaks the data contract: types, ranges, allowed values, nullability and "
            "uniqueness all hold (checked with pandera).",
            ["data.json"],
        )
    listed = "; ".join(f"'{r.column}' {r.check} ({r.failures:,})" for r in v[:8])
    return Answer(
        f"{plural(len(v), 'contract check')} {'fails' if len(v) == 1 else 'fail'}: {listed}. "
        "Values that would not convert to the "
        "declared type became missing (and are imputed inside the pipeline); the others were "
        "kept as they are. Each is listed in the Data section and makes the recommendation "
        "conditional.",
        ["data.json"],
    )


def transformations(x: ChecklistInputs) -> Answer | None:
    pipes = x.evaluation.pipelines
    if not pipes:
        return None
    steps = "; ".join(f"{role}: {' → '.join(s)}" for role, s in pipes.items())
    return Answer(
        "The raw file is read and each value converted to the contract's type (the typed "
        "snapshot). Everything else happens inside each model's pipeline, fitted on the "
        f"training rows of each fit: {steps}. The `prepare` step imputes missing numbers, "
        "encodes categories (rare levels pooled, unseen levels handled) and turns dates into "
        "year, month, weekday and day count.",
        ["evaluation.json", "data.json"],
    )


ANSWERS = {
    "reforms.reproducibility.dataset": dataset,
    "reforms.reproducibility.code": code,
    "reforms.reproducibility.computing": computing,
    "reforms.reproducibility.instructions": instructions,
    "reforms.reproducibility.script": script,
    "reforms.data_quality.outcome": outcome,
    "reforms.data_quality.sample_size": sample_size,
    "reforms.data_quality.missing": missing,
    "reforms.preprocessing.exclusions": exclusions,
    "reforms.preprocessing.corrupt": corrupt,
    "reforms.preprocessing.transformations": transformations,
}
