"""Near-duplicates across the split: rows equal after rounding numbers and normalising text,
and rows within a small distance of a training row (copies with a little noise), each judged
against how often training rows come that close to each other; and rows equal to a training row
in every input but one or two (a record exported twice, amended in between: `copies.amended`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

from leakage_checks.copies import amended as amended_copies
from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.repeats import judge_excess, repeat_shares, row_hashes
from leakage_checks.speech import _, count, pct, significant
from leakage_checks.util import days, is_number


def normalise(frame: pd.DataFrame, digits: int) -> pd.DataFrame:
    """Numbers rounded to `digits` significant digits, text lower-cased with spaces collapsed
    (each distinct value once, then coded: the codes hold within one frame only), dates to the
    day."""
    out = {}
    for name, col in frame.items():
        if pd.api.types.is_bool_dtype(col):
            out[name] = col.astype("float64")
        elif pd.api.types.is_integer_dtype(col):
            out[name] = col  # whole numbers: nothing to round
        elif is_number(col):
            v = col.astype("float64").to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                mag = np.where(v == 0, 0, np.floor(np.log10(np.abs(v))))
                scale = 10.0 ** (digits - 1 - np.nan_to_num(mag))
                out[name] = np.round(v * scale) / scale
        elif pd.api.types.is_datetime64_any_dtype(col):
            out[name] = col.dt.floor("D")
        else:
            codes, uniques = pd.factorize(col)
            text = pd.Series(uniques, dtype="str").str.lower().str.strip()
            same = pd.factorize(text.str.replace(r"\s+", " ", regex=True))[0]
            out[name] = np.append(same, -1)[codes]  # a missing value's code, -1, picks the -1
    return pd.DataFrame(out, index=frame.index)


def _rounded(frames: SplitFrames, cols: list[str], digits: int) -> tuple[np.ndarray, np.ndarray]:
    """Test rows (and, for chance, training rows) that match a training row once rounded and
    normalised, without matching one exactly."""
    exact_across, exact_within = repeat_shares(
        row_hashes(frames.X_train[cols]), row_hashes(frames.X_test[cols])
    )
    near = row_hashes(normalise(pd.concat([frames.X_train[cols], frames.X_test[cols]]), digits))
    n = len(frames.X_train)
    near_across, near_within = repeat_shares(near[:n], near[n:])
    return near_across & ~exact_across, near_within & ~exact_within


def _coordinates(train: pd.DataFrame, test: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows as points: numbers and dates in units of their spread (interquartile range, else
    standard deviation), missing values far off so that they only meet each other; categories
    as codes 100 units apart, so that rows in different categories are never near."""
    both = pd.concat([train, test])
    cols, numeric = [], 0
    for _name, col in both.items():
        if pd.api.types.is_datetime64_any_dtype(col):
            col = days(col)
        if is_number(col) or pd.api.types.is_bool_dtype(col):
            v = col.astype("float64").to_numpy()
            q1, q3 = np.nanpercentile(v, [25, 75]) if np.isfinite(v).any() else (0.0, 0.0)
            spread = (q3 - q1) or np.nanstd(v)
            if not spread or not np.isfinite(spread):
                continue
            v = (v - np.nanmedian(v)) / spread
            cols.append(np.where(np.isfinite(v), v, -1e3))
            numeric += 1
        else:
            codes = pd.Categorical(col.astype("str").where(col.notna(), "\0missing")).codes
            cols.append(codes.astype("float64") * 100.0)
    if numeric == 0:
        return None
    points = np.column_stack(cols) / np.sqrt(len(cols))
    return points[: len(train)], points[len(train) :]


FOLDS = 10  # the training sample's parts: each is compared with the other nine


def _close(frames: SplitFrames, roles: Roles, settings: dict):
    """Test rows (and, for chance, training rows) closer than `near_copy_distance` to a
    training row without being identical to it, on samples of each part.

    Both are compared with the same kind of reference: the training sample is cut into ten
    parts, and a training row is compared with the nine parts it is not in, a test row with
    nine parts drawn at random. Comparing a training row with every other training row and a
    test row with all of them would give the test row one candidate more — which matters where
    rows are near only within small cells (a high-cardinality category): there, test rows
    would come close more often than training rows by construction."""
    cap, seed = int(settings["near_copy_max_rows"]), roles.seed
    rng = np.random.default_rng(seed)
    ref = np.sort(rng.choice(len(frames.X_train), min(len(frames.X_train), 10 * cap), False))
    queries = np.sort(rng.choice(len(frames.X_test), min(len(frames.X_test), cap), False))
    points = _coordinates(
        frames.X_train[roles.features].iloc[ref], frames.X_test[roles.features].iloc[queries]
    )
    if points is None or len(ref) < 2 * FOLDS:
        return None
    reference, test = points
    part = rng.permutation(np.arange(len(reference)) % FOLDS)
    own = rng.choice(len(reference), min(len(reference), cap), replace=False)
    test_part = rng.integers(0, FOLDS, len(test))
    d_train, d_test = np.empty(len(own)), np.empty(len(test))
    for k in range(FOLDS):
        nn = NearestNeighbors(n_neighbors=1).fit(reference[part != k])
        mine, theirs = part[own] == k, test_part == k
        if mine.any():
            d_train[mine] = nn.kneighbors(reference[own[mine]], n_neighbors=1)[0][:, 0]
        if theirs.any():
            d_test[theirs] = nn.kneighbors(test[theirs], n_neighbors=1)[0][:, 0]
    # close: within `near_copy_distance`, and no farther than the closest 1% of training rows
    # to each other (in few dimensions honest rows crowd; copies sit closer still)
    positive = d_train[d_train > 0]
    tau = min(settings["near_copy_distance"], np.quantile(positive, 0.01) if len(positive) else 0)
    return (d_test > 0) & (d_test < tau), (d_train > 0) & (d_train < tau), len(ref)


@register(
    "near_duplicates",
    N_("Do test rows nearly repeat training rows (rounding, case, small noise) beyond chance?"),
)
def near_duplicates(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    cols = roles.features
    if not cols or len(frames.X_test) == 0 or len(frames.X_train) < 3:
        raise NotApplicable(_("there are no model inputs or too few rows on one side of the split"))
    digits = int(settings["near_duplicate_digits"])
    methods = {"rounded": _rounded(frames, cols, digits)}
    close = _close(frames, roles, settings)
    if close is not None:
        methods["close"] = close[:2]
    out = []
    for method, (across, within) in methods.items():
        excess, p, severity = judge_excess(across, within, settings, "near_duplicates")
        if severity is None:
            continue
        share, chance_share = float(across.mean()), float(within.mean())
        out.append(
            Finding(
                check="near_duplicates",
                severity=severity,
                columns=[],
                evidence={
                    "share_test_rows": round(share, 4),
                    "share_training_rows_chance": round(chance_share, 4),
                    "excess_over_chance": round(excess, 4),
                    "p_value": float(f"{p:.3g}"),
                    "rows_compared": len(across),
                    **({"significant_digits": digits} if method == "rounded" else {}),
                },
                message=(
                    _(
                        "{share} of test rows match a training row once numbers are rounded to "
                        "{digits} significant digits and text is normalised without being exact "
                        "copies, where training rows come that close to each other {chance} of "
                        "the time: the same records entered twice, with small differences."
                    ).format(share=pct(share, 1), digits=count(digits), chance=pct(chance_share, 1))
                    if method == "rounded"
                    else _(
                        "{share} of test rows match a training row closer than the closest 1% of "
                        "training rows come to each other (nearest neighbour, at most {distance} "
                        "of each column's spread; {test} test rows against {train} training "
                        "rows) without being exact copies, where training rows come that close "
                        "to each other {chance} of the time: the same records entered twice, with "
                        "small differences."
                    ).format(
                        share=pct(share, 1),
                        distance=significant(settings["near_copy_distance"], 2),
                        test=count(len(across)),
                        train=count(close[2]),
                        chance=pct(chance_share, 1),
                    )
                ),
                fix=(
                    _(
                        "De-duplicate records with a normalised key before splitting, or split by "
                        "the entity the records belong to."
                    )
                ),
            )
        )
    amended = amended_copies(frames, roles, settings)
    out += [amended] if amended is not None else []
    worst = sorted(out, key=lambda f: (f.severity != "critical", -f.evidence["excess_over_chance"]))
    return worst[:1]
