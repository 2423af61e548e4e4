"""Calibration of the workbench's verdicts: how often the fairness verdict and the decision
rules raise an alarm on generated data where there is nothing to find (null data), and how
often they find what was planted (power).

    uv run python benchmarks/calibration_verdicts.py [--quick] [--seed 0]

Every data set is a holdout made from scratch — outcomes, model scores, sensitive groups —
scored with the workbench's own code: `workbench.science.fairness.assess` for the fairness
verdict, and the evaluation stage's scoring (`holdout_scores`, with the bootstrap the split
asks for) followed by `workbench.judge.decision.decide` for the decision rules. No model is
fitted: the scores are drawn with a known quality, so the truth is known.

Targets (docs/decision-rules.md): on null data no verdict is critical in more than 1% of data
sets nor a warning in more than 5%; a planted effect is found in at least 95% where the
holdout is large enough to see it. `run(quick, seed)` returns the figures, `render` the
markdown table; `benchmarks/calibration.py` runs it with the leakage battery's calibration.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.decision import decide
from workbench.judge.decision.assurance_criteria import raised
from workbench.judge.intervals import judge
from workbench.judge.verdicts import fairness_verdict as judge_fairness
from workbench.judge.verdicts.fairness_verdict import ABOVE, GAP, UNRESOLVED
from workbench.science import fairness
from workbench.science.bootstrap_units import resamples_for
from workbench.science.holdout_scores import score_holdout
from workbench.science.no_model import rules
from workbench.store.layout import FinishedRun
from workbench.store.results import DataResult, EvaluationResult, LeakageResult, SplitSummary

CRITICAL, WARNING = 0.01, 0.05  # the most a null data set may be critical / a warning
POWER = 0.95
ONE_SIDE = 0.025  # a 95% interval lies wholly above zero by chance in 2.5% of null data sets
N_BOOT = 300  # bootstrap resamples behind each interval (the `quick` profile uses 500)


# -- fairness ----------------------------------------------------------------------------------
SIZES = (300, 600, 1000, 2000, 4000, 10_000, 20_000)


def fairness_data(rng, *, gaps=(0.0,), n=None, positives=None, k=None, sizes=SIZES):
    """A holdout with one sensitive column per entry of `gaps`: a yes/no decision per row
    whose true and false positive rates are the same in every group, but for the first group
    of each column, whose true positive rate is lower by its gap. Groups differ in size and
    in base rate (which equalized odds allows)."""
    n = n or int(rng.choice(sizes))
    share = positives or float(rng.choice([0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5]))
    low = 0.4 + sum(gaps)  # a true positive rate every gap can be taken from
    tpr, fpr = rng.uniform(min(low, 0.9), 0.95), rng.uniform(0.02, 0.3)
    columns, lowered = {}, np.zeros(n)
    base = np.full(n, share)
    for j, gap in enumerate(gaps):
        groups = k or int(rng.choice([2, 3, 4, 6, 8]))
        sizes = rng.dirichlet(np.full(groups, 2.0))
        codes = rng.choice(groups, n, p=sizes)
        columns[f"s{j}"] = np.array([f"g{c}" for c in range(groups)])[codes]
        base *= rng.uniform(0.6, 1.4, groups)[codes]  # base rates differ between groups
        lowered += np.where(codes == 0, gap, 0.0)
    y = (rng.random(n) < np.clip(base, 0.001, 0.95)).astype(int)
    flag = rng.random(n) < np.where(y == 1, np.clip(tpr - lowered, 0, 1), fpr)
    scores = np.where(flag, rng.uniform(0.5, 1, n), rng.uniform(0, 0.5, n))
    return y, scores, pd.DataFrame(columns)


def fairness_verdict(y, scores, sensitive, seed, bound: float = 0.1):
    """The fairness stage's measurements of a holdout and the judge's verdict on them."""
    result = fairness.assess(
        (sensitive, sensitive.iloc[:0]),
        (y, np.column_stack([1 - scores, scores])),
        "binary",
        seed=seed,
    )
    return result, judge_fairness(result, bound)


def fairness_null(count: int, seed: int, sizes=SIZES) -> dict:
    """Fair models on `count` holdouts of varied shapes (1 to 3 sensitive columns)."""
    rng = np.random.default_rng(seed)
    tally = {"critical": 0, "warning": 0, "unresolved": 0, "pass": 0, "count": count}
    tally["sizes"] = [min(sizes), max(sizes)]
    for i in range(count):
        columns = int(rng.integers(1, 4))
        y, scores, s = fairness_data(rng, gaps=(0.0,) * columns, sizes=sizes)
        status = {a.status for a in fairness_verdict(y, scores, s, seed + i)[1].attributes}
        if ABOVE in status:
            tally["critical"] += 1
        elif GAP in status:
            tally["warning"] += 1
        elif UNRESOLVED in status:
            tally["unresolved"] += 1
        else:
            tally["pass"] += 1
    return tally


def fairness_power(count: int, seed: int, n: int, gap: float = 0.28) -> dict:
    """A real gap in one of two sensitive columns (the other fair), a holdout of `n` rows
    with 30% positives: how often the gapped column is raised, and how often the fair one."""
    rng = np.random.default_rng(seed)
    raised = other = above = 0
    for i in range(count):
        y, scores, s = fairness_data(rng, gaps=(gap, 0.0), n=n, positives=0.3, k=3)
        _result, verdict = fairness_verdict(y, scores, s, seed + i)
        status = {a.attribute: a.status for a in verdict.attributes}
        raised += status["s0"] in (ABOVE, GAP)
        above += status["s0"] == ABOVE
        other += status["s1"] in (ABOVE, GAP)
    return {"count": count, "rows": n, "raised": raised, "above": above, "fair_raised": other}


def fairness_shown_fair(count: int, seed: int, n: int = 20_000) -> dict:
    """Fair models on large holdouts (two groups, 30% positives): how often the verdict can
    show every gap within 0.10 (a pass needs a few hundred positives in every group)."""
    rng = np.random.default_rng(seed)
    passed = 0
    for i in range(count):
        y, scores, s = fairness_data(rng, n=n, positives=0.3, k=2)
        passed += fairness_verdict(y, scores, s, seed + i)[1].verdict == "pass"
    return {"count": count, "rows": n, "pass": passed}


def fairness_both(count: int, seed: int, n: int = 4000) -> dict:
    """Two real gaps (0.28 and 0.35) in two columns: how often both are raised."""
    rng = np.random.default_rng(seed)
    both = 0
    for i in range(count):
        y, scores, s = fairness_data(rng, gaps=(0.28, 0.35), n=n, positives=0.3, k=3)
        result, verdict = fairness_verdict(y, scores, s, seed + i)
        both += {"s0", "s1"} <= {d.attribute for d in raised(result, verdict)}
    return {"count": count, "rows": n, "both": both}


# -- decision rules ----------------------------------------------------------------------------
def scores_with(rng, y, auc: float, shared=None, weight: float = 0.0):
    """Positive-class probabilities whose ROC AUC is about `auc` (a normal shift of
    sqrt(2)·Φ⁻¹(auc) between the classes), optionally sharing part of their noise."""
    from scipy.stats import norm

    noise = rng.normal(size=len(y))
    if shared is not None:
        noise = np.sqrt(1 - weight**2) * noise + weight * shared
    z = np.sqrt(2) * norm.ppf(auc) * y + noise
    return 1 / (1 + np.exp(-z))


def spec_for(metric: str, bar: float, lift: float = 0.01, task: str = "binary") -> Spec:
    """A spec judging `metric` against `bar` (a least score, or a most error)."""
    kind = "min_primary_score" if METRICS[metric].greater_is_better else "max_primary_error"
    return Spec.model_validate(
        {
            "name": "calibration",
            "question": "Can we flag the cases?",
            "decision": "Whether to build",
            "data": {"path": "x.csv", "contract": "c.yaml"},
            "task": {"kind": task, "target": "y"},
            "metrics": {"primary": metric, "secondary": []},
            "acceptance": {kind: bar, "min_lift_over_baseline": lift},
        }
    )


def as_predictions(p: np.ndarray, task: str) -> np.ndarray:
    """Positive-class probabilities as the two-column array the stage scores (other tasks'
    predictions as they are)."""
    return np.column_stack([1 - p, p]) if task == "binary" and p.ndim == 1 else p


def evaluation(y, preds: dict, spec: Spec, idx, y_train=None, seed: int = 0) -> EvaluationResult:
    """The evaluation stage's scoring of a holdout: the candidate and the baseline with their
    intervals, the lift between them, and the candidate against the best rule that uses no
    input (`y_train`: the training part's outcomes; the holdout's own by default)."""
    task = spec.task.kind
    metric = spec.primary_metric
    preds = {r: as_predictions(p, task) for r, p in preds.items() if r != "dummy"}
    classes = [] if task == "regression" else [str(c) for c in range(preds["candidate"].shape[1])]
    scored = score_holdout(y, preds, [metric.name], idx)
    no_model = rules(metric, task, y if y_train is None else y_train, y, classes, seed)
    reference, over_reference = scored.best_rule("candidate", no_model, idx)
    return EvaluationResult(
        metric=metric.name,
        greater_is_better=metric.greater_is_better,
        test_rows=len(y),
        bootstrap_resamples=len(idx),
        candidate=scored.holdout("candidate", "tuned model"),
        baseline=scored.holdout("baseline", "linear"),
        lift=scored.lift("candidate", "baseline"),
        holdout_scored=1,
        pipelines={"candidate": ["prepare: ColumnTransformer", "model: M"]},
        dummy=reference,
        over_dummy=over_reference,
        resampled=idx.describe(),
        figures=[],
    )


def decision(y, preds: dict, spec: Spec, idx, rows: int | None = None, y_train=None):
    """The recommendation for a holdout scored with the evaluation stage's code."""
    ev = evaluation(y, preds, spec, idx, y_train)
    return decide(run_results(ev, rows, spec.task.kind), spec)


def run_results(ev: EvaluationResult, rows: int | None = None, task: str = "binary"):
    """The results a decision reads, around one evaluation: clean data, no leakage finding."""
    n = ev.test_rows
    return FinishedRun(
        data=DataResult(
            rows=rows or 4 * n, columns=3, data_file="generated", fingerprint="0" * 64,
            target="y", task=task, duplicate_rows=0, violations=[], unmentioned_columns=[],
            profile=[], features=[], figures=[],
        ),
        leakage=LeakageResult(
            split=SplitSummary(strategy="stratified", train_rows=3 * n, test_rows=n, cv_folds=5,
                               test_share=0.25),
            findings=[], checks=[], figures=[],
        ),
        evaluation=ev,
    )  # fmt: skip


def builds(d) -> bool:
    """The rules recommend building a model (with or without conditions)."""
    return d.recommendation in ("build", "build_with_conditions")


def passed(d, criterion: str) -> bool:
    """The criterion whose name begins with `criterion` passed."""
    return any(c.name.startswith(criterion) and c.verdict == "pass" for c in d.criteria)


def decisions_null(count: int, seed: int) -> dict:
    """Models with no signal: their scores are independent of the outcome. Half are judged by
    ROC AUC against a bar of 0.6 or 0.7; half by accuracy at a majority class of 90–98%
    against a bar of 0.85, where a model that always says "no" clears the bar."""
    rng = np.random.default_rng(seed)
    out = {"count": count, "build": 0, "inconclusive": 0, "tuned_claimed": 0}
    out["inconclusive_by_rows"] = {n: [0, 0] for n in (200, 500, 1000, 3000)}
    for i in range(count):
        n = int(rng.choice([200, 500, 1000, 3000]))
        if i % 2 == 0:
            y = (rng.random(n) < rng.uniform(0.05, 0.5)).astype(int)
            spec = spec_for("roc_auc", float(rng.choice([0.6, 0.7])))
            preds = {"candidate": rng.random(n), "baseline": rng.random(n)}
        else:
            y = (rng.random(n) < rng.uniform(0.02, 0.10)).astype(int)
            spec = spec_for("accuracy", 0.85)
            almost_never = np.where(rng.random(n) < 0.01, 0.9, 0.1)  # "yes" on 1% at random
            preds = {"candidate": almost_never, "baseline": np.full(n, 0.1)}
        preds["dummy"] = np.full(n, y.mean())  # the base rate of the training part
        d = decision(y, preds, spec, resamples_for(N_BOOT, seed + i, n=n))
        out["build"] += builds(d)
        out["inconclusive"] += d.recommendation == "inconclusive"
        out["inconclusive_by_rows"][n][0] += d.recommendation == "inconclusive"
        out["inconclusive_by_rows"][n][1] += 1
        out["tuned_claimed"] += passed(d, "Lift over the best")
    return out


def decisions_no_lift(count: int, seed: int) -> dict:
    """A tuned model exactly as good as the baseline (ROC AUC 0.8 both, half their noise
    shared), a bar of 0.7: how often the rules say the tuned model adds the agreed lift."""
    rng = np.random.default_rng(seed)
    out = {"count": count, "tuned_claimed": 0, "build": 0}
    for i in range(count):
        n = int(rng.choice([300, 1000, 3000]))
        y = (rng.random(n) < 0.3).astype(int)
        shared = rng.normal(size=n)
        preds = {
            "candidate": scores_with(rng, y, 0.8, shared, 0.7),
            "baseline": scores_with(rng, y, 0.8, shared, 0.7),
            "dummy": np.full(n, 0.3),
        }
        d = decision(y, preds, spec_for("roc_auc", 0.7), resamples_for(N_BOOT, seed + i, n=n))
        out["build"] += builds(d)
        out["tuned_claimed"] += passed(d, "Lift over the best")
    return out


def clustered_null(count: int, seed: int) -> dict:
    """No signal under a group split with clustered rows (30 customers, their rows sharing
    a customer effect in the outcome and, independently, in the score): how often the
    candidate "beats no model", with the row bootstrap and with the group bootstrap."""
    rng = np.random.default_rng(seed)
    out = {"count": count, "rows_bootstrap": 0, "group_bootstrap": 0}
    for i in range(count):
        groups = rng.integers(0, 30, 1500)
        u, v = rng.normal(size=30), rng.normal(size=30)
        y = (rng.random(1500) < 1 / (1 + np.exp(-(u[groups] * 1.5 - 1)))).astype(int)
        p = 1 / (1 + np.exp(-(v[groups] * 1.5 + rng.normal(size=1500) * 0.3)))
        preds = {"candidate": p, "baseline": p, "dummy": np.full(1500, y.mean())}
        for key, idx in [
            ("rows_bootstrap", resamples_for(N_BOOT, seed + i, n=1500)),
            ("group_bootstrap", resamples_for(N_BOOT, seed + i, groups=groups)),
        ]:
            d = decision(y, preds, spec_for("roc_auc", 0.51), idx)
            out[key] += passed(d, "Better than no model")
    return out


def day_effect_data(rng, days: int = 30, per_day: int = 50):
    """A holdout of `days` × `per_day` rows stamped through each day, with a day effect in the
    outcome and, independently, in the model's scores: no signal."""
    day = np.repeat(np.arange(days), per_day)
    stamps = pd.Timestamp("2025-03-03") + pd.to_timedelta(day, "D")
    stamps += pd.to_timedelta(rng.integers(0, 86_400, len(day)), "s")
    u, v = rng.normal(size=days), rng.normal(size=days)
    y = (rng.random(len(day)) < 1 / (1 + np.exp(-(u[day] * 1.5 - 1)))).astype(int)
    p = 1 / (1 + np.exp(-(v[day] * 1.5 + rng.normal(size=len(day)) * 0.3)))
    return pd.DataFrame({"at": stamps}), y, p


def day_effect_null(count: int, seed: int, n_boot: int = N_BOOT) -> dict:
    """No signal, 1,500 holdout rows of 30 days, a day effect in the outcome and in the scores:
    how often the candidate "beats no model" under a time split — with blocks of n^(1/3) rows in
    time order (the workbench before) and with the data's own time (whole days, in blocks as
    long as the autocorrelation sets)."""
    from workbench.inputs.spec import Split
    from workbench.science.bootstrap_units import Resamples, split_resamples

    rng = np.random.default_rng(seed)
    split = Split(strategy="time", time_column="at")
    out = {"count": count, "row_blocks": 0, "calendar_units": 0, "resampled": ""}
    for i in range(count):
        frame, y, p = day_effect_data(rng)
        rows = np.arange(len(y))
        order = np.argsort(frame["at"].to_numpy(), kind="stable")
        plans = {
            "row_blocks": Resamples(len(y), n_boot, seed + i, order=order),
            "calendar_units": split_resamples(split, frame, rows, n_boot, seed + i, y=y),
        }
        preds = {"candidate": p, "baseline": p}
        for key, idx in plans.items():
            ev = evaluation(y, preds, spec_for("roc_auc", 0.51), idx)
            out[key] += judge(ev.over_dummy, 0.0, True, strict=True) == "pass"
        out["resampled"] = plans["calendar_units"].describe()
    return out


def decisions_power(count: int, seed: int, n: int) -> dict:
    """Real signal: a tuned model at ROC AUC 0.85 over a baseline at 0.78, a bar of 0.70 (how
    often the rules say build) and an agreed lift of 0.01 (how often the lift passes)."""
    rng = np.random.default_rng(seed)
    out = {"count": count, "rows": n, "build": 0, "lift_found": 0}
    for i in range(count):
        y = (rng.random(n) < 0.3).astype(int)
        preds = {
            "candidate": scores_with(rng, y, 0.85),
            "baseline": scores_with(rng, y, 0.78),
            "dummy": np.full(n, 0.3),
        }
        d = decision(y, preds, spec_for("roc_auc", 0.7), resamples_for(N_BOOT, seed + i, n=n))
        out["build"] += builds(d)
        out["lift_found"] += passed(d, "Lift over the best")
    return out


# -- the whole measurement ---------------------------------------------------------------------
def run(quick: bool = False, seed: int = 0) -> dict:
    """Every measurement; `quick` with fewer data sets (never fewer than 200 null ones)."""
    null = 200 if quick else 600
    power = 40 if quick else 200
    start = time.perf_counter()
    out = {
        "quick": quick,
        "seed": seed,
        "fairness_null": fairness_null(null, seed, SIZES[:5] if quick else SIZES),
        "fairness_power": [fairness_power(power, seed + 1, n) for n in (1000, 2000, 5000)],
        "fairness_both": fairness_both(power, seed + 2),
        "fairness_shown_fair": fairness_shown_fair(power // 2, seed + 7),
        "decisions_null": decisions_null(null, seed + 3),
        "decisions_no_lift": decisions_no_lift(power * 2, seed + 4),
        "clustered_null": clustered_null(power * 2, seed + 5),
        "decisions_power": [decisions_power(power, seed + 6, n) for n in (1000, 3000)],
    }
    out["seconds"] = round(time.perf_counter() - start, 1)
    return out


def _rate(k: int, n: int) -> str:
    return f"{k / n:.1%} ({k}/{n})"


def _meets(rate: float, target: float, at_most: bool = True) -> str:
    ok = rate <= target if at_most else rate >= target
    return "yes" if ok else "**no**"


def _fairness_rows(results: dict) -> list[tuple]:
    rows = []
    fn = results["fairness_null"]
    n = fn["count"]
    lo, hi = fn["sizes"]
    rows += [
        ("Fairness", f"fair models, {n} holdouts ({lo:,}–{hi:,} rows, 2–8 groups of unequal "
         "size and base rate, 1–50% positives, 1–3 sensitive columns)",
         "critical: a gap above 0.10", _rate(fn["critical"], n), "≤ 1%",
         _meets(fn["critical"] / n, CRITICAL)),
        ("Fairness", "same", "warning: a gap beyond chance that may exceed 0.10",
         _rate(fn["warning"], n), "≤ 5%", _meets(fn["warning"] / n, WARNING)),
        ("Fairness", "same", "cannot tell: groups too small to show a gap within 0.10",
         _rate(fn["unresolved"], n), "information", "—"),
        ("Fairness", "same", "pass: every gap shown within 0.10", _rate(fn["pass"], n),
         "information", "—"),
    ]  # fmt: skip
    for p in results["fairness_power"]:
        c = p["count"]
        rows.append(
            ("Fairness", f"a real gap of 0.28, {p['rows']:,} rows, 30% positives, 3 groups",
             "gap raised", _rate(p["raised"], c), "≥ 95%",
             _meets(p["raised"] / c, POWER, at_most=False))
        )  # fmt: skip
        rows.append(
            ("Fairness", "same, a second sensitive column without a gap", "raised",
             _rate(p["fair_raised"], c), "≤ 5%", _meets(p["fair_raised"] / c, WARNING))
        )  # fmt: skip
    b = results["fairness_both"]
    rows.append(
        ("Fairness", f"real gaps of 0.28 and 0.35 in two columns, {b['rows']:,} rows",
         "both raised", _rate(b["both"], b["count"]), "≥ 95%",
         _meets(b["both"] / b["count"], POWER, at_most=False))
    )  # fmt: skip
    sf = results["fairness_shown_fair"]
    rows.append(
        ("Fairness", f"fair models, {sf['rows']:,} rows, 2 groups, 30% positives",
         "pass: every gap shown within 0.10", _rate(sf["pass"], sf["count"]), "≥ 95%",
         _meets(sf["pass"] / sf["count"], POWER, at_most=False))
    )  # fmt: skip
    return rows


def _decision_rows(results: dict) -> list[tuple]:
    rows = []
    dn = results["decisions_null"]
    n = dn["count"]
    by_rows = ", ".join(
        f"{int(r):,} rows {_rate(k, m)}" for r, (k, m) in dn["inconclusive_by_rows"].items()
    )
    rows += [
        ("Decision", f"no signal, {n} holdouts (200–3,000 rows; ROC AUC bar 0.6/0.7, or "
         "accuracy 0.85 at a 90–98% majority class)", "build or build with conditions",
         _rate(dn["build"], n), "≤ 1%", _meets(dn["build"] / n, CRITICAL)),
        ("Decision", "same", "lift over the baseline passed (both models noise)",
         _rate(dn["tuned_claimed"], n), "≤ 5%", _meets(dn["tuned_claimed"] / n, WARNING)),
        ("Decision", "same", f"inconclusive (the bar straddled: {by_rows})",
         _rate(dn["inconclusive"], n), "information", "—"),
    ]  # fmt: skip
    nl = results["decisions_no_lift"]
    rows.append(
        ("Decision", f"a tuned model no better than the baseline, {nl['count']} holdouts",
         "lift over the baseline passed", _rate(nl["tuned_claimed"], nl["count"]), "≤ 5%",
         _meets(nl["tuned_claimed"] / nl["count"], WARNING))
    )  # fmt: skip
    cl = results["clustered_null"]
    c = cl["count"]
    rows += [
        ("Decision", f"no signal, 1,500 rows of 30 clustered customers, {c} holdouts; "
         "row bootstrap (the workbench before)", "better than no model passed",
         _rate(cl["rows_bootstrap"], c), "≤ 2.5%", "no: why groups are drawn"),
        ("Decision", "same, group bootstrap (the workbench under a group split)",
         "better than no model passed", _rate(cl["group_bootstrap"], c), "≤ 2.5%",
         _meets(cl["group_bootstrap"] / c, ONE_SIDE)),
    ]  # fmt: skip
    for dp in results["decisions_power"]:
        c = dp["count"]
        rows += [
            ("Decision", f"real signal: ROC AUC 0.85 (baseline 0.78) against a bar of 0.70, "
             f"{dp['rows']:,} rows", "build or build with conditions", _rate(dp["build"], c),
             "≥ 95%", _meets(dp["build"] / c, POWER, at_most=False)),
            ("Decision", f"a real lift of 0.07 (0.85 over 0.78), agreed lift 0.01, "
             f"{dp['rows']:,} rows", "lift over the baseline passed", _rate(dp["lift_found"], c),
             "≥ 95%", _meets(dp["lift_found"] / c, POWER, at_most=False)),
        ]  # fmt: skip
    return rows


def render(results: dict) -> str:
    """The figures as a markdown table: each verdict, the data, what was measured, the target."""
    rows = _fairness_rows(results) + _decision_rows(results)
    lines = [
        "| Verdict | Data | Measured | Rate | Target | Met |",
        "|:--|:--|:--|--:|:--|:--|",
        *[f"| {' | '.join(r)} |" for r in rows],
    ]
    mode = "quick" if results["quick"] else "full"
    lines.append(f"\nSeed {results['seed']}, {mode} run, {results['seconds']:,} s.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer data sets (200 null ones)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(render(run(quick=args.quick, seed=args.seed)))


if __name__ == "__main__":
    main()
