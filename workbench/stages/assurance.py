"""Stage 6, assurance: evidence beyond accuracy for the fitted candidate — robustness to worse
inputs, fairness across the groups of each sensitive column, and explanations of what drives
its predictions. Nothing here changes the model or chooses anything: the holdout is only
read again to describe the model the evaluation stage already scored."""

from __future__ import annotations

import numpy as np

from workbench.inputs.context import Context
from workbench.inputs.metrics import METRICS
from workbench.language import _
from workbench.science import explanations as explain
from workbench.science import fairness, figures, mitigation, robustness, side_process
from workbench.science.bootstrap_units import split_resamples
from workbench.science.business import oof_positive_scores
from workbench.science.cross_validation import predict_full
from workbench.science.modeling import Prepared, prepare
from workbench.science.monitoring import monitoring_plan
from workbench.science.splits import cv_splits
from workbench.science.word_explanations import explain_words
from workbench.store.assurance_results import (
    AssuranceResult,
    ExplanationResult,
    FairnessResult,
    RobustnessResult,
)
from workbench.store.model_files import load_model
from workbench.store.results import EvaluationResult, Figure
from workbench.store.run_directory import Run
from workbench.wording import count


def _sample(rows: np.ndarray, limit: int, rng) -> np.ndarray:
    return rows if len(rows) <= limit else np.sort(rng.choice(rows, limit, replace=False))


def time_column(ctx: Context) -> str | None:
    declared = ctx.contract.with_role("time")
    return ctx.spec.split.time_column or (declared[0] if declared else None)


def run_assurance(ctx: Context, run: Run) -> AssuranceResult:
    spec, task = ctx.spec, ctx.spec.task.kind
    metric = spec.primary_metric
    prep = prepare(ctx, run)
    model = load_model(run.dir / "models" / "candidate.skops")
    rng = np.random.default_rng(spec.seed)
    test = _sample(prep.test, robustness.MAX_TEST_ROWS, rng)
    train = _sample(prep.train, robustness.MAX_REFIT_ROWS, rng)
    X_test, y_test = prep.X.iloc[test].reset_index(drop=True), prep.y[test]
    k = len(prep.classes)
    pred = predict_full(model, X_test, task, k)

    # fairness needs neither explanations nor robustness: the second core works it out meanwhile
    fair_job = side_process.beside(fairness_of, (ctx, run, prep, model, train))
    expl, shap_ = explain.explain(
        model,
        X_test,
        pred,
        task,
        seed=spec.seed,
        background=prep.X.iloc[train],
        pii=set(ctx.contract.pii_columns),
        folds_data=(  # the folds as positions in prep.X: the evaluation's fold fits serve
            prep.X,
            prep.y,
            [(prep.train[a], prep.train[b]) for a, b in cv_splits(prep.fold, spec.split.strategy)],
        ),
        threshold=_operating_threshold(run).get("threshold"),
    )
    words = explain_words(
        model,
        X_test,
        y_test,
        prep.columns.text,
        task,
        prep.classes,
        explain.pick_rows(pred, task, _operating_threshold(run).get("threshold")),
        spec.seed,
    )
    tc = time_column(ctx)
    rob = robustness.assess(
        model,
        X_test,
        y_test,
        task,
        metric,
        n_classes=k,
        seed=spec.seed,
        top_features=list(expl.importance)[: robustness.TOP_FEATURES],
        train=(prep.X.iloc[train], prep.y[train]),
        train_sampled=len(train) < len(prep.train),
        times=prep.frame[tc].iloc[test] if tc else None,
        time_column=tc,
        max_drop=spec.acceptance.max_robustness_drop,
        resamples=split_resamples(
            spec.split, prep.frame, test, robustness.N_BOOT, spec.seed, y=y_test, score=pred
        ),
        text=prep.columns.text,
    )
    fair = fair_job.result()
    drawn = side_process.calls(  # the figures, drawn by both processes at once
        [
            (robustness_figures, (rob, run)),
            (fairness_figures, (fair, run)),
            (beeswarm_figure, (shap_, expl.explained_rows, run)),
            (importance_figure, (expl, run)),
        ]
    )
    figs = drawn[0] + drawn[1] + [drawn[2], drawn[3]]
    watch = monitoring_plan(expl, rob, prep.frame.iloc[prep.train], ctx.contract)
    return AssuranceResult(
        robustness=rob,
        fairness=fair,
        explanations=expl,
        monitoring=watch,
        figures=figs,
        words=words,
    )


def fairness_of(task) -> FairnessResult:
    """`_fairness` of a (ctx, run, prep, model, train) task, in the side process or here."""
    return _fairness(*task)


def _fairness(ctx: Context, run: Run, prep: Prepared, model, train: np.ndarray) -> FairnessResult:
    """Fairness on the whole holdout; the sensitive columns come from the snapshot, PII ones
    are left out (their values could not be shown)."""
    task, pii = ctx.spec.task.kind, set(ctx.contract.pii_columns)
    columns = [c for c in ctx.contract.sensitive_columns if c not in pii and c in prep.frame]
    X_test = prep.X.iloc[prep.test].reset_index(drop=True)
    pred = predict_full(model, X_test, task, len(prep.classes))
    sensitive = (
        prep.frame[columns].iloc[prep.test].reset_index(drop=True),
        prep.frame[columns].iloc[train].reset_index(drop=True),
    )
    operating = _operating_threshold(run)
    result = fairness.assess(
        sensitive, (prep.y[prep.test], pred), task, seed=ctx.spec.seed, **operating
    )
    if task == "binary" and any(fairness.beyond_chance(d) for d in result.disparities):
        result.mitigation = _remedy(ctx, prep, model, columns, pred[:, 1], operating)
    left_out = [c for c in ctx.contract.sensitive_columns if c in pii]
    if left_out:
        result.notes.append(
            f"Left out because they are also PII (their values are never shown): "
            f"{', '.join(left_out)}."
        )
    return result


def _remedy(ctx: Context, prep: Prepared, model, columns: list[str], scores, operating: dict):
    """ThresholdOptimizer fitted on out-of-fold scores of the training part (the rows the
    cross-validations see), compared with the model's decisions on the holdout."""
    spec = ctx.spec
    view = prep.sampled(spec.budget.cv_rows, spec.seed)
    rows, oof = oof_positive_scores(model, view, spec.split.strategy)
    positions = view.train[rows]
    sensitive = (
        prep.frame[columns].iloc[prep.test].reset_index(drop=True),
        prep.frame[columns].iloc[positions].reset_index(drop=True),
    )
    return mitigation.tradeoffs(
        sensitive,
        (oof, prep.y[positions]),
        (scores, prep.y[prep.test]),
        spec.seed,
        operating.get("threshold"),
    )


def _operating_threshold(run: Run) -> dict:
    """The binary cut-off the evaluation stage chose, when it recorded one."""
    if not run.has_result("evaluation"):
        return {}
    ev = run.load_result("evaluation", EvaluationResult)
    if ev.threshold is None:
        return {}
    return {"threshold": ev.threshold, "threshold_reason": ev.threshold_reason}


# -- figures ------------------------------------------------------------------------------------
def robustness_figures(rob: RobustnessResult, run: Run) -> list[Figure]:
    out = []
    fig, ax = figures.new(6.5, 3.0)
    for kind, levels, color, label in [
        (
            "noise",
            robustness.NOISE_LEVELS,
            figures.ACCENT,
            _("noise on every numeric feature (× std)"),
        ),
        ("missing", robustness.MISSING_RATES, figures.WARN, _("share of values missing")),
    ]:
        drops = [t.drop for t in rob.tests if t.test == kind]  # in the order of `levels`
        if drops:
            ax.plot(
                levels,
                [np.nan if d is None else d for d in drops],
                marker="o",
                color=color,
                label=label,
            )
    if rob.max_drop is not None:
        ax.axhline(rob.max_drop, ls="--", color=figures.BAD, lw=1, label=_("allowed drop"))
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xlabel(_("strength of the damage"))
    ax.set_ylabel(_("score drop"))
    ax.set_title(_("How the holdout score falls as the inputs get worse"), loc="left")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    out.append(
        Figure(
            path=run.save_figure(fig, "assurance_robustness"),
            caption=_(
                "Drop in {metric} on {rows} holdout rows; 0 means no change, higher means worse."
            ).format(metric=METRICS[rob.metric].title, rows=count(rob.sample_rows)),
        )
    )
    single = sorted(
        (t for t in rob.tests if t.test == "one_feature_noise" and t.drop is not None),
        key=lambda t: -t.drop,
    )[:12]
    if single:
        fig, ax = figures.barh(
            [t.feature for t in single],
            [t.drop for t in single],
            _("Noise on one feature at a time (1 × std)"),
            _("drop in {metric}").format(metric=METRICS[rob.metric].title),
        )
        if rob.max_drop is not None:
            ax.axvline(rob.max_drop, ls="--", color=figures.BAD, lw=1)
        out.append(
            Figure(
                path=run.save_figure(fig, "assurance_feature_noise"),
                caption=_(
                    "Which single input the model cannot afford to get wrong: the longest bar "
                    "is the feature whose noise hurts most."
                )
                + (" " + _("The dashed line is the agreed largest drop.") if rob.max_drop else ""),
            )
        )
    return out


def fairness_figures(fair: FairnessResult, run: Run) -> list[Figure]:
    """Per single sensitive column: the main error rates by group with their intervals."""
    shown = {"binary": ["true_positive_rate", "false_positive_rate"]}.get(
        fair.task, ["mean_absolute_error"] if fair.task == "regression" else ["accuracy"]
    )
    out = []
    for attr in [a for a in fair.attributes if " × " not in a][:4]:
        groups = [g for g in fair.groups if g.attribute == attr]
        fig, ax = figures.new(6.5, max(1.8, 0.45 * len(groups) + 1.0))
        for j, (m, color) in enumerate(zip(shown, [figures.ACCENT, figures.WARN], strict=False)):
            labelled = False  # the legend names the metric at its first group that has it
            for i, g in enumerate(groups):
                iv = g.metrics.get(m)
                if iv is None:
                    continue
                err = [[iv.value - iv.ci_low], [iv.ci_high - iv.value]]
                ax.errorbar(iv.value, i + 0.15 * j, xerr=err, fmt="o", color=color, capsize=3,
                            alpha=0.4 if g.too_small else 1.0, label=None if labelled else _metric_words(m))  # fmt: skip
                labelled = True
        ax.set_yticks(range(len(groups)), labels=[f"{g.group} ({count(g.rows)})" for g in groups])
        ax.invert_yaxis()
        ax.set_xlabel(", ".join(_metric_words(m) for m in shown))
        ax.set_title(_("By {column}").format(column=attr), loc="left")
        if ax.get_legend_handles_labels()[1]:  # no group had a rate to show: no empty legend
            ax.legend(frameon=False, fontsize=8)
        out.append(
            Figure(
                path=run.save_figure(fig, f"assurance_fairness_{_slug(attr)}"),
                caption=_(
                    "Per group of {column} (holdout rows in brackets), with 95% bootstrap "
                    "intervals; faded groups are too small to judge."
                ).format(column=attr),
            )
        )
    return out


def beeswarm_figure(shap_, explained_rows: int, run: Run) -> Figure:
    return Figure(
        path=run.save_figure(explain.beeswarm(shap_), "assurance_shap_beeswarm"),
        caption=_(
            "Each dot is one holdout row ({rows} explained): how far an input pushed its "
            "prediction ({output}) up or down; colour is the input's value, red high, blue "
            "low."
        ).format(rows=count(explained_rows), output=shap_.output),
    )


def importance_figure(expl: ExplanationResult, run: Run) -> Figure:
    top = list(expl.importance.items())[:15]
    fig, _ax = figures.barh(
        [k for k, _v in top],
        [v for _k, v in top],
        _("What drives the predictions"),
        _("mean |SHAP value|"),
    )
    return Figure(
        path=run.save_figure(fig, "assurance_importance"),
        caption=_(
            "How much each input moves the prediction on average, across the explained holdout "
            "rows."
        ),
    )


def _metric_words(key: str) -> str:
    """A group metric's name: the rates fairness compares, else the metric registry's."""
    rates = {
        "true_positive_rate": _("true positive rate"),
        "false_positive_rate": _("false positive rate"),
        "selection_rate": _("selection rate"),
    }
    if key in rates:
        return rates[key]
    return METRICS[key].title if key in METRICS else key.replace("_", " ")


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in str(name))[:40]
