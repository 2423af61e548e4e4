"""A forecast's unit of time in the reader's language: the results save the unit's English name
(`week`, `business day`: the key of `series_facts.UNITS`) and the season's length, and every
sentence that shows them asks here, at the moment it is written, for the unit's noun, a count of
periods (`6 weeks`, `1 week`) or what seasonal naive repeats (`last year's same week`).

Each unit's words are whole messages of the catalog, so that a language with genders and cases
says them as it must; a unit this module does not know (a results file from a newer version)
is shown by its English name.
"""

from __future__ import annotations

from workbench.language import _, ngettext, pgettext
from workbench.wording import count


def unit_name(unit: str) -> str:
    """The unit's noun, singular: `week` (`Woche`)."""
    names = {
        "half-hour": lambda: pgettext("unit of time", "half-hour"),
        "hour": lambda: pgettext("unit of time", "hour"),
        "day": lambda: pgettext("unit of time", "day"),
        "business day": lambda: pgettext("unit of time", "business day"),
        "week": lambda: pgettext("unit of time", "week"),
        "month": lambda: pgettext("unit of time", "month"),
        "quarter": lambda: pgettext("unit of time", "quarter"),
        "year": lambda: pgettext("unit of time", "year"),
    }
    return names[unit]() if unit in names else unit


def unit_names(unit: str) -> str:
    """The unit's noun, plural, without a count: `weeks` (a grid of weeks)."""
    names = {
        "half-hour": lambda: pgettext("units of time", "half-hours"),
        "hour": lambda: pgettext("units of time", "hours"),
        "day": lambda: pgettext("units of time", "days"),
        "business day": lambda: pgettext("units of time", "business days"),
        "week": lambda: pgettext("units of time", "weeks"),
        "month": lambda: pgettext("units of time", "months"),
        "quarter": lambda: pgettext("units of time", "quarters"),
        "year": lambda: pgettext("units of time", "years"),
    }
    return names[unit]() if unit in names else unit + "s"


def periods(n: int, unit: str) -> str:
    """`n` periods of the unit: `6 weeks`, `1 week` (`6 Wochen`)."""
    k = int(n)
    forms = {
        "half-hour": lambda: ngettext("{n} half-hour", "{n} half-hours", k),
        "hour": lambda: ngettext("{n} hour", "{n} hours", k),
        "day": lambda: ngettext("{n} day", "{n} days", k),
        "business day": lambda: ngettext("{n} business day", "{n} business days", k),
        "week": lambda: ngettext("{n} week", "{n} weeks", k),
        "month": lambda: ngettext("{n} month", "{n} months", k),
        "quarter": lambda: ngettext("{n} quarter", "{n} quarters", k),
        "year": lambda: ngettext("{n} year", "{n} years", k),
    }
    if unit not in forms:
        return f"{count(k)} {unit if k == 1 else unit + 's'}"
    return forms[unit]().format(n=count(k))


def seasonal_words(unit: str, season: int) -> str:
    """What seasonal naive repeats, as a planner says it: `last year's same week`."""
    if season == 1:
        last = {
            "half-hour": lambda: _("the last half-hour's value"),
            "hour": lambda: _("the last hour's value"),
            "day": lambda: _("the last day's value"),
            "business day": lambda: _("the last business day's value"),
            "week": lambda: _("the last week's value"),
            "month": lambda: _("the last month's value"),
            "quarter": lambda: _("the last quarter's value"),
            "year": lambda: _("the last year's value"),
        }
        if unit in last:
            return last[unit]()
    words = {
        ("half-hour", 48): lambda: _("the same half-hour yesterday"),
        ("half-hour", 336): lambda: _("the same half-hour last week"),
        ("hour", 24): lambda: _("the same hour yesterday"),
        ("hour", 168): lambda: _("the same hour last week"),
        ("day", 7): lambda: _("the same weekday last week"),
        ("day", 365): lambda: _("the same day last year"),
        ("business day", 5): lambda: _("the same weekday last week"),
        ("week", 52): lambda: _("last year's same week"),
        ("month", 12): lambda: _("the same month last year"),
        ("quarter", 4): lambda: _("the same quarter last year"),
    }
    if (unit, season) in words:
        return words[(unit, season)]()
    return _("the value {periods} earlier").format(periods=periods(season, unit))
