"""Robustness of a fitted pipeline: how much its holdout score drops when the inputs get
worse (noise, missing values, unseen categories, a top feature gone), how much it depends on
the training seed, how it holds up over time, and where it is weakest.

Every function takes a fitted sklearn pipeline, holdout rows (`X`, encoded `y`), the task and
a `workbench.inputs.metrics.Metric`, and returns plain results; nothing here writes files.
A *drop* is the clean score minus the perturbed one, sign-adjusted so that a positive drop
always means "worse" (for error metrics such as MAE the error rising is the drop). Each drop has
a 95% interval from a paired bootstrap of the holdout rows (the same resamples score the clean
and the altered copy). Whether a drop is within the agreed one is the judge's verdict
(`workbench.judge.verdicts`), made on that interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import clone

from baselines import ColumnRoles
from workbench.inputs.metrics import Metric, score
from workbench.language import _
from workbench.science import fit_cache
from workbench.science.bootstrap_units import Resamples
from workbench.science.cross_validation import predict_full
from workbench.science.resampling import bootstrap_indices, bootstrap_scores, interval
from workbench.science.threads import fits_at_once, in_order
from workbench.store.assurance_results import (
    RobustnessResult,
    RobustnessTest,
    SeedStability,
    SliceScore,
    WindowScore,
)
from workbench.store.results import Interval
from workbench.wording import count, day, pct, plain, short_number

NOISE_LEVELS = (0.1, 0.25, 0.5, 1.0)  # × the column's standard deviation
MISSING_RATES = (0.05, 0.10, 0.25, 0.50)
UNSEEN_SHARE = 0.25  # share of a categorical column's values replaced with a new level
NEW_LEVEL = "__unseen_level__"
MIN_ROWS = 30  # a slice or a time window needs at least this many rows to be scored
TOP_FEATURES = 5
MAX_TEST_ROWS = 20_000
MAX_REFIT_ROWS = 50_000
EXTRA_SEEDS = 3
N_BOOT = 200  # resamples behind each drop's interval


def drop(metric: Metric, clean: float, perturbed: float) -> float:
    """Positive when `perturbed` is worse than `clean`, in the metric's units."""
    return (clean - perturbed) if metric.greater_is_better else (perturbed - clean)


def safe_score(metric: Metric, y: np.ndarray, pred: np.ndarray) -> float | None:
    """The score, or None when the rows cannot be scored (e.g. one class only for an AUC)."""
    if metric.needs == "proba" and len(np.unique(y)) < 2:
        return None
    try:
        value = score(metric, y, pred)
    except ValueError:
        return None
    return value if np.isfinite(value) else None


def numeric_columns(X: pd.DataFrame) -> list[str]:
    """Columns noise makes sense on: numbers (as the pipeline sees them), not booleans, not
    constant."""
    out = []
    for c in ColumnRoles.from_frame(X).numeric:
        if pd.api.types.is_bool_dtype(X[c]):
            continue
        std = float(np.nanstd(X[c].to_numpy(dtype="float64", na_value=np.nan)))
        if np.isfinite(std) and std > 0:
            out.append(c)
    return out


def categorical_columns(X: pd.DataFrame) -> list[str]:
    return ColumnRoles.from_frame(X).categorical


def with_noise(X: pd.DataFrame, columns: list[str], strength: float, rng) -> pd.DataFrame:
    out = X.copy()
    for c in columns:
        values = out[c].to_numpy(dtype="float64", na_value=np.nan)
        std = float(np.nanstd(values))
        out[c] = values + rng.normal(0.0, strength * std, len(values))
    return out


def with_missing(X: pd.DataFrame, rate: float, rng) -> pd.DataFrame:
    out = X.copy()
    for c in out.columns:
        out[c] = out[c].mask(rng.random(len(out)) < rate)
    return out


def with_unseen(X: pd.DataFrame, column: str, share: float, rng) -> pd.DataFrame:
    out = X.copy()
    values = out[column].astype("object").to_numpy(copy=True)
    values[rng.random(len(values)) < share] = NEW_LEVEL
    out[column] = values
    return out


TYPO_SHARE = 0.2  # share of a text's words given one typo each


def with_typos(X: pd.DataFrame, column: str, share: float, rng) -> pd.DataFrame:
    """Free text written in a hurry: `share` of the words (of two letters or more) each with two
    neighbouring letters swapped, as people mistype."""

    def typo(word: str) -> str:
        if len(word) < 2 or rng.random() >= share:
            return word
        i = int(rng.integers(0, len(word) - 1))
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    out = X.copy()
    values = out[column]
    present = values.notna()
    changed = [" ".join(typo(w) for w in str(v).split(" ")) for v in values[present]]
    out.loc[present, column] = pd.Series(changed, index=values[present].index, dtype=values.dtype)
    return out


def without(X: pd.DataFrame, column: str) -> pd.DataFrame:
    """The column set to missing everywhere: what the model sees when a feed stops."""
    out = X.copy()
    out[column] = out[column].mask(np.ones(len(out), dtype=bool))
    return out


class Bench:
    """Scores a fitted model on altered copies of the same holdout rows."""

    def __init__(
        self, model, X, y, task: str, metric: Metric, n_classes: int, seed: int, resamples=None
    ):
        self.model, self.X, self.y, self.task, self.metric = model, X, y, task, metric
        self.k, self.seed = n_classes, seed
        self.clean_pred = predict_full(model, X, task, n_classes)
        self.clean = score(metric, y, self.clean_pred)
        self.resamples: Resamples = resamples or bootstrap_indices(len(y), N_BOOT, seed)
        self.clean_boot = bootstrap_scores(metric, y, self.clean_pred, self.resamples)

    def rng(self, *key: int):
        return np.random.default_rng([self.seed, *key])

    def test(self, kind: str, setting: str, X: pd.DataFrame, feature: str | None = None):
        pred = predict_full(self.model, X, self.task, self.k)
        s = safe_score(self.metric, self.y, pred)
        d = None if s is None else round(drop(self.metric, self.clean, s), 6)
        return RobustnessTest(
            test=kind,
            setting=setting,
            feature=feature,
            score=None if s is None else round(s, 6),
            drop=d,
            drop_interval=None if d is None else self.drop_interval(d, pred),
        )

    def drop_interval(self, d: float, pred: np.ndarray) -> Interval | None:
        """The drop's 95% interval: the same resamples score the clean and altered copies."""
        boots = bootstrap_scores(self.metric, self.y, pred, self.resamples)
        sign = 1.0 if self.metric.greater_is_better else -1.0
        lo, hi = interval(sign * (self.clean_boot - boots))
        if not (np.isfinite(lo) and np.isfinite(hi)):
            return None
        return Interval(value=d, ci_low=round(lo, 6), ci_high=round(hi, 6))


def perturbation_tests(
    bench: Bench, top_features: list[str], text: list[str] = ()
) -> list[RobustnessTest]:
    """Noise at increasing strength, missing values at increasing rates, an unseen level per
    categorical column (free `text` is no category), each top feature set to missing, typos
    in each free-text column, and noise on one feature at a time."""
    X, out = bench.X, []
    numeric = [c for c in numeric_columns(X) if c not in text]
    for i, s in enumerate(NOISE_LEVELS):
        if numeric:
            noisy = with_noise(X, numeric, s, bench.rng(1, i))
            setting = _("{s} × std on every numeric feature").format(s=plain(s))
            out.append(bench.test("noise", setting, noisy))
    for i, r in enumerate(MISSING_RATES):
        holed = with_missing(X, r, bench.rng(2, i))
        out.append(
            bench.test("missing", _("{share} of values missing").format(share=pct(r, 0)), holed)
        )
    for i, c in enumerate(c for c in categorical_columns(X) if c not in text):
        changed = with_unseen(X, c, UNSEEN_SHARE, bench.rng(3, i))
        setting = _("{share} of '{column}' a new value").format(
            share=pct(UNSEEN_SHARE, 0), column=c
        )
        out.append(bench.test("unseen_category", setting, changed, c))
    for c in top_features[:TOP_FEATURES]:
        setting = _("'{column}' missing on every row").format(column=c)
        out.append(bench.test("dropped_feature", setting, without(X, c), c))
    for i, c in enumerate(text):
        typed = with_typos(X, c, TYPO_SHARE, bench.rng(5, i))
        setting = _("{share} of the words in '{column}' misspelt").format(
            share=pct(TYPO_SHARE, 0), column=c
        )
        out.append(bench.test("typos", setting, typed, c))
    strongest = NOISE_LEVELS[-1]
    for i, c in enumerate(numeric):
        noisy = with_noise(X, [c], strongest, bench.rng(4, i))
        setting = _("{s} × std on '{column}' alone").format(s=plain(strongest), column=c)
        out.append(bench.test("one_feature_noise", setting, noisy, c))
    return out


def worst_noise_feature(tests: list[RobustnessTest]) -> str | None:
    single = [t for t in tests if t.test == "one_feature_noise" and t.drop is not None]
    if not single:
        return None
    return max(single, key=lambda t: t.drop).feature


# solvers that take no random step: scikit-learn's logistic regression uses its seed only to
# shuffle the rows for sag, saga and liblinear
DETERMINISTIC_SOLVERS = {"LogisticRegression": ("lbfgs", "newton-cg", "newton-cholesky")}


def uses_seed(estimator) -> bool:
    """Whether a fitted estimator's result depends on its random seed (refits with other seeds
    of a logistic regression solved by L-BFGS are the same model, at the same cost each)."""
    solvers = DETERMINISTIC_SOLVERS.get(type(estimator).__name__)
    return solvers is None or getattr(estimator, "solver", None) not in solvers


def seed_stability(
    model, X_train: pd.DataFrame, y_train: np.ndarray, bench: Bench, sampled: bool
) -> SeedStability:
    """Refit the same configuration with other seeds and score each refit on the holdout
    sample. When the training part was sampled, the original seed is refitted too, so the
    spread reflects the seed alone."""
    last = model.steps[-1][0]
    key = f"{last}__random_state"
    if key not in model.get_params() or not uses_seed(model.steps[-1][1]):
        return SeedStability(
            seeds=[bench.seed],
            scores=[round(bench.clean, 6)],
            spread=0.0,
            train_rows=len(X_train),
            note=_("the model has no random seed: every refit is identical")
            if key not in model.get_params()
            else _(
                "the model's fit uses no randomness (its solver takes no random steps): every "
                "refit is identical"
            ),
        )
    seeds = [bench.seed + i for i in range(EXTRA_SEEDS + 1)]

    def refit(seed: int) -> float:  # the preprocessing is fitted once for every seed
        fitted = fit_cache.fit(clone(model).set_params(**{key: seed}), X_train, y_train).model
        return score(bench.metric, bench.y, predict_full(fitted, bench.X, bench.task, bench.k))

    scores = [] if sampled else [bench.clean]
    scores += in_order(refit, seeds[0 if sampled else 1 :], fits_at_once(model))
    note = (
        _("refitted with {n} seeds on {rows} sampled training rows").format(
            n=len(seeds), rows=count(len(X_train))
        )
        if sampled
        else _("the candidate and {n} refits with other seeds on the training part").format(
            n=EXTRA_SEEDS
        )
    )
    if max(scores) == min(scores):
        note = _(
            "{note}; the scores are identical: at these settings the model uses no randomness"
        ).format(note=note)
    return SeedStability(
        seeds=seeds,
        scores=[round(float(v), 6) for v in scores],
        spread=round(float(max(scores) - min(scores)), 6),
        train_rows=len(X_train),
        note=note,
    )


def time_windows(times: pd.Series, bench: Bench) -> list[WindowScore]:
    """The clean score per calendar quarter of the holdout, or per equal-count window (four)
    when fewer than two quarters hold enough rows."""
    no_date = _("no date")
    t = pd.to_datetime(times.reset_index(drop=True), errors="coerce")
    quarters = t.dt.to_period("Q").astype("str").where(t.notna(), no_date)
    counts = quarters.value_counts()
    if (counts[counts.index != no_date] >= MIN_ROWS).sum() >= 2:
        labels = quarters.to_numpy()
        order = sorted(counts.index, key=lambda q: (q == no_date, q))
    else:
        labels = np.full(len(t), no_date, dtype=object)
        known = np.flatnonzero(t.notna().to_numpy())
        ranked = known[np.argsort(t.to_numpy()[known], kind="stable")]
        order = []
        for block in np.array_split(ranked, 4):
            if len(block):
                lo, hi = t.iloc[block[0]], t.iloc[block[-1]]
                name = _("{low} to {high}").format(low=day(lo), high=day(hi))
                labels[block] = name
                order.append(name)
        order += [no_date] if (labels == no_date).any() else []
    return [_window(name, labels == name, bench) for name in order]


def _window(name: str, mask: np.ndarray, bench: Bench) -> WindowScore:
    n = int(mask.sum())
    s = safe_score(bench.metric, bench.y[mask], bench.clean_pred[mask]) if n >= MIN_ROWS else None
    d = None if s is None else round(drop(bench.metric, bench.clean, s), 6)
    return WindowScore(window=name, rows=n, score=None if s is None else round(s, 6), drop=d)


def slice_labels(column: pd.Series) -> pd.Series | None:
    """Categories as they are (missing as 'missing'); numbers in quartile bins; else None."""
    s = column.reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(s):
        return None
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        if s.nunique() <= 4:
            return s.astype("str").where(s.notna(), _("missing"))
        bins = pd.qcut(s, 4, duplicates="drop")
        names = [
            _("{low} to {high}").format(low=short_number(b.left), high=short_number(b.right))
            for b in bins.cat.categories
        ]
        text = bins.cat.rename_categories(names).astype("str")
        return text.where(s.notna(), _("missing"))
    return s.astype("str").where(s.notna(), _("missing"))


def weakest_slices(bench: Bench, n: int = 5, text: list[str] = ()) -> list[SliceScore]:
    """The `n` worst-scoring slices with at least MIN_ROWS rows: one categorical value or one
    quartile of a numeric feature each (free `text` is not sliced: its values are texts)."""
    found = []
    for c in (c for c in bench.X.columns if c not in text):
        labels = slice_labels(bench.X[c])
        if labels is None:
            continue
        for value, rows in labels.groupby(labels, sort=True).groups.items():
            idx = np.asarray(rows)
            if len(idx) < MIN_ROWS or len(idx) == len(labels):
                continue
            s = safe_score(bench.metric, bench.y[idx], bench.clean_pred[idx])
            if s is not None:
                d = round(drop(bench.metric, bench.clean, s), 6)
                found.append(
                    SliceScore(
                        feature=c, group=str(value), rows=len(idx), score=round(s, 6), drop=d
                    )
                )
    return sorted(found, key=lambda s: (-s.drop, s.feature, s.group))[:n]


def assess(
    model,
    X: pd.DataFrame,
    y: np.ndarray,
    task: str,
    metric: Metric,
    *,
    n_classes: int,
    seed: int,
    top_features: list[str],
    train: tuple[pd.DataFrame, np.ndarray],
    train_sampled: bool = False,
    times: pd.Series | None = None,
    time_column: str | None = None,
    max_drop: float | None = None,
    resamples: Resamples | None = None,
    text: list[str] = (),
) -> RobustnessResult:
    """Every robustness test on holdout rows `X`, `y` (already sampled by the caller);
    `resamples` over those rows behind the drops' intervals (rows one by one by default);
    `text` the free-text inputs."""
    X = X.reset_index(drop=True)
    bench = Bench(model, X, np.asarray(y), task, metric, n_classes, seed, resamples)
    tests = perturbation_tests(bench, top_features, list(text))
    return RobustnessResult(
        metric=metric.name,
        greater_is_better=metric.greater_is_better,
        sample_rows=len(X),
        clean_score=round(bench.clean, 6),
        max_drop=max_drop,
        tests=tests,
        worst_noise_feature=worst_noise_feature(tests),
        seeds=seed_stability(model, train[0], train[1], bench, train_sampled),
        time_column=time_column,
        time_windows=time_windows(times, bench) if times is not None else [],
        weakest_slices=weakest_slices(bench, text=list(text)),
    )
