"""Calibrate the leakage checks: their false-alarm rates on null data sets of real shapes, and
their power on graded planted leaks, with how much each leak moves the holdout score.

Two sets of families, like a model's training data and its holdout. The *tuning* families
(and their seeds) were looked at while the thresholds were set; the *kept-aside* families, with
seeds of their own, are run only once the thresholds are frozen, and report what the checks do
on shapes they were not tuned to. Both are reported.

    uv run python benchmarks/calibration.py --set tuning                 # both parts
    uv run python benchmarks/calibration.py --set kept_aside --part null
    uv run python benchmarks/calibration.py --set tuning --family coarse --family credit
    uv run python benchmarks/calibration.py --quick --set tuning         # 2 data sets each
    uv run python benchmarks/calibration.py --report --write             # tables into RESULTS.md,
                                                                         # records into the CSV

Records (one JSON line per data set) go to runs/calibration/<set>/<part>-<family>.jsonl: a run
resumes where it stopped, and runs of different families can go side by side. Each record
carries a hash of the checks' code; records made with other code are redone and never
reported. `--report`
reads every record; `--write` puts the tables into benchmarks/RESULTS.md between its
calibration markers and the per-data-set records into benchmarks/calibration_records.csv,
from which every figure can be recomputed (the rows of earlier checks' versions stay in it,
so their tables can be too: `--report --checks-version HASH`). If benchmarks/calibration_verdicts.py exists and
has `run(quick, seed) -> dict` and `render(results) -> str`, `--verdicts` adds its section.
One process, one thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy: one thread, as the stage kernels

import argparse
import hashlib
import importlib.util
import json
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from calibration_records import read_csv, to_rows, write_csv  # noqa: E402
from calibration_report import render_null, render_planted  # noqa: E402
from calibration_sets import (  # noqa: E402
    KEPT_ASIDE,
    KEPT_ASIDE_DOMAINS,
    LOOKED_AT,
    SETS,
    calibration_kept,
    expected_checks,
    make_case,
    plant_case,
)
from calibration_sets import ROW_LEAK_CHECKS as GENERATIONS_ROW_LEAK_CHECKS  # noqa: E402
from calibration_shapes import split_case  # noqa: E402
from results_file import RESULTS, write_between  # noqa: E402

from leakage_checks import CHECKS, run_all  # noqa: E402
from workbench.inputs.timing import strongest_columns  # noqa: E402

RECORDS = HERE.parent / "runs" / "calibration"
# the checks' code a record was made with: records of other code are redone, not reported
CHECKS_VERSION = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted((HERE.parent / "leakage_checks").glob("*.py")))
).hexdigest()[:12]
CSV = HERE / "calibration_records.csv"
START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"
# checks whose critical finding names what a row or outcome leak changes, not a column
ROW_LEAK_CHECKS = {
    "near_copies": {"near_duplicates", "shared_rows"},
    "exact_copies": {"shared_rows", "near_duplicates"},
    "copied_records": {"shared_rows", "near_duplicates"},
    "reexport": {"shared_rows", "near_duplicates"},
    "gateway_retries": {"shared_rows", "near_duplicates"},
    "right_censoring": {"right_censoring"},
    **GENERATIONS_ROW_LEAK_CHECKS,
}
RECORDED_INFO = {"single_feature", "pure_subsets", "column_pairs"}  # would warn, timing unknown


def battery(frames, roles) -> tuple[dict[str, str], list[dict], float]:
    """Every check's status ('failed' for one that stopped on an error), the findings that
    matter (critical and warning; and information from the checks that warn when a column's
    timing is unknown), seconds."""
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runs = run_all(frames, roles)
    found = [
        {"check": r.name, "severity": f.severity, "columns": f.columns}
        for r in runs
        for f in r.findings
        if f.severity in ("critical", "warning")
        or (f.severity == "info" and r.name in RECORDED_INFO)
    ]
    status = {r.name: "failed" if r.failed else r.status for r in runs}
    return status, found, round(time.perf_counter() - start, 2)


def named(kind: str, leak: list[str], found: list[dict]) -> bool:
    """A critical finding that points at the leak: names a planted column, or (row and outcome
    leaks) comes from the check that measures them."""
    for f in found:
        if f["severity"] != "critical":
            continue
        if set(f["columns"]) & set(leak) or f["check"] in ROW_LEAK_CHECKS.get(kind, ()):
            return True
    return False


def _current(path: Path, version: str = CHECKS_VERSION) -> list[dict]:
    """The records of `path` made with the checks as they are now (or as they were at
    `version`)."""
    if not path.exists():
        return []
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in records if r.get("checks_version") == version]


def _done(path: Path) -> set[str]:
    """Keys of the data sets done with the checks as they are now: in the records, or in the
    committed CSV (a run resumes from either)."""
    return {r["key"] for r in _current(path)} | _committed().get(path.relative_to(RECORDS), set())


def _key(row: dict) -> str:
    if row["part"] == "null":
        return f"{row['family']}/{row['rows']}/{row['seed']}"
    return f"{row['family']}/{row['strength']}/{row['rows']}/{row['seed']}"


def _committed(path: Path = CSV) -> dict[Path, set[str]]:
    """Keys of the CSV's rows made with the checks as they are now, by records file."""
    out: dict[Path, set[str]] = {}
    for row in read_csv(path):
        if row["checks_version"] == CHECKS_VERSION:
            name = Path(row["set"]) / f"{row['part']}-{row['family']}.jsonl"
            out.setdefault(name, set()).add(_key(row))
    return out


def current_rows(path: Path = CSV, version: str = CHECKS_VERSION) -> list[dict]:
    """Every data set's row made with the checks as they are now (or at `version`): the
    records', and the committed CSV's for data sets whose records are not on this machine."""
    rows = to_rows(read_records(version=version)) if RECORDS.exists() else []
    seen = {(r["set"], r["part"], _key(r)) for r in rows}
    committed = [
        r
        for r in read_csv(path)
        if r["checks_version"] == version and (r["set"], r["part"], _key(r)) not in seen
    ]
    return rows + committed


def _append(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        out.write(json.dumps(record) + "\n")


def _worst(found: list[dict], level: str) -> str:
    return ", ".join(sorted({f["check"] for f in found if f["severity"] == level})) or "-"


def run_null(set_name: str, families: list[str], per_family: int, seed: int) -> None:
    todo = list(SETS[set_name].null_cases(per_family, seed, families))
    for i, (family, size, s) in enumerate(todo, 1):
        path = RECORDS / set_name / f"null-{family}.jsonl"
        key = f"{family}/{size}/{s}"
        if key in _done(path):
            continue
        case = make_case(set_name, family, size, s)
        frames, roles, _, _ = split_case(case, s)
        status, found, seconds = battery(frames, roles)
        record = {"key": key, "set": set_name, "family": family, "rows": case.rows}
        record["checks_version"] = CHECKS_VERSION
        record |= {"task": case.task, "split": case.split, "seed": s, "status": status}
        _append(path, record | {"found": found, "seconds": seconds})
        print(
            f"[{set_name} null {i}/{len(todo)}] {family} n={case.rows:,} seed={s}: {seconds:.1f} s;"
            f" critical: {_worst(found, 'critical')}; warning: {_worst(found, 'warning')}",
            flush=True,
        )


def asked_about(frames, roles, leak: list[str]) -> bool:
    """Whether `init` would ask when a planted column becomes known: one of them among the
    strongest columns on their own over the whole extract, the columns it prints with their
    scores and asks the data owner to date. Answered truthfully, after the outcome, the
    column is excluded before any model sees it."""
    mine = [c for c in leak if c in roles.features]
    if not mine:
        return False
    extract = pd.concat([frames.X_train, frames.X_test])[roles.features]
    target = "__outcome__"
    extract[target] = np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()])
    positive = 1 if roles.task == "binary" else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        strong = strongest_columns(extract, target, roles.task, positive, roles.features)
    return any(s.column in mine for s in strong)


def run_planted(set_name: str, kinds: list[str], reps: int, seed: int) -> None:
    todo = list(SETS[set_name].planted_cases(reps, seed, kinds))
    for i, (kind, strength, size, s) in enumerate(todo, 1):
        path = RECORDS / set_name / f"planted-{kind}.jsonl"
        key = f"{kind}/{strength}/{size}/{s}"
        if key in _done(path):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames, roles, with_leak, without, leak = plant_case(set_name, kind, strength, size, s)
        status, found, seconds = battery(frames, roles)
        move = None if without is None else round(with_leak - without, 4)
        record = {"key": key, "set": set_name, "kind": kind, "strength": strength, "rows": size}
        record["checks_version"] = CHECKS_VERSION
        record |= {"seed": s, "score_with_leak": round(with_leak, 4), "move": move}
        record |= {"score_without_leak": None if without is None else round(without, 4)}
        record |= {"status": status, "found": found, "seconds": seconds}
        record |= {"critical": any(f["severity"] == "critical" for f in found)}
        record |= {"critical_named": named(kind, leak, found)}
        record |= {"asked": asked_about(frames, roles, leak)}
        record |= {"expected_checks": sorted(expected_checks(kind))}
        _append(path, record)
        print(
            f"[{set_name} planted {i}/{len(todo)}] {kind} {strength:g} n={size:,} seed={s}: move "
            f"{'-' if move is None else f'{move:+.3f}'}; critical: {_worst(found, 'critical')}; "
            f"warning: {_worst(found, 'warning')} ({seconds:.1f} s)",
            flush=True,
        )


def read_records(root: Path = RECORDS, version: str = CHECKS_VERSION) -> list[dict]:
    """Every record made with the checks as they are now, or at `version` (the last of each
    key)."""
    out = {}
    for path in sorted(root.glob("*/*.jsonl")):
        out |= {(path.parent.name, path.name, r["key"]): r for r in _current(path, version)}
    return list(out.values())


def verdicts_section(quick: bool, seed: int, path: Path = HERE / "calibration_verdicts.py") -> str:
    """The section of benchmarks/calibration_verdicts.py (the fairness verdict and the decision
    rules), when that module exists: `run(quick, seed) -> dict`, then `render(results) -> str`."""
    if not path.exists():
        return ""
    spec = importlib.util.spec_from_file_location("calibration_verdicts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    print("[verdicts] running benchmarks/calibration_verdicts.py", flush=True)
    return module.render(module.run(quick=quick, seed=seed))


def render(rows: list[dict], command: str, verdicts: str) -> str:
    """The calibration section from the per-data-set rows (`calibration_records.to_rows`)."""
    parts = [
        "## Leakage checks: calibration (`benchmarks/calibration.py`)",
        "",
        f"Made by `{command}` (one process, one thread per run); every figure below is "
        "recomputed from `benchmarks/calibration_records.csv` (one row per data set), made with "
        "the checks whose code hashes to "
        + ", ".join(f"`{v}`" for v in sorted({r["checks_version"] for r in rows}) or ["—"])
        + ".",
        "Targets: on null data no check critical in more than 1% of data sets nor warning in "
        "more than 5%; a planted leak that moves the holdout score by 0.05 or more is critical "
        "and named in at least 95% of data sets.",
        "",
        "Thresholds were set while looking at the *tuning* families and seeds only. The "
        "*kept-aside* families — other shapes, other generators, seeds of their own — were "
        "written before the thresholds were frozen and run for the first time after: their "
        "rates are what the checks do on data they were not tuned to, as a model's holdout "
        "score is. Once a kept-aside set has been looked at it joins the tuning set: the "
        "tuning set holds the earlier kept-aside families ("
        + ", ".join(f"`{g.__name__}.py`" for g in (calibration_kept, *LOOKED_AT))
        + "); the kept-aside set is "
        + " and ".join(f"`{g.__name__}.py`" for g in KEPT_ASIDE)
        + f"'s ({KEPT_ASIDE_DOMAINS}).",
        "",
    ]
    null = [r for r in rows if r["part"] == "null"]
    planted = [r for r in rows if r["part"] == "planted"]
    if null:
        parts += [render_null(null, list(CHECKS)), ""]
    if planted:
        parts += [render_planted(planted), ""]
    if verdicts:
        parts += [verdicts.rstrip(), ""]
    return "\n".join(parts)


def write_results(section: str, path: Path = RESULTS) -> None:
    """Put the section between this benchmark's markers of RESULTS.md (appended the first
    time)."""
    write_between(section, START, END, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=list(SETS), action="append", dest="sets")
    parser.add_argument("--part", choices=["all", "null", "planted"], default="all")
    parser.add_argument("--family", action="append", help="only these families or leak kinds")
    parser.add_argument("--quick", action="store_true", help="2 data sets per family and leak")
    parser.add_argument("--per-family", type=int, help="null data sets per family")
    parser.add_argument("--reps", type=int, help="planted data sets per leak and strength")
    parser.add_argument("--report", action="store_true", help="print the tables from the records")
    parser.add_argument("--write", action="store_true", help="…into RESULTS.md and the CSV")
    parser.add_argument("--verdicts", action="store_true", help="add calibration_verdicts.py")
    parser.add_argument(
        "--checks-version", help="report the records made with the checks at this hash"
    )
    args = parser.parse_args()
    for set_name in args.sets or []:
        kept = SETS[set_name]
        per_family = 2 if args.quick else args.per_family or kept.per_family
        reps = 2 if args.quick else args.reps or kept.reps
        only = args.family
        if args.part in ("all", "null"):
            run_null(set_name, only or list(kept.null), per_family, kept.seed)
        if args.part in ("all", "planted"):
            run_planted(set_name, only or list(kept.planted), reps, kept.seed)
    if not (args.report or args.write):
        return
    version = args.checks_version or CHECKS_VERSION
    rows = current_rows(version=version) or [
        r for r in read_csv(CSV) if r["checks_version"] == version
    ]
    if version != CHECKS_VERSION:
        print(f"[report] records of the checks at {version}, not today's {CHECKS_VERSION}")
    verdicts = verdicts_section(args.quick, 0) if args.verdicts else ""
    section = render(rows, "uv run python benchmarks/calibration.py", verdicts)
    print(section)
    if args.write:
        # the rows of other checks' versions stay: the earlier tables remain recomputable
        older = [r for r in read_csv(CSV) if r["checks_version"] != version]
        write_csv(rows + older, CSV)
        write_results(section)


if __name__ == "__main__":
    main()
