"""`workbench init --task forecast`: the spec and contract of a forecast study, from long data (one
row per series and period). It reads the time column (dates, or periods as clients export them),
finds the frequency and the seasons, the gaps, repeated periods and series too short for the
horizon, gives every other column its place in time, and says why — in the files it writes and
in `init`'s tables. Bad input is refused with nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.detection import Detected
from workbench.inputs.formats import parse_dates
from workbench.inputs.inference import infer_contract
from workbench.inputs.periods import period_format
from workbench.inputs.scaffold import Scaffolded, _scalar, contract_yaml, file_lines, sql_lines
from workbench.inputs.series_facts import (
    Frequency,
    SeriesFacts,
    detect_frequency,
    fitting_windows,
    frequency_of,
    needed_length,
    seasonal_words,
    series_facts,
    series_ids,
    usable,
)
from workbench.language import _, ngettext

WINDOWS = 3  # backtest windows init proposes
CONTRACT_HEADER = """\
# Data contract for {dataset}, a forecast study, inferred by `workbench init` from {data_file}
# ({rows} rows, one per series and period). Review every column: the inference sees values,
# not meaning.
#
# Per column:
#   type      integer | float | string | category | boolean | datetime
#   role      time (dates each period) | series (names a series) | target (what is forecast)
#             | known_in_advance (known for the future periods: calendar facts, planned
#               promotions, set prices; read at the period forecast)
#             | observed (known only once its period is over: read lagged by the horizon)
#             | static (an attribute of the series) | exclude
#   format    the time column written as text: its date or period format ("%Y-%m",
#             "%Y Q%q" for quarters, "%G W%V" for ISO weeks)
#   nullable, unique, min / max, allowed, pii: as in every contract
dataset: {dataset}
columns:"""
CALENDAR = ("day_of_week", "day", "month", "quarter", "year", "day_of_year")


def scaffold_forecast(
    data_path: Path | None,
    frame: pd.DataFrame,
    target: str | None,
    *,
    name: str,
    out_dir: Path,
    time_column: str | None,
    series_columns: list[str],
    horizon: int | None,
    frequency: str | None,
    backtest_windows: int | None,
    pii: list[str],
    force: bool,
    detected: Detected | None = None,
    sql: dict | None = None,
) -> Scaffolded:
    origin = str(data_path) if data_path else sql["label"]
    cols = list(map(str, frame.columns))
    _named(cols, origin, time_column, series_columns)
    dates, fmt = _dates(frame[time_column], time_column, origin, detected)
    target = target or _target(frame, cols, time_column, series_columns, pii, origin)
    if not pd.api.types.is_numeric_dtype(frame[target]):
        raise BadInput(
            f"the target '{target}' holds text (e.g. {frame[target].dropna().iloc[0]!r}); a "
            "forecast forecasts a number",
            file=origin,
            field="--target",
            fix="name the numeric column to forecast with --target",
        )
    ids = series_ids(frame, series_columns)
    freq = _frequency(frequency, ids, dates, origin, time_column)
    facts = series_facts(frame.assign(**{time_column: dates}), ids, time_column, freq, target)
    plan = _plan(facts, freq, horizon, backtest_windows, origin)
    spec_path = out_dir / "experiments" / f"{name}.yaml"
    contract_path = out_dir / "data_contracts" / f"{name}.yaml"
    for p in (spec_path, contract_path):
        if p.exists() and not force:
            raise BadInput(
                "the file already exists",
                file=str(p),
                fix="pass --force to overwrite it, or choose another --name",
            )
    columns = _columns(frame, dates, fmt, target, time_column, series_columns, pii, origin, plan)
    refused_mape = bool((frame[target] == 0).any())
    for p in (spec_path, contract_path):
        p.parent.mkdir(parents=True, exist_ok=True)
    reading = [f"{w} {v} ({h})" for w, v, h in (detected.facts if detected else [])]
    frame_for_notes = frame.assign(**{time_column: dates})
    source_name = data_path.name if data_path else sql["label"]
    contract_path.write_text(
        contract_yaml(name, columns, frame_for_notes, source_name, reading, header=CONTRACT_HEADER),
        encoding="utf-8",
    )
    data_lines = (
        file_lines(os.path.relpath(data_path, spec_path.parent), detected)
        if data_path
        else sql_lines(sql)
    )
    spec_path.write_text(
        forecast_spec_yaml(
            name,
            target,
            data_lines,
            os.path.relpath(contract_path, spec_path.parent),
            time_column,
            series_columns,
            plan,
            refused_mape,
        ),
        encoding="utf-8",
    )
    made = Scaffolded(
        spec_path, contract_path, columns, "forecast", None, detected.facts if detected else []
    )
    made.series = _facts_rows(facts, plan, refused_mape, fmt)
    return made


def _named(cols: list[str], origin: str, time_column: str | None, series: list[str]) -> None:
    if time_column is None:
        raise BadInput(
            "a forecast study needs the column that dates each period",
            file=origin,
            field="--time-column",
            fix="add --time-column with the date or period column (e.g. --time-column week)",
        )
    for option, col in [("--time-column", time_column), *[("--series-column", s) for s in series]]:
        if col not in cols:
            raise BadInput(
                f"{option} names '{col}', which is not a column of the data."
                f"{did_you_mean(col, cols)}",
                file=origin,
                field=option,
                fix=f"use one of: {', '.join(cols[:30])}",
            )


def _dates(col: pd.Series, name: str, origin: str, detected: Detected | None):
    """The time column as datetimes, and the format written in the contract (None: dates the
    reader parses by itself)."""
    if pd.api.types.is_datetime64_any_dtype(col):
        return col.dt.tz_convert(None) if col.dt.tz is not None else col, None
    shape = period_format(col)
    if shape is not None:
        fmt = shape.format
        parsed = parse_dates(col, [fmt], dayfirst=False)
    elif detected is not None and name in detected.dates:
        formats = detected.dates[name].formats
        fmt = formats[0] if len(formats) == 1 else formats
        parsed = parse_dates(col, formats, dayfirst=detected.options.dayfirst)
    else:
        fmt, parsed = None, pd.Series(pd.NaT, index=col.index)
    bad = col.notna() & parsed.isna()
    if parsed.notna().sum() == 0 or bad.mean() > 0.01:
        shown = ", ".join(repr(str(v)) for v in col[bad].drop_duplicates().head(2))
        raise BadInput(
            f"the time column '{name}' does not read as dates or periods (e.g. {shown})",
            file=origin,
            field="--time-column",
            fix="name the column that dates each period, written as dates (2024-03-31) or "
            "periods (2024-03, 2024 Q1, 2024 W06), or give its format with --date-format",
        )
    return parsed, fmt


def _target(frame, cols, time_column, series, pii, origin) -> str:
    numeric = [
        c
        for c in cols
        if c not in (time_column, *series, *pii)
        and pd.api.types.is_numeric_dtype(frame[c])
        and frame[c].nunique() > 1
    ]
    if len(numeric) == 1:
        return numeric[0]
    raise BadInput(
        "which column to forecast cannot be told"
        + (f": {len(numeric)} columns hold numbers ({', '.join(numeric[:8])})" if numeric else ""),
        file=origin,
        field="--target",
        fix="name it with --target",
    )


def _frequency(given, ids, dates, origin, time_column) -> Frequency:
    if given is None:
        return detect_frequency(ids, dates, origin, time_column)
    try:
        return frequency_of(given)
    except ValueError as exc:
        raise BadInput(str(exc), file=origin, field="--frequency") from None


class Plan(dict):
    """What init proposes: horizon, season, windows, seasons, frequency, extract end."""


def _plan(facts: SeriesFacts, freq: Frequency, horizon, windows, origin: str) -> Plan:
    unit = freq.unit
    h = horizon or unit.default_horizon
    longest = int(facts.lengths.max())
    m = unit.seasons[0]
    if fitting_windows(longest, h, m, 1) < 1:
        m = 1  # a season longer than the data can hold: seasonal naive is naive
    wanted = windows or WINDOWS
    k = fitting_windows(longest, h, m, wanted)
    if k < 1:
        most = max(0, (longest - max(m, 1) - 1) // 2)
        raise BadInput(
            f"a horizon of {h} {unit.plural} is longer than the data allows: the longest series "
            f"has {longest} {unit.plural}, and a study needs a holdout of {h}, a backtest window "
            f"of {h} and {max(m + 1, 2 * h)} {unit.plural} of history before them",
            file=origin,
            field="--horizon",
            fix=f"use --horizon {most} or less" if most >= 1 else "collect a longer history",
        )
    if windows is not None and k < windows:
        raise BadInput(
            f"{windows} backtest windows of {h} {unit.plural} do not fit: the longest series "
            f"has {longest} {unit.plural}, room for {k}",
            file=origin,
            field="--backtest-windows",
            fix=f"use --backtest-windows {k} or a shorter --horizon",
        )
    ok = usable(facts.lengths, h, k, m)
    seasons = [m, *[s for s in facts.seasons if s not in (m, 1)]] if m > 1 else [1]
    return Plan(
        horizon=h,
        windows=k,
        season=m,
        seasons=seasons,
        freq=freq,
        need=needed_length(h, k, m),
        usable=int(ok.sum()),
        short=sorted(map(str, ok[~ok].index)),
        extract_end=facts.extract_end,
        seasonal_words=seasonal_words(freq, m),
    )


def _columns(frame, dates, fmt, target, time_column, series, pii, origin, plan) -> dict:
    """Every column's contract entry, with its place in time and the reason."""
    others = [c for c in map(str, frame.columns) if c not in (time_column, target, *series)]
    columns = infer_contract(
        frame.drop(columns=[time_column]),
        target,
        pii=[p for p in pii if p in frame.columns],
        data_file=origin,
        dates={},
    )
    ids = series_ids(frame, series)
    out: dict[str, dict] = {}
    for name in map(str, frame.columns):
        if name == time_column:
            entry = {"type": "datetime", "role": "time", "nullable": bool(dates.isna().any())}
            if fmt is not None:
                entry["format"] = fmt
            entry["min"], entry["max"] = str(dates.min().date()), str(dates.max().date())
            entry["why"] = [_("the time column (--time-column): orders each series' periods")]
        elif name in series:
            entry = {k: v for k, v in columns[name].items() if k not in ("unique", "min", "max")}
            entry["role"], entry["why"] = "series", [_("names a series (--series-column)")]
        elif name == target:
            entry = columns[name]
            entry["why"] = [_("the values to forecast (--target)")]
        else:
            entry = columns[name]
            if name in others and entry.get("role", "feature") == "feature":
                entry["role"], why = _time_role(frame[name], ids, dates, plan["horizon"])
                entry["why"] = [*entry.get("why", []), why]
        out[name] = entry
    return out


def _time_role(col: pd.Series, ids: pd.Series, dates: pd.Series, horizon: int) -> tuple[str, str]:
    """An input's place in time, from its values: an attribute of each series is static, a
    calendar fact is known in advance, anything else varying within a series is observed."""
    per_series = col.groupby(ids.to_numpy()).nunique(dropna=True)
    if (per_series <= 1).all():
        return "static", _("the same in every period of a series: an attribute of the series")
    if _calendar(col, dates):
        return "known_in_advance", _(
            "a calendar fact of the period (it follows the date): known for any future period"
        )
    return "observed", _(
        "varies within a series, so its value is known only once its period is over: read "
        "lagged by the horizon ({h} periods). If its future values are set ahead (a planned "
        "promotion, an agreed price), make it known_in_advance and list it in "
        "forecast.confirmed_known"
    ).format(h=horizon)


def _calendar(col: pd.Series, dates: pd.Series) -> bool:
    values = pd.to_numeric(col, errors="coerce")
    if values.isna().mean() > 0.01:
        return False
    for attr in CALENDAR:
        if (getattr(dates.dt, attr).astype(float) == values).mean() > 0.99:
            return True
    week = dates.dt.isocalendar().week.astype(float)
    return bool((week == values).mean() > 0.99)


def _facts_rows(facts: SeriesFacts, plan: Plan, refused_mape: bool, fmt) -> list[tuple[str, str]]:
    """init's series table: (what, found)."""
    unit = plan["freq"].unit
    rows = [
        (
            _("frequency"),
            _("{units} ({alias})").format(units=unit.plural, alias=plan["freq"].alias),
        ),
        (_("periods"), _("written as {fmt}").format(fmt=fmt) if fmt else _("dates")),
        (
            _("season"),
            _("{m} {units}: seasonal naive repeats {words}").format(
                m=plan["season"], units=unit.plural, words=plan["seasonal_words"]
            )
            if plan["season"] > 1
            else _("none the data can hold: seasonal naive repeats the last value"),
        ),
        (_("series"), f"{facts.series:,}"),
        (
            _("periods per series"),
            f"{int(facts.lengths.min()):,} to {int(facts.lengths.max()):,} "
            f"({facts.first:%Y-%m-%d} to {facts.last:%Y-%m-%d})",
        ),
        (_("horizon"), f"{plan['horizon']} {unit.plural}"),
        (_("backtest windows"), f"{plan['windows']} of {plan['horizon']} {unit.plural}"),
        (
            _("gaps"),
            _(
                "{k} missing periods in {s} series: interpolated (forecast.gaps: zero if a "
                "missing period means nothing happened)"
            ).format(k=facts.gap_periods, s=len(facts.gaps))
            if facts.gap_periods
            else _("none"),
        ),
        (
            _("repeated periods"),
            _("{k} rows repeat a series' period ({names}): the last is kept").format(
                k=facts.duplicates, names=", ".join(facts.duplicate_series[:5])
            )
            if facts.duplicates
            else _("none"),
        ),
        (
            _("too short"),
            ngettext(
                "{k} series has fewer than {n} periods and is left out: {names}",
                "{k} series have fewer than {n} periods and are left out: {names}",
                len(plan["short"]),
            ).format(k=len(plan["short"]), n=plan["need"], names=", ".join(plan["short"][:5]))
            if plan["short"]
            else _("none (each series needs {n} periods)").format(n=plan["need"]),
        ),
        (
            _("extract end"),
            _("{end:%Y-%m-%d}; {k} rows dated later").format(
                end=plan["extract_end"], k=facts.after_end
            )
            if facts.after_end
            else f"{plan['extract_end']:%Y-%m-%d}",
        ),
    ]
    if refused_mape:
        rows.append(
            (_("MAPE"), _("left out: some actuals are zero, where it is undefined; WAPE instead"))
        )
    return rows


def forecast_spec_yaml(
    name: str,
    target: str,
    data_lines: list[str],
    contract_rel: str,
    time_column: str,
    series: list[str],
    plan: Plan,
    refused_mape: bool,
) -> str:
    unit = plan["freq"].unit
    secondary = ["wape", "smape", "rmse", "bias"] + ([] if refused_mape else ["mape"])
    extras = [s for s in plan["seasons"] if s != plan["season"]]
    lines = [
        f"# Forecast study '{name}', written by `workbench init`. Edit the question, the decision,",
        "# the acceptance criteria and the cost of an error with the client before the first run:",
        "# the recommendation is judged against them. Every key: docs/reference/spec.md.",
        f"name: {name}",
        f'question: "How much {target} will each series have in the next {plan["horizon"]} '
        f"{unit.plural}?\"  # in the client's words",
        'decision: "Whether to plan with a forecast instead of the current method."  # what '
        "the answer informs",
        "data:",
        *data_lines,
        f"  contract: {_scalar(contract_rel)}",
        "task:",
        "  kind: forecast",
        f"  target: {_scalar(target)}",
        "forecast:",
        f"  time_column: {_scalar(time_column)}",
        f"  series_columns: {_scalar(list(series))}  # the columns that name a series",
        f"  frequency: {plan['freq'].alias}  # detected: {unit.plural}",
        f"  horizon: {plan['horizon']}  # {unit.plural} ahead",
        f"  season_lengths: {_scalar([plan['season'], *extras])}  # seasonal naive repeats the "
        f"first: {plan['seasonal_words']}",
        f"  backtest_windows: {plan['windows']}  # windows of {plan['horizon']} before the "
        "holdout: they choose and tune the models",
        "  gaps: interpolate  # or zero, when a missing period means nothing happened",
        f"  extract_end: {plan['extract_end']:%Y-%m-%d}  # rows dated later are flagged",
        "  # units: pieces  # what the target counts, in words",
        "  # confirmed_known: [promo]  # known-in-advance inputs the client confirms are planned",
        "  # costs:  # what a forecast error costs, per unit: agree them with the client",
        "  #   over_forecast: 1.0  # each unit forecast too high (stock held, staff idle)",
        "  #   under_forecast: 3.0  # each unit forecast too low (a lost sale, overtime)",
        "  #   currency: EUR",
        "  #   over_means: overstock",
        "  #   under_means: stock-outs",
        "  #   min_monthly_value: 1000  # the saving a month against seasonal naive to reach",
        "metrics:",
        "  primary: mase  # the error relative to the series' own seasonal changes",
        f"  secondary: [{', '.join(secondary)}]",
        "acceptance:  # agree these with the client up front",
        "  max_primary_error: 1.0  # MASE at most this",
        "  min_lift_over_baseline: 0.05  # MASE better than seasonal naive (the planner's method) "
        "by at least this",
        "profile: standard  # quick | standard | thorough: sets the budgets together",
        "tuning:",
        "  family: xgboost  # the global model over every series",
        "  # trials: 30  # the profile's budget; uncomment to choose your own",
        "  # minutes: 1.5  # the search's wall time; whichever budget runs out first",
        "seed: 42",
    ]
    return "\n".join(lines) + "\n"
