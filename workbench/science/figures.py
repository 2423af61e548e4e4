"""Small matplotlib helpers: one look for every figure, readable on screen and in print."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

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


def new(width: float = 6.5, height: float = 3.2):
    return plt.subplots(figsize=(width, height), layout="constrained")


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
