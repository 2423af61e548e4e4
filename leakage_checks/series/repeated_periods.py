"""Rows repeating a series' period. The study keeps the last of them; when the repeats disagree,
which one is the actual cannot be told from the extract (a revised figure, or two parts of one
period's total)."""

from __future__ import annotations

from leakage_checks.finding import Finding
from leakage_checks.registry import N_
from leakage_checks.series.series_frames import SeriesFrames, SeriesRoles
from leakage_checks.series.series_registry import register_series
from leakage_checks.speech import _, count, extra_rows_count, ngettext, series_count


@register_series(
    "repeated_periods",
    N_("Does the extract hold two rows for the same series and period?"),
)
def check(frames: SeriesFrames, roles: SeriesRoles, settings: dict) -> list[Finding]:
    rows = frames.extract
    keys = ["unique_id", "ds"]
    dup = rows.duplicated(keys, keep=False)
    if not dup.any():
        return []
    repeated = rows[dup]
    spread = repeated.groupby(keys)["y"].nunique(dropna=False)
    differing = int((spread > 1).sum())
    periods = len(spread)
    series = int(repeated["unique_id"].nunique())
    extra = int(rows.duplicated(keys).sum())
    evidence = {
        "repeated_periods": float(periods),
        "extra_rows": float(extra),
        "differing_periods": float(differing),
        "series": float(series),
    }
    if differing > settings["repeated_periods_warning"]:
        return [
            Finding(
                check="repeated_periods",
                severity="warning",
                columns=[],
                evidence=evidence,
                message=ngettext(
                    "{periods} period of {series} appears more than once ({extra}), "
                    "{differing} of them with different values of the target: the study "
                    "kept the last row of each, which may not be the actual.",
                    "{periods} periods of {series} appear more than once ({extra}), "
                    "{differing} of them with different values of the target: the study "
                    "kept the last row of each, which may not be the actual.",
                    periods,
                ).format(
                    periods=count(periods),
                    series=series_count(series),
                    extra=extra_rows_count(extra),
                    differing=count(differing),
                ),
                fix=_(
                    "de-duplicate the extract to one row per series and period (sum the rows "
                    "if they are parts of one period's total; keep the final figure if they are "
                    "revisions)"
                ),
            )
        ]
    return [
        Finding(
            check="repeated_periods",
            severity="info",
            columns=[],
            evidence=evidence,
            message=ngettext(
                "{periods} period of {series} appears more than once ({extra}), with the "
                "same value of the target: exact copies, one of each kept.",
                "{periods} periods of {series} appear more than once ({extra}), with the "
                "same value of the target: exact copies, one of each kept.",
                periods,
            ).format(
                periods=count(periods), series=series_count(series), extra=extra_rows_count(extra)
            ),
            fix=_("de-duplicate the extract to one row per series and period"),
        )
    ]
