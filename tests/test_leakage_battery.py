"""Each leakage mechanism planted in generated data, and the same data clean: the check must
fire on the first and stay silent on the second."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from leakage_checks import Roles, SplitFrames, run_all


def base(n=1600, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.normal(size=n),
            "c": pd.Series(rng.choice(["x", "y", "z"], n), dtype="str"),
        }
    )
    y = pd.Series(((X.a + 0.8 * X.b + 0.7 * (X.c == "x") + rng.normal(0, 1, n)) > 0.3).astype(int))
    return X, y


def shuffled_split(X, y, seed=0, test=0.25):
    idx = np.random.default_rng(seed).permutation(len(X))
    cut = int(len(X) * (1 - test))
    tr, te = np.sort(idx[:cut]), np.sort(idx[cut:])
    return SplitFrames(
        X.iloc[tr], X.iloc[te], y.iloc[tr].reset_index(drop=True), y.iloc[te].reset_index(drop=True)
    )


def run(check, frames, roles, **settings):
    return run_all(frames, roles, settings=settings, only=[check])[0]


def roles(X, **kw):
    return Roles(
        task=kw.pop("task", "binary"), features=kw.pop("features", list(X.columns)), seed=0, **kw
    )


def test_near_duplicates_planted_and_clean():
    X, y = base()
    assert run("near_duplicates", shuffled_split(X, y), roles(X)).status == "passed"
    f = shuffled_split(X, y)
    copies = f.X_train.iloc[:100].copy()
    copies["a"] = copies["a"] * (1 + 1e-7)
    copies["c"] = "  " + copies["c"].str.upper()
    f.X_test = pd.concat([f.X_test.iloc[100:], copies])
    r = run("near_duplicates", f, roles(X))
    # a quarter of the holdout re-entered with small differences: far beyond chance, critical;
    # rounding puts a rare value on the other side of a boundary: nearly all 100 are found
    assert r.status == "critical" and r.findings[0].evidence["excess_over_chance"] > 0.2
    assert 0.95 * 100 / 400 <= r.findings[0].evidence["share_test_rows"] <= 100 / 400
    # 12 of 400 (3%): worth a warning, not enough to inflate the holdout much
    f.X_test = pd.concat([shuffled_split(X, y).X_test.iloc[12:], copies.iloc[:12]])
    assert run("near_duplicates", f, roles(X)).status == "warning"


def test_near_copies_with_noise_are_found_by_distance_and_coarse_repeats_are_chance():
    X, y = base()
    f = shuffled_split(X, y)
    rng = np.random.default_rng(8)
    copies = f.X_train.iloc[:80].copy()
    copies["a"] += rng.normal(0, 0.01, 80)  # 1% of the spread: not caught by rounding
    copies["b"] += rng.normal(0, 0.01, 80)
    f.X_test = pd.concat([f.X_test.iloc[80:], copies])
    r = run("near_duplicates", f, roles(X))
    assert r.status == "critical" and "nearest neighbour" in r.findings[0].message
    # integers close to each other (ages a year apart) come as close inside training too
    rng = np.random.default_rng(9)
    coarse = pd.DataFrame({"age": rng.integers(18, 90, 1600), "kids": rng.integers(0, 4, 1600)})
    r = run("near_duplicates", shuffled_split(coarse, y), roles(coarse))
    assert r.status == "passed"


def with_customers(X: pd.DataFrame, rows_each: int = 4) -> pd.DataFrame:
    """A customer code on every `rows_each` rows, and the customer's own attributes repeated on
    its rows (birth year, home branch), as an entity's records carry them."""
    rng = np.random.default_rng(11)
    who = np.arange(len(X)) // rows_each
    X = X.copy()
    X["customer_ref"] = pd.Series([f"C{i:05d}" for i in who], dtype="str")
    X["birth_year"] = rng.integers(1950, 2000, who.max() + 1)[who]
    X["home_branch"] = pd.Series(rng.choice(list("ABCDEFGH"), who.max() + 1)[who], dtype="str")
    return X


def leaning_customers(X: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Customers of eight rows each with their own attributes (an income among them) and an
    outcome that owes much to each customer's own leaning, which a model can recognise through
    those attributes."""
    X = with_customers(X, rows_each=8)
    who = np.arange(len(X)) // 8
    rng = np.random.default_rng(6)
    X["income"] = np.round(rng.lognormal(10, 0.5, who.max() + 1), 0)[who]
    leaning = rng.normal(0, 2.5, who.max() + 1)[who]
    return X, pd.Series((X.a + leaning + rng.normal(0, 0.5, len(X)) > 0).astype(int))


def test_undeclared_entity_is_warned_about_only_when_recognising_it_lifts_the_score():
    X, y = base()
    X = with_customers(X)
    # the outcome owes nothing to the customer beyond the inputs: split by customer, the score
    # holds, and the repeat is stated
    r = run("entity_overlap", shuffled_split(X, y), roles(X))
    assert r.status == "info" and r.findings[0].columns == ["customer_ref"]
    evidence = r.findings[0].evidence
    assert abs(evidence["score_random_split"] - evidence["score_kept_together"]) < 0.05
    assert "stands" in r.findings[0].message
    # each customer's own leaning, which its attributes let a model recognise: kept together,
    # the score falls, and the repeat is a warning
    X, y2 = leaning_customers(base()[0])
    r = run("entity_overlap", shuffled_split(X, y2), roles(X))
    assert r.status == "warning" and r.findings[0].columns == ["customer_ref"]
    evidence = r.findings[0].evidence
    assert evidence["score_random_split"] - evidence["score_kept_together"] >= 0.05
    assert "declare it" in r.findings[0].fix


def test_declared_group_split_is_silent_and_split_apart_is_critical():
    X, y = base()
    X = with_customers(X)
    # declared as the group and split by it: nothing to report
    groups = X["customer_ref"].to_numpy()
    test = np.isin(groups, np.unique(groups)[::4])
    f = SplitFrames(
        X[~test], X[test], y[~test].reset_index(drop=True), y[test].reset_index(drop=True)
    )
    assert (
        run(
            "entity_overlap", f, roles(X, group_column="customer_ref", split_strategy="group")
        ).status
        == "passed"
    )
    # declared but split at random: critical
    r = run(
        "entity_overlap",
        shuffled_split(X, y),
        roles(X, group_column="customer_ref", split_strategy="random"),
    )
    assert r.status == "critical"
    # the same customers under a split in time: their return is what the model meets in use
    r = run("entity_overlap", shuffled_split(X, y), roles(X, split_strategy="time"))
    assert [f.severity for f in r.findings] == ["info"]
    assert r.findings[0].columns == ["customer_ref"] and "in time" in r.findings[0].message
    assert "Nothing to change" in r.findings[0].fix and "new entities alone" in r.findings[0].fix
    # declared as the group yet split in time: judged as a declared group is
    r = run(
        "entity_overlap",
        shuffled_split(X, y),
        roles(X, group_column="customer_ref", split_strategy="time"),
    )
    assert r.status == "critical"
    # integer measurements repeat too, but are not entities
    X2, y2 = base()
    X2["age"] = np.random.default_rng(1).integers(18, 90, len(X2))
    assert run("entity_overlap", shuffled_split(X2, y2), roles(X2)).status == "passed"


def test_a_category_or_free_text_that_repeats_on_unrelated_rows_is_no_entity_key():
    # issue 18: 400 employers on 1,600 rows (4 rows each on average), the rows different people
    X, y = base()
    rng = np.random.default_rng(2)
    X["employer"] = pd.Series([f"employer_{e}" for e in rng.integers(0, 400, len(X))], dtype="str")
    words = np.array(
        ["late", "payment", "call", "fee", "waiver", "branch", "visit", "card", "blocked"]
    )
    notes = [" ".join(rng.choice(words, 5)) for _ in range(300)]
    X["note"] = pd.Series(np.array(notes)[rng.integers(0, 300, len(X))], dtype="str")
    assert run("entity_overlap", shuffled_split(X, y), roles(X)).status == "passed"
    # the same codes on rows that share their entity's attributes are an entity key
    X = with_customers(X.drop(columns="employer"))
    r = run("entity_overlap", shuffled_split(X, y), roles(X))
    assert [f.columns for f in r.findings] == [["customer_ref"]]


def dated(n=1600, drift=False):
    X, y = base(n)
    rng = np.random.default_rng(5)
    X["t"] = pd.Timestamp("2021-01-01") + pd.to_timedelta(
        np.sort(rng.integers(0, 1000, n)), unit="D"
    )
    if drift:
        y = pd.Series((rng.random(n) < np.linspace(0.1, 0.6, n)).astype(int))
    return X, y


def test_time_order_overlap_late_dates_and_drift():
    X, y = dated()
    cut = int(len(X) * 0.75)
    by_time = SplitFrames(
        X.iloc[:cut], X.iloc[cut:], y.iloc[:cut], y.iloc[cut:].reset_index(drop=True)
    )
    assert (
        run(
            "time_order",
            by_time,
            roles(X, time_column="t", split_strategy="time", features=["a", "b", "c"]),
        ).status
        == "passed"
    )
    r = run(
        "time_order",
        shuffled_split(X, y),
        roles(X, time_column="t", split_strategy="random", features=["a", "b", "c"]),
    )
    assert (
        r.findings[0].columns == ["t"]
        and "after the last training row" not in r.findings[0].message
    )
    # a date always 30 days after the prediction (a due date) says nothing about the outcome:
    # a question to the consultant, not a leak (it was critical before: the false alarm of a
    # loan's maturity date)
    X["due_on"] = X["t"] + pd.to_timedelta(30, unit="D")
    later = roles(
        X,
        time_column="t",
        split_strategy="time",
        features=["a", "due_on"],
        known_at_prediction=["a", "due_on"],
    )
    parts = SplitFrames(X.iloc[:cut], X.iloc[cut:], y.iloc[:cut], y.iloc[cut:])
    r = run("time_order", parts, later)
    assert r.status == "info" and r.findings[0].columns == ["due_on"]
    assert "contract marks it known at prediction" in r.findings[0].message
    # a closing date whose distance from the prediction depends on the outcome is a leak,
    # whatever the contract says
    lag = np.where(y == 1, 40, 365) + np.random.default_rng(6).integers(-5, 5, len(X))
    X["closed_on"] = X["t"] + pd.to_timedelta(lag, unit="D")
    later.features = ["a", "closed_on"]
    parts = SplitFrames(X.iloc[:cut], X.iloc[cut:], y.iloc[:cut], y.iloc[cut:])
    r = run("time_order", parts, later)
    assert r.status == "critical" and r.findings[0].columns == ["closed_on"]
    assert r.findings[0].evidence["lag_auc"] > 0.95
    Xd, yd = dated(drift=True)
    r = run(
        "time_order",
        shuffled_split(Xd, yd),
        roles(Xd, time_column="t", split_strategy="stratified", features=["a"]),
    )
    assert any("drifts over time" in f.message for f in r.findings)


def test_missingness_and_sentinels_that_encode_the_label():
    X, y = base()
    assert run("missingness_signal", shuffled_split(X, y), roles(X)).status == "passed"
    X["days_overdue"] = np.where(y == 1, np.nan, 0.0) + np.random.default_rng(2).random(len(X))
    r = run("missingness_signal", shuffled_split(X, y), roles(X))
    assert r.status == "critical" and r.findings[0].columns == ["days_overdue"]
    X = X.drop(columns="days_overdue")
    X["score_band"] = np.where(y == 1, -999.0, np.random.default_rng(3).normal(500, 50, len(X)))
    r = run("missingness_signal", shuffled_split(X, y), roles(X))
    assert (
        r.findings and r.findings[0].columns == ["score_band"] and "-999" in r.findings[0].message
    )


def test_row_order_and_ids_that_track_the_label():
    X, y = base()
    assert run("identifiers", shuffled_split(X, y), roles(X)).status == "passed"
    order = np.argsort(y.to_numpy(), kind="stable")
    Xs, ys = X.iloc[order].reset_index(drop=True), y.iloc[order].reset_index(drop=True)
    Xs["loan_id"] = np.arange(len(Xs)) + 5000
    r = run(
        "identifiers",
        shuffled_split(Xs, ys),
        roles(Xs, features=["a", "b", "c"], id_columns=["loan_id"]),
    )
    named = {tuple(f.columns): f.severity for f in r.findings}
    # ids that give the outcome away near-perfectly were handed out after it: critical (they
    # were a warning at score 1.00 before); row order is no model input: a warning
    assert named == {(): "warning", ("loan_id",): "critical"}


def test_label_proxies_by_purity_and_by_name():
    X, y = base()
    assert (
        run("label_proxies", shuffled_split(X, y), roles(X, target_name="default")).status
        == "passed"
    )
    rng = np.random.default_rng(4)
    X["branch_code"] = pd.Series(
        [f"{'R' if v else 'G'}{rng.integers(0, 30)}" for v in y], dtype="str"
    )
    X["default_flag_2"] = rng.normal(size=len(X))
    r = run("label_proxies", shuffled_split(X, y), roles(X, target_name="default"))
    by = {f.columns[0]: f.severity for f in r.findings}
    assert by == {"branch_code": "critical", "default_flag_2": "warning"}


def test_conflicting_labels():
    X, y = base()
    assert run("conflicting_labels", shuffled_split(X, y), roles(X)).status == "passed"
    X2 = pd.concat([X, X.iloc[:200]], ignore_index=True)
    y2 = pd.concat([y, 1 - y.iloc[:200]], ignore_index=True)
    r = run("conflicting_labels", shuffled_split(X2, y2), roles(X2))
    # label noise bounds the score; it is information, not a leak (it was a warning before)
    assert r.status == "info" and r.findings[0].evidence["rows_conflicting"] == 400
    assert r.findings[0].evidence["accuracy_ceiling"] == pytest.approx(1 - 200 / 1800, abs=1e-4)


def test_importance_dominance():
    rng = np.random.default_rng(6)
    n = 1600
    X = pd.DataFrame(
        {"key": rng.normal(size=n), "n1": rng.normal(size=n), "n2": rng.normal(size=n)}
    )
    y = pd.Series((X.key + rng.normal(0, 0.3, n) > 0).astype(int))
    r = run("importance_dominance", shuffled_split(X, y), roles(X))
    # one strong input carrying a model of AUC 0.95 is how many honest models look (a card
    # balance predicting default): information (it was a warning, a condition on the build)
    assert r.status == "info" and r.findings[0].columns == ["key"]
    ev = r.findings[0].evidence
    assert 0.9 < ev["score_with"] < 0.99 and ev["score_without"] < 0.6
    # carrying a near-perfect model, it is how a leak looks
    y = pd.Series((X.key + rng.normal(0, 0.01, n) > 0).astype(int))
    r = run("importance_dominance", shuffled_split(X, y), roles(X))
    assert r.status == "warning" and r.findings[0].evidence["score_with"] >= 0.99
    X2, y2 = base()
    X2["d"] = X2["a"] + np.random.default_rng(1).normal(
        0, 0.3, len(X2)
    )  # signal shared by two columns
    assert run("importance_dominance", shuffled_split(X2, y2), roles(X2)).status == "passed"


def test_split_sensitivity_with_entity_effects():
    rng = np.random.default_rng(7)
    n, k = 1600, 80
    g = rng.integers(0, k, n)
    effect = rng.normal(0, 2, k)
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "member": pd.Series([f"m{v}" for v in g], dtype="str"),
            "member_code": g.astype(float),
        }
    )
    y = pd.Series((0.3 * X.a + effect[g] + rng.normal(0, 0.5, n) > 0).astype(int))
    r = run(
        "split_sensitivity",
        shuffled_split(X, y),
        roles(X, features=["a", "member_code"], group_column="member", split_strategy="random"),
    )
    assert (
        r.findings and r.findings[0].columns == ["member"] and r.findings[0].evidence["gap"] > 0.1
    )
    X2, y2 = base()
    X2["member"] = pd.Series([f"m{v}" for v in rng.integers(0, k, len(X2))], dtype="str")
    assert (
        run(
            "split_sensitivity",
            shuffled_split(X2, y2),
            roles(X2, features=["a", "b", "c"], group_column="member", split_strategy="random"),
        ).status
        == "passed"
    )


class SharedMemory(ClassifierMixin, BaseEstimator):
    """A deliberately broken model: it remembers labels across fits (state outside the fold)."""

    seen: ClassVar[dict] = {}

    def fit(self, X, y):
        SharedMemory.seen.update(dict(zip(X.index, y, strict=True)))
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        p = np.array([SharedMemory.seen.get(i, 0.5) for i in X.index], dtype=float)
        return np.column_stack([1 - p, p])


def test_shuffled_label_control(monkeypatch):
    X, y = base()
    r = run("shuffled_labels", shuffled_split(X, y), roles(X))
    assert r.status == "passed"
    SharedMemory.seen = {}
    monkeypatch.setattr(
        "leakage_checks.shuffled_labels.quick_model", lambda X, task, seed: SharedMemory()
    )
    r = run("shuffled_labels", shuffled_split(X, y), roles(X))
    assert r.status == "critical" and r.findings[0].evidence["excess_over_chance"] > 0.1


def test_train_test_distinguishable():
    X, y = base()
    assert run("train_test_distinguishable", shuffled_split(X, y), roles(X)).status == "passed"
    f = shuffled_split(X, y)
    f.X_test = f.X_test.assign(b=f.X_test["b"] + 2.0)
    r = run("train_test_distinguishable", f, roles(X))
    assert r.status == "warning" and r.findings[0].columns[0] == "b"


class BatchCentre(TransformerMixin, BaseEstimator):
    """A broken transform: it centres each batch on its own mean at prediction time."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        X = np.asarray(X, dtype=float)
        return X - X.mean(axis=0)


def test_batch_vs_single_row_prediction(monkeypatch):
    from sklearn.linear_model import LogisticRegression

    X, y = base()
    X = X[["a", "b"]]
    assert run("batch_prediction", shuffled_split(X, y), roles(X)).status == "passed"
    monkeypatch.setattr(
        "baselines.build",
        lambda *a, **k: make_pipeline(BatchCentre(), StandardScaler(), LogisticRegression()),
    )
    r = run("batch_prediction", shuffled_split(X, y), roles(X))
    assert r.status == "critical" and r.findings[0].evidence["max_difference"] > 0.01


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_whole_battery_is_silent_on_clean_data_for_every_task(task):
    X, y = base(1200)
    if task == "regression":
        y = pd.Series(1.5 * X.a + 1.5 * X.b + np.random.default_rng(99).normal(size=len(X)))
    elif task == "multiclass":
        y = pd.Series(
            np.digitize(X.a + X.b + np.random.default_rng(99).normal(0, 0.5, len(X)), [-0.7, 0.7])
        )
    runs = run_all(
        shuffled_split(X, y),
        Roles(task=task, features=list(X.columns), seed=0, target_name="outcome"),
    )
    assert [(r.name, r.findings) for r in runs if r.status in ("critical", "warning")] == []


def test_the_checks_auc_is_scikit_learns_on_ties_labels_and_errors():
    """`binary_auc` is a fast copy of `roc_auc_score` for two classes: the same value on tied
    scores, on string labels and on a constant score, and a ValueError where it raises."""
    from sklearn.metrics import roc_auc_score

    from leakage_checks.util import binary_auc, symmetric_auc

    rng = np.random.default_rng(3)
    for rows in (7, 60, 500):
        y = rng.integers(0, 2, rows)
        y[:2] = [0, 1]
        for x in (rng.normal(size=rows), rng.integers(0, 4, rows).astype(float), np.ones(rows)):
            assert binary_auc(y, x) == pytest.approx(roc_auc_score(y, x), abs=1e-12)
    words = np.array(["yes", "no", "no", "yes", "no"])
    x = np.array([0.9, 0.2, 0.4, 0.4, 0.1])
    assert binary_auc(words, x) == pytest.approx(roc_auc_score(words, x))
    flipped = roc_auc_score(words, -x)
    assert flipped < 0.5 and symmetric_auc(words, -x) == pytest.approx(1 - flipped)
    with pytest.raises(ValueError):
        binary_auc(np.zeros(5), x)
    with pytest.raises(ValueError):
        binary_auc(words, np.array([0.9, np.nan, 0.4, 0.4, 0.1]))


def test_a_check_that_stops_on_an_error_is_reported_and_the_others_run(monkeypatch):
    from leakage_checks.registry import CHECKS, RegisteredCheck

    def broken(frames, roles, settings):
        raise ValueError("a defect")

    monkeypatch.setitem(CHECKS, "broken_probe", RegisteredCheck("broken_probe", "?", broken))
    X, y = base()
    runs = run_all(shuffled_split(X, y), roles(X), only=["broken_probe", "near_duplicates"])
    by_name = {r.name: r for r in runs}
    assert by_name["broken_probe"].failed and by_name["broken_probe"].status == "not_applicable"
    assert "ValueError: a defect" in by_name["broken_probe"].not_applicable
    assert not by_name["near_duplicates"].failed
    assert by_name["near_duplicates"].status == "passed"
