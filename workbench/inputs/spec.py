"""The experiment spec: one YAML file per discovery question, validated with pydantic.

`load_spec(path)` returns a `Spec` whose data and contract paths are resolved against the
spec's own folder, or raises `BadInput` naming the file, the field and the fix.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.checklist_items import note_ids
from workbench.inputs.database import check_query, check_url_env
from workbench.inputs.forecast_space import FEATURE_SPACE
from workbench.inputs.forecast_spec import ForecastSettings
from workbench.inputs.formats import ReadOptions
from workbench.inputs.metrics import DEFAULT_METRICS, METRICS, SIGNED
from workbench.inputs.profiles import PROFILES
from workbench.inputs.routing import Routing
from workbench.inputs.search_spaces import parameters
from workbench.inputs.yamlio import pydantic_problem, read_yaml_mapping

TaskKind = Literal["binary", "multiclass", "regression", "forecast"]
SplitStrategy = Literal["random", "stratified", "group", "time"]


def chance_level(metric: str, task: str) -> float | None:
    """What a model with no signal scores, where that does not depend on the data: ROC AUC
    0.5, R² 0, balanced accuracy 0.5 on two classes. Metrics whose chance level depends on
    the class shares (accuracy, average precision) are held to it by the decision's criterion
    against the dummy baseline instead."""
    if metric == "balanced_accuracy":
        return 0.5 if task == "binary" else None
    return METRICS[metric].chance


def _above_chance(bar: float, metric, task: str) -> None:
    chance = chance_level(metric.name, task)
    if chance is not None and bar <= chance:
        raise ValueError(
            f"acceptance.min_primary_score is {bar:g}, at or below chance: a model with no "
            f"signal at all scores {chance:g} {metric.label}, so it would clear this bar. "
            f"Agree with the client the least {metric.label} above {chance:g} worth acting on"
        )


# leakage settings older specs may hold, with what replaced them
RETIRED_LEAKAGE_SETTINGS = {
    "conflicting_labels_warning": "conflicting labels are label noise: information, never a warning",
}
# scores that cannot fall below zero (R² can)
BOUNDED_SCORES = {"roc_auc", "average_precision", "accuracy", "balanced_accuracy", "f1", "f1_macro"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SqlQuery(Strict):
    """Data from a database: one SELECT, on a URL read from an environment variable."""

    query: str = Field(min_length=1, description="One SELECT (or WITH … SELECT) returning rows.")
    url_env: str = Field(
        min_length=1, description="Name of the environment variable holding the database URL."
    )
    limit: int | None = Field(None, ge=1, description="Read at most this many rows.")
    sample_fraction: float | None = Field(
        None, gt=0, lt=1, description="PostgreSQL: a repeatable random share of the rows."
    )
    chunk_rows: int = Field(50_000, ge=100, le=5_000_000, description="Rows per round trip.")
    read_only_user: bool = Field(
        False,
        description="The database's user may only read. Needed for a database the workbench "
        "cannot open read-only itself (it can for PostgreSQL, SQLite, MySQL, MariaDB, Oracle).",
    )

    @model_validator(mode="after")
    def _checked(self) -> SqlQuery:
        check_url_env(self.url_env)
        check_query(self.query)
        return self


class DataSource(Strict):
    path: str | None = Field(None, description="CSV or Parquet file, relative to the spec.")
    sql: SqlQuery | None = Field(None, description="Or: a query on a database.")
    contract: str = Field(description="Data contract YAML, relative to the spec's folder.")
    csv_delimiter: str | None = Field(None, description="Column separator when not a comma.")
    encoding: str | None = Field(
        None, description="Text encoding when not UTF-8 (e.g. utf-8-sig, cp1252, latin-1)."
    )
    decimal: Literal[".", ","] = Field(
        ".", description="The decimal separator of numbers written as text ('1.234,56': ',')."
    )
    thousands: Literal[".", ",", " ", "'"] | None = Field(
        None, description="The thousands separator of numbers written as text, if any."
    )
    dayfirst: bool = Field(
        False,
        description="Dates with no format of their own are read day first (08.07.2021 is the "
        "8th of July).",
    )
    date_format: str | None = Field(
        None,
        description="The format of dates with no format of their own in the contract "
        "(strftime, e.g. '%d.%m.%Y'); ISO 8601 dates are always read.",
    )
    sheet: str | int | None = Field(
        None,
        description="Excel workbooks: the sheet to read, by name or position (default: the first; `workbench init` writes the sheet that has the target).",
    )

    @model_validator(mode="after")
    def _one_source(self) -> DataSource:
        if (self.path is None) == (self.sql is None):
            raise ValueError(
                "give exactly one of data.path (a CSV or Parquet file) and data.sql (a query "
                "on a database: query and url_env)"
                + (", not both" if self.path is not None else "")
            )
        if self.path is not None and "://" in self.path:
            raise ValueError(
                "data.path holds a URL; a database is read with data.sql: {query: 'SELECT …', "
                "url_env: NAME}, the URL itself going into the environment variable NAME "
                "(never into the spec)"
            )
        file_only = ["csv_delimiter", "encoding", "thousands", "date_format", "sheet"]
        set_ = [k for k in file_only if getattr(self, k) is not None]
        set_ += [k for k in ("decimal", "dayfirst") if k in self.model_fields_set]
        if self.sql is not None and set_:
            raise ValueError(
                f"data.{set_[0]} applies to files; a database returns typed values (data.sql)"
            )
        if self.thousands is not None and self.thousands == self.decimal:
            raise ValueError(
                f"data.thousands and data.decimal are both '{self.decimal}': numbers cannot be read"
            )
        return self

    def read_options(self) -> ReadOptions:
        """How to read the file: the choices `workbench init` detected, or the spec's own."""
        return ReadOptions(
            encoding=self.encoding,
            delimiter=self.csv_delimiter,
            decimal=self.decimal,
            thousands=self.thousands,
            dayfirst=self.dayfirst,
            date_format=self.date_format,
            sheet=self.sheet,
        )


class Task(Strict):
    kind: TaskKind
    target: str = Field(min_length=1)
    positive_class: str | int | bool | None = Field(
        None, description="Binary tasks: the class the model scores (e.g. 'bad' for defaults)."
    )


class Split(Strict):
    strategy: SplitStrategy = "stratified"
    test_size: float = Field(0.25, gt=0.05, le=0.5)
    cv_folds: int = Field(5, ge=2, le=20)
    group_column: str | None = None
    time_column: str | None = None

    @model_validator(mode="after")
    def _columns_for_strategy(self) -> Split:
        if self.strategy == "group" and not self.group_column:
            raise ValueError(
                "strategy 'group' needs split.group_column (the entity to keep together)"
            )
        if self.strategy == "time" and not self.time_column:
            raise ValueError("strategy 'time' needs split.time_column (the date to order rows by)")
        return self


class Metrics(Strict):
    primary: str | None = None
    secondary: list[str] | None = None


class Acceptance(Strict):
    min_primary_score: float | None = Field(
        None, description="The primary metric must reach at least this (scores such as AUC, R²)."
    )
    max_primary_error: float | None = Field(
        None, ge=0, description="The primary metric must stay at most this (errors such as RMSE)."
    )
    min_lift_over_baseline: float = Field(
        0.0, description="How much better than the best baseline, in primary-metric units."
    )
    max_latency_ms: float | None = Field(
        None, gt=0, description="Latency budget: 95th percentile of one row's prediction time."
    )
    max_robustness_drop: float | None = Field(
        None,
        ge=0,
        description="The most the primary score may lose under any robustness test, in "
        "primary-metric units (None: report only).",
    )
    max_fairness_disparity: float | None = Field(
        None,
        ge=0,
        le=1,
        description="The widest equalized-odds difference allowed between groups of a sensitive "
        "column (binary tasks). Unset: a column the contract marks sensitive is judged against "
        "0.10, and the report says the bound was not agreed.",
    )


class Business(Strict):
    """What each outcome of a yes/no decision is worth, in the client's currency."""

    false_positive_cost: float = Field(
        ge=0, description="Cost of acting on a case that is not positive."
    )
    false_negative_cost: float = Field(ge=0, description="Cost of missing a positive case.")
    true_positive_value: float = Field(0.0, ge=0, description="Value of acting on a positive case.")
    true_negative_value: float = Field(0.0, description="Value of leaving a negative case alone.")
    cases_per_month: float = Field(
        gt=0, description="How many cases the decision is made on per month."
    )
    currency: str = "EUR"
    min_monthly_value: float | None = Field(
        None, description="The expected value per month the model must add (acceptance)."
    )


class Report(Strict):
    """How the report speaks to its readers."""

    language: Literal["en", "de"] = Field(
        "en",
        description="The language of every sentence of the report and its figures, and of its "
        "numbers, money and dates: en (English) or de (German). `workbench init` proposes de "
        "for an extract written in German formats.",
    )


class Tuning(Strict):
    family: Literal["xgboost", "hist_gradient_boosting", "random_forest", "linear"] = "xgboost"
    trials: int = Field(
        30,
        ge=1,
        le=100_000,
        description="Finished trials that end the search. Left out: the profile's, or its "
        "smaller budget for a search over free text on a sample of the training part "
        "(docs/large-data.md).",
    )
    minutes: float = Field(5.0, gt=0, le=24 * 60)
    space: dict[str, float | int | str | bool | dict[str, float | int | bool | list]] = Field(
        default_factory=dict,
        description="Overrides of the family's search space: a value fixes a parameter, "
        "{low, high, log} or {choices} replaces its range.",
    )
    _from_profile: set[str] = PrivateAttr(default_factory=set)  # budgets the spec left out

    @model_validator(mode="after")
    def _known_parameters(self) -> Tuning:
        # the global model of a forecast study also searches its features (lags, windows, …)
        known = {**parameters(self.family), **(FEATURE_SPACE if self.family == "xgboost" else {})}
        for name, value in self.space.items():
            if name not in known:
                raise ValueError(
                    f"tuning.space.{name} is not a parameter of {self.family}."
                    f"{did_you_mean(name, known)} Parameters: {', '.join(known)}"
                )
            if isinstance(value, dict):
                extra = set(value) - {"low", "high", "log", "choices"}
                if extra:
                    raise ValueError(
                        f"tuning.space.{name} takes low, high, log or choices, not {', '.join(sorted(extra))}"
                    )
                if "low" in value and "high" in value and value["low"] > value["high"]:
                    raise ValueError(
                        f"tuning.space.{name}: low ({value['low']}) is greater than high ({value['high']})"
                    )
        return self


class Spec(Strict):
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    question: str = Field(
        min_length=1, description="The business question, in the stakeholder's words."
    )
    decision: str = Field(min_length=1, description="The decision the answer informs.")
    data: DataSource
    task: Task
    split: Split = Split()
    metrics: Metrics = Metrics()
    acceptance: Acceptance
    tuning: Tuning = Tuning()
    business: Business | None = Field(None, description="Costs and values (binary tasks).")
    report: Report = Field(
        default_factory=Report, description="The report's language (`report.language`)."
    )
    routing: Routing | None = Field(
        None, description="Triage: cases a month and what a misrouted case costs (multiclass)."
    )
    forecast: ForecastSettings | None = Field(
        None,
        description="Forecast studies (task.kind: forecast): time and series columns, frequency, "
        "horizon, backtest windows and the cost of an error.",
    )
    leakage: dict[str, float] = Field(
        default_factory=dict, description="Overrides of the leakage checks' thresholds."
    )
    seed: int = Field(42, ge=0, le=2**31 - 1)
    profile: Literal["quick", "standard", "thorough"] = Field(
        "standard",
        description="Sets the study's budgets together (docs/large-data.md); explicit "
        "tuning.trials and tuning.minutes win.",
    )
    reviewer_notes: dict[str, str] = Field(
        default_factory=dict,
        description="The consultant's answers to reviewer checklist items only a person can "
        "give, by item id (e.g. reforms.study_goals.population).",
    )

    @field_validator("reviewer_notes")
    @classmethod
    def _known_items(cls, notes: dict[str, str]) -> dict[str, str]:
        known = note_ids()
        for key, text in notes.items():
            if key not in known:
                module = key.rsplit(".", 1)[0]
                near = [k for k in known if k.startswith(module + ".")]
                listed = (
                    f"Items of {module}: {', '.join(near)}"
                    if near
                    else "Ids start with "
                    + ", ".join(dict.fromkeys(k.rsplit(".", 1)[0] for k in known))
                )
                raise ValueError(
                    f"'{key}' is not a checklist item.{did_you_mean(key, known)} {listed}"
                )
            if not text.strip():
                raise ValueError(f"the note for '{key}' is empty; write the answer or remove it")
        return {k: v.strip() for k, v in notes.items()}

    @model_validator(mode="after")
    def _consistent(self) -> Spec:
        self._fill_budget()
        self._check_leakage_settings()
        self._resolve_metrics()
        if self.business is not None and self.task.kind != "binary":
            raise ValueError(
                "business costs and values apply to binary tasks only; remove 'business'"
                + (" and price errors in forecast.costs" if self.task.kind == "forecast" else "")
            )
        if self.routing is not None and self.task.kind != "multiclass":
            raise ValueError(
                "routing prices a model that routes each case to one of several teams "
                "(task.kind: multiclass); a yes/no decision is priced with 'business'"
            )
        self._check_forecast()
        if self.split.strategy == "stratified" and self.task.kind == "regression":
            self.split.strategy = "random"  # stratifying a continuous target is meaningless
        self._check_acceptance()
        return self

    def _check_forecast(self) -> None:
        """A forecast study has a `forecast` block and splits by it; no other task has one."""
        if self.task.kind != "forecast":
            if self.forecast is not None:
                raise ValueError(
                    "the forecast block applies to task.kind: forecast; remove it or set the kind"
                )
            searched = [k for k in self.tuning.space if k in FEATURE_SPACE]
            if searched:
                raise ValueError(
                    f"tuning.space.{searched[0]} is a feature of a forecast study's global "
                    "model; remove it"
                )
            return
        if self.forecast is None:
            raise ValueError(
                "task.kind forecast needs a forecast block: time_column, series_columns, "
                "frequency and horizon (`workbench init --task forecast` writes it)"
            )
        if "split" in self.model_fields_set:
            raise ValueError(
                "a forecast study splits by time itself (the last forecast.horizon periods of "
                "every series are the holdout, forecast.backtest_windows windows before them "
                "choose the models); remove the split block"
            )
        if self.tuning.family != "xgboost":
            raise ValueError(
                "a forecast study tunes one global model on XGBoost; set tuning.family: xgboost"
            )
        if self.metrics.primary in SIGNED:
            raise ValueError(
                f"'{self.metrics.primary}' says whether forecasts run high or low, not how far "
                "off they are: choose mase, wape, smape, rmse or mae as the primary metric"
            )
        # what tabular readers of the spec see: a split by time on the forecast's time column
        self.split.strategy = "time"
        self.split.time_column = self.forecast.time_column

    def _fill_budget(self) -> None:
        """Trials and minutes the spec leaves out come from its profile."""
        for name in ("trials", "minutes"):
            if name not in self.tuning.model_fields_set:
                setattr(self.tuning, name, getattr(self.budget, name))
                self.tuning._from_profile.add(name)

    def _check_leakage_settings(self) -> None:
        from leakage_checks import DEFAULT_SETTINGS
        from leakage_checks.series.series_frames import SERIES_SETTINGS

        known = SERIES_SETTINGS if self.task.kind == "forecast" else DEFAULT_SETTINGS
        for key in RETIRED_LEAKAGE_SETTINGS:
            self.leakage.pop(key, None)  # an older spec still loads; the setting does nothing
        for key in self.leakage:
            if key not in known:
                raise ValueError(
                    f"leakage.{key} is not a leakage setting.{did_you_mean(key, known)} "
                    f"Settings: {', '.join(known)}"
                )

    def _resolve_metrics(self) -> None:
        """The task's default metrics where the spec names none; each named one must exist and
        fit the task."""
        kind = self.task.kind
        primary, secondary = DEFAULT_METRICS[kind]
        if self.metrics.primary is None:
            self.metrics.primary = primary
        if self.metrics.secondary is None:
            self.metrics.secondary = [m for m in secondary if m != self.metrics.primary]
        for name in [self.metrics.primary, *self.metrics.secondary]:
            if name not in METRICS:
                raise ValueError(
                    f"unknown metric '{name}'.{did_you_mean(name, METRICS)} "
                    f"Metrics: {', '.join(METRICS)}"
                )
            if kind not in METRICS[name].tasks:
                fits = [m for m, v in METRICS.items() if kind in v.tasks]
                raise ValueError(
                    f"metric '{name}' does not fit a {kind} task; use one of {', '.join(fits)}"
                )

    def _check_acceptance(self) -> None:
        """The bar the primary metric must clear: the right kind for it (a least score or a
        most error), within the metric's range and above chance."""
        primary_metric = METRICS[self.metrics.primary]
        acc = self.acceptance
        if not primary_metric.greater_is_better:
            if acc.max_primary_error is None:
                raise ValueError(
                    f"acceptance.max_primary_error is required: '{self.metrics.primary}' is an "
                    "error, lower is better"
                )
            if acc.min_primary_score is not None:
                raise ValueError(
                    f"'{self.metrics.primary}' is an error metric; give acceptance."
                    "max_primary_error instead of min_primary_score"
                )
            return
        if acc.min_primary_score is None:
            raise ValueError(
                f"acceptance.min_primary_score is required: the least {primary_metric.label} "
                "the client would act on"
            )
        if acc.max_primary_error is not None:
            raise ValueError(
                f"acceptance.max_primary_error is for error metrics; '{self.metrics.primary}' "
                "is a score, so give acceptance.min_primary_score"
            )
        low = 0.0 if primary_metric.name in BOUNDED_SCORES else float("-inf")
        if not low <= acc.min_primary_score <= 1.0:
            raise ValueError(
                f"acceptance.min_primary_score is {acc.min_primary_score}, but "
                f"{primary_metric.label} lies between {low:g} and 1"
            )
        _above_chance(acc.min_primary_score, primary_metric, self.task.kind)

    # -- derived ----------------------------------------------------------------------------
    @property
    def budget(self):
        """The run profile's budgets (`workbench.inputs.profiles.Profile`)."""
        return PROFILES[self.profile]

    def search_trials(self, text: bool, sampled: bool) -> tuple[int, bool]:
        """The search's trial budget, and whether free text set it: a search over free text
        (`text`) on a sample of the training part (`sampled`) takes the profile's
        `text_trials` when the spec leaves `tuning.trials` out. Every such trial reads each
        fold's text anew; with a wall-time budget alone, faster fits became more trials rather
        than a shorter study."""
        trials, fewer = self.tuning.trials, self.budget.text_trials
        if text and sampled and "trials" in self.tuning._from_profile and fewer < trials:
            return fewer, True
        return trials, False

    @property
    def primary_metric(self):
        return METRICS[self.metrics.primary]

    @property
    def primary_threshold(self) -> float:
        a = self.acceptance
        return a.min_primary_score if a.min_primary_score is not None else a.max_primary_error


class LoadedSpec(BaseModel):
    """A validated spec together with where it lives and where its files are."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    spec: Spec
    path: Path
    data_path: Path | None  # None for data from a database (data.sql)
    contract_path: Path
    raw: dict = {}

    def spec_hash(self) -> str:
        """sha256 of what the spec file says (not of defaults the code fills in, so a new
        optional field in a later version does not orphan earlier runs; nor of reviewer_notes)."""
        # reviewer notes answer the checklist; they change no result, so adding them later
        # does not orphan a run
        said = {k: v for k, v in self.raw.items() if k != "reviewer_notes"}
        blob = json.dumps(said, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()

    def analysis_hash(self) -> str:
        """sha256 of what the spec says about the analysis: `spec_hash` without what changes
        no score — the experiment's name, its question and decision in words, the report's
        language. The holdout ledger compares looks by it: the same study reported in German,
        or renamed, scoring the same rows the same way is a repeat, not another look."""
        wording = {"reviewer_notes", "name", "question", "decision", "report"}
        said = {k: v for k, v in self.raw.items() if k not in wording}
        blob = json.dumps(said, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()

    @property
    def project_dir(self) -> Path:
        """The folder that holds `experiments/`: runs go beside it, in `runs/`."""
        parent = self.path.parent
        return parent.parent if parent.name == "experiments" else parent


def load_spec(path: str | Path, check_paths: bool = True) -> LoadedSpec:
    """Read, validate and resolve an experiment spec. `check_paths=False` skips checking that
    the data and contract files exist (a run's own copy of its spec, read on another machine)."""
    path = Path(path).expanduser().resolve()
    raw = read_yaml_mapping(path, "experiment spec")
    try:
        spec = Spec.model_validate(raw)
    except ValidationError as exc:
        raise pydantic_problem(exc, Spec, path, "experiment spec") from None
    data_path = (path.parent / spec.data.path).resolve() if spec.data.path else None
    contract_path = (path.parent / spec.data.contract).resolve()
    checks = [
        *([(data_path, "data.path", "data file")] if data_path else []),
        (contract_path, "data.contract", "data contract"),
    ]
    for p, field, what in checks if check_paths else []:
        if not p.exists():
            raise BadInput(
                f"the {what} '{p}' does not exist",
                file=str(path),
                field=field,
                fix="give a path relative to the spec's folder, or an absolute path",
            )
        if p.is_dir():
            raise BadInput(
                f"the {what} '{p}' is a directory",
                file=str(path),
                field=field,
                fix="point it at a file",
            )
    return LoadedSpec(
        spec=spec, path=path, data_path=data_path, contract_path=contract_path, raw=raw
    )


def reading_options(data: dict) -> dict:
    """The `ReadOptions` (as keywords) of a spec's `data` block read as a plain mapping: how
    new rows in the extract's format are read (promotion packages, `workbench drift`)."""
    return {
        "delimiter": data.get("csv_delimiter"),
        "encoding": data.get("encoding"),
        "decimal": data.get("decimal", "."),
        "thousands": data.get("thousands"),
        "dayfirst": bool(data.get("dayfirst", False)),
        "date_format": data.get("date_format"),
        "sheet": data.get("sheet"),
    }
