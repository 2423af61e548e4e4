"""A follow-up duration among the inputs: days from the start until the event or until the end
of observation. The outcome itself ends it: the cases with the event spread from the start
onwards (event times pile up early and thin out), while the cases without it run until the
observation stops, bunched towards a common upper end. A model reading it learns how long a
case was watched, which nobody knows when the prediction is made."""

from __future__ import annotations

import re

import numpy as np

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.speech import _, count, number, pct
from leakage_checks.subsets import class_word
from leakage_checks.util import is_number, sample_rows, symmetric_auc

MIN_DISTINCT = 20  # a duration takes many values; a 1-10 score or a count of a few is none
SPIKE_SHARE = 0.01
SPIKE_FACTOR = 5  # a spike holds 5 times the rows of the values next to it
SPIKE_NEIGHBOURS = 10  # distinct values on each side a spike is compared with
MIN_CLASS_ROWS = 30
WINDOW_MIN_DISTINCT = 8  # days until an event, below the window's end, take several values
# words that name a duration in time (supporting evidence, said in the message)
DURATION_WORDS = re.compile(
    r"(time|days?|weeks?|months?|years?|duration|follow|futime|surviv|stay|tenure|observ|los$)",
    re.IGNORECASE,
)


def skew(values: np.ndarray) -> float:
    """How far the upper tail reaches beyond the median, against the lower tail: (q95 − q50) /
    (q50 − q5). 1 for a symmetric spread, above 1 when values pile up low and thin out upwards
    (event times), below 1 when they bunch against an upper end (observation that stops)."""
    q05, q50, q95 = np.percentile(values, [5, 50, 95])
    low = q50 - q05
    return float((q95 - q50) / low) if low > 0 else float("inf")


def upper_tail(values: np.ndarray) -> float:
    """How far the top 10% reach beyond the 90th percentile, against the half below it: (q99 −
    q90) / (q90 − q50). About 0.1 to 0.3 for values that stop at a common end (0.24 for a
    uniform spread), 1 for a normal bell's thinning tail, more for a long right tail."""
    q50, q90, q99 = np.percentile(values, [50, 90, 99])
    low = q90 - q50
    return float((q99 - q90) / low) if low > 0 else float("inf")


def duration_shape(x: np.ndarray, y: np.ndarray) -> dict[str, float] | None:
    """For a non-negative number and a yes/no outcome: which class runs longer (higher median),
    how each class's values are skewed, where the longer class stops and where the shorter one
    starts, and how well the number separates the classes. None when the number cannot be a
    duration (negative values, too few values or rows)."""
    keep = np.isfinite(x)
    x, y = x[keep], y[keep]
    if len(x) < 60 or np.nanmin(x) < 0 or len(np.unique(x)) < MIN_DISTINCT:
        return None
    classes = np.unique(y)
    if len(classes) != 2 or min((y == k).sum() for k in classes) < MIN_CLASS_ROWS:
        return None
    medians = [np.median(x[y == k]) for k in classes]
    long_, short = (classes[1], classes[0]) if medians[1] > medians[0] else classes
    x_long, x_short = x[y == long_], x[y == short]
    median_long = float(np.median(x_long))
    return {
        "long_class": int(long_),
        "short_class": int(short),
        "skew_long": skew(x_long),
        "skew_short": skew(x_short),
        "upper_tail_long": upper_tail(x_long),
        "start_short": float(np.percentile(x_short, 5) / median_long) if median_long > 0 else 1.0,
        "auc": symmetric_auc(y == long_, x),
        "median_long": median_long,
        "median_short": float(np.median(x_short)),
    }


def is_follow_up(shape: dict[str, float], settings: dict) -> bool:
    """A time-like count, capped at an end of observation, that relates to the outcome through
    that cap:

    - time-like: it starts near zero, as days since a start do: the shorter class's 5th
      percentile at most `duration_start` of the longer class's median;
    - capped: the longer class stops at a common upper end instead of thinning out (its upper
      tail, `upper_tail`, at most `duration_cap_tail`) and has no long right tail of its own
      (its skew at most `duration_long_skew`);
    - through the cap: the shorter class piles up early and thins out below it, as times until
      an event do (its skew `duration_skew_ratio` times the longer class's or more), the number
      separates the classes (AUC `duration_auc`), and the class that runs to the cap is the one
      without the event (code 0, the outcome not predicted).

    An honest measurement (a lab value, a balance, a capped score) fails one of these: it does
    not start at zero, or its classes are shaped alike, or the class that runs longer is the one
    with the event. The column's name is no evidence either way: an honest days-since count
    capped at its look-back (days since the last login, at most 90) runs to the cap for the
    class with the event, and its name says it is a duration too."""
    ratio = shape["skew_short"] / max(shape["skew_long"], 1e-9)
    return (
        shape["auc"] >= settings["duration_auc"]
        and ratio >= settings["duration_skew_ratio"]
        and shape["skew_long"] <= settings["duration_long_skew"]
        and shape["upper_tail_long"] <= settings["duration_cap_tail"]
        and shape["start_short"] <= settings["duration_start"]
        and shape["long_class"] == 0
    )


@register(
    "follow_up_duration",
    "Does a number run until the outcome ends it: a follow-up until the event or the end of "
    "observation?",
)
def follow_up_duration(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if roles.task != "binary":
        raise NotApplicable(_("a follow-up ended by the event is judged for yes/no outcomes"))
    X, ys = sample_rows(
        frames.X_train[roles.features],
        frames.y_train,
        int(settings["single_feature_max_rows"]),
        roles.seed,
    )
    numbers = [c for c in roles.features if is_number(X[c]) and X[c].nunique() >= MIN_DISTINCT]
    if not any(is_number(X[c]) and X[c].nunique() >= WINDOW_MIN_DISTINCT for c in roles.features):
        raise NotApplicable(
            _("no numeric input with {n} distinct values or more").format(
                n=count(WINDOW_MIN_DISTINCT)
            )
        )
    y = ys.to_numpy().astype(int)
    out = []
    for col in roles.features:
        if not is_number(X[col]) or X[col].nunique() < WINDOW_MIN_DISTINCT:
            continue
        x = X[col].to_numpy(dtype="float64", na_value=np.nan)
        found = window_end(x, y, settings)
        if found is not None:
            out.append(_window_finding(col, found, roles))
    for col in [c for c in numbers if c not in {f.columns[0] for f in out}]:
        x = X[col].to_numpy(dtype="float64", na_value=np.nan)
        for rows, spikes in _views(x):
            shape = duration_shape(x[rows], y[rows])
            if shape is not None and is_follow_up(shape, settings):
                out.append(
                    _finding(col, shape | {"rows_without_spikes": rows.sum()}, roles, spikes)
                )
                break
    return sorted(out, key=lambda f: -f.evidence.get("auc", 1.0))


def window_end(x: np.ndarray, y: np.ndarray, settings: dict) -> dict | None:
    """A window's end written for every case of one class: the rows without the event all hold
    the column's largest value (the end of observation), the rows with it spread below, from
    near zero (days until the event). An honest capped count or score leaves rows of both
    classes below its cap; a follow-up window cut short by the event leaves only the event's.
    Returns the shape (class at the end, its share there, the rows below the end and their
    distinct values) or None."""
    keep = np.isfinite(x)
    x, y = x[keep], y[keep]
    if len(x) < 60 or len(np.unique(y)) != 2 or np.min(x) < 0:
        return None
    top = float(np.max(x))
    below = x < top
    rows_end = y == 0  # the class without the event runs to the window's end
    share = float(np.mean(~below[rows_end]))
    event = below & ~rows_end
    if (
        rows_end.sum() >= settings["window_min_rows"]
        and share >= settings["window_end_share"]
        and event.sum() >= settings["window_min_rows_below"]
        and len(np.unique(x[event])) >= WINDOW_MIN_DISTINCT
        and np.percentile(x[event], 5) <= settings["duration_start"] * top
    ):
        return {
            "class_at_end": 0,
            "event_class": 1,
            "end": top,
            "share_of_class_at_end": share,
            "rows_below_end": int(event.sum()),
            "share_of_event_class_below_end": float(np.mean(below[~rows_end])),
            "distinct_below_end": len(np.unique(x[event])),
        }
    return None


def _window_finding(col: str, shape: dict, roles: Roles) -> Finding:
    return Finding(
        check="follow_up_duration",
        severity="critical",
        columns=[col],
        evidence={
            "end_of_window": shape["end"],
            "share_of_class_at_end": round(shape["share_of_class_at_end"], 4),
            "share_of_event_class_below_end": round(shape["share_of_event_class_below_end"], 4),
            "rows_below_end": shape["rows_below_end"],
            "distinct_values_below_end": shape["distinct_below_end"],
        },
        message=_(
            "'{column}' has the shape of an observation window that the outcome cuts short: "
            "{share} of rows whose outcome is {end_class} hold its largest value, {end} (the "
            "window's end), while {below} of rows whose outcome is {event_class} hold smaller "
            "values, from near zero upwards (as days until an event do). An honest capped "
            "number leaves rows of both outcomes below its cap. How long a case was watched is "
            "known only once its outcome is."
        ).format(
            column=col,
            share=pct(shape["share_of_class_at_end"]),
            end_class=class_word(shape["class_at_end"], roles.classes),
            end=_common(shape["end"]),
            below=pct(shape["share_of_event_class_below_end"]),
            event_class=class_word(shape["event_class"], roles.classes),
        ),
        fix=_(
            "Ask what '{column}' measures. If it counts the time until the event or the end of "
            "the window, mark it known_at: after_outcome in the contract."
        ).format(column=col),
    )


def spikes_of(x: np.ndarray) -> np.ndarray:
    """Values written for many rows alike: each holds 1% of the rows or more and 5 times the
    rows of the values next to it (the median count of the 10 distinct values on each side),
    such as a planned term written where no follow-up was recorded. The common values of a
    rounded measurement (a heart rate in whole beats) hold as many rows as their neighbours:
    they are its bulk, not spikes."""
    values, counts = np.unique(x[np.isfinite(x)], return_counts=True)
    out = []
    for i in np.flatnonzero(counts >= SPIKE_SHARE * len(x)):
        near = np.concatenate(
            [counts[max(0, i - SPIKE_NEIGHBOURS) : i], counts[i + 1 : i + 1 + SPIKE_NEIGHBOURS]]
        )
        if not len(near) or counts[i] >= SPIKE_FACTOR * max(float(np.median(near)), 1.0):
            out.append(values[i])
    return np.array(out)


def _views(x: np.ndarray):
    """All rows, then the rows whose value is no spike (`spikes_of`), when the others are a
    tenth of the rows or more."""
    yield np.ones(len(x), dtype=bool), []
    spikes = spikes_of(x)
    if len(spikes):
        rows = ~np.isin(x, spikes)
        if 0.1 <= rows.mean() < 1:
            yield rows, [float(v) for v in spikes]


def _finding(col: str, shape: dict[str, float], roles: Roles, spikes: list[float]) -> Finding:
    long_word = class_word(shape["long_class"], roles.classes)
    short_word = class_word(shape["short_class"], roles.classes)
    named = bool(DURATION_WORDS.search(col))
    return Finding(
        check="follow_up_duration",
        severity="critical",
        columns=[col],
        evidence={
            "auc": round(shape["auc"], 4),
            "skew_of_longer_class": round(shape["skew_long"], 3),
            "skew_of_shorter_class": round(shape["skew_short"], 3),
            "median_longer_class": round(shape["median_long"], 4),
            "median_shorter_class": round(shape["median_short"], 4),
            "upper_tail_of_longer_class": round(shape["upper_tail_long"], 3),
            "start_of_shorter_class": round(shape["start_short"], 3),
            "name_says_duration": float(named),
            "rows_judged": float(shape["rows_without_spikes"]),
        },
        message=_shape_message(spikes, named).format(
            column=col,
            short=short_word,
            long=long_word,
            auc=number(shape["auc"], 2),
            values=", ".join(_common(v) for v in spikes[:5]) + (", …" if len(spikes) > 5 else ""),
        ),
        fix=_(
            "Ask what '{column}' measures. If it runs until the event or the end of observation, "
            "mark it known_at: after_outcome in the contract; use what was known at the start "
            "(e.g. the time since the case opened, as of the prediction date)."
        ).format(column=col),
    )


def _common(v: float) -> str:
    """A value written for many rows alike: `365`, `12.50`."""
    return count(v) if float(v).is_integer() else number(v, 2)


def _shape_message(spikes: list, named: bool) -> str:
    """The finding's sentence, with the common values left out of the AUC or not, and with the
    column's name saying it is a duration or not."""
    if spikes and named:
        return _(
            "'{column}' has the shape of a follow-up that the outcome ends: rows whose outcome is "
            "{short} pile up at low values and thin out towards the top (as times until an event "
            "do), rows whose outcome is {long} bunch towards a common upper end (as cases watched "
            "until the observation stops do), and it separates the two with AUC {auc} among the "
            "rows whose value is no common value ({values} are written for many rows alike), its "
            "name says it is a duration. How long a case was followed is known only once its "
            "outcome is."
        )
    if spikes:
        return _(
            "'{column}' has the shape of a follow-up that the outcome ends: rows whose outcome is "
            "{short} pile up at low values and thin out towards the top (as times until an event "
            "do), rows whose outcome is {long} bunch towards a common upper end (as cases watched "
            "until the observation stops do), and it separates the two with AUC {auc} among the "
            "rows whose value is no common value ({values} are written for many rows alike). How "
            "long a case was followed is known only once its outcome is."
        )
    if named:
        return _(
            "'{column}' has the shape of a follow-up that the outcome ends: rows whose outcome is "
            "{short} pile up at low values and thin out towards the top (as times until an event "
            "do), rows whose outcome is {long} bunch towards a common upper end (as cases watched "
            "until the observation stops do), and it separates the two with AUC {auc}, its name "
            "says it is a duration. How long a case was followed is known only once its outcome "
            "is."
        )
    return _(
        "'{column}' has the shape of a follow-up that the outcome ends: rows whose outcome is "
        "{short} pile up at low values and thin out towards the top (as times until an event do), "
        "rows whose outcome is {long} bunch towards a common upper end (as cases watched until the "
        "observation stops do), and it separates the two with AUC {auc}. How long a case was "
        "followed is known only once its outcome is."
    )
