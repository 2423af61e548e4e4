"""The study site's figure: the primary score and the value a month of every finished run,
each with its 95% interval, run after run (SVG: sharp on screen and in print)."""

from __future__ import annotations

import io

from workbench.language import _
from workbench.site.history import StudyHistory


def trend_svg(history: StudyHistory) -> bytes | None:
    """The figure as SVG, or None before two runs have a score to show: one point is no trend,
    and the table already gives the first run's score (a study's first run also spares the
    1.5 s of importing and drawing with matplotlib)."""
    scored = [e for e in history.runs if e.score_interval is not None]
    if len(scored) < 2:
        return None
    from workbench.science import figures  # matplotlib, with the workbench's look

    valued = [e for e in scored if e.value_interval is not None]
    rows = 2 if valued else 1
    fig, axes = figures.plt.subplots(
        rows, 1, figsize=(6.5, 2.3 * rows + 0.4), layout="constrained", squeeze=False
    )
    ax = axes[0][0]
    _points(ax, scored, "score_interval", figures.ACCENT)
    bars = [(e.number, e.bar) for e in scored if e.bar is not None]
    if bars:
        ax.scatter(
            [n for n, _b in bars],
            [b for _n, b in bars],
            marker="_",
            s=400,
            color=figures.BAD,
            label=_("the bar agreed with the client"),
        )
        ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.set_ylabel(history.metric)
    ax.set_title(_("Primary score on the holdout, run by run"), loc="left")
    if valued:
        vax = axes[1][0]
        _points(vax, valued, "value_interval", figures.ACCENT)
        vax.axhline(0, color=figures.MUTED, linewidth=0.8)
        vax.set_ylabel(_("{currency} a month").format(currency=valued[-1].currency))
        vax.set_title(_("Value a month over today's process, run by run"), loc="left")
    numbers = [e.number for e in history.runs]
    for row in axes:
        row[0].set_xticks(numbers, labels=[str(n) for n in numbers])
        row[0].set_xlim(min(numbers) - 0.5, max(numbers) + 0.5)
    axes[-1][0].set_xlabel(_("run (numbered as in the table)"))
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    figures.plt.close(fig)
    return buf.getvalue()


def _points(ax, entries, attribute: str, color: str) -> None:
    x = [e.number for e in entries]
    ivs = [getattr(e, attribute) for e in entries]
    y = [iv.value for iv in ivs]
    low = [iv.value - iv.ci_low for iv in ivs]
    high = [iv.ci_high - iv.value for iv in ivs]
    ax.errorbar(x, y, yerr=[low, high], fmt="o", color=color, capsize=4, linewidth=1.2)
