"""The global model's search on the backtest, in the shape `search.optimize` runs: a trial is
one configuration of the global model (features and XGBoost's parameters), a fold is one
backtest window (the model fitted on the periods before it and forecasting it), and the pruner
is told the backtest error over the windows so far.

The windows of a batch's trials are fitted side by side, one per core, in threads of this
process: XGBoost (one thread per fit) builds its trees outside Python's lock, which is most of a
window's time on a panel of any size. Each window depends on its own inputs only, so the scores
are the same on one core or two.

The best complete trial of this session keeps its backtest forecasts and its last window's
fitted forecaster (with its one-period-ahead forecasts on its own training periods, for the
overfitting guard): the tuning stage reads them instead of fitting that configuration's
backtest a second time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import optuna
import pandas as pd

from baselines.models import cores
from workbench.inputs.forecast_space import forecast_space
from workbench.inputs.search_spaces import suggest
from workbench.science import global_model as gm
from workbench.science import side_process
from workbench.science.backtest_scores import model_cv, scoring_frame, unit_plan
from workbench.science.forecast_scores import metric_of
from workbench.science.series_panel import Panel
from workbench.store.results import ModelCV
from workbench.store.tuning_study import worker_name

TRIAL_RESAMPLES = (
    200  # resamples behind a trial's backtest interval (the search's, not the report's)
)


@dataclass
class Window:
    forecasts: pd.DataFrame  # `unique_id`, `ds`, `window`, `y`, `global`
    fitted: Any = None  # the last window's fitted forecaster


@dataclass
class Kept:
    """The best complete trial of this session: its backtest forecasts and last fit."""

    number: int
    cv: ModelCV
    forecasts: pd.DataFrame
    fitted: Any


class ForecastSearch:
    def __init__(self, panel: Panel, spec, name: str, description: str, client=None) -> None:
        self.panel, self.spec, self.client = panel, spec, client
        self.name, self.description = name, description
        self.space = forecast_space(spec.tuning.space)
        self.folds = list(range(1, panel.windows + 1))
        self.who = worker_name()
        self.best: Kept | None = None
        self._lock = threading.Lock()

    def model(self, trial: optuna.Trial) -> gm.GlobalConfig:
        trial.set_user_attr("worker", self.who)
        return gm.config_from(suggest(trial, self.space), self.panel)

    def fold(self, config: gm.GlobalConfig, i: int) -> Window:
        k = self.folds[i]
        last = k == self.folds[-1]
        # the last window's in-sample forecasts are kept for the overfitting guard (a Dask
        # fit has none: the stage refits that window here)
        fitted = last and self.client is None
        mlf, forecasts = gm.window_forecast(
            config, self.panel, k, self.spec.seed, fitted=fitted, client=self.client
        )
        return Window(forecasts, mlf if fitted else None)

    def progress(self, windows: list[Window]) -> float:
        frame = scoring_frame(_joined(windows), self.panel)
        return metric_of(frame, "global", self.spec.metrics.primary)

    def result(self, trial: optuna.Trial, windows: list[Window]) -> ModelCV:
        forecasts = _joined(windows)
        frame = scoring_frame(forecasts, self.panel)
        plan = unit_plan(frame, min(self.spec.budget.bootstrap, TRIAL_RESAMPLES), self.spec.seed)
        metrics = self.spec.metrics
        cv = model_cv(
            frame, "global", metrics.primary, metrics.secondary, self.name, self.description, plan
        )
        with self._lock:  # the best by (score, trial number), as the stage picks it
            best = self.best
            if best is None or (cv.mean, trial.number) < (best.cv.mean, best.number):
                self.best = Kept(trial.number, cv, forecasts, windows[-1].fitted)
        return cv

    def at_once(self, config: gm.GlobalConfig) -> int:
        if self.client is not None:  # the cluster's workers fit; this process waits
            return 1
        return max(1, cores() - side_process.busy())

    def kept(self, number: int) -> Kept | None:
        """The kept backtest of trial `number`, when it is the one this session kept."""
        return self.best if self.best is not None and self.best.number == number else None


def _joined(windows: list[Window]) -> pd.DataFrame:
    return pd.concat([w.forecasts for w in windows], ignore_index=True)
