"""A subset of rows where one class is certain, judged against its neighbours: the shared
measure of `pure_subsets` (its tree leaves and its groups of levels), `missingness_signal`
and `column_pairs`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leakage_checks.util import binomial_tail


@dataclass
class Subset:
    """A set of rows where one class is (nearly) certain, compared with its neighbours."""

    label: int  # the class, as encoded
    rows: int
    purity: float
    neighbour_rate: float  # the class's share among the neighbouring rows
    p_value: float  # of that purity, were the class as common here as anywhere
    class_share: float  # share of the class's rows the subset holds
    severity: str
    adjacent_rate: float = float("nan")  # the class's share in the values next to it (numbers)
    opposite: int | None = None  # another class certain at the number's other end, if any
    levels: tuple[str, ...] = ()  # the category levels the subset's rows have (its words)
    missing: bool = False  # its rows are reached through missing values
    zeroed: bool = False  # its rows read 0 in an amount whose other values start far above
    positions: np.ndarray | None = None  # the judged rows it holds, by position in the frame
    fit_counts: tuple[int, int] | None = None  # its class's rows and all rows where chosen

    def certain_over_both_halves(self, settings: dict) -> bool:
        """Certain over the rows of both halves, those that judged it and those that chose it:
        `subset_purity` of them of its class, or — on enough rows to tell — above
        `subset_named_purity` at 95% confidence (a status noted for a few of the other class
        too, 195 of 200 rows)."""
        fit_hits, fit_rows = self.fit_counts or (0, 0)
        hits, rows = round(self.purity * self.rows) + fit_hits, self.rows + fit_rows
        if hits / rows >= settings["subset_purity"]:
            return True
        return binomial_tail(hits, rows, settings["subset_named_purity"]) < 0.05

    def full(self, jump: float) -> bool:
        """At least `jump` purer than the rows beside it, and than those next to it in value."""
        near = self.adjacent_rate if np.isfinite(self.adjacent_rate) else 0.0
        return self.purity - max(self.neighbour_rate, near) >= jump


def certain_subset(
    inside: np.ndarray,
    neighbours: np.ndarray,
    y: np.ndarray,
    settings: dict,
    n_total: int,
    strict: bool = False,
    jump: float | None = None,
) -> Subset | None:
    """Judge the rows `inside` (boolean mask) against their `neighbours`: a class certain
    inside (`subset_purity`), at least `subset_jump` less common next door, significantly
    purer (`subset_p_value`) than next door — or, `strict`, than halfway from there to
    certain — on at least `subset_min_share` of `n_total` rows and 10. Critical when it holds
    `subset_class_share_critical` of that class's rows. `jump` replaces `subset_jump` (the
    other side of a column already found certain needs less)."""
    jump = settings["subset_jump"] if jump is None else jump
    n_in = int(inside.sum())
    if n_in < max(10, settings["subset_min_share"] * n_total) or not neighbours.any():
        return None
    values, counts = np.unique(y[inside], return_counts=True)
    label, hits = values[np.argmax(counts)], int(counts.max())
    purity = hits / n_in
    next_door = float((y[neighbours] == label).mean())
    if purity < settings["subset_purity"] or purity - next_door < jump:
        return None
    # as pure as this by chance, were the class as common here as next door (smoothed, so that
    # an empty class is not 0); `strict`: as common as halfway from there to certain — a leaf
    # among the conjunctions of several columns must be far closer to certainty than to its
    # neighbours, since a steep honest signal brings some conjunction near certainty and a
    # few of its rows then look pure
    near = (int((y[neighbours] == label).sum()) + 1) / (int(neighbours.sum()) + 2)
    p = binomial_tail(hits, n_in, (1 + near) / 2 if strict else near)
    if p >= settings["subset_p_value"]:
        return None
    share = hits / max(1, int((y == label).sum()))
    # in a few hundred rows a steep honest signal leaves certain ends as abrupt as a leak's
    critical = (
        share >= settings["subset_class_share_critical"]
        and n_total >= settings["subset_min_rows_critical"]
    )
    return Subset(
        int(label), n_in, purity, next_door, p, share, "critical" if critical else "warning"
    )
