"""The verdict calibration's development families: the generated holdouts the fairness verdict,
the decision rules and the bootstrap's units were built and their thresholds set on (the
permutation null's level, the minimum group, the interval rule, the calendar unit). Their rates
are training scores; `verdict_families_aside.py` holds the families kept aside.

Each family draws `count` holdouts from one seed and returns one record per holdout: its
family, its index, its rows, whether the verdict could run, and 0/1 flags of what the verdict
said (`calibration_verdicts.MEASURES` reads them)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from verdict_scoring import (
    N_BOOT,
    beats_no_model,
    builds,
    chance,
    decision,
    evaluation,
    fairness_verdict,
    passed,
    scores_with,
    spec_for,
)

from workbench.judge.decision.assurance_criteria import raised
from workbench.judge.verdicts.fairness_verdict import ABOVE, GAP, UNRESOLVED
from workbench.science.bootstrap_units import Resamples, resamples_for, split_resamples

SIZES = (300, 600, 1000, 2000, 4000, 10_000, 20_000)


def record(family: str, i: int, rows: int, status: str = "ran", **flags) -> dict:
    return {"family": family, "data_set": i, "rows": rows, "status": status,
            **{k: int(bool(v)) for k, v in flags.items()}}  # fmt: skip


# -- fairness ----------------------------------------------------------------------------------
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


def null_flags(verdict) -> dict:
    """What a fairness verdict on a fair model said, worst first."""
    status = {a.status for a in verdict.attributes}
    return {
        "critical": ABOVE in status,
        "warning": ABOVE not in status and GAP in status,
        "unresolved": not status & {ABOVE, GAP} and UNRESOLVED in status,
        "passed": verdict.verdict == "pass",
    }


def fairness_null(count: int, seed: int, sizes=SIZES) -> list[dict]:
    """Fair models on `count` holdouts of varied shapes (1 to 3 sensitive columns, their
    pairs measured too)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        columns = int(rng.integers(1, 4))
        y, scores, s = fairness_data(rng, gaps=(0.0,) * columns, sizes=sizes)
        verdict = fairness_verdict(y, scores, s, seed + i)[1]
        ran = any(a.status is not None for a in verdict.attributes)
        out.append(record("fairness_null", i, len(y), "ran" if ran else "could_not_run",
                          **null_flags(verdict)))  # fmt: skip
    return out


def fairness_power(count: int, seed: int, n: int, gap: float = 0.28) -> list[dict]:
    """A real gap in one of two sensitive columns (the other fair), a holdout of `n` rows
    with 30% positives: whether the gapped column is raised, and whether the fair one is."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        y, scores, s = fairness_data(rng, gaps=(gap, 0.0), n=n, positives=0.3, k=3)
        verdict = fairness_verdict(y, scores, s, seed + i)[1]
        status = {a.attribute: a.status for a in verdict.attributes}
        out.append(record(f"fairness_power_{n}", i, n, raised=status["s0"] in (ABOVE, GAP),
                          above=status["s0"] == ABOVE, fair_raised=status["s1"] in (ABOVE, GAP)))  # fmt: skip
    return out


def fairness_shown_fair(count: int, seed: int, n: int = 20_000) -> list[dict]:
    """Fair models on large holdouts (two groups, 30% positives): whether the verdict shows
    every gap within 0.10 (a pass needs a few hundred positives in every group)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        y, scores, s = fairness_data(rng, n=n, positives=0.3, k=2)
        verdict = fairness_verdict(y, scores, s, seed + i)[1]
        out.append(record("fairness_shown_fair", i, n, passed=verdict.verdict == "pass"))
    return out


def fairness_both(count: int, seed: int, n: int = 4000) -> list[dict]:
    """Two real gaps (0.28 and 0.35) in two columns: whether both are raised."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        y, scores, s = fairness_data(rng, gaps=(0.28, 0.35), n=n, positives=0.3, k=3)
        result, verdict = fairness_verdict(y, scores, s, seed + i)
        both = {"s0", "s1"} <= {d.attribute for d in raised(result, verdict)}
        out.append(record("fairness_both", i, n, both=both))
    return out


def small_group_never_served(count: int, seed: int) -> list[dict]:
    """The issue's probe: two groups of 10,000 rows served alike and a third, C, of 1,000
    rows with 5 to 19 positives the model never flags. C used to drop out of the gap and the
    verdict pass; whether it still passes."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        sizes = {"A": 10_000, "B": 10_000, "C": 1_000}
        group = np.repeat(list(sizes), list(sizes.values()))
        y = (rng.random(len(group)) < 0.3).astype(int)
        c = np.flatnonzero(group == "C")
        y[c] = 0
        y[c[: int(rng.integers(5, 20))]] = 1
        flag = np.where(y == 1, rng.random(len(y)) < 0.8, rng.random(len(y)) < 0.1)
        flag[(group == "C") & (y == 1)] = False
        scores = np.where(flag, 0.9, 0.1)
        verdict = fairness_verdict(y, scores, pd.DataFrame({"group": group}), seed + i)[1]
        out.append(record("small_group_never_served", i, len(y), passed=verdict.verdict == "pass",
                          listed=any(g.group == "C" for g in verdict.small_groups)))  # fmt: skip
    return out


# -- decision rules ----------------------------------------------------------------------------
def decisions_null(count: int, seed: int) -> list[dict]:
    """Models with no signal: their scores are independent of the outcome. Half are judged by
    ROC AUC against a bar of 0.6 or 0.7; half by accuracy at a majority class of 90–98%
    against a bar of 0.85, where a model that always says "no" clears the bar."""
    rng = np.random.default_rng(seed)
    out = []
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
        d = decision(y, preds, spec, resamples_for(N_BOOT, seed + i, n=n))
        out.append(record("decisions_null", i, n, build=builds(d),
                          tuned_claimed=passed(d, "Lift over the best"),
                          inconclusive=d.recommendation == "inconclusive",
                          chance_passed=chance(d) == "pass"))  # fmt: skip
    return out


def always_yes(count: int, seed: int) -> list[dict]:
    """The issue's probe: F1 against a bar of 0.30, 30% positives, a model that says "yes" to
    everyone or scores at random; the prior's F1 is 0, and every such model was built."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.choice([500, 1000, 3000]))
        y = (rng.random(n) < 0.3).astype(int)
        model = np.full(n, 0.9) if i % 2 == 0 else rng.random(n)
        d = decision(y, {"candidate": model, "baseline": model}, spec_for("f1", 0.3),
                     resamples_for(N_BOOT, seed + i, n=n))  # fmt: skip
        out.append(record("always_yes", i, n, build=builds(d), chance_passed=chance(d) == "pass"))
    return out


def decisions_no_lift(count: int, seed: int) -> list[dict]:
    """A tuned model exactly as good as the baseline (ROC AUC 0.8 both, half their noise
    shared), a bar of 0.7: whether the rules say the tuned model adds the agreed lift."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.choice([300, 1000, 3000]))
        y = (rng.random(n) < 0.3).astype(int)
        shared = rng.normal(size=n)
        preds = {
            "candidate": scores_with(rng, y, 0.8, shared, 0.7),
            "baseline": scores_with(rng, y, 0.8, shared, 0.7),
        }
        d = decision(y, preds, spec_for("roc_auc", 0.7), resamples_for(N_BOOT, seed + i, n=n))
        out.append(record("decisions_no_lift", i, n, build=builds(d),
                          tuned_claimed=passed(d, "Lift over the best")))  # fmt: skip
    return out


def clustered_null(count: int, seed: int) -> list[dict]:
    """No signal under a group split with clustered rows (30 customers, their rows sharing
    a customer effect in the outcome and, independently, in the score): whether the
    candidate "beats no model", with the row bootstrap and with the group bootstrap."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        groups = rng.integers(0, 30, 1500)
        u, v = rng.normal(size=30), rng.normal(size=30)
        y = (rng.random(1500) < 1 / (1 + np.exp(-(u[groups] * 1.5 - 1)))).astype(int)
        p = 1 / (1 + np.exp(-(v[groups] * 1.5 + rng.normal(size=1500) * 0.3)))
        preds, spec = {"candidate": p, "baseline": p}, spec_for("roc_auc", 0.51)
        flags = {
            key: beats_no_model(evaluation(y, preds, spec, idx))
            for key, idx in [
                ("rows_bootstrap", resamples_for(N_BOOT, seed + i, n=1500)),
                ("group_bootstrap", resamples_for(N_BOOT, seed + i, groups=groups)),
            ]
        }
        out.append(record("clustered_null", i, 1500, **flags))
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


def day_effect_null(count: int, seed: int, n_boot: int = N_BOOT) -> list[dict]:
    """The issue's probe: no signal, 1,500 holdout rows of 30 days, a day effect in the outcome
    and in the scores: whether the candidate "beats no model" under a time split — with blocks
    of n^(1/3) rows in time order (the workbench before) and with the data's own time (whole
    days, in blocks as long as the autocorrelation sets)."""
    from workbench.inputs.spec import Split

    rng = np.random.default_rng(seed)
    split, out = Split(strategy="time", time_column="at"), []
    for i in range(count):
        frame, y, p = day_effect_data(rng)
        order = np.argsort(frame["at"].to_numpy(), kind="stable")
        plans = {
            "row_blocks": Resamples(len(y), n_boot, seed + i, order=order),
            "calendar_units": split_resamples(split, frame, np.arange(len(y)), n_boot, seed + i,
                                              y=y, score=p),
        }  # fmt: skip
        preds, spec = {"candidate": p, "baseline": p}, spec_for("roc_auc", 0.51)
        flags = {k: beats_no_model(evaluation(y, preds, spec, idx)) for k, idx in plans.items()}
        out.append(record("day_effect_null", i, len(y), **flags))
    return out


def decisions_power(count: int, seed: int, n: int) -> list[dict]:
    """Real signal: a tuned model at ROC AUC 0.85 over a baseline at 0.78, a bar of 0.70
    (whether the rules say build) and an agreed lift of 0.01 (whether the lift passes)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        y = (rng.random(n) < 0.3).astype(int)
        preds = {"candidate": scores_with(rng, y, 0.85), "baseline": scores_with(rng, y, 0.78)}
        d = decision(y, preds, spec_for("roc_auc", 0.7), resamples_for(N_BOOT, seed + i, n=n))
        out.append(record(f"decisions_power_{n}", i, n, build=builds(d),
                          lift_found=passed(d, "Lift over the best")))  # fmt: skip
    return out
