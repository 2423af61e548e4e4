"""The holdout evaluation's figures: scores with intervals, ROC and precision-recall curves,
calibration, the confusion matrix, the learning curve, residuals."""

from __future__ import annotations

import numpy as np

from workbench.language import _
from workbench.science import figures, side_process
from workbench.store.results import EvaluationResult, Figure
from workbench.store.run_directory import Run
from workbench.wording import count, number, pct


def evaluation_figures(
    result: EvaluationResult, y, preds, task, metric, run: Run, classes: list[str] | None = None
) -> list[Figure]:
    jobs: list = [(_scores, (result, metric, run))]
    if task == "binary":
        jobs += [(_roc_pr, (result, y, preds, run)), (_calibration, (result, run))]
    if task == "regression":
        jobs.append((_residuals, (y, preds["candidate"], run)))
    if result.confusion is not None:
        jobs.append((_confusion, (result, run, classes or [])))
    if result.learning_curve is not None:
        jobs.append((_learning, (result, metric, run)))
    return side_process.calls(jobs)  # drawn by both processes at once


def _scores(result: EvaluationResult, metric, run: Run) -> Figure:
    fig, ax = figures.new(6.5, 1.9)
    rows = [result.candidate, result.baseline]
    for i, r in enumerate(rows):
        color = figures.ACCENT if r.role == "candidate" else figures.MUTED
        err = [[r.primary.value - r.primary.ci_low], [r.primary.ci_high - r.primary.value]]
        ax.errorbar(r.primary.value, i, xerr=err, fmt="o", color=color, capsize=4, markersize=7)
    roles = {"candidate": _("candidate"), "baseline": _("baseline")}
    ax.set_yticks([0, 1], labels=[f"{r.name}\n({roles.get(r.role, r.role)})" for r in rows])
    ax.set_ylim(-0.6, 1.6)
    ax.invert_yaxis()
    ax.set_xlabel(_("{metric} on the holdout (95% bootstrap interval)").format(metric=metric.title))
    ax.set_title(_("Holdout score: candidate vs best baseline"), loc="left")
    return Figure(
        path=run.save_figure(fig, "holdout_scores"),
        caption=_("Scores on the test part, which no model saw during training or tuning."),
    )


def _roc_pr(result: EvaluationResult, y, preds, run: Run) -> Figure:
    from sklearn.metrics import precision_recall_curve, roc_curve

    fig, (left, right) = figures.pair()
    for role, color in [("candidate", figures.ACCENT), ("baseline", figures.MUTED)]:
        name = result.candidate.name if role == "candidate" else result.baseline.name
        fpr, tpr, _cut = roc_curve(y, preds[role][:, 1])
        left.plot(fpr, tpr, color=color, label=name)
        precision, recall, _cut = precision_recall_curve(y, preds[role][:, 1])
        right.plot(recall, precision, color=color, label=name)
    left.plot([0, 1], [0, 1], ls=":", color="black", lw=0.8, label=_("chance"))
    right.axhline(float(np.mean(y)), ls=":", color="black", lw=0.8, label=_("base rate"))
    left.set(xlabel=_("false positive rate"), ylabel=_("true positive rate"))
    right.set(
        xlabel=_("recall (share of positives caught)"),
        ylabel=_("precision (share of flags right)"),
    )
    left.set_title(_("ROC curve"), loc="left")
    right.set_title(_("Precision-recall curve"), loc="left")
    left.legend(frameon=False, loc="lower right", fontsize=8)
    return Figure(
        path=run.save_figure(fig, "holdout_roc_pr"),
        caption=_(
            "Left: positives caught against false alarms (top-left is best). Right: of the "
            "cases flagged, how many are right, for each share of positives caught."
        ),
    )


def _calibration(result: EvaluationResult, run: Run) -> Figure:
    fig, ax = figures.new(4.6, 4.0)
    pts = np.array(result.calibration or [[0, 0, 0]])
    ax.plot([0, 1], [0, 1], ls=":", color="black", lw=0.8, label=_("perfectly calibrated"))
    ax.plot(pts[:, 0], pts[:, 1], marker="o", color=figures.ACCENT, label=result.candidate.name)
    ax.set(xlabel=_("predicted probability"), ylabel=_("observed rate"))
    ax.set_title(_("Calibration on the holdout"), loc="left")
    ax.legend(frameon=False, loc="upper left")
    brier = result.candidate.secondary.get("brier")
    caption = _(
        "When the model says 30%, does it happen about 30% of the time? Points on the dotted "
        "line mean yes (ten equal-size groups of holdout rows)."
    )
    if brier:
        caption += " " + _("Brier score {score} (lower is better).").format(
            score=number(brier.value)
        )
    return Figure(path=run.save_figure(fig, "holdout_calibration"), caption=caption)


def _confusion(result: EvaluationResult, run: Run, classes: list[str]) -> Figure:
    cm = np.array(result.confusion, dtype=float)
    share = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    fig, ax = figures.new(4.8, 4.2)
    ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    for (i, j), v in np.ndenumerate(cm):
        ax.text(
            j,
            i,
            f"{count(v)}\n({pct(share[i, j], 0)})",
            ha="center",
            va="center",
            color="white" if share[i, j] > 0.5 else "black",
            fontsize=9,
        )
    ax.set(xlabel=_("predicted class"), ylabel=_("actual class"))
    if len(classes) == len(cm):
        ax.set_xticks(range(len(cm)), labels=classes)
        ax.set_yticks(range(len(cm)), labels=classes)
    title = (
        _("Confusion matrix at threshold {threshold}").format(threshold=number(result.threshold, 2))
        if result.threshold is not None
        else _("Confusion matrix")
    )
    ax.set_title(title, loc="left")
    return Figure(
        path=run.save_figure(fig, "holdout_confusion"),
        caption=_(
            "Rows are the actual classes, columns what the model predicts; the diagonal is what "
            "it gets right."
        ),
    )


def _learning(result: EvaluationResult, metric, run: Run) -> Figure:
    lc = result.learning_curve
    fig, ax = figures.new(6.0, 3.0)
    ax.errorbar(
        lc.train_sizes, lc.scores, yerr=lc.stds, marker="o", color=figures.ACCENT, capsize=3
    )
    ax.set(xlabel=_("training rows"), ylabel=metric.title)
    verdicts = {
        "more data is still helping": _("Learning curve: more data is still helping"),
        "plateau": _("Learning curve: plateau"),
        "not measured at full size": _("Learning curve: not measured at full size"),
    }
    ax.set_title(verdicts.get(lc.verdict, lc.verdict), loc="left")
    return Figure(
        path=run.save_figure(fig, "learning_curve"),
        caption=_(
            "Cross-validated score of the tuned configuration when it learns from more and more "
            "of the training part."
        ),
    )


def _residuals(y, pred, run: Run) -> Figure:
    fig, (left, right) = figures.pair()
    left.scatter(y, pred, s=8, alpha=0.5, color=figures.ACCENT)
    lo, hi = float(np.min(y)), float(np.max(y))
    left.plot([lo, hi], [lo, hi], ls=":", color="black", lw=0.8)
    left.set(xlabel=_("actual"), ylabel=_("predicted"))
    left.set_title(_("Predicted vs actual"), loc="left")
    right.scatter(pred, y - pred, s=8, alpha=0.5, color=figures.ACCENT)
    right.axhline(0, ls=":", color="black", lw=0.8)
    right.set(xlabel=_("predicted"), ylabel=_("actual − predicted"))
    right.set_title(_("Residuals"), loc="left")
    return Figure(
        path=run.save_figure(fig, "holdout_residuals"),
        caption=_(
            "Left: on the dotted line the prediction is exact. Right: errors should scatter "
            "evenly around zero, with no pattern."
        ),
    )
