"""Some checks alone, on the tuning set: what they find on its null families and on the leaks it
plants, without scoring the holdout (faster than the full calibration). Used to measure a change
to a check before it lands: run it before and after, and compare the counts.

    uv run python benchmarks/check_study.py --check segment_leaks --rounds 3
    uv run python benchmarks/check_study.py --check shared_rows --part planted \\
        --kind migrated_twice --rounds 3

Null: every tuning family (or `--family`), `--rounds` seeds each (73,000 and up), sizes cycled
through 600, 1,500, 3,000 and 6,000 rows (a family's fixed size or minimum kept). Planted: every
strength of each `--kind`, `--rounds` seeds each (74,000 and up), 1,500, 3,000 and 6,000 rows.
`--setting name=value` changes a setting of the checks (e.g. one that turns a rule off).
Prints one line per data set with a finding of the checks, then the counts: data sets with a
critical finding, with a warning (or critical), and for planted ones how many name the leak.
One process, one thread.
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

from calibration_sets import COPIES_BEFORE_SPLIT, SETS
from calibration_shapes import FIXED_SIZE, split_case

from leakage_checks import run_all

NULL_SIZES = (600, 1_500, 3_000, 6_000)
PLANTED_SIZES = (1_500, 3_000, 6_000)


SETTINGS: dict = {}  # --setting name=value: a check's setting changed, to measure without a rule


def findings(frames, roles, checks: list[str]) -> list[tuple[str, str, list]]:
    runs = run_all(frames, roles, settings=SETTINGS, only=checks)
    return [
        (r.name, f.severity, f.columns)
        for r in runs
        for f in r.findings
        if f.severity in ("critical", "warning")
    ]


def tally(label: str, found: list, counts: Counter, leak: list | None = None, row_leak=False):
    critical = any(s == "critical" for _, s, _ in found)
    counts["data sets"] += 1
    counts["critical"] += critical
    counts["warning or critical"] += bool(found)
    if leak is not None:
        counts["critical and named"] += any(
            s == "critical" and (set(cols) & set(leak) or row_leak) for _, s, cols in found
        )
    if found:
        print(f"{label}: {found}", flush=True)


def null(checks, families, rounds, counts, chosen) -> None:
    for i in range(rounds):
        for name in families or chosen.null:
            size = NULL_SIZES[i % len(NULL_SIZES)]
            size = FIXED_SIZE.get(name, max(size, chosen.min_size.get(name, 0)))
            seed = 73_000 + i
            case = chosen.null[name](size, seed)
            frames, roles, _, _ = split_case(case, seed)
            tally(f"{name} n={case.rows:,} seed={seed}", findings(frames, roles, checks), counts)


def planted(checks, kinds, rounds, counts, chosen) -> None:
    for i in range(rounds):
        for kind in kinds:
            for strength in chosen.planted[kind][1]:
                size, seed = PLANTED_SIZES[i % len(PLANTED_SIZES)], 74_000 + i
                _clean, leaky = chosen.leaky(kind, strength, size, seed)
                frames, roles, _, _ = split_case(leaky, seed)
                label = f"{kind} {strength:g} n={size:,} seed={seed}"
                found = findings(frames, roles, checks)
                tally(label, found, counts, leaky.leak, kind in COPIES_BEFORE_SPLIT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="append", required=True)
    parser.add_argument("--part", choices=["null", "planted"], default="null")
    parser.add_argument("--family", action="append")
    parser.add_argument("--kind", action="append")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="tuning",
        help="the kept-aside set only once its figures are reported (it is then looked at)",
    )
    parser.add_argument("--setting", action="append", default=[], help="name=value")
    args = parser.parse_args()
    for item in args.setting:
        name, value = item.split("=")
        SETTINGS[name] = float(value)
    counts: Counter = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if args.part == "null":
            null(args.check, args.family, args.rounds, counts, SETS[args.set])
        else:
            # every kind planted by a function of its own when none is named
            kinds = args.kind or [k for k, (f, _) in SETS[args.set].planted.items() if f]
            planted(args.check, kinds, args.rounds, counts, SETS[args.set])
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
