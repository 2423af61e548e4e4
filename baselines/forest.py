"""Random forests whose trees each grow on a bootstrap sample of at most `MAX_TREE_ROWS` rows,
in threads (`n_jobs`), and predict on one thread.

On small data they are scikit-learn's forests unchanged (a bootstrap of every row). On large
data a full bootstrap per tree makes a forest the slowest model of the study by far (its cost
grows as n log n per tree, on one thread); a bounded bootstrap keeps each tree's cost
fixed while the forest still sees every row across its trees — the usual large-data setting.

Predictions run on one thread whatever `n_jobs` says: scikit-learn sums the trees' outputs
in whatever order the threads finish, so a threaded prediction differs from run to run in
the last bit — enough for a re-run (`workbench verify`) to find different scores — and one
row scored in threads is slower than on one thread (the latency the report quotes).
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


def _one_thread(method):
    def on_one_thread(self, X):
        chosen = self.n_jobs
        self.n_jobs = 1
        try:
            return method(self, X)
        finally:
            self.n_jobs = chosen

    on_one_thread.__doc__ = method.__doc__
    return on_one_thread


class BoundedForestClassifier(_BoundedFit, RandomForestClassifier):
    predict_proba = _one_thread(RandomForestClassifier.predict_proba)


class BoundedForestRegressor(_BoundedFit, RandomForestRegressor):
    predict = _one_thread(RandomForestRegressor.predict)
