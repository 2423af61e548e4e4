"""Identifiers and row order that predict the outcome: a file sorted by outcome, or ids
handed out in a way that tracks it (e.g. a new numbering range for defaulted accounts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from leakage_checks.certainty import certain_subset
from leakage_checks.finding import SEVERITY_RANK, Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, count, ngettext, number, pct, significant
from leakage_checks.subsets import class_word
from leakage_checks.util import days, score, time_reference

ORDER = "row order in the file"


def _blocks(x: np.ndarray) -> np.ndarray:
    ranks = pd.Series(x).rank(method="first").to_numpy()
    return np.floor((ranks - 1) / len(ranks) * 10).astype(int)


def _order_score(x: np.ndarray, y: np.ndarray, task: str) -> tuple[float, float]:
    """How well the rank of `x` alone predicts the outcome, in ten ordered blocks (so that
    ids or positions are judged by where they lie, not memorised one by one), and the p-value
    of the blocks' differences (χ² of blocks by class, or Kruskal-Wallis for a number)."""
    block = _blocks(x)
    if task == "regression":
        means = pd.Series(y).groupby(block).transform("mean").to_numpy()
        groups = [y[block == b] for b in np.unique(block)]
        return score(y, means, task), float(stats.kruskal(*groups).pvalue)
    table = pd.crosstab(block, y)
    p = float(stats.chi2_contingency(table)[1]) if table.shape[1] > 1 else 1.0
    if task == "binary":
        rate = pd.Series(y).groupby(block).transform("mean").to_numpy()
        auc = score(y, rate, "binary")
        return max(auc, 1 - auc), p
    onehot = pd.get_dummies(pd.Series(y)).to_numpy(dtype=float)
    shares = pd.DataFrame(onehot).groupby(block).transform("mean").to_numpy()
    return score(y, shares, task), p


RUN_SHUFFLES = 100  # random orders the runs are compared with


def runs_ratio(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[float, float]:
    """Runs of one class along the order of `x` (rows in a row with the same class count as one
    run), against the runs in random orders of the same rows: their ratio (1 when the order
    says nothing, near 0 when each class sits in a few blocks) and the one-sided p-value of
    that few runs or fewer among `RUN_SHUFFLES` random orders (its normal approximation)."""
    classes = y[np.argsort(x, kind="stable")]
    observed = 1 + int(np.count_nonzero(classes[1:] != classes[:-1]))
    rng = np.random.default_rng(seed)
    shuffled = np.array(
        [1 + np.count_nonzero(np.diff(rng.permutation(classes)) != 0) for _ in range(RUN_SHUFFLES)]
    )
    mean, sd = float(shuffled.mean()), float(shuffled.std(ddof=1))
    p = float(stats.norm.cdf((observed - mean) / sd)) if sd > 0 else 1.0
    return observed / mean, p


def _time_runs(frames: SplitFrames, roles: Roles, y: np.ndarray) -> float | None:
    """The runs ratio of the classes along the rows' dates (`runs_ratio`), or None without a
    date or for a number outcome: outcomes that come in spells (a storm's cancelled sailings)
    sit together along any number handed out in time order as well."""
    t, _declared = time_reference(frames, roles)
    if t is None or roles.task == "regression":
        return None
    when = days(frames.X_train[t]).to_numpy(dtype="float64")
    ok = np.isfinite(when)
    return runs_ratio(when[ok], y[ok], roles.seed)[0] if ok.sum() >= 50 else None


def _grouped(name, x, ok, y, frames, roles, settings, time_runs) -> Finding | None:
    """The finding of an identifier along which each class sits in blocks: numbers handed out
    to one class first, or batch by batch (a year's lost-property reports numbered before the
    year's other bags) — fewer runs of one class than random orders give, by
    `identifier_runs_critical` (critical) or `identifier_runs_warning`, beyond chance, and
    fewer than along the dates by `identifier_runs_time_gap`. Judged for a column of distinct
    values only (the rows of one customer sit together along the customer's id, honestly)."""
    if name == ORDER or roles.task == "regression":
        return None
    if pd.Series(x[ok]).duplicated().any():
        return None
    ratio, p = runs_ratio(x[ok], y[ok], roles.seed)
    if ratio > settings["identifier_runs_warning"] or p >= settings["identifier_runs_p_value"]:
        return None
    if time_runs is not None and time_runs - ratio < settings["identifier_runs_time_gap"]:
        return None
    critical = ratio <= settings["identifier_runs_critical"]
    return Finding(
        check="identifiers",
        severity="critical" if critical else "warning",
        columns=[name],
        evidence={
            "runs_ratio": round(ratio, 4),
            "runs_p_value": float(f"{p:.3g}"),
            **({"runs_ratio_along_dates": round(time_runs, 4)} if time_runs is not None else {}),
        },
        message=_(
            "Sorted by '{column}', rows of the same outcome sit together: {ratio} as many runs "
            "of one outcome as the same rows in a random order give (p = {p}){dates}. The "
            "numbers were handed out to one outcome's rows in blocks — after the outcome was "
            "known, or batch by batch with it — so neighbouring numbers tell the outcome."
        ).format(
            column=name,
            ratio=pct(ratio, 0),
            p=significant(p),
            dates=""
            if time_runs is None
            else _(", against {time} along the dates").format(time=pct(time_runs, 0)),
        ),
        fix=_(
            "Ask how '{column}' is assigned; keep it out of the model (role: id), and look for "
            "other fields written at the same time."
        ).format(column=name),
    )


LATE_NEIGHBOURS = 51  # rows around a number whose dates say when it was given


def _numbered_late(name, x, ok, y, frames, roles, settings) -> Finding | None:
    """The finding of an identifier handed out in date order (Spearman's ρ with the rows' dates
    of at least `identifier_date_order`) whose numbers, for a set of rows of one outcome, come
    well after their dates: each number's date as the numbering implies it (the median date of
    the rows around it in number order) at least `identifier_late_days` days, and
    `identifier_late_spread` times the rows' typical gap, after the row's own date — a works
    order numbered at the re-repair, an invoice numbered after the credit. Judged as a certain
    subset (`certain_subset`) against the rows numbered on time: honest lags (a number given
    at booking, weeks before the date) spread over every row and make no certain subset."""
    if name == ORDER or roles.task == "regression":
        return None
    t, _declared = time_reference(frames, roles)
    if t is None or t == name:
        return None
    when = days(frames.X_train[t]).to_numpy(dtype="float64")
    both = ok & np.isfinite(when)
    if both.sum() < 50 or np.unique(x[both]).size < 50:
        return None
    xs, ws, ys = x[both], when[both], y[both].astype(int)
    if stats.spearmanr(xs, ws)[0] < settings["identifier_date_order"]:
        return None
    # each number's date as its neighbours in number order have it: their median, which the
    # rows numbered late (however many) do not pull as a fitted curve's mean would
    order = np.argsort(xs, kind="stable")
    implied = np.empty_like(ws)
    implied[order] = (
        pd.Series(ws[order]).rolling(LATE_NEIGHBOURS, center=True, min_periods=1).median()
    )
    lag = implied - ws
    typical = float(np.median(np.abs(lag)))
    late = lag > max(settings["identifier_late_days"], settings["identifier_late_spread"] * typical)
    found = certain_subset(late, ~late, ys, settings, len(ys))
    if found is None:
        return None
    return Finding(
        check="identifiers",
        severity=found.severity,
        columns=[name],
        evidence={
            "rows_numbered_late": found.rows,
            "purity": round(found.purity, 4),
            "share_of_class": round(found.class_share, 4),
            "typical_gap_days": round(typical, 1),
            "p_value": float(f"{found.p_value:.3g}"),
        },
        message=_(
            "'{column}' is numbered in the order of '{date}', except for {rows} rows numbered "
            "{days} days or more after their date, {purity} of them {what} (against {others} "
            "of the rows numbered on time): the numbers of these rows were given later, when "
            "the outcome was known. Whatever else was recorded then may carry the outcome too."
        ).format(
            column=name,
            date=t,
            rows=count(found.rows),
            days=count(
                int(
                    max(
                        settings["identifier_late_days"],
                        settings["identifier_late_spread"] * typical,
                    )
                )
            ),
            purity=pct(found.purity, 0),
            what=class_word(found.label, roles.classes),
            others=pct(found.neighbour_rate, 0),
        ),
        fix=_(
            "Ask when '{column}' is assigned; keep it out of the model (role: id), and look for "
            "other fields written at the same time."
        ).format(column=name),
    )


SEQUENCE_SHARE = 0.9  # of the gaps between sorted values within a factor of 3 of the median gap
SEQUENCE_MAX_STEP = 10  # the median gap of a numbering: stepped by a few at most


def numbered(values: pd.Series) -> bool:
    """Whole numbers of distinct values handed out in sequence: sorted, the gaps between them
    mostly of one small size — consecutive, a numbering shared with other records, or stepped by
    a few at a time (90% of the gaps within a factor of 3 of the median gap, which is
    `SEQUENCE_MAX_STEP` or less). Honest measurements that happen to be distinct leave gaps of
    every size (random values' gaps fall that close to their median in about two pairs in
    three), readings every 600 seconds step too far, and a jump to a new range — accounts
    numbered again after a move — is one gap, which this lets through."""
    values = values.dropna()
    if not pd.api.types.is_integer_dtype(values) or not values.is_unique or len(values) <= 50:
        return False
    gaps = np.diff(np.sort(values.to_numpy(dtype="float64")))
    median = float(np.median(gaps))
    if median > SEQUENCE_MAX_STEP:
        return False
    return bool(np.mean((gaps >= median / 3) & (gaps <= 3 * median)) >= SEQUENCE_SHARE)


def _id_like(frames: SplitFrames, roles: Roles) -> list[str]:
    """The identifiers the contract names, and the other columns `numbered` in sequence but the
    declared time (day numbers of a daily series are a time, judged by the time checks)."""
    both = pd.concat([frames.X_train, frames.X_test])
    out = list(c for c in roles.id_columns if c in both.columns)
    skip = {*out, roles.time_column}
    return out + [c for c in both.columns if c not in skip and numbered(both[c])]


def _message(name: str, value: float, critical: bool) -> str:
    score = number(value, 2)
    if name == ORDER:
        return _(
            "The row order in the file predicts the outcome (score {score}): the extract is "
            "sorted in a way that tracks the outcome. Any model or split that sees this order "
            "learns something it will not have in production."
        ).format(score=score)
    if critical:
        return _(
            "The identifier '{column}' predicts the outcome (score {score}) by where its values "
            "fall: ids were assigned in a way that tracks the outcome — so nearly perfectly that "
            "they were most likely handed out after it was known. Whatever else was recorded then "
            "may carry the outcome too."
        ).format(column=name, score=score)
    return _(
        "The identifier '{column}' predicts the outcome (score {score}) by where its values "
        "fall: ids were assigned in a way that tracks the outcome. Any model or split that sees "
        "them learns something it will not have in production."
    ).format(column=name, score=score)


@register(
    "identifiers", N_("Do identifiers, or the order of the rows in the file, predict the outcome?")
)
def identifiers(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    y = frames.y_train.to_numpy()
    if len(y) < 50:
        raise NotApplicable(
            ngettext(
                "{n} training row; ten ordered blocks need 50",
                "{n} training rows; ten ordered blocks need 50",
                len(y),
            ).format(n=count(len(y)))
        )
    suffix = "_r2" if roles.task == "regression" else ""
    warn = settings[f"identifier{suffix}_warning"]
    crit = settings[f"identifier{suffix}_critical"]
    out = []
    candidates = {ORDER: np.asarray(frames.X_train.index, dtype="float64")}
    for col in _id_like(frames, roles):
        values = frames.X_train[col]
        if pd.api.types.is_numeric_dtype(values):
            candidates[col] = values.to_numpy(dtype="float64", na_value=np.nan)
        else:
            candidates[col] = values.astype("str").rank(method="dense").to_numpy()
    # the dates' runs are compared with an identifier's only (row order is never grouped)
    time_runs = _time_runs(frames, roles, y) if len(candidates) > 1 else None
    for name, x in candidates.items():
        ok = np.isfinite(x)
        if ok.sum() < 50:
            continue
        value, p = _order_score(x[ok], y[ok], roles.task)
        grouped = _grouped(name, x, ok, y, frames, roles, settings, time_runs)
        if grouped is None or grouped.severity != "critical":
            late = _numbered_late(name, x, ok, y, frames, roles, settings)
            grouped = min(
                (f for f in (grouped, late) if f is not None),
                key=lambda f: SEVERITY_RANK[f.severity],
                default=None,
            )
        if grouped is not None:
            out.append(grouped)
            continue
        if value < warn or p >= settings["identifier_p_value"]:
            continue
        # row order is no model input and a shuffled split ignores it: never more than a warning
        critical = name != ORDER and value >= crit
        out.append(
            Finding(
                check="identifiers",
                severity="critical" if critical else "warning",
                columns=[] if name == ORDER else [name],
                evidence={
                    "score": round(value, 4),
                    "threshold": crit if critical else warn,
                    "p_value": float(f"{p:.3g}"),
                },
                message=_message(name, value, critical),
                fix=(
                    _(
                        "Ask how the extract was ordered and the ids assigned, and keep ids out of the "
                        "model (role: id). Shuffled and grouped splits are safe from row order; a "
                        "model must never read it."
                    )
                ),
            )
        )
    return out
