"""What a forecast study adds to each stage's results file (`forecast` on the data, leakage,
baselines, tuning and evaluation results): the series, the backtest, every model by series and
by horizon step, the prediction intervals and what the errors cost. The fields every task shares
(the candidate's and the baseline's holdout scores, the lift, the holdout ledger) are filled as
for any task, with seasonal naive — the planner's stand-in — as the baseline."""

from __future__ import annotations

from pydantic import BaseModel, Field

from workbench.store.values import Interval


class ForecastData(BaseModel):
    """The series as the data stage found them."""

    time_column: str
    series_columns: list[str]
    frequency: str  # pandas offset alias of the grid
    unit: str  # week, month, …
    unit_plural: str
    season: int  # the season seasonal naive repeats
    seasons: list[int]
    seasonal_words: str  # what seasonal naive repeats, in a planner's words
    horizon: int
    backtest_windows: int
    series: int  # series in the data
    studied: int  # series long enough for the study
    left_out: dict[str, str] = Field(default_factory=dict)  # series -> why (at most 50 named)
    left_out_count: int = 0
    periods_min: int
    periods_median: float
    periods_max: int
    first: str  # dates as YYYY-MM-DD (times where the frequency has them)
    last: str
    extract_end: str
    after_end: int  # rows dated after the extract's end
    gap_periods: int  # periods missing inside a series, filled and never scored
    gap_series: int
    gap_fill: str  # interpolate | zero
    duplicate_rows: int  # rows repeating a series' period (the last kept)
    duplicate_series: list[str] = Field(default_factory=list)  # at most 10 named
    zero_actuals: int  # actuals of exactly zero (MAPE is undefined on them)
    inputs: dict[str, list[str]] = Field(default_factory=dict)  # time role -> model columns
    units: str | None = None  # what the target counts, in words


class BacktestWindow(BaseModel):
    window: int  # 1 … K, oldest first; 0 is the holdout
    origin_first: str  # the earliest and latest forecast origin over the series
    origin_last: str
    first: str  # the earliest and latest period forecast
    last: str
    rows: int


class ForecastSplit(BaseModel):
    horizon: int
    windows: list[BacktestWindow]  # the backtest windows, then the holdout (window 0)
    series: int
    filled_in_test: int  # holdout periods that were filled (not scored)


class SeriesScores(BaseModel):
    """One model's score in one metric per series (the backtest, or the holdout)."""

    model: str
    scores: dict[str, float]


class ForecastBaselines(BaseModel):
    labels: dict[str, str]  # model -> its name in the report
    season: int
    by_series: list[SeriesScores]  # every baseline's backtest primary score per series
    wins: dict[str, int]  # series each baseline forecasts best in the backtest
    fit_note: str  # how the models were fitted (per series, fallback)


class Contender(BaseModel):
    """A model that could be the candidate, measured against seasonal naive on the backtest."""

    model: str  # "global" or a statistical model's key
    label: str  # its name in the report
    backtest: float  # its pooled backtest error (the primary metric)
    # seasonal naive's backtest error minus this model's (positive: this model is better),
    # paired, with the interval of the resamples of whole series (or windows of a series)
    lift: Interval


class ForecastTuning(BaseModel):
    config: dict  # the tuned global model: lags, rolling means, transform, calendar, XGBoost
    features: list[str]  # the global model's inputs
    importances: dict[str, float]  # share of the fitted model's gain per feature
    global_cv: dict  # the tuned global model's backtest (a ModelCV as data)
    naive_backtest: float  # seasonal naive's pooled backtest error
    contenders: list[Contender]  # the tuned global model, then each statistical model
    # the level of each lift's interval: 95% shared over the contenders (Bonferroni), so that
    # all the intervals hold together 95% of the time
    lift_level: float
    resampled: str  # what the lifts' intervals resample, in words
    units: int  # how many of them
    by_series: list[SeriesScores] = Field(default_factory=list)  # the tuned global model's


class JudgedContender(Contender):
    verdict: str  # the lift's interval against zero: pass (above it), uncertain, fail


class CandidateChoice(BaseModel):
    """The judge's choice of a forecast study's candidate, made on the backtest before the
    holdout is scored (`results/candidate.json`), and why, in words."""

    candidate: str  # "global", a statistical model's key, or "seasonal_naive"
    label: str
    rule: str  # "clear_lift": a model beat seasonal naive clearly; "no_clear_lift": none did
    rule_words: str  # the rule, in plain words
    reason: str  # why this model, in plain words
    contenders: list[JudgedContender]
    closest: str | None = None  # the contender nearest to clearing the bar when none did


class PredictionInterval(BaseModel):
    level: float  # nominal coverage, e.g. 0.8
    coverage: Interval  # the share of holdout actuals inside, with its interval
    mean_width: float  # in the target's units
    periods: int  # holdout periods scored


class ForecastValue(BaseModel):
    """What the errors cost at the agreed prices, candidate against seasonal naive."""

    currency: str
    over_forecast: float
    under_forecast: float
    periods_per_month: float
    over_means: str | None = None  # what a forecast too high costs, in the client's words
    under_means: str | None = None
    candidate_per_period: Interval  # cost of the candidate's errors per period, all series
    baseline_per_period: Interval  # seasonal naive's
    saving_per_period: Interval  # seasonal naive's cost minus the candidate's (paired)
    saving_per_month: Interval
    min_monthly_value: float | None = None


class ForecastEvaluation(BaseModel):
    candidate: str  # "global" or a statistical model's name
    labels: dict[str, str]  # model -> its name in the report
    scores: dict[str, dict[str, Interval]]  # model -> metric -> holdout score with interval
    by_step: dict[str, dict[str, list[float]]]  # model -> metric -> score per horizon step
    by_series: list[SeriesScores]  # every model's primary score per series (holdout)
    volume: dict[str, float]  # each series' holdout volume (sum of actuals)
    mape_refused: str | None = None  # why MAPE was not scored
    intervals: list[PredictionInterval] = Field(default_factory=list)
    interval_method: str = ""
    # the conformal quantile of the scaled error per horizon step, by level ("0.8"): an
    # interval is the forecast plus or minus it times the series' scale (the hand-off's too)
    interval_quantiles: dict[str, list[float]] = Field(default_factory=dict)
    value: ForecastValue | None = None
    units: int = 0  # what the bootstrap resamples: this many series (or windows)
    shown_series: list[str] = Field(default_factory=list)  # the figure's: largest, then drawn
    scored_periods: int = 0
