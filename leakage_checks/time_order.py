"""Time: the test period must come after the training period; a date after the moment of
prediction must not carry the outcome; a random split on data whose outcome drifts misleads.
The moment of prediction is the declared time column (spec or contract) or, when none is
declared, the date that comes first in most rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.single_feature import univariate_scores
from leakage_checks.speech import _, count, number, pct, significant
from leakage_checks.util import (
    NO_DATES,
    after_outcome_words,
    days,
    out_of_fold,
    sample_rows,
    time_reference,
)


@register(
    "time_order",
    N_("Is the test period after the training period, and does no later date carry the outcome?"),
)
def time_order(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    t, declared = time_reference(frames, roles)
    if t is None:
        raise NotApplicable(_(NO_DATES))
    findings = _overlap(frames, roles, t, declared)
    findings += _late_dates(frames, roles, t, declared, settings)
    if roles.split_strategy != "time":
        findings += _drift(frames, roles, t, declared, settings)
    return findings


def _named(t: str, declared: bool) -> str:
    if declared:
        return f"'{t}'"
    return _("'{column}' (the earliest date of most rows; no time is declared)").format(column=t)


def _overlap(frames: SplitFrames, roles: Roles, t: str, declared: bool) -> list[Finding]:
    train_t, test_t = frames.X_train[t].dropna(), frames.X_test[t].dropna()
    if train_t.empty or test_t.empty:
        return []
    inside = float((test_t < train_t.max()).mean())
    if inside == 0:
        return []
    by_time = roles.split_strategy == "time"
    if by_time:
        message = _(
            "{share} of test rows are dated before the last training row (by '{column}'), "
            "although the split is by time: the model is tested on the past it was trained "
            "around, not on the future it will face."
        ).format(share=pct(inside, 0), column=t)
    else:
        message = _(
            "The split is {strategy}, so the holdout mixes periods: {share} of test rows are "
            "dated before the last training row (by {time}). That is no leak by itself; the "
            "drift test and the split-sensitivity check say whether the score depends on it."
        ).format(strategy=roles.split_strategy, share=pct(inside, 0), time=_named(t, declared))
    return [
        Finding(
            check="time_order",
            severity="warning" if by_time else "info",
            columns=[t],
            evidence={
                "share_test_rows_before_training_end": round(inside, 4),
                "train_end_days": float(days(pd.Series([train_t.max()])).iloc[0]),
                "test_start_days": float(days(pd.Series([test_t.min()])).iloc[0]),
            },
            message=message,
            fix=_(
                "If the model will score cases later than those it learns from, use "
                "split.strategy: time with split.time_column: {column}."
            ).format(column=t),
        )
    ]


def _lag_signal(frames: SplitFrames, roles: Roles, col: str, t: str, settings: dict) -> float:
    """How well the distance between `col` and the prediction time predicts the outcome, out
    of fold, on training rows (AUC or R²)."""
    lag = (days(frames.X_train[col]) - days(frames.X_train[t])).rename("lag")
    keep = lag.notna().to_numpy()
    X, y = sample_rows(
        lag[keep].to_frame(),
        frames.y_train[keep],
        int(settings["single_feature_max_rows"]),
        roles.seed,
    )
    if len(X) < 30:
        return float("nan")
    return univariate_scores(X, y, roles.task, roles.seed).get("lag", float("nan"))


def _late_dates(
    frames: SplitFrames, roles: Roles, t: str, declared: bool, settings: dict
) -> list[Finding]:
    """Date inputs that fall after the row's prediction time: a leak when their distance from
    it carries the outcome, a question otherwise (a maturity date is set at application)."""
    both = pd.concat([frames.X_train, frames.X_test])
    out = []
    regression = roles.task == "regression"
    key = "r2" if regression else "signal"
    for col in both.columns:
        if col == t or col not in roles.features:
            continue
        if not pd.api.types.is_datetime64_any_dtype(both[col]):
            continue
        valid = both[col].notna() & both[t].notna()
        if not valid.any():
            continue
        after = float((both.loc[valid, col] > both.loc[valid, t]).mean())
        if after < settings["late_dates_warning"]:
            continue
        signal = _lag_signal(frames, roles, col, t, settings)
        if not np.isfinite(signal):
            out.append(_late_date_unjudged(frames, roles, col, t, declared, after))
            continue
        crit, warn = settings[f"late_date_{key}_critical"], settings[f"late_date_{key}_warning"]
        severity = "critical" if signal >= crit else "warning" if signal >= warn else "info"
        named = after_outcome_words(col)
        if named and severity != "critical" and _dated_rows(frames, col, t) >= 200:
            severity = (
                "critical" if signal >= settings[f"late_date_named_{key}_critical"] else severity
            )
        label = "R²" if regression else "AUC"
        known = col in roles.known_at_prediction
        values = {
            "column": col,
            "time": _named(t, declared),
            "share": pct(after, 0),
            "label": label,
            "score": number(float(signal), 2),
            "word": named[0] if named else "",
        }
        if severity == "info":
            message = (
                _(
                    "'{column}' lies after the prediction time ({time}) in {share} of rows, but "
                    "how far after says little about the outcome ({label} {score})."
                ).format(**values)
                + " "
                + _question(col, roles)
            )
        else:
            message = _late_date_message(known, bool(named)).format(**values)
        out.append(
            Finding(
                check="time_order",
                severity=severity,
                columns=[col],
                evidence={
                    "share_rows_dated_after_prediction_time": round(after, 4),
                    f"lag_{'r2' if regression else 'auc'}": round(float(signal), 4),
                },
                message=message,
                fix=_confirm(col),
            )
        )
    return out


def _dated_rows(frames: SplitFrames, col: str, t: str) -> int:
    return int((frames.X_train[col].notna() & frames.X_train[t].notna()).sum())


def _late_date_unjudged(
    frames: SplitFrames, roles: Roles, col: str, t: str, declared: bool, after: float
) -> Finding:
    """A later date whose distance could not be scored: filled in for one outcome only (a
    default date: a leak), or too few dated rows or one distance for all (a question)."""
    dated = frames.X_train[col].notna().to_numpy() & frames.X_train[t].notna().to_numpy()
    outcomes = pd.Series(frames.y_train.to_numpy()[dated]).unique()
    one_outcome = roles.task != "regression" and dated.sum() >= 10 and len(outcomes) == 1
    values = {
        "column": col,
        "time": _named(t, declared),
        "share": pct(after, 0),
        "rows": count(int(dated.sum())),
    }
    if one_outcome:
        message = _(
            "'{column}' lies after the prediction time ({time}) in {share} of rows, and it is "
            "filled in only for rows whose outcome is '{outcome}' ({rows} training rows): a date "
            "recorded because the outcome happened."
        ).format(outcome=outcomes[0], **values)
    else:
        message = (
            _(
                "'{column}' lies after the prediction time ({time}) in {share} of rows; whether "
                "its distance from it carries the outcome could not be judged ({rows} training "
                "rows have both dates, or the distance is the same for every row)."
            ).format(**values)
            + " "
            + _question(col, roles)
        )
    return Finding(
        check="time_order",
        severity="warning" if one_outcome else "info",
        columns=[col],
        evidence={"share_rows_dated_after_prediction_time": round(after, 4)},
        message=message,
        fix=_confirm(col),
    )


def _question(col: str, roles: Roles) -> str:
    """What to ask about a later date that does not give the outcome away."""
    if col in roles.known_at_prediction:
        return _(
            "The contract marks it known at prediction time, as a date set in advance is "
            "(a maturity or due date). Is it?"
        )
    return _("Is it set in advance (a maturity or due date), or recorded later?")


def _confirm(col: str) -> str:
    return _(
        "Confirm with the data owner when '{column}' is set. If only after the outcome, mark it "
        "known_at_prediction: false in the contract; if set in advance, note it in "
        "reviewer_notes."
    ).format(column=col)


def _drift(
    frames: SplitFrames, roles: Roles, t: str, declared: bool, settings: dict
) -> list[Finding]:
    """Outcome rate by time period (five equal-count periods): a significant trend means a
    random split mixes regimes the model will not see together in production. A warning where
    a time is declared and the split ignores it. Where none is (`declared` false, the date
    inferred), a warning only if the outcome drifts beyond what the inputs predict of it: an
    honest outcome that moves with an input (entries made long before a race are more often
    not started) drifts along the entry date too, and the model follows it; otherwise a
    statement."""
    if roles.task == "multiclass":
        return []
    frame = pd.DataFrame({"t": frames.X_train[t], "y": frames.y_train.to_numpy()}).dropna()
    if len(frame) < 100:
        return []
    rho, p, rates = _trend(frame["t"], frame["y"], roles.task)
    spread = float(rates.max() - rates.min())
    if p >= settings["drift_p_value"] or abs(rho) < 0.8:
        return []
    warn = declared or _drifts_beyond_inputs(frames, roles, t, settings)
    drifts = (
        _(
            "The outcome rate drifts over time (from {first} in the earliest fifth of rows to "
            "{last} in the latest, by '{column}'), but the split is {strategy}: the holdout mixes "
            "periods, so its score is not the score on the next period."
        )
        if roles.task == "binary"
        else _(
            "The mean outcome drifts over time (from {first} in the earliest fifth of rows to "
            "{last} in the latest, by '{column}'), but the split is {strategy}: the holdout mixes "
            "periods, so its score is not the score on the next period."
        )
    )
    followed = _(
        "The inputs predict the drift, and no time is declared: the outcome moves with them, "
        "and a model follows it."
    )
    return [
        Finding(
            check="time_order",
            severity="warning" if warn else "info",
            columns=[t],
            evidence={
                "p_value": float(p),
                "spearman_trend": round(float(rho), 3),
                "first_period": round(float(rates.iloc[0]), 4),
                "last_period": round(float(rates.iloc[-1]), 4),
                "spread": round(spread, 4),
            },
            message=drifts.format(
                first=significant(float(rates.iloc[0]), 3),
                last=significant(float(rates.iloc[-1]), 3),
                column=t,
                strategy=roles.split_strategy,
            )
            + ("" if warn else " " + followed),
            fix=_(
                "Use split.strategy: time with split.time_column: {column}, and read the score "
                "per period."
            ).format(column=t),
        )
    ]


def _trend(when: pd.Series, y: pd.Series, task: str) -> tuple[float, float, pd.Series]:
    """The trend of `y` over five equal-count periods of `when`: Spearman's rho of the
    periods' means, the p-value that they differ (chi-squared for yes/no, Kruskal-Wallis for
    numbers) and the means."""
    periods = pd.qcut(when.rank(method="first"), 5, labels=False)
    rates = y.groupby(periods.to_numpy()).mean()
    rho = stats.spearmanr(np.arange(len(rates)), rates.to_numpy())[0]
    if task == "binary":
        table = pd.crosstab(periods.to_numpy(), y.to_numpy())
        p = stats.chi2_contingency(table)[1] if table.shape[1] > 1 else 1.0
    else:
        p = stats.kruskal(*[g.to_numpy() for _, g in y.groupby(periods.to_numpy())]).pvalue
    return float(np.nan_to_num(rho)), float(p), rates


def _drifts_beyond_inputs(frames: SplitFrames, roles: Roles, t: str, settings: dict) -> bool:
    """Whether the outcome less what the inputs other than dates predict of it (out of fold, on
    training rows) still drifts along `t`."""
    inputs = [
        c for c in roles.features if not pd.api.types.is_datetime64_any_dtype(frames.X_train[c])
    ]
    X = frames.X_train[inputs].reset_index(drop=True)
    y = frames.y_train.reset_index(drop=True)
    when = frames.X_train[t].reset_index(drop=True)
    keep = when.notna().to_numpy()
    X, y = sample_rows(X[keep], y[keep], settings["single_feature_max_rows"], roles.seed)
    if X.columns.empty or (roles.task == "binary" and y.nunique() < 2):
        return True
    task = "binary" if roles.task == "binary" else "regression"
    predicted = out_of_fold(X, y, task, roles.seed)
    rest = pd.Series(y.to_numpy(dtype="float64") - predicted)
    rho, p, _means = _trend(when.loc[X.index].reset_index(drop=True), rest, "regression")
    return p < settings["drift_p_value"] and abs(rho) >= 0.8


def _late_date_message(known: bool, named: bool) -> str:
    """A later date whose distance predicts the outcome: the sentence, with what the contract
    says of it and what its name says."""
    if known and named:
        return _(
            "'{column}' lies after the prediction time ({time}) in {share} of rows, and its "
            "distance from it predicts the outcome ({label} {score}): a date recorded when, or "
            "because, the outcome happened, although the contract marks it known at prediction "
            "time; its name ('{word}') says it is written after the fact."
        )
    if known:
        return _(
            "'{column}' lies after the prediction time ({time}) in {share} of rows, and its "
            "distance from it predicts the outcome ({label} {score}): a date recorded when, or "
            "because, the outcome happened, although the contract marks it known at prediction "
            "time."
        )
    if named:
        return _(
            "'{column}' lies after the prediction time ({time}) in {share} of rows, and its "
            "distance from it predicts the outcome ({label} {score}): a date recorded when, or "
            "because, the outcome happened; its name ('{word}') says it is written after the fact."
        )
    return _(
        "'{column}' lies after the prediction time ({time}) in {share} of rows, and its distance "
        "from it predicts the outcome ({label} {score}): a date recorded when, or because, the "
        "outcome happened."
    )
