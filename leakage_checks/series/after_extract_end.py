"""Rows dated after the extract's last period (the spec's `forecast.extract_end`, else the last
period at least half the series reach): a target value for a period that had not happened when
the data was taken is a plan or a forecast, not an actual — and it lands in the holdout."""

from __future__ import annotations

import pandas as pd

from leakage_checks.finding import Finding, NotApplicable
from leakage_checks.registry import N_
from leakage_checks.series.series_frames import SeriesFrames, SeriesRoles
from leakage_checks.series.series_registry import register_series
from leakage_checks.speech import _, count, ngettext, series_count


@register_series(
    "after_extract_end",
    N_("Are rows dated after the extract's last period (plans or forecasts standing as actuals)?"),
)
def check(frames: SeriesFrames, roles: SeriesRoles, settings: dict) -> list[Finding]:
    rows = frames.extract.dropna(subset=["ds"])
    end = roles.extract_end
    if end is None:
        ends = rows.groupby("unique_id")["ds"].max().sort_values(ascending=False)
        if len(ends) < 2:
            raise NotApplicable(_("one series: the extract's end is its own last period"))
        end = ends.iloc[(len(ends) + 1) // 2 - 1]
    late = rows[rows["ds"] > end]
    if late.empty:
        return []
    series = int(late["unique_id"].nunique())
    return [
        Finding(
            check="after_extract_end",
            severity="warning",
            columns=[roles.target_name],
            evidence={
                "rows_after_end": float(len(late)),
                "series": float(series),
                "periods_after_end": float(late["ds"].nunique()),
            },
            message=ngettext(
                "{rows} row of {series} is dated after the extract's last period "
                "({end}): its value of '{target}' cannot be an actual yet, and it falls into "
                "that series' holdout.",
                "{rows} rows of {series} are dated after the extract's last period "
                "({end}): their values of '{target}' cannot be actuals yet, and they fall into "
                "those series' holdout.",
                len(late),
            ).format(
                rows=count(len(late)),
                series=series_count(series),
                end=_day(end),
                target=roles.target_name,
            ),
            fix=_(
                "remove rows dated after the extract was taken (or set forecast.extract_end to "
                "the true last period, if they are actuals)"
            ),
        )
    ]


def _day(t) -> str:
    return f"{t:%Y-%m-%d}" if isinstance(t, pd.Timestamp) else str(t)
