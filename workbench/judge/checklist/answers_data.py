"""REFORMS answers the run can give about reproducibility (module 2), the data (3) and its
pre-processing (4), from the results files, the manifest and the run's copy of its inputs."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.judge.checklist.sheet_common import names
from workbench.language import _, ngettext
from workbench.wording import count, pct, short_number, span


@dataclass
class Answer:
    text: str
    sources: list[str] = field(default_factory=list)


def _share(v: float) -> str:
    return _("under {share}").format(share=pct(0.001)) if 0 < v < 0.001 else pct(v)


def dataset(x: ChecklistInputs) -> Answer:
    d = x.data
    return Answer(
        _(
            "'{file}': {rows} rows and {columns} contract columns, identified by its sha256 "
            "fingerprint {fingerprint}… (in full in data.json). The run keeps a typed snapshot "
            "(data/snapshot.parquet), and `workbench verify` refuses to re-run on a file whose "
            "fingerprint has changed."
        ).format(
            file=d.data_file,
            rows=count(d.rows),
            columns=count(d.columns),
            fingerprint=d.fingerprint[:16],
        ),
        ["data.json", "manifest.json"],
    )


def code(x: ChecklistInputs) -> Answer | None:
    revision = (x.manifest.get("environment") or {}).get("git_revision")
    if not revision or revision.endswith("+dirty"):
        return None  # not identifiable: the consultant must say where the code is
    return Answer(
        _(
            "Git revision {revision} of the workbench (in full in manifest.json), with no "
            "uncommitted changes; the stage notebooks executed are kept in notebooks/."
        ).format(revision=revision[:12]),
        ["manifest.json"],
    )


def computing(x: ChecklistInputs) -> Answer | None:
    env = x.manifest.get("environment") or {}
    if not env.get("python"):
        return None
    packages = ", ".join(f"{k} {v}" for k, v in (env.get("packages") or {}).items())
    return Answer(
        _(
            "Python {python} on {platform}, {cores} CPU cores; {packages}. The environment is "
            "locked (uv.lock)."
        ).format(
            python=env["python"],
            platform=env.get("platform") or _("an unrecorded platform"),
            cores=env.get("cpu_count", "?"),
            packages=packages,
        ),
        ["manifest.json"],
    )


def instructions(x: ChecklistInputs) -> Answer | None:
    spec_hash = x.manifest.get("spec_hash")
    if not spec_hash:
        return None
    return Answer(
        _(
            "The run holds its inputs: the spec (inputs/spec.yaml, hash {hash}) and the data "
            "contract (inputs/contract.yaml). `workbench run SPEC` regenerates every result from "
            "them and the data file, and `workbench verify RUN_DIR` re-runs the study from the "
            "manifest and compares every results file field by field; docs/commands.md "
            "describes each command."
        ).format(hash=spec_hash[:16]),
        ["manifest.json", "inputs/spec.yaml"],
    )


def script(x: ChecklistInputs) -> Answer | None:
    stages = x.manifest.get("completed_stages") or []
    if not stages:
        return None
    seed = x.spec.get("seed", x.manifest.get("seed"))
    return Answer(
        _(
            "One command, `workbench run`, executed the stage notebooks ({stages}) in order with "
            "seed {seed}, then the decision and this report; the executed notebooks are in "
            "notebooks/. Same spec, data, code and seed give identical results files."
        ).format(stages=", ".join(stages), seed=seed),
        ["manifest.json"],
    )


def outcome(x: ChecklistInputs) -> Answer:
    d = x.data
    described = ((x.contract.get("columns") or {}).get(d.target) or {}).get("description")
    if d.class_counts:
        total = sum(d.class_counts.values()) or 1
        mix = ", ".join(f"'{c}' {count(n)} ({pct(n / total)})" for c, n in d.class_counts.items())
        if d.task == "binary" and d.classes:
            stats = _("a binary outcome: {mix}; the model scores '{positive}'").format(
                mix=mix, positive=d.classes[-1]
            )
        elif d.task == "binary":
            stats = _("a binary outcome: {mix}").format(mix=mix)
        else:
            stats = _("a multiclass outcome: {mix}").format(mix=mix)
    else:
        t, nan = d.target_summary, float("nan")
        stats = _("a number: mean {mean}, sd {sd}, median {median}, range {range}").format(
            mean=short_number(t.get("mean", nan)),
            sd=short_number(t.get("std", nan)),
            median=short_number(t.get("median", nan)),
            range=span(t.get("min", nan), t.get("max", nan)),
        )
    text = (
        _("'{target}', {stats}. Definition (data contract): {definition}")
        if described
        else _(
            "'{target}', {stats}. The contract gives no definition of it (a `description` on "
            "the column)."
        )
    )
    return Answer(
        text.format(target=d.target, stats=stats, definition=described),
        ["data.json", "inputs/contract.yaml"],
    )


def sample_size(x: ChecklistInputs) -> Answer:
    d, s = x.data, x.leakage.split
    counts = ", ".join(f"'{c}' {count(n)}" for c, n in d.class_counts.items())
    text = (
        _(
            "{rows} rows; {known} with a known outcome, split into {train} training and {test} "
            "test rows. Outcome frequencies: {counts}."
        )
        if counts
        else _(
            "{rows} rows; {known} with a known outcome, split into {train} training and {test} "
            "test rows."
        )
    )
    return Answer(
        text.format(
            rows=count(d.rows),
            known=count(s.train_rows + s.test_rows),
            train=count(s.train_rows),
            test=count(s.test_rows),
            counts=counts,
        ),
        ["data.json", "leakage.json"],
    )


def missing(x: ChecklistInputs) -> Answer:
    gaps = sorted(
        (p for p in x.data.profile if (p.missing_share or 0) > 0), key=lambda p: -p.missing_share
    )
    if not gaps:
        text = _("No column has a missing value.")
    else:
        top = ", ".join(f"'{p.name}' {_share(p.missing_share)}" for p in gaps[:8])
        if len(gaps) > 8:
            top = ngettext("{names} and {n} more", "{names} and {n} more", len(gaps) - 8).format(
                names=top, n=count(len(gaps) - 8)
            )
        text = ngettext(
            "{n} of {total} columns has missing values: {columns} (share of all rows; the run "
            "does not split it by class).",
            "{n} of {total} columns have missing values: {columns} (share of all rows; the run "
            "does not split it by class).",
            len(gaps),
        ).format(n=count(len(gaps)), total=count(len(x.data.profile)), columns=top)
    return Answer(text, ["data.json"])


def exclusions(x: ChecklistInputs) -> Answer:
    d, s = x.data, x.leakage.split
    dropped = d.rows - s.train_rows - s.test_rows
    kept_out = {c: why for c, why in x.excluded.items() if c != d.target}
    parts = [
        ngettext(
            "{n} row was left out because its outcome is missing; no other row was removed.",
            "{n} rows were left out because their outcome is missing; no other row was removed.",
            dropped,
        ).format(n=count(dropped))
        if dropped
        else _("No row was left out: every row has a known outcome.")
    ]
    if kept_out:
        parts.append(
            _("Columns kept out of the model: {columns}.").format(
                columns="; ".join(f"'{c}' — {why}" for c, why in kept_out.items())
            )
        )
    if d.unmentioned_columns:
        parts.append(
            _("Columns the contract does not mention (ignored): {columns}.").format(
                columns=names(d.unmentioned_columns)
            )
        )
    return Answer(" ".join(parts), ["data.json", "leakage.json"])


def corrupt(x: ChecklistInputs) -> Answer:
    v = x.data.violations
    if not v:
        return Answer(
            _(
                "No value breaks the data contract: types, ranges, allowed values, nullability "
                "and uniqueness all hold (checked with pandera)."
            ),
            ["data.json"],
        )
    listed = "; ".join(f"'{r.column}' {r.check} ({count(r.failures)})" for r in v[:8])
    return Answer(
        ngettext(
            "{n} contract check fails: {checks}. Values that would not convert to the declared "
            "type became missing (and are imputed inside the pipeline); the others were kept as "
            "they are. Each is listed in the Data section and makes the recommendation "
            "conditional.",
            "{n} contract checks fail: {checks}. Values that would not convert to the declared "
            "type became missing (and are imputed inside the pipeline); the others were kept as "
            "they are. Each is listed in the Data section and makes the recommendation "
            "conditional.",
            len(v),
        ).format(n=count(len(v)), checks=listed),
        ["data.json"],
    )


def transformations(x: ChecklistInputs) -> Answer | None:
    pipes = x.evaluation.pipelines
    if not pipes:
        return None
    steps = "; ".join(f"{role}: {' → '.join(s)}" for role, s in pipes.items())
    return Answer(
        _(
            "The raw file is read and each value converted to the contract's type (the typed "
            "snapshot). Everything else happens inside each model's pipeline, fitted on the "
            "training rows of each fit: {steps}. The `prepare` step imputes missing numbers, "
            "encodes categories (rare levels pooled, unseen levels handled) and turns dates into "
            "year, month, weekday and day count."
        ).format(steps=steps),
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
