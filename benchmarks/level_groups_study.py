"""What judging a category's one-class levels together changes in `pure_subsets`: the check
alone, with and without the level groups, on the tuning families' null data (every
classification family) and on the tuning leaks that write a category.

    uv run python benchmarks/level_groups_study.py --rounds 3        # 3 seeds per family
    uv run python benchmarks/level_groups_study.py --part planted --rounds 6

Prints one line per data set whose findings differ, and the counts of data sets with a
critical finding, a warning and information, with and without. One process, one thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import sys
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from calibration_sets import SETS
from calibration_shapes import split_case

from leakage_checks import run_all

WITHOUT = {"subset_group_min_rows": 10**9}  # no level is that large: no group is formed
NULL_SIZES = (600, 1_500, 3_000, 6_000)
PLANTED_SIZES = (1_200, 3_000, 7_000)
KINDS = ("breakdown_ticket", "status_copy", "category", "investigator_assigned", "settlement")


def worst(frames, roles, settings: dict) -> tuple[str, list]:
    [run] = run_all(frames, roles, settings=settings, only=["pure_subsets"])
    found = [(f.severity, f.columns) for f in run.findings]
    for level in ("critical", "warning", "info"):
        if any(s == level for s, _ in found):
            return level, found
    return "-", found


def compare(label: str, frames, roles, counts: Counter) -> None:
    before, found_before = worst(frames, roles, WITHOUT)
    after, found_after = worst(frames, roles, {})
    counts[("without", before)] += 1
    counts[("with", after)] += 1
    if found_before != found_after:
        print(f"{label}: without {found_before}; with {found_after}", flush=True)


def null(rounds: int, counts: Counter) -> None:
    families = SETS["tuning"].null
    for i in range(rounds):
        for name, make in families.items():
            size, seed = NULL_SIZES[i % len(NULL_SIZES)], 72_000 + i
            case = make(size, seed)
            if case.task == "regression":
                continue
            frames, roles, _, _ = split_case(case, seed)
            compare(f"{name} n={case.rows:,} seed={seed}", frames, roles, counts)


def planted(rounds: int, counts: Counter) -> None:
    tuning = SETS["tuning"]
    for i in range(rounds):
        for kind in KINDS:
            for strength in tuning.planted[kind][1]:
                size, seed = PLANTED_SIZES[i % len(PLANTED_SIZES)], 71_000 + i
                _clean, leaky = tuning.leaky(kind, strength, size, seed)
                frames, roles, _, _ = split_case(leaky, seed)
                compare(f"{kind} {strength:g} n={size:,} seed={seed}", frames, roles, counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["null", "planted"], default="null")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    counts: Counter = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (null if args.part == "null" else planted)(args.rounds, counts)
    for side in ("without", "with"):
        line = ", ".join(f"{level} {counts[(side, level)]}" for level in ("critical", "warning"))
        print(f"{side} level groups: {line}, information {counts[(side, 'info')]}")


if __name__ == "__main__":
    main()
