"""Calibrate the leakage checks: their false-alarm rates on null data sets of real shapes, and
their power on graded planted leaks, with how much each leak moves the holdout score.

    uv run python benchmarks/calibration.py                    # both parts, then the tables
    uv run python benchmarks/calibration.py --part null        # one part (resumes where it stopped)
    uv run python benchmarks/calibration.py --part planted
    uv run python benchmarks/calibration.py --quick            # a few data sets per family/leak
    uv run python benchmarks/calibration.py --part none --write   # tables from the records so far,
                                                                  # into RESULTS.md

Records (one JSON line per data set) go to runs/calibration/; `--write` puts the tables into
benchmarks/RESULTS.md between its calibration markers. If benchmarks/calibration_verdicts.py
exists and has `run(quick, seed) -> dict` and `render(results) -> str`, its section follows.
One process, one thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy: one thread, as the stage kernels

import argparse
import importlib.util
import json
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from calibration_leaks import STRENGTHS, WHAT, plant, planted_cases  # noqa: E402
from calibration_report import render_null, render_planted  # noqa: E402
from calibration_shapes import make_null, null_cases, split_case  # noqa: E402

from leakage_checks import CHECKS, run_all  # noqa: E402

RECORDS = HERE.parent / "runs" / "calibration"
START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"
# checks whose critical finding names what a row or outcome leak changes, not a column
ROW_LEAK_CHECKS = {
    "near_copies": {"near_duplicates", "shared_rows"},
    "exact_copies": {"shared_rows", "near_duplicates"},
    "right_censoring": {"right_censoring"},
}


def battery(frames, roles) -> tuple[dict[str, str], list[dict], float]:
    """Every check's status, the critical and warning findings (check and columns), seconds."""
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runs = run_all(frames, roles)
    found = [
        {"check": r.name, "severity": f.severity, "columns": f.columns}
        for r in runs
        for f in r.findings
        if f.severity in ("critical", "warning")
    ]
    return {r.name: r.status for r in runs}, found, round(time.perf_counter() - start, 2)


def _done(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {json.loads(line)["key"] for line in path.read_text().splitlines() if line.strip()}


def _append(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        out.write(json.dumps(record) + "\n")


def _worst(found: list[dict], level: str) -> str:
    return ", ".join(sorted({f["check"] for f in found if f["severity"] == level})) or "-"


def run_null(per_family: int, seed: int, path: Path) -> None:
    todo = list(null_cases(per_family, seed))
    done = _done(path)
    for i, (family, size, s) in enumerate(todo, 1):
        key = f"{family}/{size}/{s}"
        if key in done:
            continue
        case = make_null(family, size, s)
        frames, roles, _, _ = split_case(case, s)
        status, found, seconds = battery(frames, roles)
        _append(
            path,
            {
                "key": key,
                "family": family,
                "rows": case.rows,
                "task": case.task,
                "split": case.split,
                "seed": s,
                "status": status,
                "found": found,
                "seconds": seconds,
            },
        )
        print(
            f"[null {i}/{len(todo)}] {family} n={case.rows:,} seed={s}: {seconds:.1f} s; "
            f"critical: {_worst(found, 'critical')}; warning: {_worst(found, 'warning')}",
            flush=True,
        )


def named(kind: str, leak: list[str], found: list[dict]) -> bool:
    """A critical finding that points at the leak: names a planted column, or (row and outcome
    leaks) comes from the check that measures them."""
    for f in found:
        if f["severity"] != "critical":
            continue
        if set(f["columns"]) & set(leak) or f["check"] in ROW_LEAK_CHECKS.get(kind, ()):
            return True
    return False


def run_planted(reps: int, seed: int, path: Path) -> None:
    todo = list(planted_cases(reps, seed))
    done = _done(path)
    for i, (kind, strength, size, s) in enumerate(todo, 1):
        key = f"{kind}/{strength}/{size}/{s}"
        if key in done:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames, roles, with_leak, without, leak = plant(kind, strength, size, s)
        status, found, seconds = battery(frames, roles)
        move = None if without is None else round(with_leak - without, 4)
        _append(
            path,
            {
                "key": key,
                "kind": kind,
                "strength": strength,
                "rows": size,
                "seed": s,
                "score_with_leak": round(with_leak, 4),
                "score_without_leak": None if without is None else round(without, 4),
                "move": move,
                "status": status,
                "found": found,
                "critical": any(f["severity"] == "critical" for f in found),
                "critical_named": named(kind, leak, found),
                "seconds": seconds,
            },
        )
        print(
            f"[planted {i}/{len(todo)}] {kind} {strength:g} n={size:,} seed={s}: move "
            f"{'-' if move is None else f'{move:+.3f}'}; critical: {_worst(found, 'critical')}; "
            f"warning: {_worst(found, 'warning')} ({seconds:.1f} s)",
            flush=True,
        )


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


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


def render(null: list[dict], planted: list[dict], command: str, verdicts: str) -> str:
    parts = [
        "## Leakage checks: calibration (`benchmarks/calibration.py`)",
        "",
        f"Made by `{command}` (one process, one thread); records in `runs/calibration/`.",
        "Targets: on null data no check critical in more than 1% of data sets nor warning in "
        "more than 5%; a planted leak that moves the holdout score by 0.05 or more is critical "
        "in at least 95% of data sets.",
        "",
    ]
    if null:
        parts += [render_null(null, list(CHECKS)), ""]
    if planted:
        parts += [render_planted(planted, STRENGTHS, WHAT), ""]
    if verdicts:
        parts += [verdicts.rstrip(), ""]
    return "\n".join(parts)


def write_results(section: str, path: Path = HERE / "RESULTS.md") -> None:
    """Put the section between the calibration markers of RESULTS.md (appended the first time)."""
    text = path.read_text()
    block = f"{START}\n{section.rstrip()}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["all", "null", "planted", "none"], default="all")
    parser.add_argument("--quick", action="store_true", help="2 data sets per family and per leak")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-family", type=int, default=14, help="null data sets per family")
    parser.add_argument(
        "--reps", type=int, default=10, help="planted data sets per leak and strength"
    )
    parser.add_argument("--write", action="store_true", help="put the tables into RESULTS.md")
    args = parser.parse_args()
    per_family, reps = (2, 2) if args.quick else (args.per_family, args.reps)
    tag = f"{'quick-' if args.quick else ''}seed{args.seed}"
    null_path, planted_path = RECORDS / f"null-{tag}.jsonl", RECORDS / f"planted-{tag}.jsonl"
    if args.part in ("all", "null"):
        run_null(per_family, args.seed, null_path)
    if args.part in ("all", "planted"):
        run_planted(reps, args.seed, planted_path)
    command = "uv run python benchmarks/calibration.py" + (" --quick" if args.quick else "")
    if args.seed:
        command += f" --seed {args.seed}"
    verdicts = verdicts_section(args.quick, args.seed) if args.part in ("all", "none") else ""
    section = render(_read(null_path), _read(planted_path), command, verdicts)
    print(section)
    if args.write:
        write_results(section)


if __name__ == "__main__":
    main()
