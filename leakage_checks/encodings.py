"""A target encoding computed over the whole extract: a column holding each key's outcome rate
(an employer's default rate, a shop's fraud rate) computed before the split, every row's own
outcome included. Beside the raw key or alone (the key kept in the extract but not an input), it
tells the model each row's own outcome — the fewer rows a key has, the more. An honest key-level
figure (last year's rate) follows the key's rate no closer with the row's own outcome than
without it. An encoding holds one value
per key; a row's own figure that moves with its key (active users beside seats, next quarter's
seats following this quarter's) varies within each key, and follows the key's mean of a numeric
outcome closer with the row's own value in it, honestly."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.speech import _, number, pct
from leakage_checks.util import is_number

MIN_KEYS = 20
MAX_ROWS_PER_KEY = 200  # a key with more rows each hides its rows' own outcomes
MIN_KEYS_PER_BIN = 10  # keys of about one size a smoothed rate is compared within
MAX_BANDS = 12  # a category of at most this many levels may be a rate written as bands (A-E)


def keys(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """Columns that group rows into keys: at least 20 values, at most 200 rows each on average,
    and most rows sharing their value with another row."""
    out = []
    for c in columns:
        codes = pd.factorize(frame[c])[0]
        distinct = int(codes.max()) + 1
        if distinct < MIN_KEYS or len(frame) / distinct > MAX_ROWS_PER_KEY:
            continue
        if pd.Series(codes).duplicated(keep=False).mean() >= 0.5:
            out.append(c)
    return out


def key_means(codes: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's key mean of `y` with its own value, and without it (NaN for a key of one)."""
    sums = np.bincount(codes, weights=y)
    counts = np.bincount(codes).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        incl = sums[codes] / counts[codes]
        excl = (sums[codes] - y) / (counts[codes] - 1)
    return incl, np.where(counts[codes] > 1, excl, np.nan)


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    keep = np.isfinite(a) & np.isfinite(b)
    if keep.sum() < 30 or np.std(a[keep]) == 0 or np.std(b[keep]) == 0:
        return float("nan")
    return float(np.corrcoef(a[keep], b[keep])[0, 1])


def size_bins(sizes: np.ndarray) -> np.ndarray:
    """Each row's bin of key sizes (`sizes`: the size of each row's key): keys of one size
    together, neighbouring sizes merged until a bin holds `MIN_KEYS_PER_BIN` keys (a smoothed
    rate shrinks keys of one size alike)."""
    values, rows_of = np.unique(sizes, return_counts=True)
    keys_of = rows_of // np.maximum(values, 1)
    bin_of, current, held = {}, 0, 0
    for value, count in zip(values, keys_of, strict=True):
        bin_of[int(value)] = current
        held += count
        if held >= MIN_KEYS_PER_BIN:
            current, held = current + 1, 0
    if held and current:  # a last bin too small joins the one before
        for value in [v for v, b in bin_of.items() if b == current]:
            bin_of[value] = current - 1
    return np.array([bin_of[int(v)] for v in sizes])


def _smoothed_corr(x: np.ndarray, rate: np.ndarray, bins: np.ndarray) -> float:
    """How closely `x` follows `rate` among keys of about one size: the square root of the
    share of x's variance within each bin explained by a straight line in the rate, fitted bin
    by bin. A rate smoothed towards the overall rate (m-estimate, blending, empirical Bayes)
    is a straight line in the key's rate for keys of one size: 1 before rounding."""
    keep = np.isfinite(x) & np.isfinite(rate)
    x, rate, bins = x[keep], rate[keep], bins[keep]
    if len(x) < 30:
        return float("nan")
    frame = pd.DataFrame({"x": x, "r": rate, "b": bins})
    grouped = frame.groupby("b")
    dx = x - grouped["x"].transform("mean").to_numpy()
    dr = rate - grouped["r"].transform("mean").to_numpy()
    total = pd.Series(dx * dx).groupby(bins).sum()
    cross = pd.Series(dx * dr).groupby(bins).sum()
    spread = pd.Series(dr * dr).groupby(bins).sum()
    if total.sum() <= 0:
        return float("nan")
    explained = (cross**2 / spread.where(spread > 0)).fillna(0.0)
    return float(np.sqrt(max(0.0, min(1.0, explained.sum() / total.sum()))))


@register(
    "target_encoding",
    "Does a column hold each key's outcome rate over the whole extract, own outcome included?",
)
def target_encoding(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if roles.task == "multiclass":
        raise NotApplicable(_("an outcome rate per key is judged for yes/no or numeric outcomes"))
    both = pd.concat([frames.X_train, frames.X_test])
    y = np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()]).astype("float64")
    train = np.arange(len(both)) < len(frames.X_train)
    # a key need not be an input: an encoding of a code kept in the extract (a model variant, an
    # employer) tells each row's outcome through the encoding alone; a date is no such code
    codes = [c for c in both.columns if not pd.api.types.is_datetime64_any_dtype(both[c])]
    candidates = list(dict.fromkeys([*roles.features, *roles.id_columns, *codes]))
    found_keys = keys(both, candidates)
    numbers = {
        c: both[c].to_numpy(dtype="float64", na_value=np.nan)
        for c in roles.features
        if is_number(both[c]) and both[c].nunique() > 2
    }
    bands = {c: v for c in roles.features if (v := band_codes(both[c])) is not None}
    if not found_keys or not (numbers or bands):
        raise NotApplicable(_("no column groups the rows into keys, or no numeric input"))
    out = []
    for key in found_keys:
        codes = pd.factorize(both[key], use_na_sentinel=False)[0]
        # over the whole extract, and over the training part only (an encoding fitted there)
        variants = [key_means(codes, y)]
        t_codes = pd.factorize(both[key][train], use_na_sentinel=False)[0]
        t_incl, t_excl = key_means(t_codes, y[train])
        variants.append((_fill(train, t_incl), _fill(train, t_excl)))
        sizes = [np.bincount(codes)[codes], _fill(train, np.bincount(t_codes)[t_codes])]
        for col, values in [*numbers.items(), *bands.items()]:
            if col == key:
                continue
            if col in numbers and (loo := left_one_out(values, variants[0][1], y, settings)):
                out.append(_loo_finding(col, key, loo))
                continue
            if col in numbers:
                least, x = settings["encoding_correlation"], values[train]
                pairs = [
                    pair
                    for (incl, excl), size in zip(variants, sizes, strict=True)
                    for pair in _compared(x, incl[train], excl[train], size[train])
                ]
            else:
                least, x = settings["encoding_band_correlation"], values[train]
                pairs = [
                    (ratio(x, incl[train]), ratio(x, excl[train]))
                    for (incl, excl), rows in zip(variants, (None, train), strict=True)
                    if out_of_order(key_codes(codes, rows), values, y, rows)
                    <= settings["encoding_band_out_of_order"]
                ]
                x = np.where(x >= 0, x, np.nan)  # a blank band is no value
            hits = [pair for pair in pairs if _is_encoding(*pair, least, settings)]
            held = one_value_share(x, codes[train]) if hits else 0.0
            if hits and held >= settings["encoding_one_value"]:
                out.append(_finding(col, key, *max(hits), held))
    return out


def left_one_out(x: np.ndarray, excl: np.ndarray, y: np.ndarray, settings: dict) -> float:
    """The share of rows (whose key has other rows) holding their key's outcome rate over the
    whole extract with their own outcome left out, to within `encoding_loo_tolerance` of the
    outcome's spread — 0.0 below `encoding_loo_share`."""
    keep = np.isfinite(x) & np.isfinite(excl)
    if keep.sum() < 30:
        return 0.0
    spread = float(np.nanstd(y)) or 1.0
    near = np.abs(x[keep] - excl[keep]) <= settings["encoding_loo_tolerance"] * spread
    share = float(near.mean())
    return share if share >= settings["encoding_loo_share"] else 0.0


def _compared(x, incl, excl, size) -> list[tuple[float, float]]:
    """How closely `x` follows the key's rate with each row's own outcome and without it:
    plainly, and among keys of about one size (a smoothed rate)."""
    bins = size_bins(size.astype(int))
    return [
        (_corr(x, incl), _corr(x, excl)),
        (_smoothed_corr(x, incl, bins), _smoothed_corr(x, excl, bins)),
    ]


def band_codes(col: pd.Series) -> np.ndarray | None:
    """A category of 3 to `MAX_BANDS` levels as codes (-1 for a blank): a rate may be written as
    bands of letters, words or labels as well as a number. None for a number, a date, a yes/no
    or a category of other size (the levels are counted before any value is read as text)."""
    if is_number(col) or pd.api.types.is_datetime64_any_dtype(col):
        return None
    if pd.api.types.is_bool_dtype(col) or not 3 <= col.nunique(dropna=True) <= MAX_BANDS:
        return None
    return pd.factorize(col)[0]


def ratio(codes: np.ndarray, rate: np.ndarray) -> float:
    """How closely a band follows `rate`: the correlation ratio (the square root of the share of
    the rate's variance that lies between the band's levels), whatever order the levels' names
    stand for ('never' to 'mostly', 'band 2' before 'band 10', E to A). A band holds a few
    levels, so a rate written as bands follows the rate less closely than a number would: its
    own threshold, `encoding_band_correlation`."""
    valid = (codes >= 0) & np.isfinite(rate)
    if valid.sum() < 30:
        return float("nan")
    values = pd.Series(rate[valid])
    total = float(((values - values.mean()) ** 2).sum())
    if total <= 0:
        return float("nan")
    means = values.groupby(codes[valid]).transform("mean")
    return float(np.sqrt(((means - values.mean()) ** 2).sum() / total))


def key_codes(codes: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
    """The keys' codes over all rows, or over `rows` only (-1 elsewhere)."""
    return codes if rows is None else np.where(rows, codes, -1)


def out_of_order(keys: np.ndarray, band: np.ndarray, y: np.ndarray, rows=None) -> float:
    """The share of keys whose outcome rate (own outcomes included) lies beyond the rates of
    the band's neighbouring levels, the levels ordered by their keys' median rate: 0 for a
    band cut from those very rates (the levels hold intervals of the rate that do not meet),
    about half for an honest band of an earlier rate, whose keys' rates now stray across the
    levels' edges. (An honest band can follow the rate as closely as a leak where keys have
    two or three rows: the rate without a row's own outcome is then one or two other rows',
    noisier than the rate with it, and the band follows it less closely by that alone.)"""
    rows = np.ones(len(keys), dtype=bool) if rows is None else rows
    valid = rows & (keys >= 0) & (band >= 0)
    if not valid.any():
        return 1.0
    table = pd.DataFrame({"key": keys[valid], "band": band[valid], "y": y[valid]})
    rate = table.groupby("key")["y"].mean()
    # each key's most common band (the lowest of a tie, as a mode is), counted at once
    counts = table.groupby(["key", "band"]).size().rename("n").reset_index()
    counts = counts.sort_values(["key", "n", "band"], ascending=[True, False, True])
    per_key = pd.DataFrame(
        {"rate": rate, "band": counts.drop_duplicates("key").set_index("key")["band"]}
    )
    order = per_key.groupby("band")["rate"].median().rank(method="first").astype(int)
    level = per_key["band"].map(order).to_numpy()
    rate = per_key["rate"].to_numpy()
    lowest, highest = pd.Series(rate).groupby(level).min(), pd.Series(rate).groupby(level).max()
    above = rate > lowest.reindex(level + 1).to_numpy()  # NaN (no next level) compares False
    below = rate < highest.reindex(level - 1).to_numpy()
    return float((above | below).mean())


def one_value_share(x: np.ndarray, codes: np.ndarray) -> float:
    """The share of rows (with a value) whose value is their key's most common one: 1 for a
    figure of the key (an encoding, last year's rate), lower for a row's own figure."""
    keep = np.isfinite(x)
    if not keep.any():
        return 0.0
    pairs = pd.DataFrame({"k": codes[keep], "x": x[keep]})
    most = pairs.groupby(["k", "x"]).size().groupby(level=0).max()
    return float(most.sum() / keep.sum())


def _fill(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    full = np.full(len(mask), np.nan)
    full[mask] = values
    return full


def _is_encoding(with_own: float, without_own: float, least: float, settings: dict) -> bool:
    if not np.isfinite(with_own) or with_own < least:
        return False
    return not np.isfinite(without_own) or with_own - without_own >= settings["encoding_gain"]


def _finding(col: str, key: str, with_own: float, without_own: float, held: float) -> Finding:
    return Finding(
        check="target_encoding",
        severity="critical",
        columns=[col, key],
        evidence={
            "correlation_with_key_rate_own_outcome_included": round(with_own, 4),
            "correlation_with_key_rate_own_outcome_left_out": round(without_own, 4),
            "share_of_rows_holding_their_keys_value": round(held, 4),
        },
        message=_(
            "'{column}' follows the outcome rate of each '{key}' computed over the whole extract "
            "with each row's own outcome included (correlation {with_own}), much closer than the "
            "same rate without the row's own outcome ({without_own}): it is a target encoding "
            "computed before the split. Beside '{key}', it tells the model each row's own "
            "outcome, most of all for keys with few rows."
        ).format(
            column=col, key=key, with_own=number(with_own, 3), without_own=number(without_own, 3)
        ),
        fix=_(
            "Drop '{column}' and let the pipeline encode '{key}' inside each fold (the workbench "
            "does), or recompute it from earlier periods only."
        ).format(column=col, key=key),
    )


def _loo_finding(col: str, key: str, share: float) -> Finding:
    return Finding(
        check="target_encoding",
        severity="critical",
        columns=[col, key],
        evidence={"share_of_rows_holding_the_left_out_rate": round(share, 4)},
        message=_(
            "'{column}' holds, for {share} of rows, the outcome rate of their '{key}' over the "
            "whole extract with their own outcome left out: a leave-one-out target encoding "
            "computed before the split. Within each '{key}' it is lower wherever the row's own "
            "outcome is higher, so beside '{key}' it tells the model every row's own outcome, "
            "and the test rows' outcomes are in the training rows' rates."
        ).format(column=col, key=key, share=pct(share, 1)),
        fix=_(
            "Drop '{column}' and let the pipeline encode '{key}' inside each fold (the workbench "
            "does), or recompute it from earlier periods only."
        ).format(column=col, key=key),
    )
