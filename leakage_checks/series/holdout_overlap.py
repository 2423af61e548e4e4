"""A holdout period of a series that is also in its training part: the forecast would be scored
on a period the models learned from. The split makes the holdout the last periods of every
series, so this is a self-test of the split (and of an extract whose periods are not unique)."""

from __future__ import annotations

from leakage_checks.finding import Finding
from leakage_checks.registry import N_
from leakage_checks.series.series_frames import SeriesFrames, SeriesRoles
from leakage_checks.series.series_registry import register_series
from leakage_checks.speech import _, count, ngettext, series_count


@register_series(
    "holdout_in_training",
    N_(
        "Is any holdout period of a series also in its training part, or dated before the end of "
        "its training?"
    ),
)
def check(frames: SeriesFrames, roles: SeriesRoles, settings: dict) -> list[Finding]:
    p = frames.panel
    train, test = p[p["part"] == "train"], p[p["part"] == "test"]
    shared = test.merge(train[["unique_id", "ds"]], on=["unique_id", "ds"]).shape[0]
    last = train.groupby("unique_id")["ds"].max()
    first = test.groupby("unique_id")["ds"].min()
    early = int((first.reindex(last.index) <= last).sum())
    if not shared and not early:
        return []
    return [
        Finding(
            check="holdout_in_training",
            severity="critical",
            columns=[],
            evidence={"shared_periods": float(shared), "series_overlapping": float(early)},
            message=ngettext(
                "{shared} holdout period is also a training period, and in {early} the holdout "
                "starts before the training ends: the holdout scores periods the models learned "
                "from.",
                "{shared} holdout periods are also training periods, and in {early} the holdout "
                "starts before the training ends: the holdout scores periods the models learned "
                "from.",
                shared,
            ).format(shared=count(shared), early=series_count(early)),
            fix=_(
                "make every series' periods unique and its holdout its last periods "
                "(one row per series and period in the extract)"
            ),
        )
    ]
