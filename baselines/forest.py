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


class BoundedForestClassifier(RandomForestClassifier):
    def fit(self, X, y, sample_weight=None):
        chosen = self.max_samples
        self.max_samples = _bounded(X.shape[0], chosen)
        try:
            return super().fit(X, y, sample_weight=sample_weight)
        finally:
            self.max_samples = chosen  # parameters stay as given (clone, get_params)


class BoundedForestRegressor(RandomForestRegressor):
    def fit(self, X, y, sample_weight=None):
        chosen = self.max_samples
        self.max_samples = _bounded(X.shape[0], chosen)
        try:
            return super().fit(X, y, sample_weight=sample_weight)
        finally:
            self.max_samples = chosen
