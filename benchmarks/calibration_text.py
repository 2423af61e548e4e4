"""Calibrate the text checks (label_words, post_outcome_text, text_copies): their false-alarm
rates on null ticket extracts and their power on graded planted leaks, with how much each leak
moves the holdout score of TF-IDF + logistic regression. Thresholds are set on the `tuning`
families and the rates reported on the `kept_aside` ones (benchmarks/text_families.py).

    uv run python benchmarks/calibration_text.py --group tuning            # set thresholds here
    uv run python benchmarks/calibration_text.py --group kept_aside   # then report on these
    uv run python benchmarks/calibration_text.py --quick       # a few data sets each, a trial
    uv run python benchmarks/calibration_text.py --battery     # every check, not only text
    uv run python benchmarks/calibration_text.py --part none --write   # tables from the records
                                                                       # into RESULTS.md, CSV

Records (one JSON line per data set, resumable) go to runs/calibration_text/round<N>/;
`--write` puts the round's tables into benchmarks/RESULTS.md between its text-calibration
markers and every round's records, compacted, into benchmarks/calibration_text.csv. One
process, one thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy: one thread, as the stage kernels

import argparse
import json
import random
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from text_calibration_report import render, write_csv, write_results  # noqa: E402
from text_families import (  # noqa: E402
    TEXT,
    TEXT_LEAKS,
    edit,
    frames_of,
    make_null,
    null_cases,
    planted_cases,
    replies,
    split_case,
)

from leakage_checks import run_all  # noqa: E402

RECORDS = HERE.parent / "runs" / "calibration_text"
# a round: settings frozen, the tuning families run, then the kept-aside ones; a change to a
# check after its kept-aside figures were seen starts a new round (fresh seeds for kept-aside)
ROUND = "1"
TEXT_CHECKS = ["label_words", "post_outcome_text", "text_copies"]


# -- the holdout score a leak moves --------------------------------------------------------------
def holdout_score(frames) -> float:
    """ROC AUC (macro one-vs-rest over the classes in both parts) of TF-IDF + logistic
    regression on the text: the textbook a consultant would try first."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(max_iter=1_000),
    )
    y_train, y_test = frames.y_train.to_numpy(), frames.y_test.to_numpy()
    model.fit(frames.X_train[TEXT], y_train)
    proba = model.predict_proba(frames.X_test[TEXT])
    scores = []
    for j, k in enumerate(model.classes_):
        hit = y_test == k
        if 0 < hit.sum() < len(hit):
            scores.append(roc_auc_score(hit, proba[:, j]))
        if len(model.classes_) == 2:
            break
    return float(np.mean(scores)) if scores else float("nan")


# -- planting ------------------------------------------------------------------------------------
def plant(kind: str, strength: float, base: str, size: int, seed: int):
    """The leaky split, its roles, and the holdout score with and without the leak (without:
    the same rows with the text as written; copies: the original test part; replies: the reply
    rows dropped from both parts)."""
    rnd = random.Random(seed + 7)
    clean = make_null(base, size, seed)
    if kind in TEXT_LEAKS:
        hit = np.random.default_rng(seed + 11).random(clean.rows) < strength
        leaky = clean.frame.copy()
        leaky[TEXT] = TEXT_LEAKS[kind](clean, hit, rnd)
        leaky[TEXT] = leaky[TEXT].astype("str")
        case = type(clean)(**{**clean.__dict__, "frame": leaky})
        frames, roles = split_case(case, seed)
        honest, _ = split_case(clean, seed)
        return frames, roles, holdout_score(frames), holdout_score(honest)
    if kind == "copies":
        honest, roles = split_case(clean, seed)
        frames = _copies(honest, strength, rnd)
        return frames, roles, holdout_score(frames), holdout_score(honest)
    case = replies(clean, strength, rnd)
    frames, roles = split_case(case, seed)
    original = np.arange(case.rows) < clean.rows
    tr, te = _positions(case, seed)
    honest = frames_of(case, tr[original[tr]], te[original[te]])
    return frames, roles, holdout_score(frames), holdout_score(honest)


def _positions(case, seed):
    from sklearn.model_selection import train_test_split

    pos = np.arange(case.rows)
    counts = np.bincount(case.y)
    strat = case.y if counts[counts > 0].min() >= 2 else None
    tr, te = train_test_split(pos, test_size=0.25, random_state=seed, stratify=strat)
    return np.sort(tr), np.sort(te)


def _copies(frames, share: float, rnd: random.Random):
    """Replace `share` of the test rows by edited copies of training rows, with their class."""
    from dataclasses import replace

    k = round(share * len(frames.X_test))
    targets = rnd.sample(range(len(frames.X_test)), k)
    sources = rnd.sample(range(len(frames.X_train)), k)
    X_test, y_test = frames.X_test.copy(), frames.y_test.copy()
    col = X_test.columns.get_loc(TEXT)
    for t, s in zip(targets, sources, strict=True):
        X_test.iloc[t, col] = edit(frames.X_train[TEXT].iloc[s], rnd)
        y_test.iloc[t] = frames.y_train.iloc[s]
    return replace(frames, X_test=X_test, y_test=y_test)


# -- running -------------------------------------------------------------------------------------
def checks(frames, roles, battery: bool) -> tuple[dict[str, str], list[dict], float]:
    """Every check's status, the critical and warning findings, seconds of the text checks."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runs = run_all(frames, roles, only=None if battery else TEXT_CHECKS)
    found = [
        {"check": r.name, "severity": f.severity, "columns": f.columns}
        for r in runs
        for f in r.findings
        if f.severity in ("critical", "warning")
    ]
    seconds = sum(r.seconds for r in runs if r.name in TEXT_CHECKS)
    return {r.name: r.status for r in runs}, found, round(seconds, 3)


def named(found: list[dict]) -> bool:
    """A critical finding of a text check that names the text column."""
    return any(
        f["severity"] == "critical" and f["check"] in TEXT_CHECKS and TEXT in f["columns"]
        for f in found
    )


class Records:
    """One JSON line per data set, keyed: a run that stops resumes where it stopped."""

    def __init__(self, path: Path):
        self.path = path
        self.rows = [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []
        self.keys = {r["key"] for r in self.rows}

    def add(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a") as out:
            out.write(json.dumps(record) + "\n")
        self.rows.append(record)
        self.keys.add(record["key"])


def _said(found: list[dict], level: str) -> str:
    return ", ".join(sorted({f["check"] for f in found if f["severity"] == level})) or "-"


def run_null(per_family: int, seed: int, group, records: Records, battery: bool) -> None:
    from text_families import FAMILIES

    todo = list(null_cases(per_family, seed, group))
    for i, (family, size, s) in enumerate(todo, 1):
        key = f"{family}/{size}/{s}"
        if key in records.keys:
            continue
        case = make_null(family, size, s)
        frames, roles = split_case(case, s)
        status, found, seconds = checks(frames, roles, battery)
        records.add(
            {
                "key": key,
                "family": family,
                "group": FAMILIES[family][1],
                "rows": case.rows,
                "classes": len(case.classes),
                "seed": s,
                "status": status,
                "found": found,
                "seconds": seconds,
            }
        )
        print(
            f"[null {i}/{len(todo)}] {family} n={case.rows:,} seed={s}: {seconds:.1f} s; "
            f"critical: {_said(found, 'critical')}; warning: {_said(found, 'warning')}",
            flush=True,
        )


def run_planted(reps: int, seed: int, group, records: Records, battery: bool) -> None:
    todo = list(planted_cases(reps, seed, group))
    for i, (kind, strength, where, base, size, s) in enumerate(todo, 1):
        key = f"{kind}/{strength}/{base}/{size}/{s}"
        if key in records.keys:
            continue
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames, roles, with_leak, without = plant(kind, strength, base, size, s)
        status, found, seconds = checks(frames, roles, battery)
        move = round(with_leak - without, 4)
        records.add(
            {
                "key": key,
                "kind": kind,
                "strength": strength,
                "group": where,
                "base": base,
                "rows": len(frames.X_train) + len(frames.X_test),
                "classes": len(roles.classes),
                "seed": s,
                "score_with_leak": round(with_leak, 4),
                "score_without_leak": round(without, 4),
                "move": move,
                "status": status,
                "found": found,
                "critical_named": named(found),
                "seconds": seconds,
            }
        )
        print(
            f"[planted {i}/{len(todo)}] {kind} {strength:g} on {base} n={size:,} seed={s}: "
            f"move {move:+.3f}; critical: {_said(found, 'critical')}; warning: "
            f"{_said(found, 'warning')} ({seconds:.1f} s of checks, "
            f"{time.perf_counter() - start:.0f} s in all)",
            flush=True,
        )


def _rounds() -> dict[str, tuple[list[dict], list[dict]]]:
    """Every round's records (null, planted), all seeds together."""
    out = {}
    for folder in sorted(RECORDS.glob("round*")):
        null = [r for f in sorted(folder.glob("null-*.jsonl")) for r in Records(f).rows]
        planted = [r for f in sorted(folder.glob("planted-*.jsonl")) for r in Records(f).rows]
        out[folder.name.removeprefix("round")] = (null, planted)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["all", "null", "planted", "none"], default="all")
    parser.add_argument("--group", choices=["tuning", "kept_aside"], default=None)
    parser.add_argument("--quick", action="store_true", help="2 data sets per family and leak")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--round", default=ROUND, help="records go to runs/calibration_text/round<N>"
    )
    parser.add_argument("--per-family", type=int, default=24, help="null data sets per family")
    parser.add_argument(
        "--reps", type=int, default=10, help="planted sets per leak, strength and group"
    )
    parser.add_argument("--battery", action="store_true", help="run every check, not only text")
    parser.add_argument("--write", action="store_true", help="tables into RESULTS.md, and CSV")
    args = parser.parse_args()
    per_family, reps = (2, 2) if args.quick else (args.per_family, args.reps)
    folder = RECORDS / (
        f"round{args.round}"
        if not (args.quick or args.battery)
        else f"{'quick' if args.quick else ''}{'battery' if args.battery else ''}"
    )
    null = Records(folder / f"null-seed{args.seed}.jsonl")
    planted = Records(folder / f"planted-seed{args.seed}.jsonl")
    if args.part in ("all", "null"):
        run_null(per_family, args.seed, args.group, null, args.battery)
    if args.part in ("all", "planted"):
        run_planted(reps, args.seed, args.group, planted, args.battery)
    if args.quick or args.battery:
        print(render(null.rows, planted.rows, "calibration_text.py (a trial)", TEXT_CHECKS))
        return
    rounds = _rounds()
    null_rows, planted_rows = rounds.get(args.round, ([], []))
    command = (
        "uv run python benchmarks/calibration_text.py --group tuning`, then `--group kept_aside"
    )
    section = render(null_rows, planted_rows, command, TEXT_CHECKS)
    print(section)
    if args.write:
        write_results(section)
        write_csv(rounds, TEXT_CHECKS)


if __name__ == "__main__":
    main()
