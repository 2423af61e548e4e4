"""Random forests whose trees each grow on a bootstrap sample of at most `MAX_TREE_ROWS` rows.

On small data they are scikit-learn's forests unchanged (a bootstrap of every row). On large
data a full bootstrap per tree makes a forest the slowest model of the study by far (its cost
grows as n log n per tree, on one thread); a bounded bootstrap keeps each tree's cost
fixed while the forest still sees every row across its trees — the usual large-data setting.
"""

from __future__ import annotations

from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

MAX_TREE_ROWS = 10_000


def _bounded(n_rows: int, requested):
    if requested is not None:  # the caller chose: respect it
        return requested
    return MAX_TREE_ROWS if n_rows > MAX_TREE_ROWS else None


class _BoundedFit:
    """`fit` with the per-tree bootstrap bounded on large data; the parameter itself is left
    as given, so `clone` and `get_params` see what the caller chose."""

    def fit(self, X, y, sample_weight=None):
        chosen = self.max_samples
        self.max_samples = _bounded(X.shape[0], chosen)
        try:
            return super().fit(X, y, sample_weight=sample_weight)
        finally:
            self.max_samples = chosen


class BoundedForestClassifier(_BoundedFit, RandomForestClassifier):
    pass


class BoundedForestRegressor(_BoundedFit, RandomForestRegressor):
    pass
