"""The figures of a forecast study's holdout: actuals against forecasts with their intervals for
the largest series and three drawn at random, the error by horizon step, and each series'
error against seasonal naive's."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.inputs.metrics import METRICS
from workbench.inputs.series_facts import SERIES_ID
from workbench.language import _
from workbench.science import figures
from workbench.science.series_panel import Panel
from workbench.store.results import EvaluationResult, Figure
from workbench.store.run_directory import Run

NAIVE = "seasonal_naive"
HISTORY_HORIZONS = 3  # horizons of history drawn before the holdout


def forecast_figures(
    result: EvaluationResult, panel: Panel, holdout: pd.DataFrame, bands: dict, run: Run, spec
) -> list[Figure]:
    return [
        _series(result, panel, holdout, bands, run),
        _by_step(result, run),
        _by_series(result, run),
    ]


def _series(result, panel: Panel, holdout: pd.DataFrame, bands: dict, run: Run) -> Figure:
    fc = result.forecast
    shown = fc.shown_series
    scale = _scales(panel)
    fig, axes = figures.plt.subplots(
        len(shown), 1, figsize=(6.5, 1.9 * len(shown) + 0.4), layout="constrained", squeeze=False
    )
    for ax, name in zip(axes[:, 0], shown, strict=True):
        past = panel.train[panel.train[SERIES_ID] == name].tail(HISTORY_HORIZONS * panel.horizon)
        ahead = holdout[holdout[SERIES_ID] == name]
        ax.plot(past["ds"], past["y"], color=figures.MUTED, lw=1, label=_("history"))
        ax.plot(ahead["ds"], ahead["y"], color="black", lw=1.2, label=_("actual"))
        steps = np.arange(len(ahead))
        for level, alpha in ((0.95, 0.15), (0.8, 0.3)):
            half = bands[level][np.minimum(steps, len(bands[level]) - 1)] * scale.get(name, 0.0)
            ax.fill_between(
                ahead["ds"],
                ahead["candidate"] - half,
                ahead["candidate"] + half,
                color=figures.ACCENT,
                alpha=alpha,
                lw=0,
                label=_("{p}% interval").format(p=round(level * 100)),
            )
        ax.plot(ahead["ds"], ahead["candidate"], color=figures.ACCENT, lw=1.5, label=_("forecast"))
        ax.plot(
            ahead["ds"], ahead[NAIVE], color=figures.WARN, lw=1, ls="--", label=_("seasonal naive")
        )
        ax.set_title(str(name), loc="left", fontsize=9)
    axes[0, 0].legend(frameon=False, fontsize=7, ncols=3, loc="upper left")
    return Figure(
        path=run.save_figure(fig, "forecast_series"),
        caption=_(
            "Actuals (black) against the candidate's forecast (blue, with its 80% and 95% "
            "intervals) and seasonal naive (dashed) over the holdout, after the last {n} periods "
            "of history: the largest series first, then {k} drawn at random."
        ).format(n=HISTORY_HORIZONS * panel.horizon, k=len(shown) - 1),
    )


def _scales(panel: Panel) -> dict[str, float]:
    """Each series' MASE scale at the holdout's origin (the intervals' unit)."""
    from workbench.science.series_panel import origins

    o = origins(panel)
    at = o[o["window"] == 0].set_index(SERIES_ID)["scale"].fillna(0.0)
    return {str(k): float(v) for k, v in at.items()}


def _by_step(result: EvaluationResult, run: Run) -> Figure:
    fc = result.forecast
    label = METRICS[result.metric].label
    fig, ax = figures.new(6.5, 2.8)
    steps = np.arange(1, len(fc.by_step["candidate"][result.metric]) + 1)
    others = [m for m in fc.by_step if m not in ("candidate", NAIVE, fc.candidate)]
    for m in others:
        ax.plot(steps, fc.by_step[m][result.metric], color=figures.MUTED, lw=0.8, alpha=0.7)
    ax.plot(
        steps,
        fc.by_step[NAIVE][result.metric],
        color=figures.WARN,
        lw=1.5,
        ls="--",
        label=fc.labels[NAIVE],
    )
    ax.plot(
        steps,
        fc.by_step["candidate"][result.metric],
        color=figures.ACCENT,
        lw=2,
        marker="o",
        ms=3,
        label=fc.labels["candidate"],
    )
    ax.set_xlabel(_("periods ahead"))
    ax.set_ylabel(label)
    ax.set_title(_("Error by horizon step (holdout)"), loc="left")
    ax.legend(frameon=False)
    return Figure(
        path=run.save_figure(fig, "forecast_by_step"),
        caption=_(
            "{label} of the candidate (blue) and of seasonal naive (dashed) on the holdout, by "
            "how many periods ahead the forecast was made; the other models in grey."
        ).format(label=label),
    )


def _by_series(result: EvaluationResult, run: Run) -> Figure:
    fc = result.forecast
    label = METRICS[result.metric].label
    scores = {s.model: s.scores for s in fc.by_series}
    table = pd.DataFrame({"candidate": scores["candidate"], NAIVE: scores[NAIVE]}).dropna()
    fig, ax = figures.new(4.2, 4.0)
    better = table["candidate"] < table[NAIVE]
    ax.scatter(table.loc[better, NAIVE], table.loc[better, "candidate"], s=14, color=figures.ACCENT)
    ax.scatter(table.loc[~better, NAIVE], table.loc[~better, "candidate"], s=14, color=figures.BAD)
    top = float(np.nanmax(table.to_numpy())) * 1.05 if len(table) else 1.0
    ax.plot([0, top], [0, top], color=figures.MUTED, lw=1)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel(_("seasonal naive's {label}").format(label=label))
    ax.set_ylabel(_("the candidate's {label}").format(label=label))
    ax.set_title(_("Each series on the holdout"), loc="left")
    return Figure(
        path=run.save_figure(fig, "forecast_by_series"),
        caption=_(
            "One dot per series: below the line (blue) the candidate forecasts it better than "
            "seasonal naive, above it (red) worse. {better} of {n} series are better."
        ).format(better=int(better.sum()), n=len(table)),
    )
