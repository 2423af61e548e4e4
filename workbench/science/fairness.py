"""Fairness of a model's holdout predictions across the groups of each sensitive column (and
pairs of them), with fairlearn: per-group rates and counts (`fairness_groups`), disparity
measures, and each column's equalized-odds gap with its interval against a permutation null
(`fairness_gaps`). These are measurements: the verdict against the bound — the spec's, or a
default when none was agreed — is the judge's (`workbench.judge.verdicts`).

Sensitive columns are never model inputs: they are read from the snapshot for the same rows.
Nothing here changes the model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, mean_absolute_error

from workbench.science import fairness_gaps as gaps
from workbench.science.fairness_groups import (
    MIN_CASES,
    MIN_CELL,
    MIN_ROWS,
    as_interval,
    attributes,
    by_group,
    decision_rates,
    group_table,
    judged_rows,
)
from workbench.store.assurance_results import Disparity, FairnessResult, GroupMetrics

THRESHOLD = 0.5
THRESHOLD_NOTE = (
    "A row is flagged when the model's probability for the positive class is at least 0.5: "
    "the study has not chosen an operating threshold, so the default is used."
)
CHOSEN_NOTE = "A row is flagged with the evaluation stage's operating threshold: {reason}."


def widest_gap(tpr: pd.Series, fpr: pd.Series) -> tuple[str, str]:
    """The disadvantaged group of the wider of the TPR and FPR gaps, and the gap in words."""
    if tpr.max() - tpr.min() >= fpr.max() - fpr.min():
        lo, hi = tpr.idxmin(), tpr.idxmax()
        return str(lo), (
            f"the model catches {tpr[lo]:.0%} of actual positives in '{lo}' against "
            f"{tpr[hi]:.0%} in '{hi}' (true positive rate gap {tpr[hi] - tpr[lo]:.3f})"
        )
    hi, lo = fpr.idxmax(), fpr.idxmin()
    return str(hi), (
        f"the model wrongly flags {fpr[hi]:.0%} of actual negatives in '{hi}' against "
        f"{fpr[lo]:.0%} in '{lo}' (false positive rate gap {fpr[hi] - fpr[lo]:.3f})"
    )


def disparity(labels: pd.Series, y, p, task: str, threshold: float, seed: int, tests: int,
              rates: pd.DataFrame | None = None) -> Disparity:  # fmt: skip
    """fairlearn's disparity measures on the groups large enough to judge and, for yes/no
    outcomes, the equalized-odds gap with its interval against a permutation null (`tests`
    columns are measured in this run; `rates` fairlearn's per-group rates)."""
    keep = judged_rows(labels, y, task)
    name, groups = str(labels.name), int(labels.nunique())
    lab, yk, pk = labels[keep].reset_index(drop=True), np.asarray(y)[keep], np.asarray(p)[keep]
    if lab.nunique() < 2:
        return Disparity(
            attribute=name, demographic_parity_difference=None, demographic_parity_ratio=None,
            equalized_odds_difference=None, equalized_odds_ratio=None, worst_group=None,
            gap="fewer than two groups large enough to judge: nothing to compare",
            groups_judged=int(lab.nunique()), groups=groups,
        )  # fmt: skip
    if task != "binary":
        return _error_gap(name, lab, yk, pk, task, groups)
    yhat = (pk >= threshold).astype(int)
    if rates is None:
        rates = decision_rates(labels, y, (np.asarray(p) >= threshold).astype(int))
    # fairlearn's differences and ratios between groups (method "between_groups"), worst case
    # of the two rates for equalized odds, over the groups large enough to judge
    judged = rates.loc[sorted(lab.unique())]
    spread, ratio = judged.max() - judged.min(), judged.min() / judged.max()
    eod = float(max(spread["tpr"], spread["fpr"]))
    codes = pd.factorize(lab, sort=True)[0]
    null = gaps.permutation_null(yk, yhat, codes, seed)
    low, high, chance, pval = gaps.gap_interval(eod, null, tests)
    worst, gap = widest_gap(judged["tpr"], judged["fpr"])
    return Disparity(
        attribute=name,
        demographic_parity_difference=round6(spread["selection_rate"]),
        demographic_parity_ratio=round6(ratio["selection_rate"]),
        equalized_odds_difference=as_interval(eod, low, high),
        equalized_odds_ratio=round6(min(ratio["tpr"], ratio["fpr"])),
        worst_group=worst,
        gap=gap,
        chance_gap=round6(chance),
        p_value=round6(pval),
        groups_judged=int(lab.nunique()),
        groups=groups,
    )


def _error_gap(name: str, labels: pd.Series, y, p, task: str, groups: int) -> Disparity:
    """Regression and multiclass: the gap in error (MAE) or accuracy between groups."""
    fn = mean_absolute_error if task == "regression" else accuracy_score
    by = by_group(fn, y, p, labels)
    worst = by.idxmax() if task == "regression" else by.idxmin()
    best = by.idxmin() if task == "regression" else by.idxmax()
    what = "mean absolute error" if task == "regression" else "accuracy"
    return Disparity(
        attribute=name, demographic_parity_difference=None, demographic_parity_ratio=None,
        equalized_odds_difference=None, equalized_odds_ratio=None, worst_group=str(worst),
        gap=f"{what} {by[worst]:.3f} in '{worst}' against {by[best]:.3f} in '{best}'",
        groups_judged=int(labels.nunique()), groups=groups,
    )  # fmt: skip


def round6(v) -> float | None:
    return round(float(v), 6) if v is not None and np.isfinite(v) else None


def assess(
    sensitive: tuple[pd.DataFrame, pd.DataFrame],
    test: tuple[np.ndarray, np.ndarray],
    task: str,
    *,
    seed: int,
    threshold: float | None = None,
    threshold_reason: str | None = None,
) -> FairnessResult:
    """`sensitive`: the sensitive columns for the holdout rows and for the training rows;
    `test`: holdout encoded labels and predictions (class probabilities or values);
    `threshold`: the operating threshold the study chose, if any (else 0.5, and the result
    says so). The result's `mitigation` is left empty: `mitigation.tradeoffs` fills it."""
    s_test, s_train = sensitive
    y_test, pred = test
    if s_test.shape[1] == 0:
        return not_assessed(task, len(y_test))
    y_test = np.asarray(y_test)
    p = positive_scores(pred, task)
    attrs = attributes(s_test, s_train, list(s_test.columns))
    cut = THRESHOLD if threshold is None else threshold
    tests = sum(_comparable(lab, y_test, task) for lab, _ in attrs.values())
    groups, disparities = [], []
    for i, (lab_test, _) in enumerate(attrs.values()):
        rates = (
            decision_rates(lab_test, y_test, (p >= cut).astype(int)) if task == "binary" else None
        )
        groups += group_table(lab_test, y_test, p, task, cut, seed, rates)
        disparities.append(disparity(lab_test, y_test, p, task, cut, seed + i, tests, rates))
    return FairnessResult(
        task=task,
        attributes=list(attrs),
        test_rows=len(y_test),
        threshold=cut if task == "binary" else None,
        threshold_note=_threshold_note(threshold, threshold_reason) if task == "binary" else "",
        permutations=gaps.N_PERMUTATIONS if task == "binary" else 0,
        groups=groups,
        disparities=disparities,
        mitigation=[],
        notes=_notes(groups, task),
        worst=_worst(disparities),
    )


def beyond_chance(d: Disparity) -> bool:
    """The column's gap is wider than chance gives with its groups: its interval lies above
    zero (the stage then measures what the group-threshold remedy would change)."""
    eo = d.equalized_odds_difference
    return eo is not None and d.chance_gap is not None and eo.ci_low > 0


def _threshold_note(threshold: float | None, reason: str | None) -> str:
    if threshold is None:
        return THRESHOLD_NOTE
    reason = reason or f"at least {threshold:.3g} on the positive-class probability"
    return CHOSEN_NOTE.format(reason=reason)


def _comparable(labels: pd.Series, y, task: str) -> bool:
    """At least two groups are large enough to judge: a gap can be tested."""
    return labels[judged_rows(labels, y, task)].nunique() >= 2


def positive_scores(pred: np.ndarray, task: str) -> np.ndarray:
    """What the group rates read: the positive class's probability (binary), the predicted
    class (multiclass) or the value (regression)."""
    if task == "binary":
        return pred[:, 1]
    return pred.argmax(axis=1) if task == "multiclass" else pred


def _worst(disparities: list[Disparity]) -> Disparity | None:
    judged = [d for d in disparities if d.equalized_odds_difference is not None]
    return max(judged, key=lambda d: d.equalized_odds_difference.value) if judged else None


def _notes(groups: list[GroupMetrics], task: str) -> list[str]:
    notes = []
    small = [g for g in groups if g.too_small]
    if small:
        shown = ", ".join(f"'{g.group}' ({g.attribute}, {g.rows} rows)" for g in small[:8])
        more = f" and {len(small) - 8} more" if len(small) > 8 else ""
        need = (
            f"fewer than {MIN_CASES} actual positives or {MIN_CASES} negatives"
            if task == "binary"
            else f"fewer than {MIN_ROWS} holdout rows"
        )
        notes.append(f"Too small to judge ({need}): {shown}{more}.")
        notes.append(f"Rates computed from fewer than {MIN_CELL} cases are not shown.")
    return notes


def not_assessed(task: str, rows: int) -> FairnessResult:
    """The result when the contract marks no column as sensitive."""
    return FairnessResult(
        task=task,
        attributes=[],
        test_rows=rows,
        threshold=None,
        threshold_note="",
        groups=[],
        disparities=[],
        mitigation=[],
        notes=[
            "The data contract marks no column as sensitive, so fairness was not assessed: "
            "mark protected attributes (age, sex, ...) with `sensitive: true`."
        ],
    )
