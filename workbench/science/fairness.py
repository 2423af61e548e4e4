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

from workbench.language import N_, _
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
from workbench.wording import count, names, number, pct, plain

THRESHOLD = 0.5
THRESHOLD_NOTE = N_(
    "A row is flagged when the model's probability for the positive class is at least 0.5: "
    "the study has not chosen an operating threshold, so the default is used."
)
CHOSEN_NOTE = N_("A row is flagged with the evaluation stage's operating threshold: {reason}.")


def widest_gap(tpr: pd.Series, fpr: pd.Series) -> tuple[str, str]:
    """The disadvantaged group of the wider of the TPR and FPR gaps, and the gap in words."""
    if tpr.max() - tpr.min() >= fpr.max() - fpr.min():
        lo, hi = tpr.idxmin(), tpr.idxmax()
        return str(lo), _(
            "the model catches {low_rate} of actual positives in '{low}' against {high_rate} "
            "in '{high}' (true positive rate gap {gap})"
        ).format(
            low_rate=pct(tpr[lo], 0),
            low=lo,
            high_rate=pct(tpr[hi], 0),
            high=hi,
            gap=number(tpr[hi] - tpr[lo]),
        )
    hi, lo = fpr.idxmax(), fpr.idxmin()
    return str(hi), _(
        "the model wrongly flags {high_rate} of actual negatives in '{high}' against "
        "{low_rate} in '{low}' (false positive rate gap {gap})"
    ).format(
        high_rate=pct(fpr[hi], 0),
        high=hi,
        low_rate=pct(fpr[lo], 0),
        low=lo,
        gap=number(fpr[hi] - fpr[lo]),
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
            gap=_("fewer than two groups large enough to judge: nothing to compare"),
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
    gap = (
        _("mean absolute error {worst_value} in '{worst}' against {best_value} in '{best}'")
        if task == "regression"
        else _("accuracy {worst_value} in '{worst}' against {best_value} in '{best}'")
    ).format(worst_value=number(by[worst]), worst=worst, best_value=number(by[best]), best=best)
    return Disparity(
        attribute=name, demographic_parity_difference=None, demographic_parity_ratio=None,
        equalized_odds_difference=None, equalized_odds_ratio=None, worst_group=str(worst),
        gap=gap,
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
    tests = sum(_comparable(lab, y_test, task) for lab, _rows in attrs.values())
    groups, disparities = [], []
    for i, (lab_test, _rows) in enumerate(attrs.values()):
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
        return _(THRESHOLD_NOTE)
    reason = reason or _("at least {threshold} on the positive-class probability").format(
        threshold=plain(float(f"{threshold:.3g}"))
    )
    return _(CHOSEN_NOTE).format(reason=reason)


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
        shown = names(
            [
                _("'{group}' ({column}, {rows} rows)").format(
                    group=g.group, column=g.attribute, rows=count(g.rows)
                )
                for g in small
            ],
            8,
        )
        notes.append(
            (
                _(
                    "Too small to judge (fewer than {n} actual positives or {n} negatives): "
                    "{groups}."
                )
                if task == "binary"
                else _("Too small to judge (fewer than {n} holdout rows): {groups}.")
            ).format(n=MIN_CASES if task == "binary" else MIN_ROWS, groups=shown)
        )
        notes.append(
            _("Rates computed from fewer than {n} cases are not shown.").format(n=MIN_CELL)
        )
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
            _(
                "The data contract marks no column as sensitive, so fairness was not assessed: "
                "mark protected attributes (age, sex, ...) with `sensitive: true`."
            )
        ],
    )
