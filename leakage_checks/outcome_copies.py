"""A noisy copy of the outcome: a column as strong as a leak, which carries the outcome and
nothing else about the case. An honest measurement of the case (a bureau score, a lab value)
shares what the other inputs know: among rows with the same outcome it still moves with what
they predict. A copy of the outcome — an assessment written once the outcome was known, plus
noise — is screened off by the outcome: given the outcome, it is unrelated to every other
input. Where the other inputs predict too little, or too few rows of a class exist, the data
cannot tell the two apart, and the check says nothing (the contract's `known_at` asks).

A copy of the outcome still moves with the other inputs over all rows — through the outcome,
which both follow. An honest input independent of the others (a cause of its own) does not:
over all rows it is unrelated to what they predict (and, among rows of one outcome, slightly
against it). The check asks for both: unrelated within each outcome, related over all rows.
The same is asked of whether a field is filled in: a field filled in because of the outcome
(for part of one class, and as routine for a few of the other) is screened off by it too.

A symptom of a state the case is in at the decision (estimated meter reads where a meter is
bypassed, a test ordered because of a disease) is screened off by the outcome as well: the
data cannot tell it from a copy. What it can tell is how much the column adds to the other
inputs: a copy strong enough to matter raises their score as a leak does (0.05 of AUC or
more); a column that adds less is left to the contract's `known_at`. Where the contract says
the column is known by the decision, it has answered what the data cannot tell: the finding is
information, as for a strong single column, not a leak."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.model_selection import StratifiedKFold

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.speech import _, count, number
from leakage_checks.subsets import class_word
from leakage_checks.util import (
    binary_auc,
    days,
    is_number,
    out_of_fold,
    quick_model,
    sample_rows,
    symmetric_auc,
)

Z = 2.576  # two-sided 1%: a within-class correlation this many standard errors from 0 is real
MAX_COLUMNS = 3  # the strongest columns judged (a model of the other inputs each)
MAX_ROWS = 10_000  # enough to see a correlation of 0.1 in a class of 7% of the rows
CANDIDATE = "__outcome_copy_candidate__"  # the judged column's view, beside the other inputs
ZERO_MIN_LEVELS = 10  # a reading, not a small count or a score: judged for its zeros too
BEYOND_MARGIN = 0.1  # a flag this far below copy_auc may reach it once its honest part is out
MIN_STATE_ROWS = 20  # rows of a class in each state (filled or not) to learn what sets it


def _free_name(columns) -> str:
    """A name for the judged column beside the other inputs that none of them has."""
    name = CANDIDATE
    while name in set(columns):
        name += "_"
    return name


def _as_number(col: pd.Series) -> np.ndarray | None:
    if pd.api.types.is_datetime64_any_dtype(col):
        return days(col).to_numpy(dtype="float64")
    if is_number(col):
        return col.to_numpy(dtype="float64", na_value=np.nan)
    return None


def others_predict(X: pd.DataFrame, y: np.ndarray, seed: int) -> np.ndarray:
    """Out-of-fold probability of the outcome from `X` (three folds, the quick model)."""
    return out_of_fold(X, y, "binary", seed)


def within_class(x: np.ndarray, p: np.ndarray, y: np.ndarray) -> list[tuple[float, int]]:
    """Spearman's correlation of `x` with `p` among the rows of each class, and their count."""
    out = []
    for k in (0, 1):
        rows = (y == k) & np.isfinite(x)
        varies = rows.sum() > 3 and np.ptp(x[rows]) > 0 and np.ptp(p[rows]) > 0
        rho = stats.spearmanr(x[rows], p[rows])[0] if varies else np.nan  # constant: unrelated
        out.append((float(rho) if np.isfinite(rho) else 0.0, int(rows.sum())))
    return out


@register(
    "outcome_copy",
    "Does a column as strong as a leak carry the outcome and nothing the other inputs know?",
)
def outcome_copy(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if roles.task != "binary":
        raise NotApplicable(
            _("a copy of the outcome screened off by it is judged for yes/no outcomes")
        )
    X = pd.concat([frames.X_train[roles.features], frames.X_test[roles.features]])
    y_all = pd.Series(np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()]))
    X, ys = sample_rows(X.reset_index(drop=True), y_all, MAX_ROWS, roles.seed)
    y = ys.to_numpy().astype(int)
    if np.bincount(y, minlength=2).min() < 30 or len(roles.features) < 2:
        raise NotApplicable(_("fewer than two inputs, or fewer than 30 rows of a class"))
    views: dict[str, list] = {}  # column -> [(auc, view, values)], each reaching copy_auc
    flags: list = []  # (auc, column, view, values): whether filled in or zero, near copy_auc
    for col in roles.features:
        for view, x in _views(X[col]):
            if np.isfinite(x).sum() < 60 or len(np.unique(y[np.isfinite(x)])) < 2:
                continue
            auc = symmetric_auc(y[np.isfinite(x)], x[np.isfinite(x)])
            if auc >= settings["copy_auc"]:
                views.setdefault(col, []).append((auc, view, x, x))
            if view != "value" and auc >= settings["copy_auc"] - BEYOND_MARGIN:
                flags.append((auc, col, view, x))
    # a field emptied or zeroed because of the outcome among empties or zeros for reasons the
    # other inputs know (no waves in a short race, exempt patients) moves with them through its
    # honest part: the part beyond what they say of it is judged too
    for _auc, col, view, x in sorted(flags, key=lambda f: -f[0])[:MAX_COLUMNS]:
        rests = beyond(X.drop(columns=[col]), x, y, roles.seed)
        # among the rows of a class, what is left beyond the chance learnt in that class (or
        # the flag itself, where the class is nearly all in one state) is what is judged
        within = np.where(y == 1, rests.get(1, x), rests.get(0, x))
        for rest in rests.values():
            finite = np.isfinite(rest)
            auc = symmetric_auc(y[finite], rest[finite])
            if auc >= settings["copy_auc"]:
                views.setdefault(col, []).append((auc, view + "_beyond", rest, within))
    out, copies = [], []
    strongest = sorted(views, key=lambda c: -max(v[0] for v in views[c]))[:MAX_COLUMNS]
    for col in strongest:
        # the plain views first, the strongest first: what is beyond the other inputs is asked
        # where the field itself is not screened off
        ordered = sorted(views[col], key=lambda v: (v[1].endswith("_beyond"), -v[0]))
        for auc, view, x, within in ordered:
            # a copy found already is left out of the others: through it, they would know the
            # outcome itself, and every input would look screened off by it
            others = X.drop(columns=[col, *copies])
            found = _screened_off(others, x, y, roles, settings, within)
            if found is not None:
                out.append(_finding(col, auc, *found, roles, view))
                if col in roles.known_at_prediction:
                    out[-1] = _declared(out[-1])
                copies.append(col)
                break
    return out


def _views(col: pd.Series):
    """('value', 'filled' or 'zero', values) of a column: its values as numbers; whether it is
    filled in (when 1% to 99% of rows are empty) — a field filled in because of the outcome
    carries it in being there; and, for a reading (`ZERO_MIN_LEVELS` values besides 0 or
    more) that is 0 in 1% to 99% of its rows, whether it reads 0 — a reading zeroed because of
    the outcome, among honest zeros (a sensor of a stopped machine, logins of a closed
    account), carries it in being 0."""
    x = _as_number(col)
    if x is not None:
        yield "value", x
        zero = np.where(np.isfinite(x), x == 0, np.nan)
        share = np.nanmean(zero) if np.isfinite(zero).any() else 0.0
        if 0.01 <= share <= 0.99 and len(np.unique(x[np.isfinite(x) & (x != 0)])) >= (
            ZERO_MIN_LEVELS
        ):
            yield "zero", zero
    empty = col.isna().to_numpy()
    if 0.01 <= empty.mean() <= 0.99:
        yield "filled", (~empty).astype("float64")


def beyond(others: pd.DataFrame, flag: np.ndarray, y: np.ndarray, seed: int) -> dict:
    """`flag` (whether a field is filled in, or zero) less its chance given the other inputs,
    that chance learnt among the rows of one class, once for each class where both states are
    common enough to learn: in the class the outcome did not touch, the honest reasons alone set
    the flag, and what is left of it beyond them in the other class is what the outcome set.
    Every row's chance comes from a model that did not see it (three folds over all rows, each
    fitted on the class's rows of the other folds), so that both classes are treated alike.
    By class learnt from, NaN where the flag is."""
    out = {}
    known = np.isfinite(flag)
    folds = list(StratifiedKFold(3, shuffle=True, random_state=seed).split(flag, y))
    for k in (0, 1):
        chance = np.full(len(flag), np.nan)
        for fit, score in folds:
            fit = fit[(y[fit] == k) & known[fit]]
            state = flag[fit].astype(int)
            if min(int(state.sum()), int(len(state) - state.sum())) < MIN_STATE_ROWS:
                break  # too few rows of the class in a state to learn what sets it
            model = quick_model(others, "binary", seed).fit(others.iloc[fit], state)
            score = score[known[score]]
            chance[score] = model.predict_proba(others.iloc[score])[:, 1]
        else:
            out[k] = flag - chance
    return out


def _screened_off(others: pd.DataFrame, x, y, roles: Roles, settings: dict, within=None):
    """(AUC of the other inputs, the correlations per class, their AUC with `x` beside them)
    when the outcome screens `x` off from the other inputs (`within`, if given, is what is
    judged among the rows of each class), the data has the power to tell, and `x` adds to what
    they know as much as a leak does; else None."""
    p = others_predict(others, y, roles.seed)
    others_auc = binary_auc(y, p)
    if others_auc < settings["copy_others_auc"]:
        return None  # the other inputs know too little: nothing to share
    sign = 1.0 if binary_auc(y, np.nan_to_num(x, nan=np.nanmedian(x))) >= 0.5 else -1.0
    per_class = within_class(sign * (x if within is None else within), p, y)
    largest = max(n for _, n in per_class)
    if Z / np.sqrt(largest - 3) > settings["copy_max_correlation"]:
        return None  # too few rows to see a correlation of `copy_max_correlation`
    for rho, n in per_class:
        if n >= 30 and abs(np.arctanh(np.clip(rho, -0.999, 0.999))) * np.sqrt(n - 3) >= Z:
            return None  # it moves with the other inputs in a class: a measurement of the case
    rows = np.isfinite(x)
    together = stats.spearmanr(sign * x[rows], p[rows])[0] if np.ptp(x[rows]) > 0 else 0.0
    z_together = np.arctanh(np.clip(np.nan_to_num(together), -0.999, 0.999)) * np.sqrt(
        rows.sum() - 3
    )
    if z_together < settings["copy_together_z"]:
        return None  # unrelated to the other inputs across outcomes too: an independent input
    beside = others.assign(**{_free_name(others.columns): x})
    with_it = binary_auc(y, others_predict(beside, y, roles.seed))
    if with_it - others_auc < settings["copy_min_lift"]:
        return None  # adds too little to what the others know to tell it from a symptom
    return others_auc, per_class, with_it


def _finding(
    col, auc, others_auc, per_class, with_it, roles: Roles, view: str = "value"
) -> Finding:
    (rho0, n0), (rho1, n1) = per_class[0], per_class[1]
    return Finding(
        check="outcome_copy",
        severity="critical",
        columns=[col],
        evidence={
            "auc": round(auc, 4),
            "auc_other_inputs": round(others_auc, 4),
            "auc_other_inputs_with_it": round(with_it, 4),
            "correlation_within_class_0": round(per_class[0][0], 4),
            "correlation_within_class_1": round(per_class[1][0], 4),
            "rows_class_0": per_class[0][1],
            "rows_class_1": per_class[1][1],
            "whether_filled_in": float(view.startswith("filled")),
            "whether_zero": float(view.startswith("zero")),
            "beyond_what_other_inputs_say": float(view.endswith("_beyond")),
        },
        message=(WORDS[view]() + " " + _lift_words()).format(
            column=col,
            with_it=number(with_it, 2),
            auc=number(auc, 3),
            rho0=_signed(rho0),
            n0=count(n0),
            class0=class_word(0, roles.classes),
            rho1=_signed(rho1),
            n1=count(n1),
            class1=class_word(1, roles.classes),
            others=number(others_auc, 2),
        ),
        fix=_(
            "Ask when and how '{column}' is recorded. If it is written once the outcome is known "
            "(an assessment, a review, a status score), mark it known_at: after_outcome."
        ).format(column=col),
    )


def _declared(finding: Finding) -> Finding:
    """The finding of a column the contract says is known by the decision: information, as a
    strong column or an honest step the contract has dated is — the question the data cannot
    answer has been answered (a concert's presale sign-ups, honest, drew this warning in 66 of
    the nineteenth generation's 80 sets of its domain)."""
    finding.severity = "info"
    finding.message += " " + _(
        "The contract marks '{column}' known by the time of the decision, which the data cannot "
        "tell from a copy of the outcome: nothing to do if that is right; the score without it "
        "is worth knowing."
    ).format(column=finding.columns[0])
    return finding


def _value_words() -> str:
    return _(
        "'{column}' predicts the outcome with AUC {auc} on its own, yet among rows with the same "
        "outcome it is unrelated to what the other inputs predict (rank correlation {rho0} among "
        "{n0} {class0} rows and {rho1} among {n1} {class1} rows; the other inputs reach AUC "
        "{others}): it carries the outcome and nothing else about the case, as a noisy copy of "
        "the outcome does. An honest measurement of the case this strong moves with the other "
        "inputs."
    )


def _filled_words() -> str:
    return _(
        "Whether '{column}' is filled in predicts the outcome with AUC {auc} on its own, yet "
        "among rows with the same outcome it is unrelated to what the other inputs predict (rank "
        "correlation {rho0} among {n0} {class0} rows and {rho1} among {n1} {class1} rows; the "
        "other inputs reach AUC {others}): the field is filled in because of the outcome and "
        "for nothing else about the case. A field filled in for a reason known at the decision "
        "moves with the other inputs."
    )


def _zero_words() -> str:
    return _(
        "Whether '{column}' reads 0 predicts the outcome with AUC {auc} on its own, yet among "
        "rows with the same outcome it is unrelated to what the other inputs predict (rank "
        "correlation {rho0} among {n0} {class0} rows and {rho1} among {n1} {class1} rows; the "
        "other inputs reach AUC {others}): the reading is 0 because of the outcome and for "
        "nothing else about the case, as a sensor of a machine stopped by the failure reads 0. "
        "Zeros for a reason known at the decision move with the other inputs."
    )


def _lift_words() -> str:
    return _(
        "Added to the other inputs, it raises their AUC from {others} to {with_it}: as much as "
        "a leak moves a score."
    )


def _filled_beyond_words() -> str:
    return _(
        "Whether '{column}' is filled in, beyond what the other inputs say of it, predicts the "
        "outcome with AUC {auc} on its own, yet among rows with the same outcome it is unrelated "
        "to what the other inputs predict (rank correlation {rho0} among {n0} {class0} rows and "
        "{rho1} among {n1} {class1} rows; the other inputs reach AUC {others}): besides the "
        "reasons the other inputs know, the field is filled in, or left empty, because of the "
        "outcome."
    )


def _zero_beyond_words() -> str:
    return _(
        "Whether '{column}' reads 0, beyond what the other inputs say of it, predicts the outcome "
        "with AUC {auc} on its own, yet among rows with the same outcome it is unrelated to what "
        "the other inputs predict (rank correlation {rho0} among {n0} {class0} rows and {rho1} "
        "among {n1} {class1} rows; the other inputs reach AUC {others}): besides the reasons the "
        "other inputs know, the reading is 0 because of the outcome."
    )


WORDS = {
    "value": _value_words,
    "filled": _filled_words,
    "zero": _zero_words,
    "filled_beyond": _filled_beyond_words,
    "zero_beyond": _zero_beyond_words,
}


def _signed(rho: float) -> str:
    """A correlation with its sign: `+0.12`."""
    return ("+" if rho > 0 else "") + number(rho, 2)
