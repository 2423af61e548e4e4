"""Stage 5, holdout evaluation: the test part scored once, for the tuned model and the best
baseline, with bootstrap intervals and a paired bootstrap for the lift."""

from __future__ import annotations

import numpy as np
import pandas as pd

from baselines import build
from workbench import figures
from workbench.context import Context
from workbench.evaluation import _full_proba, predict
from workbench.metrics import METRICS, bootstrap_indices, bootstrap_scores, interval, score
from workbench.modelfile import save_model
from workbench.modeling import prepare
from workbench.results import (
    BaselinesResult,
    EvaluationResult,
    Figure,
    HoldoutScore,
    Interval,
    TuningResult,
)
from workbench.run import Run, atomic_write
from workbench.tuning import build_model

N_BOOT = 1000


def run_evaluation(ctx: Context, run: Run) -> EvaluationResult:
    spec = ctx.spec
    task = spec.task.kind
    prep = prepare(ctx, run)
    tuning = run.load_result("tuning", TuningResult)
    baselines = run.load_result("baselines", BaselinesResult)
    train, test = prep.train, prep.test
    models = {
        "candidate": build_model(tuning.family, tuning.params, prep, task, spec.seed),
        "baseline": build(baselines.best, prep.columns, task, spec.seed),
    }
    preds = {}
    for role, model in models.items():
        model.fit(prep.X.iloc[train], prep.y[train])
        save_model(model, run.dir / "models" / f"{role}.skops")
        p = predict(model, prep.X.iloc[test], task)
        preds[role] = _full_proba(model, p, len(prep.classes)) if task != "regression" else p
    scored = _record_holdout_scored(run)
    _save_predictions(run, prep, test, preds)

    y = prep.y[test]
    idx = bootstrap_indices(len(y), N_BOOT, spec.seed)
    names = [spec.metrics.primary, *spec.metrics.secondary]
    boots = {
        role: {m: bootstrap_scores(METRICS[m], y, p, idx) for m in names}
        for role, p in preds.items()
    }

    def holdout(role: str, name: str) -> HoldoutScore:
        ivs = {m: _interval(score(METRICS[m], y, preds[role]), boots[role][m]) for m in names}
        return HoldoutScore(
            name=name, role=role, primary=ivs[names[0]], secondary={m: ivs[m] for m in names[1:]}
        )

    metric = spec.primary_metric
    sign = 1.0 if metric.greater_is_better else -1.0
    diff = sign * (boots["candidate"][metric.name] - boots["baseline"][metric.name])
    observed = sign * (score(metric, y, preds["candidate"]) - score(metric, y, preds["baseline"]))
    result = EvaluationResult(
        metric=metric.name,
        greater_is_better=metric.greater_is_better,
        test_rows=len(y),
        bootstrap_resamples=N_BOOT,
        candidate=holdout("candidate", f"tuned {tuning.family}"),
        baseline=holdout("baseline", baselines.best),
        lift=_interval(observed, diff),
        holdout_scored=scored,
        pipelines={role: pipeline_steps(m) for role, m in models.items()},
        figures=[],
    )
    result.figures = _figures(result, y, preds, task, metric, run)
    return result


def _interval(value: float, samples: np.ndarray) -> Interval:
    lo, hi = interval(samples)
    return Interval(value=round(value, 6), ci_low=round(lo, 6), ci_high=round(hi, 6))


def _record_holdout_scored(run: Run) -> int:
    """Holdout discipline: the manifest counts every time the test part is scored."""
    count = int(run.manifest().get("holdout_scored", 0)) + 1
    run.update_manifest(holdout_scored=count)
    return count


def pipeline_steps(model) -> list[str]:
    """The steps of a fitted pipeline, outermost first (`prepare` is the in-pipeline
    preprocessing, refitted on every training part it sees)."""
    return [f"{name}: {type(step).__name__}" for name, step in model.steps]


def _save_predictions(run: Run, prep, test: np.ndarray, preds: dict[str, np.ndarray]) -> None:
    cols = {"row": test, "y": prep.y[test]}
    for role, p in preds.items():
        if p.ndim == 2:
            for k in range(p.shape[1]):
                cols[f"{role}_p{k}"] = p[:, k]
        else:
            cols[role] = p
    import io

    buf = io.BytesIO()
    pd.DataFrame(cols).to_parquet(buf, index=False)
    atomic_write(run.dir / "predictions" / "holdout.parquet", buf.getvalue())


def _figures(result: EvaluationResult, y, preds, task, metric, run: Run) -> list[Figure]:
    out = []
    fig, ax = figures.new(6.5, 1.9)
    rows = [result.candidate, result.baseline]
    for i, r in enumerate(rows):
        color = figures.ACCENT if r.role == "candidate" else figures.MUTED
        ax.errorbar(
            r.primary.value,
            i,
            xerr=[[r.primary.value - r.primary.ci_low], [r.primary.ci_high - r.primary.value]],
            fmt="o",
            color=color,
            capsize=4,
            markersize=7,
        )
    ax.set_yticks([0, 1], labels=[f"{r.name}\n({r.role})" for r in rows])
    ax.set_ylim(-0.6, 1.6)
    ax.invert_yaxis()
    ax.set_xlabel(f"{metric.label} on the holdout (95% bootstrap interval)")
    ax.set_title("Holdout score: candidate vs best baseline", loc="left")
    out.append(
        Figure(
            path=run.save_figure(fig, "holdout_scores"),
            caption="Scores on the test part, which no model saw during training or tuning.",
        )
    )
    if task == "binary":
        from sklearn.metrics import roc_curve

        fig, ax = figures.new(4.6, 4.0)
        for role, color in [("candidate", figures.ACCENT), ("baseline", figures.MUTED)]:
            fpr, tpr, _ = roc_curve(y, preds[role][:, 1])
            name = result.candidate.name if role == "candidate" else result.baseline.name
            ax.plot(fpr, tpr, color=color, label=name)
        ax.plot([0, 1], [0, 1], ls=":", color="black", lw=0.8, label="chance")
        ax.set_xlabel("false positive rate")
        ax.set_ylabel("true positive rate")
        ax.set_title("ROC curve on the holdout", loc="left")
        ax.legend(frameon=False, loc="lower right")
        out.append(
            Figure(
                path=run.save_figure(fig, "holdout_roc"),
                caption="How many positives each model catches (up) for how many false "
                "alarms (right); the closer to the top-left corner, the better.",
            )
        )
    elif task == "regression":
        fig, ax = figures.new(4.6, 4.0)
        ax.scatter(y, preds["candidate"], s=8, alpha=0.5, color=figures.ACCENT)
        lo, hi = float(np.min(y)), float(np.max(y))
        ax.plot([lo, hi], [lo, hi], ls=":", color="black", lw=0.8)
        ax.set_xlabel("actual")
        ax.set_ylabel("predicted")
        ax.set_title("Predicted vs actual on the holdout", loc="left")
        out.append(
            Figure(
                path=run.save_figure(fig, "holdout_scatter"),
                caption="Each dot is a holdout row; on the dotted line the prediction is exact.",
            )
        )
    else:
        from sklearn.metrics import confusion_matrix

        cm = confusion_matrix(y, preds["candidate"].argmax(axis=1), normalize="true")
        fig, ax = figures.new(4.8, 4.2)
        ax.imshow(cm, cmap="Blues", vmin=0, vmax=1)
        ax.set_xlabel("predicted class")
        ax.set_ylabel("actual class")
        ax.set_title("Confusion matrix (share of each actual class)", loc="left")
        for (i, j), v in np.ndenumerate(cm):
            ax.text(
                j, i, f"{v:.2f}", ha="center", va="center", color="white" if v > 0.5 else "black"
            )
        out.append(
            Figure(
                path=run.save_figure(fig, "holdout_confusion"),
                caption="Rows are the actual classes; the diagonal is what the model gets right.",
            )
        )
    return out
