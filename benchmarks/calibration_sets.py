"""The two sets of the calibration: the tuning families (looked at while the thresholds were
set) and the kept-aside families (run only once they were frozen), each with its null
families, its planted leaks, its seeds and its sizes; and how a planted case is made and
scored with and without its leak.

The tuning set holds the first families and the earlier kept-aside ones (calibration_kept.py,
calibration_aside.py and the generations after it up to calibration_twentythird.py: their
results were looked at, so they are tuning families now); the kept-aside set is
calibration_twentyfourth.py's and calibration_twentyfifth.py's (two generations run on the same
frozen checks, the second after the first), each written and committed before it was first
run, by an author who reported back only its domains and counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import calibration_aside
import calibration_eighteenth
import calibration_eighth
import calibration_eleventh
import calibration_fifteenth
import calibration_fifth
import calibration_fourteenth
import calibration_honest
import calibration_kept
import calibration_leaks
import calibration_mechanisms
import calibration_nineteenth
import calibration_ninth
import calibration_seventeenth
import calibration_seventh
import calibration_sixteenth
import calibration_sixth
import calibration_tenth
import calibration_thirteenth
import calibration_twelfth
import calibration_twentieth
import calibration_twentyfifth
import calibration_twentyfirst
import calibration_twentyfourth
import calibration_twentysecond
import calibration_twentythird
import numpy as np
from calibration_shapes import FAMILIES, FIXED_SIZE, MIN_SIZE, SIZES, Case, split_case


@dataclass(frozen=True)
class CalibrationSet:
    null: dict[str, Callable[[int, int], Case]]
    planted: dict[str, tuple[Callable, tuple[float, ...]]]  # kind -> (plant, strengths)
    base: Callable[[int, int], Case]  # the honest extract leaks are planted in
    bases: dict[str, Callable[[int, int], Case]]  # kinds planted in another extract
    seed: int  # seeds are seed * 1000 + i: each set has seeds of its own
    null_sizes: tuple[int, ...]
    planted_sizes: tuple[int, ...]
    per_family: int
    reps: int
    min_size: dict[str, int]

    def null_cases(self, per_family: int, seed: int, only: Iterable[str]):
        """(family, size, seed) of every null data set: sizes cycled by seed."""
        for family in [f for f in self.null if f in set(only)]:
            for i in range(per_family):
                size = self.null_sizes[(i * 5 + seed) % len(self.null_sizes)]
                size = FIXED_SIZE.get(family, max(size, self.min_size.get(family, 0)))
                yield family, size, seed * 1_000 + i

    def planted_cases(self, reps: int, seed: int, only: Iterable[str]):
        """(kind, strength, size, seed) of every planted data set."""
        for kind in [k for k in self.planted if k in set(only)]:
            for strength in self.planted[kind][1]:
                for i in range(reps):
                    size = self.planted_sizes[i % len(self.planted_sizes)]
                    yield kind, strength, size, seed * 1_000 + 500 + i

    def leaky(self, kind: str, strength: float, size: int, seed: int) -> tuple[Case, Case]:
        """The honest extract a leak is planted in, and the same with the leak planted at this
        strength (its own random numbers: seed + 7)."""
        clean = self.bases.get(kind, self.base)(size, seed)
        return clean, self.planted[kind][0](clean, strength, np.random.default_rng(seed + 7))


OLD_LEAKS = {
    kind: (calibration_leaks.COLUMN_LEAKS.get(kind), strengths)
    for kind, strengths in calibration_leaks.STRENGTHS.items()
}
NEW_LEAKS = {
    kind: (calibration_mechanisms.KINDS[kind], strengths)
    for kind, strengths in calibration_mechanisms.STRENGTHS.items()
}
# the generations written blind: each is the kept-aside set for one run, then a tuning set
BLIND = (
    calibration_aside,  # the fourth generation
    calibration_fifth,
    calibration_sixth,
    calibration_seventh,
    calibration_eighth,
    calibration_ninth,
    calibration_tenth,
    calibration_eleventh,
    calibration_twelfth,
    calibration_thirteenth,
    calibration_fourteenth,
    calibration_fifteenth,
    calibration_sixteenth,
    calibration_seventeenth,
    calibration_eighteenth,
    calibration_nineteenth,
    calibration_twentieth,
    calibration_twentyfirst,
    calibration_twentysecond,
    calibration_twentythird,
    calibration_twentyfourth,
    calibration_twentyfifth,
)
KEPT_ASIDE = (calibration_twentyfourth, calibration_twentyfifth)  # run on the same frozen checks
LOOKED_AT = tuple(g for g in BLIND if g not in KEPT_ASIDE)  # tuning since they were looked at
KEPT_ASIDE_DOMAINS = (
    "a tattoo studio's pieces needing a touch-up, a chimney sweep's visits finding a blocked "
    "flue, an inshore trawler fleet's trips landing below break-even, a glasshouse tomato "
    "grower's bays hit by blight, a locksmith's emergency call-outs ending with the lock "
    "drilled out; an escape-room venue's teams failing to get out in time, a dry cleaner's "
    "garments damaged, a mushroom farm's growing-room flushes lost to green mould, a recording "
    "studio's sessions running over, a pet-sitting agency's sits ending with a complaint"
)


def merged(*parts: dict) -> dict:
    """The dicts as one, in the order given; a key given twice is an error (a family or leak
    of one generation would silently replace another's)."""
    out: dict = {}
    for part in parts:
        clash = set(out) & set(part)
        if clash:
            raise ValueError(f"calibration names given twice: {sorted(clash)}")
        out.update(part)
    return out


def _own_names(earlier: set[str], field: str) -> dict[str, dict[str, str]]:
    """Each blind generation's names of its null families or leaks (`field`), made unique: a
    name an earlier generation (or `earlier`) already holds gets the generation's own word
    ('downtime_hours_twelfth'). Stable as generations are appended."""
    taken, out = set(earlier), {}
    for generation in BLIND:
        word = generation.__name__.removeprefix("calibration_")
        names = {n: n if n not in taken else f"{n}_{word}" for n in getattr(generation, field)}
        taken |= set(names.values())
        out[generation.__name__] = names
    return out


def _renamed(generation, names: dict[str, dict[str, str]], part) -> dict:
    """`part` (a dict, or a set) of a generation keyed by its unique names."""
    own = names[generation.__name__]
    if isinstance(part, dict):
        return {own.get(k, k): v for k, v in part.items()}
    return {own.get(k, k) for k in part}


NULL_NAMES = _own_names(
    set(calibration_honest.FAMILIES) | set(FAMILIES) | set(calibration_kept.NULL_FAMILIES),
    "NULL_FAMILIES",
)
LEAK_NAMES = _own_names(set(NEW_LEAKS) | set(OLD_LEAKS) | set(calibration_kept.PLANTED), "PLANTED")


def nulls(generation) -> dict:
    """A generation's null families: name -> family."""
    return _renamed(generation, NULL_NAMES, generation.NULL_FAMILIES)


def null_min_sizes(generation) -> dict:
    """The least rows of a generation's null families that need more than the smallest size."""
    return _renamed(generation, NULL_NAMES, generation.NULL_MIN_SIZE)


def leak_part(generation, field: str):
    """A generation's dict (or set) `field` keyed by its leaks, under their unique names."""
    return _renamed(generation, LEAK_NAMES, getattr(generation, field))


def plants(generation) -> dict:
    """A generation's leaks: kind -> (plant, strengths)."""
    return {
        kind: (plant, strengths)
        for kind, (plant, strengths, _) in leak_part(generation, "PLANTED").items()
    }


def bases(generation) -> dict:
    """The extract each of a generation's leaks is planted in: kind -> base."""
    return {kind: base for kind, (_, _, base) in leak_part(generation, "PLANTED").items()}


SETS = {
    "tuning": CalibrationSet(
        null=merged(
            calibration_honest.FAMILIES,
            FAMILIES,
            calibration_kept.NULL_FAMILIES,
            *(nulls(g) for g in LOOKED_AT),
        ),
        planted=merged(
            NEW_LEAKS, OLD_LEAKS, calibration_kept.PLANTED, *(plants(g) for g in LOOKED_AT)
        ),
        base=calibration_leaks.base,
        bases=merged(
            {kind: calibration_kept.telecom for kind in calibration_kept.PLANTED},
            *(bases(g) for g in LOOKED_AT),
        ),
        seed=0,
        null_sizes=tuple(size for size in SIZES if size <= 25_000),
        planted_sizes=calibration_leaks.SIZES,
        per_family=6,
        reps=4,
        min_size=merged(
            MIN_SIZE,
            calibration_kept.NULL_MIN_SIZE,
            *(null_min_sizes(g) for g in LOOKED_AT),
            {"honest_step": 1_000, "business_rule": 600, "monthly_snapshots": 600},
        ),
    ),
    "kept_aside": CalibrationSet(
        null=merged(*(nulls(g) for g in KEPT_ASIDE)),
        planted=merged(*(plants(g) for g in KEPT_ASIDE)),
        base=next(iter(KEPT_ASIDE[0].PLANTED.values()))[2],  # the first kind's extract
        bases=merged(*(bases(g) for g in KEPT_ASIDE)),
        seed=49,
        null_sizes=KEPT_ASIDE[0].NULL_SIZES,
        planted_sizes=KEPT_ASIDE[0].PLANTED_SIZES,
        per_family=40,
        reps=3,
        min_size=merged(*(null_min_sizes(g) for g in KEPT_ASIDE)),
    ),
}
WHAT = merged(
    calibration_leaks.WHAT,
    calibration_mechanisms.WHAT,
    calibration_kept.PLANTED_WHAT,
    *(leak_part(g, "PLANTED_WHAT") for g in BLIND),
)
# the checks meant to find each kind of leak: when all of them could not run, a miss is
# counted as "could not run", not as "silent"
EXPECTED = {
    "copy": {"pure_subsets", "single_feature"},
    "pair": {"column_pairs"},
    "category": {"pure_subsets", "label_proxies"},
    "missingness": {"missingness_signal"},
    "near_copies": {"near_duplicates", "shared_rows"},
    "exact_copies": {"shared_rows"},
    "ids_sorted": {"identifiers"},
    "post_outcome_date": {"time_order"},
    "right_censoring": {"right_censoring"},
    "number_format": {"number_formats"},
    "lookup": {"target_lookup", "pure_subsets"},
    "noisy_copy": {"outcome_copy"},
    "segment_leak": {"segment_leaks"},
    "target_encoding": {"target_encoding"},
    "updated_timestamp": {"time_order"},
    "follow_up": {"follow_up_duration"},
    "copied_records": {"shared_rows"},
    "status_copy": {"pure_subsets", "label_proxies"},
    "noisy_assessment": {"outcome_copy"},
    "branch_leak": {"segment_leaks"},
    "smoothed_encoding": {"target_encoding"},
    "touched_dates": {"time_order"},
    "reexport": {"shared_rows"},
    "observation_window": {"follow_up_duration"},
    "collections_missing": {"missingness_signal"},
    "billing_pair": {"column_pairs"},
    "investigator_score": {"outcome_copy"},
    "settlement": {"pure_subsets", "column_pairs", "single_feature"},
    "closing_date": {"time_order"},
    "investigator_assigned": {"missingness_signal"},
    "garage_rate": {"target_encoding"},
    "breakdown_ticket": {"pure_subsets", "label_proxies"},
    "hours_monitored": {"follow_up_duration"},
    "gateway_retries": {"shared_rows"},
    "model_assessment": {"segment_leaks"},
    # the fourth generation's are above; each later one says its own
    **merged(*(leak_part(g, "EXPECTED") for g in BLIND[1:])),
}
COPIES_BEFORE_SPLIT = {
    "copied_records",
    "reexport",
    "gateway_retries",
    *(kind for g in BLIND[1:] for kind in leak_part(g, "COPIES_BEFORE_SPLIT")),
}


# checks whose critical finding names what a row or outcome leak changes (a generation's own)
ROW_LEAK_CHECKS = merged(*(leak_part(g, "ROW_LEAK_CHECKS") for g in BLIND[1:]))


def expected_checks(kind: str) -> set[str]:
    return EXPECTED.get(kind, set())


def make_case(set_name: str, family: str, size: int, seed: int) -> Case:
    return replace(SETS[set_name].null[family](size, seed))


def plant_case(set_name: str, kind: str, strength: float, size: int, seed: int):
    """The leaky case split for the checks, and the holdout score with and without the leak
    (`calibration_leaks.plant` for the tuning set's first leaks). Records exported twice:
    without = the same extract without the copies, split alike."""
    kept = SETS[set_name]
    if kind in calibration_leaks.STRENGTHS:
        return calibration_leaks.plant(kind, strength, size, seed)
    clean, leaky = kept.leaky(kind, strength, size, seed)
    frames, roles, _, _ = split_case(leaky, seed)
    with_leak = calibration_leaks.holdout_score(frames, roles)
    if kind in COPIES_BEFORE_SPLIT:
        clean_frames, clean_roles, _, _ = split_case(clean, seed)
        return (
            frames,
            roles,
            with_leak,
            calibration_leaks.holdout_score(clean_frames, clean_roles),
            [],
        )
    honest = replace(roles, features=[c for c in roles.features if c not in leaky.leak])
    return frames, roles, with_leak, calibration_leaks.holdout_score(frames, honest), leaky.leak
