"""Small matplotlib helpers: one look for every figure, readable on screen and in print, its
numbers written as the reader's language writes them (`0,25` in German)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import ScalarFormatter

from workbench.wording import MINUS, decimal_digits

plt.rcParams.update(
    {
        "figure.dpi": 100,
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "svg.hashsalt": "workbench",
    }
)
ACCENT, MUTED, WARN, BAD = "#1f5f8b", "#9aa5b1", "#d08c1f", "#b23b3b"


class Ticks(ScalarFormatter):
    """matplotlib's choice of tick values and decimals, written in the reader's language (at
    drawing time, so in the language of the stage that saves the figure)."""

    def __call__(self, x, pos=None):
        shown = super().__call__(x, pos)
        if not shown or "e" in shown.lower() or "$" in shown:
            return shown
        digits = len(shown.rpartition(".")[2]) if "." in shown else 0
        value = float(shown.replace(MINUS, "-"))
        return decimal_digits(value, digits)


def localise(*axes) -> None:
    """Give the axes' numeric ticks the reader's number format."""
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_formatter(), ScalarFormatter):
                axis.set_major_formatter(Ticks())


def new(width: float = 6.5, height: float = 3.2):
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    localise(ax)
    return fig, ax


def pair(width: float = 7.8, height: float = 3.6):
    """Two panels side by side."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(width, height), layout="constrained")
    localise(left, right)
    return fig, (left, right)


def barh(labels, values, title: str, xlabel: str, colors=None, errors=None, width: float = 6.5):
    """A horizontal bar chart, largest value on top."""
    fig, ax = new(width, max(1.6, 0.32 * len(labels) + 0.9))
    y = range(len(labels))
    ax.barh(list(y), values, color=colors or ACCENT, xerr=errors, capsize=3 if errors else 0)
    ax.set_yticks(list(y), labels=labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    return fig, ax
