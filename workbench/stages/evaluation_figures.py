"""The holdout evaluation's figures: scores with intervals, ROC and precision-recall curves,
calibration, the confusion matrix, the learning curve, residuals."""

from __future__ import annotations

import numpy as np

from workbench.science import figures, side_process
from workbench.store.results import EvaluationResult, Figure
from workbench.store.run_directory import Run


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
    ax.set_yticks([0, 1], labels=[f"{r.name}\n({r.role})" for r in rows])
    ax.set_ylim(-0.6, 1.6)
    ax.invert_yaxis()
    ax.set_xlabel(f"{metric.label} on the holdout (95% bootstrap interval)")
    ax.set_title("Holdout score: candidate vs best baseline", loc="left")
    return Figure(
        path=run.save_figure(fig, "holdout_scores"),
        caption="Scores on the test part, which no model saw during training or tuning.",
    )


def _roc_pr(result: EvaluationResult, y, preds, run: Run) -> Figure:
    from sklearn.metrics import precision_recall_curve, roc_curve

    fig, (left, right) = figures.plt.subplots(1, 2, figsize=(7.8, 3.6), layout="constrained")
    for role, color in [("candidate", figures.ACCENT), ("baseline", figures.MUTED)]:
        name = result.candidate.name if role == "candidate" else result.baseline.name
        fpr, tpr, _ = roc_curve(y, preds[role][:, 1])
        left.plot(fpr, tpr, color=color, label=name)
        precision, recall, _ = precision_recall_curve(y, preds[role][:, 1])
        right.plot(recall, precision, color=color, label=name)
    left.plot([0, 1], [0, 1], ls=":", color="black", lw=0.8, label="chance")
    right.axhline(float(np.mean(y)), ls=":", color="black", lw=0.8, label="base rate")
    left.set(xlabel="false positive rate", ylabel="true positive rate")
    right.set(
        xlabel="recall (share of positives caught)", ylabel="precision (share of flags right)"
    )
    left.set_title("ROC curve", loc="left")
    right.set_title("Precision-recall curve", loc="left")
    left.legend(frameon=False, loc="lower right", fontsize=8)
    return Figure(
        path=run.save_figure(fig, "holdout_roc_pr"),
        caption="Left: positives caught against false alarms (top-left is best). Right: "
        "of the cases flagged, how many are right, for each share of positives caught.",
    )


def _calibration(result: EvaluationResult, run: Run) -> Figure:
    fig, ax = figures.new(4.6, 4.0)
    pts = np.array(result.calibration or [[0, 0, 0]])
    ax.plot([0, 1], [0, 1], ls=":", color="black", lw=0.8, label="perfectly calibrated")
    ax.plot(pts[:, 0], pts[:, 1], marker="o", color=figures.ACCENT, label=result.candidate.name)
    ax.set(xlabel="predicted probability", ylabel="observed rate")
    ax.set_title("Calibration on the holdout", loc="left")
    ax.legend(frameon=False, loc="upper left")
    brier = result.candidate.secondary.get("brier")
    extra = f" Brier score {brier.value:.3f} (lower is better)." if brier else ""
    return Figure(
        path=run.save_figure(fig, "holdout_calibration"),
        caption="When the model says 30%, does it happen about 30% of the time? Points on "
        "the dotted line mean yes (ten equal-size groups of holdout rows)." + extra,
    )


def _confusion(result: EvaluationResult, run: Run, classes: list[str]) -> Figure:
    cm = np.array(result.confusion, dtype=float)
    share = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    fig, ax = figures.new(4.8, 4.2)
    ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    for (i, j), v in np.ndenumerate(cm):
        ax.text(
            j,
            i,
            f"{int(v):,}\n({share[i, j]:.0%})",
            ha="center",
            va="center",
            color="white" if share[i, j] > 0.5 else "black",
            fontsize=9,
        )
    ax.set(xlabel="predicted class", ylabel="actual class")
    if len(classes) == len(cm):
        ax.set_xticks(range(len(cm)), labels=classes)
        ax.set_yticks(range(len(cm)), labels=classes)
    cut = f" at threshold {result.threshold:.2f}" if result.threshold is not None else ""
    ax.set_title(f"Confusion matrix{cut}", loc="left")
    return Figure(
        path=run.save_figure(fig, "holdout_confusion"),
        caption="Rows are the actual classes, columns what the model predicts; the "
        "diagonal is what it gets right.",
    )


def _learning(result: EvaluationResult, metric, run: Run) -> Figure:
    lc = result.learning_curve
    fig, ax = figures.new(6.0, 3.0)
    ax.errorbar(
        lc.train_sizes, lc.scores, yerr=lc.stds, marker="o", color=figures.ACCENT, capsize=3
    )
    ax.set(xlabel="training rows", ylabel=metric.label)
    ax.set_title(f"Learning curve: {lc.verdict}", loc="left")
    return Figure(
        path=run.save_figure(fig, "learning_curve"),
        caption="Cross-validated score of the tuned configuration when it learns from more "
        "and more of the training part.",
    )


def _residuals(y, pred, run: Run) -> Figure:
    fig, (left, right) = figures.plt.subplots(1, 2, figsize=(7.8, 3.6), layout="constrained")
    left.scatter(y, pred, s=8, alpha=0.5, color=figures.ACCENT)
    lo, hi = float(np.min(y)), float(np.max(y))
    left.plot([lo, hi], [lo, hi], ls=":", color="black", lw=0.8)
    left.set(xlabel="actual", ylabel="predicted")
    left.set_title("Predicted vs actual", loc="left")
    right.scatter(pred, y - pred, s=8, alpha=0.5, color=figures.ACCENT)
    right.axhline(0, ls=":", color="black", lw=0.8)
    right.set(xlabel="predicted", ylabel="actual − predicted")
    right.set_title("Residuals", loc="left")
    return Figure(
        path=run.save_figure(fig, "holdout_residuals"),
        caption="Left: on the dotted line the prediction is exact. Right: errors should "
        "scatter evenly around zero, with no pattern.",
    )
