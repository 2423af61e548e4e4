"""What the report's forecast sections read: the forecast blocks of the results files turned into
tables (every model on the holdout, what the errors cost, the prediction intervals, the error by
horizon step, the series, the backtest windows, every baseline per series). Results only."""

from __future__ import annotations

from typing import Any

from workbench.inputs.metrics import METRICS
from workbench.inputs.period_words import periods, seasonal_words, unit_name, unit_names
from workbench.language import _, ngettext
from workbench.report.escaping import Markdown, escape
from workbench.store.layout import FinishedRun
from workbench.wording import count, level, money, number, pct, span, value

NAIVE = "seasonal_naive"
SERIES_SHOWN = 20  # series in the appendix's per-series tables (the largest by holdout volume)


def forecast_context(results: FinishedRun) -> dict[str, Any] | None:
    ev = results.evaluation
    if ev.forecast is None:
        return None
    fe, fd = ev.forecast, results.data.forecast
    return {
        "ev": fe,
        "data": fd,
        "split": results.leakage.forecast,
        "baselines": results.baselines.forecast if results.baselines else None,
        "tuning": results.tuning.forecast if results.tuning else None,
        "candidate": results.candidate,
        "contenders_table": contenders_table(results),
        "models_table": models_table(results),
        "models_table_full": models_table(results, full=True),
        "money_table": money_table(results),
        "intervals_table": intervals_table(results),
        "steps_table": steps_table(results),
        "series_table": series_table(results),
        "windows_table": windows_table(results),
        "per_series_table": per_series_table(results),
        "wins": _wins(results),
        "candidate_wape": ev.candidate.secondary.get("wape"),
        "baseline_wape": ev.baseline.secondary.get("wape"),
        "worse": _worse(results),
        # the unit's words and the dates in the reader's language (the results save the keys)
        "unit": unit_name(fd.unit),
        "units": unit_names(fd.unit),
        "horizon": periods(fd.horizon, fd.unit),
        "seasonal": seasonal_words(fd.unit, fd.season),
        "first": _period(fd.first),
        "last": _period(fd.last),
        "rolling_means": _rolling_means(results),
        "leans_on": _leans_on(results),
        "left_out_series": "; ".join(f"{name} ({why})" for name, why in fd.left_out.items()),
    }


def _table(header: list[str], rows: list[list[str]], right=()) -> Markdown:
    right = set(right)
    rule = "|" + "|".join("---:" if i in right else ":---" for i in range(len(header))) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(str(c) for c in cells) + " |" for cells in rows]
    return Markdown("\n".join(lines))


def _cell(iv) -> str:
    return f"{number(iv.value)} ({span(iv.ci_low, iv.ci_high)})" if iv is not None else "—"


def _period(text: str) -> str:
    """A period as the results save it (`2024-05-01`, `2024-05-01 13:30:00`), as the reader's
    language writes a date in a table (`01.05.2024` in German)."""
    import pandas as pd

    try:
        return value(pd.Timestamp(text))
    except (TypeError, ValueError):
        return text


def _to(low: str, high: str) -> str:
    return _("{low} to {high}").format(low=low, high=high)


def _pct_cell(iv) -> str:
    """A share with its interval in a table cell: `12.3% (11.0% to 13.9%)`."""
    return f"{pct(iv.value)} ({_to(pct(iv.ci_low), pct(iv.ci_high))})"


def models_table(results: FinishedRun, full: bool = False) -> Markdown:
    """Every model on the holdout, the candidate first, with intervals: in the primary metric,
    WAPE and bias (page one), or in every metric (`full`, the appendix)."""
    fe = results.evaluation.forecast
    metrics = list(fe.scores["candidate"])
    if not full:
        metrics = [m for m in metrics if m in (results.evaluation.metric, "wape", "bias")]
    order = ["candidate", NAIVE, *[m for m in fe.scores if m not in ("candidate", NAIVE)]]
    rows = []
    for m in order:
        if m == fe.candidate:
            continue  # the candidate's own column: shown once, as the candidate
        name = fe.labels.get(m, m)
        if m == "candidate":
            name = _("{name} (candidate)").format(name=name)
        elif m == NAIVE:
            name = _("{name} (the planner's stand-in)").format(name=name)
        cells = [escape(name)]
        for k in metrics:
            iv = fe.scores[m][k]
            cells.append(_pct_cell(iv) if k in ("wape", "smape", "bias", "mape") else _cell(iv))
        rows.append(cells)
    header = [_("Model"), *(escape(METRICS[k].label) for k in metrics)]
    return _table(header, rows, right=range(1, len(header)))


def money_table(results: FinishedRun) -> Markdown | None:
    v, d = results.evaluation.forecast.value, results.data.forecast
    if v is None:
        return None

    def row(label: str, iv, per: float) -> list[str]:
        return [
            label,
            money(iv.value * per, v.currency),
            _to(money(iv.ci_low * per, v.currency), money(iv.ci_high * per, v.currency)),
        ]

    per, unit = v.periods_per_month, unit_name(d.unit)
    rows = [
        row(
            escape(_("Cost of the candidate's errors, a {unit}").format(unit=unit)),
            v.candidate_per_period,
            1,
        ),
        row(
            escape(_("Cost of seasonal naive's errors, a {unit}").format(unit=unit)),
            v.baseline_per_period,
            1,
        ),
        row(_bold(_("Saving, a {unit}").format(unit=unit)), v.saving_per_period, 1),
    ]
    if d.unit != "month":
        rows.append(row(_bold(_("Saving, a month")), v.saving_per_period, per))
    if v.min_monthly_value is not None:
        rows.append(
            [
                escape(_("Agreed minimum saving, a month")),
                money(v.min_monthly_value, v.currency),
                "",
            ]
        )
    return _table([" ", _("Amount"), _("95% interval")], rows, right=[1])


def intervals_table(results: FinishedRun) -> Markdown:
    fe = results.evaluation.forecast
    rows = [
        [
            pct(iv.level, 0),
            _pct_cell(iv.coverage),
            number(iv.mean_width),
            count(iv.periods),
        ]
        for iv in fe.intervals
    ]
    return _table(
        [_("Interval"), _("Actuals inside (95% interval)"), _("Mean width"), _("Periods")],
        rows,
        right=[1, 2, 3],
    )


def steps_table(results: FinishedRun) -> Markdown:
    ev, fe = results.evaluation, results.evaluation.forecast
    cand = fe.by_step["candidate"][ev.metric]
    naive = fe.by_step[NAIVE][ev.metric]
    wape = fe.by_step["candidate"].get("wape", [])
    naive_wape = fe.by_step[NAIVE].get("wape", [])
    rows = [
        [
            str(i + 1),
            number(cand[i]),
            number(naive[i]),
            pct(wape[i]) if i < len(wape) else "—",
            pct(naive_wape[i]) if i < len(naive_wape) else "—",
        ]
        for i in range(len(cand))
    ]
    label = escape(METRICS[ev.metric].label)
    return _table(
        [
            _("Periods ahead"),
            _("{label}, candidate").format(label=label),
            _("{label}, seasonal naive").format(label=label),
            _("WAPE, candidate"),
            _("WAPE, seasonal naive"),
        ],
        rows,
        right=range(5),
    )


def series_table(results: FinishedRun) -> Markdown:
    d = results.data.forecast
    rows = [
        [_("Frequency"), escape(f"{unit_names(d.unit)} ({d.frequency})")],
        [_("Seasons (periods)"), escape(", ".join(count(s) for s in d.seasons))],
        [_("Seasonal naive repeats"), escape(seasonal_words(d.unit, d.season))],
        [_("Series in the data"), count(d.series)],
        [_("Series studied"), count(d.studied)],
        [
            _("Periods per series"),
            _("{low} to {high} (median {median})").format(
                low=count(d.periods_min),
                high=count(d.periods_max),
                median=number(d.periods_median, 0),
            ),
        ],
        [_("First and last period"), escape(_to(_period(d.first), _period(d.last)))],
        [_("The extract's last period"), escape(_period(d.extract_end))],
        [
            _("Periods missing inside a series (filled)"),
            ngettext("{n} in {k} series", "{n} in {k} series", d.gap_series).format(
                n=count(d.gap_periods), k=count(d.gap_series)
            ),
        ],
        [_("Rows repeating a series' period"), count(d.duplicate_rows)],
        [_("Rows dated after the extract's end"), count(d.after_end)],
        [_("Actuals of zero"), count(d.zero_actuals)],
        [_("Horizon"), escape(periods(d.horizon, d.unit))],
        [_("Backtest windows"), count(d.backtest_windows)],
    ]
    return _table([_("Fact"), _("Value")], rows)


def windows_table(results: FinishedRun) -> Markdown:
    fs = results.leakage.forecast
    rows = [
        [
            escape(_("holdout") if w.window == 0 else _("window {k}").format(k=w.window)),
            escape(
                _period(w.origin_first)
                if w.origin_first == w.origin_last
                else _to(_period(w.origin_first), _period(w.origin_last))
            ),
            escape(_to(_period(w.first), _period(w.last))),
            count(w.rows),
        ]
        for w in fs.windows
    ]
    return _table(
        [_("Part"), _("Forecast origin"), _("Periods forecast"), _("Series-periods")],
        rows,
        right=[3],
    )


def contenders_table(results: FinishedRun) -> Markdown | None:
    """Every model that could have been the candidate against seasonal naive on the backtest:
    its error, its lift with the rule's interval, and the judge's verdict on it."""
    choice, t = results.candidate, results.tuning
    if choice is None or t is None or t.forecast is None:
        return None
    verdicts = {
        "pass": _("beats it clearly"),
        "uncertain": _("not told apart"),
        "fail": _("worse"),
    }
    rows = [
        [
            _bold(c.label) if c.model == choice.candidate else escape(c.label),
            number(c.backtest),
            number(c.lift.value),
            _to(number(c.lift.ci_low), number(c.lift.ci_high)),
            verdicts.get(c.verdict, c.verdict),
        ]
        for c in sorted(choice.contenders, key=lambda c: c.backtest)
    ]
    naive = _("seasonal naive")
    rows.append(
        [
            _bold(naive) if choice.candidate == NAIVE else escape(naive),
            number(t.forecast.naive_backtest),
            "—",
            "—",
            "—",
        ]
    )
    header = [
        _("Model"),
        _("Backtest error"),
        _("Lift over seasonal naive"),
        _("{level} interval").format(level=level(t.forecast.lift_level)),
        _("Against seasonal naive"),
    ]
    return _table(header, rows, right=[1, 2])


def per_series_table(results: FinishedRun) -> Markdown | None:
    """Every baseline's (and the tuned global model's) backtest error per series, and the
    candidate's and seasonal naive's holdout error: the largest series by holdout volume."""
    b, t, fe = results.baselines, results.tuning, results.evaluation.forecast
    if b is None or b.forecast is None:
        return None
    columns = {s.model: s.scores for s in b.forecast.by_series}
    labels = dict(b.forecast.labels)
    if t is not None and t.forecast is not None:
        for s in t.forecast.by_series:
            columns["global"] = s.scores
        labels["global"] = _("global model")
    holdout = {s.model: s.scores for s in fe.by_series}
    largest = sorted(fe.volume, key=lambda k: -fe.volume[k])[:SERIES_SHOWN]
    rows = []
    for name in largest:
        cells = [escape(name)]
        cells += [number(columns[m].get(name)) for m in columns]
        cells += [number(holdout["candidate"].get(name)), number(holdout[NAIVE].get(name))]
        rows.append(cells)
    header = [
        _("Series"),
        *(escape(labels[m]) for m in columns),
        _("holdout: candidate"),
        _("holdout: seasonal naive"),
    ]
    return _table(header, rows, right=range(1, len(header)))


def _rolling_means(results: FinishedRun) -> str:
    """The tuned global model's rolling means, `lag: windows; …` (empty for none)."""
    t = results.tuning
    if t is None or t.forecast is None:
        return ""
    means = t.forecast.config.get("rolling_means") or {}
    return "; ".join(f"{k}: {', '.join(count(w) for w in ws)}" for k, ws in means.items())


def _leans_on(results: FinishedRun) -> str:
    """The ten inputs the global model gains most from, with their share of its gain."""
    t = results.tuning
    if t is None or t.forecast is None:
        return ""
    top = list(t.forecast.importances.items())[:10]
    return ", ".join(f"{k} {pct(v, 0)}" for k, v in top)


def _wins(results: FinishedRun) -> str:
    b = results.baselines
    if b is None or b.forecast is None:
        return ""
    parts = [
        _("{name} {k}").format(name=b.forecast.labels[m], k=count(k))
        for m, k in b.forecast.wins.items()
    ]
    return ", ".join(parts)


def _worse(results: FinishedRun) -> dict[str, int]:
    fe = results.evaluation.forecast
    scores = {s.model: s.scores for s in fe.by_series}
    cand, naive = scores["candidate"], scores[NAIVE]
    return {
        "worse": sum(1 for k, v in cand.items() if k in naive and v > naive[k]),
        "series": len(cand),
    }


def _bold(label: str) -> str:
    """A table's label in bold, escaped."""
    return f"**{escape(label)}**"
