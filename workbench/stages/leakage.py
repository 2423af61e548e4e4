"""Stage 2, splits and leakage: make the split the spec asks for, persist it, and run every
leakage check on it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks import CHECKS, CheckRun, Roles, SplitFrames, run_all
from leakage_checks.finding import SEVERITY_RANK
from workbench.inputs.context import Context
from workbench.inputs.contract import Contract
from workbench.inputs.files import read_snapshot
from workbench.inputs.spec import Spec
from workbench.language import _
from workbench.science import figures, side_process
from workbench.science.modeling import encode_target, known_target_rows
from workbench.science.splits import make_split
from workbench.store.results import CheckRow, Figure, FindingRow, LeakageResult, SplitSummary
from workbench.store.run_directory import Run
from workbench.wording import lend_voice_to_checks

lend_voice_to_checks()  # the checks word their findings in the run's language


# the checks that fit models (a second or more each on the demo's 4,000 rows; the others take
# milliseconds to a third of a second): started first, in this order
LONG_CHECKS = (
    "target_encoding",
    "batch_prediction",
    "train_test_distinguishable",
    "importance_dominance",
    "shuffled_labels",
    "column_pairs",
    "single_feature",
)


def run_leakage(ctx: Context, run: Run) -> LeakageResult:
    if ctx.spec.task.kind == "forecast":
        from workbench.stages.forecast_split import run_forecast_split

        return run_forecast_split(ctx, run)
    spec, contract = ctx.spec, ctx.contract
    frame = known_target_rows(read_snapshot(run.snapshot), spec.task.target)
    y, classes = encode_target(
        frame[spec.task.target], spec.task.kind, spec.task.positive_class, ctx
    )
    split = make_split(frame, y, spec, ctx.spec_file, classes)
    tmp = run.split_file.with_suffix(".tmp")
    split.to_parquet(tmp, index=False)
    tmp.replace(run.split_file)

    train, test = split["part"].eq("train").to_numpy(), split["part"].eq("test").to_numpy()
    # personal data never reaches the snapshot: only the columns the run holds are checked
    candidates = [c for c in contract.columns if c != spec.task.target and c in frame.columns]
    frames = SplitFrames(
        frame.loc[train, candidates],
        frame.loc[test, candidates],
        pd.Series(y[train]),
        pd.Series(y[test]),
    )
    roles = leakage_roles(spec, contract, classes)
    # the checks and the split's figure are independent: the second core runs some of them
    # (`side_process`), the longest first, so that neither process is left with a long one
    # while the other has finished; the results in the checks' own order
    rank = {name: i for i, name in enumerate(LONG_CHECKS)}
    longest_first = sorted(CHECKS, key=lambda name: rank.get(name, len(rank)))
    jobs = [
        *((run_check, ((frames, roles, spec.leakage, name),)) for name in longest_first),
        (_split_figure, (y, train, test, classes, spec.task.kind, run)),
    ]
    *checked, figure = side_process.calls(jobs)
    by_name = dict(zip(longest_first, checked, strict=True))
    runs = [r for name in CHECKS for r in by_name[name]]
    run.update_manifest(
        stage_details={"leakage": {"check_seconds": {r.name: r.seconds for r in runs}}}
    )
    findings = [FindingRow(**f.to_dict()) for r in runs for f in r.findings]
    findings.sort(key=lambda f: SEVERITY_RANK[f.severity])
    result = LeakageResult(
        split=SplitSummary(
            strategy=spec.split.strategy,
            train_rows=int(train.sum()),
            test_rows=int(test.sum()),
            cv_folds=spec.split.cv_folds,
            test_share=round(float(test.mean()), 4),
            group_column=spec.split.group_column,
            time_column=spec.split.time_column,
        ),
        findings=findings,
        checks=[
            CheckRow(
                name=r.name,
                question=_(r.question),
                status=r.status,
                findings=len(r.findings),
                not_applicable_because=r.not_applicable,
            )
            for r in runs
        ],
        figures=[],
    )
    result.figures = [figure]
    return result


def run_check(task) -> list[CheckRun]:
    """One leakage check, by name, on the split frames (in this process or the side one)."""
    frames, roles, settings, name = task
    return run_all(frames, roles, settings=settings, only=[name])


def leakage_roles(spec: Spec, contract: Contract, classes: list[str] | None = None) -> Roles:
    """What the checks know about the columns: the model's inputs, ids, the split's group and
    time columns or else those the contract declares (the checks use them either way), which
    columns the contract says are known by the decision, after the outcome, or at a time nobody
    stated, and the outcome's classes."""
    return Roles(
        task=spec.task.kind,
        features=contract.model_features(),
        id_columns=contract.with_role("id"),
        group_column=spec.split.group_column or next(iter(contract.with_role("group")), None),
        time_column=spec.split.time_column or next(iter(contract.with_role("time")), None),
        not_known_at_prediction=contract.not_known_at_prediction,
        known_at_prediction=contract.declared_known,
        unknown_timing=contract.unknown_timing,
        target_name=spec.task.target,
        split_strategy=spec.split.strategy,
        seed=spec.seed,
        classes=list(classes or []),
        text_columns=[
            c
            for c in contract.with_role("text")
            if contract.columns[c].known_at_prediction and not contract.columns[c].pii
        ],
    )


def _split_figure(
    y: np.ndarray, train: np.ndarray, test: np.ndarray, classes: list[str], task: str, run: Run
) -> Figure:
    fig, ax = figures.new(6.5, 2.8)
    if classes:
        width = 0.38
        pos = np.arange(len(classes))
        for shift, mask, label, color in [
            (-width / 2, train, _("training part"), figures.ACCENT),
            (width / 2, test, _("test part (holdout)"), figures.WARN),
        ]:
            share = [(y[mask] == i).mean() * 100 for i in range(len(classes))]
            ax.bar(pos + shift, share, width, label=label, color=color)
        ax.set_xticks(pos, labels=classes)
        ax.set_ylabel(_("% of rows"))
        ax.set_title(_("Outcome mix in the training and test parts"), loc="left")
    else:
        bins = np.histogram_bin_edges(y, bins=30)
        ax.hist(
            y[train],
            bins=bins,
            density=True,
            alpha=0.6,
            label=_("training part"),
            color=figures.ACCENT,
        )
        ax.hist(
            y[test],
            bins=bins,
            density=True,
            alpha=0.6,
            label=_("test part (holdout)"),
            color=figures.WARN,
        )
        ax.set_title(_("Target distribution in the training and test parts"), loc="left")
    ax.legend(frameon=False)
    return Figure(
        path=run.save_figure(fig, "split_mix"),
        caption=_(
            "The holdout should look like the training data: similar bars mean a fair split."
        ),
    )
