"""Helpers the checks share: sampling, quick model scores, dates, plain-number formatting."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict

from leakage_checks.registry import N_


def sample_rows(
    X: pd.DataFrame, y: pd.Series, limit: int, seed: int
) -> tuple[pd.DataFrame, pd.Series]:
    """At most `limit` rows, drawn without replacement, in their original order."""
    if len(X) <= limit:
        return X, y
    rows = np.sort(np.random.default_rng(seed).choice(len(X), limit, replace=False))
    return X.iloc[rows], y.iloc[rows]


def training_sample(frames, roles, settings: dict) -> tuple[pd.DataFrame, pd.Series]:
    """The model features and target of at most `model_check_max_rows` training rows: what the
    checks that fit models learn from."""
    limit = int(settings["model_check_max_rows"])
    return sample_rows(frames.X_train[roles.features], frames.y_train, limit, roles.seed)


def score(y: np.ndarray, pred: np.ndarray, task: str) -> float:
    """AUC for classification (macro one-vs-rest for multiclass), R² for regression."""
    if task == "regression":
        return float(r2_score(y, np.ravel(pred)))
    if task == "binary" or (pred.ndim == 2 and pred.shape[1] == 2):
        p = pred[:, -1] if pred.ndim == 2 else pred
        return binary_auc(y, p)
    return float(
        roc_auc_score(y, pred, multi_class="ovr", average="macro", labels=np.arange(pred.shape[1]))
    )


def binary_auc(y, x) -> float:
    """The ROC AUC of `x` for the greater of two labels in `y` — scikit-learn's `roc_auc_score`
    for two classes (ties counted half, as there), from ranks (Mann–Whitney) in a few array
    operations. The checks score thousands of small columns and models: scikit-learn's input
    validation took longer than the score. The same errors as scikit-learn's: a ValueError when
    `y` does not hold exactly two labels or `x` holds a missing or infinite value."""
    y = np.asarray(y)
    x = np.asarray(x, dtype="float64")
    labels = np.unique(y)
    if len(labels) != 2:
        raise ValueError(f"an AUC needs exactly two classes in y, found {len(labels)}")
    if not np.isfinite(x).all():
        raise ValueError("an AUC needs finite scores: x holds a missing or infinite value")
    positive = (y == labels[1]).astype(float)
    return float(_rank_aucs(positive[None, :], x[None, :])[0])


def symmetric_auc(y: np.ndarray, x: np.ndarray) -> float:
    """How well a single number separates a binary outcome, whichever direction: max(AUC, 1-AUC)."""
    auc = binary_auc(y, x)
    return float(max(auc, 1 - auc))


def _rank_aucs(y: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """AUC of each row of `pred` (draws × rows) against the matching row of 0/1 labels `y`."""
    ranks = stats.rankdata(pred, axis=1)
    pos = y.sum(axis=1)
    neg = y.shape[1] - pos
    with np.errstate(invalid="ignore", divide="ignore"):
        return ((ranks * y).sum(axis=1) - pos * (pos + 1) / 2) / (pos * neg)


def score_se(y: np.ndarray, pred: np.ndarray, task: str, seed: int, draws: int = 200) -> float:
    """Standard error of `score` over the scored rows, by bootstrap (rows resampled)."""
    rows = np.random.default_rng(seed).integers(0, len(y), (draws, len(y)))
    ys = y[rows]
    if task == "regression":
        p = np.ravel(pred)[rows]
        sst = ((ys - ys.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = 1 - ((ys - p) ** 2).sum(axis=1) / sst
    else:
        pred = pred.reshape(len(y), -1)
        if task == "binary":
            values = _rank_aucs((ys == 1).astype(float), pred[:, -1][rows])
        else:
            per_class = [
                _rank_aucs((ys == k).astype(float), pred[:, k][rows]) for k in range(pred.shape[1])
            ]
            values = np.mean(per_class, axis=0)
    values = values[np.isfinite(values)]
    return float(np.std(values)) if len(values) > 10 else float("inf")


def predictions(model, X: pd.DataFrame, task: str) -> np.ndarray:
    return model.predict(X) if task == "regression" else model.predict_proba(X)


def quick_model(X: pd.DataFrame, task: str, seed: int):
    """A fast, strong default model (HistGradientBoosting through the baseline zoo)."""
    from baselines import ColumnRoles, build

    return build("hist_gradient_boosting", ColumnRoles.from_frame(X), task, seed)


def out_of_fold(X: pd.DataFrame, y, task: str, seed: int, folds: int = 3) -> np.ndarray:
    """Each row's prediction by the quick model fitted on the other folds: the probability of
    yes for a yes/no outcome (stratified folds), the value otherwise."""
    model = quick_model(X, task, seed)
    if task == "binary":
        cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
        return cross_val_predict(model, X, y, cv=cv, method="predict_proba")[:, 1]
    return cross_val_predict(model, X, y, cv=KFold(folds, shuffle=True, random_state=seed))


def chance(task: str) -> float:
    return 0.0 if task == "regression" else 0.5


def metric_name(task: str) -> str:
    return "r2" if task == "regression" else "auc"


def is_number(col: pd.Series) -> bool:
    """A numeric column that is not a category or a yes/no flag."""
    return (
        pd.api.types.is_numeric_dtype(col)
        and not pd.api.types.is_bool_dtype(col)
        and not isinstance(col.dtype, pd.CategoricalDtype)
    )


def days(col: pd.Series) -> pd.Series:
    """A date column as days since 1970 (floats, NaN where missing)."""
    return (col - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)


def date_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]


MIN_DATED_ROWS = 30  # training rows with a date, at the least, for a date to order the rows
NO_DATES = N_(  # shown with _(NO_DATES)
    "the data has no date column with 30 dated training rows or more, and no declared time "
    "column holding dates"
)


def _dated(column: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(column) and column.notna().sum() >= MIN_DATED_ROWS


def time_reference(frames, roles) -> tuple[str | None, bool]:
    """The column that dates each row's prediction, and whether it was declared. The declared
    time column (spec or contract) if it holds dates; otherwise, among the dates nobody
    declared, the one that comes first in most rows (an application date before a decision
    date). A column with fewer than 30 dated training rows orders nothing."""
    declared = roles.time_column
    if declared in frames.X_train.columns and _dated(frames.X_train[declared]):
        return declared, True
    dates = [c for c in date_columns(frames.X_train) if _dated(frames.X_train[c])]
    if len(dates) <= 1:
        return (dates[0] if dates else None), False
    both = pd.concat([frames.X_train[dates], frames.X_test[dates]])
    as_days = pd.DataFrame({c: days(both[c]) for c in dates})
    complete = as_days.dropna()
    rows = complete if len(complete) else as_days.dropna(how="all")
    earliest = rows.idxmin(axis=1).value_counts()
    return (str(earliest.index[0]) if len(earliest) else dates[0]), False


def binomial_tail(hits: int, n: int, p: float) -> float:
    """P(at least `hits` successes in `n` trials of probability `p`)."""
    if n == 0:
        return 1.0
    return float(stats.binom.sf(hits - 1, n, min(max(p, 1e-12), 1.0)))


def excess_p_value(hits_a: int, n_a: int, hits_b: int, n_b: int) -> float:
    """One-sided p-value that the rate of sample a exceeds that of sample b (two proportions)."""
    if n_a == 0 or n_b == 0:
        return 1.0
    pooled = (hits_a + hits_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        return 1.0
    se = np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return float(stats.norm.sf((hits_a / n_a - hits_b / n_b) / se))


# words whose column is usually written when or after the outcome happens (matched at the start
# of a word of the name: 'days_late', 'last_updated', 'account_status', 'closed_on'; 'crm_stage',
# a record's stage at the extract's date, added when a sales system's stage went unseen)
AFTER_OUTCOME_WORDS = (
    "arrear",
    "cancel",
    "charged",
    "chargeoff",
    "churn",
    "claim",
    "closed",
    "closing",
    "collection",
    "dead",
    "death",
    "deceas",
    "delinq",
    "died",
    "discharg",
    "dunning",
    "exit",
    "final",
    "late",
    "modified",
    "outcome",
    "overdue",
    "paid",
    "payoff",
    "recover",
    "remind",
    "resolv",
    "result",
    "settle",
    "stage",
    "status",
    "terminat",
    "updated",
    "writeoff",
    "written",
)


# words that place a column before the case ('prior_defaults', 'previous_status')
BEFORE_WORDS = ("prior", "previous", "past", "history", "historic", "earlier", "before")


def after_outcome_words(name: str) -> list[str]:
    """The words of a column's name that usually mean it is written after the outcome (none
    when the name also places it before the case, as 'prior_claims' does)."""
    words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", str(name)).lower())
    if any(w.startswith(BEFORE_WORDS) for w in words):
        return []
    return [w for w in words if w.startswith(AFTER_OUTCOME_WORDS)]


# words honest category values use as well ('late shift', 'paid_direct', 'final year')
HONEST_VALUE_WORDS = ("late", "paid", "final", "status", "stage", "result", "outcome", "claim")


def after_outcome_value_words(value) -> list[str]:
    """The words of a category's value that usually mean it is written after the outcome
    ('written off', 'terminated'), without those honest values use as often."""
    return [w for w in after_outcome_words(value) if not w.startswith(HONEST_VALUE_WORDS)]


def share_after_prediction(frames, roles, col: str) -> float:
    """Share of rows (both parts) where the date `col` lies after the row's prediction time (0
    when either is no date or no time is known)."""
    t, _unused = time_reference(frames, roles)
    if t is None or t == col or not pd.api.types.is_datetime64_any_dtype(frames.X_train[col]):
        return 0.0
    both = pd.concat([frames.X_train[[col, t]], frames.X_test[[col, t]]])
    valid = both[col].notna() & both[t].notna()
    return float((both.loc[valid, col] > both.loc[valid, t]).mean()) if valid.any() else 0.0
