"""The holdout's looks, as every study's evaluation records them: the count of scorings in the
run's manifest, and each scoring in the project's holdout ledger (`store.holdout_ledger`) with
the identities of the rows it scored."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.inputs.context import Context
from workbench.store.holdout_ledger import (
    Look,
    holdout_key,
    identity_key,
    record,
    relative_run,
    row_identities,
)
from workbench.store.results import DataResult, EvaluationResult
from workbench.store.run_directory import Run, now_iso


def record_holdout_scored(run: Run) -> int:
    """Holdout discipline: the manifest counts every time the test part is scored."""
    count = int(run.manifest().get("holdout_scored", 0)) + 1
    run.update_manifest(holdout_scored=count)
    return count


def record_look(
    ctx: Context,
    run: Run,
    result: EvaluationResult,
    scored: pd.DataFrame,
    test_rows: np.ndarray,
    split: dict,
) -> None:
    """Add this scoring, with the identities of the rows it scored (`test_rows` of `scored`),
    to the project's holdout ledger (runs/, beside every experiment's run directories) and say
    on the result which look at these rows it was and how much of the holdout earlier looks
    scored. Every study's evaluation records its look here, a forecast's too."""
    spec = ctx.spec
    fingerprint = run.load_result("data", DataResult).fingerprint
    folder = ctx.loaded.project_dir / "runs"
    identities = row_identities(scored, identity_key(folder))[test_rows]
    look = Look(
        key=holdout_key(spec.name, fingerprint, test_rows),
        run=relative_run(folder, run.dir),
        scored_at=now_iso(),
        spec_hash=ctx.loaded.analysis_hash(),
        experiment=spec.name,
        metric=result.metric,
        score=result.candidate.primary.value,
        data_fingerprint=fingerprint,
        split=split,
        seed=spec.seed,
    )
    tally = record(folder, look, identities, legacy=folder / spec.name)
    result.holdout_key, result.holdout_looks = tally.key, tally.looks
    result.earlier_looks = tally.earlier_scores
    result.holdout_seen_share, result.holdout_seen_in = tally.seen_share, tally.seen_in
