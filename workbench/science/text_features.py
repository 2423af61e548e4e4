"""The features a free-text input becomes inside a fitted pipeline — tens of thousands of TF-IDF
weights for a linear model, a few reduced dimensions for a tree model — and how an explanation
speaks of them as the one input they came from.

SHAP values of a linear model on TF-IDF features are exact and cheap (a coefficient times the
feature's distance from the background mean), but shap's own `LinearExplainer` would hold a
dense array of rows × features × classes; here each text column's features are summed as they
are computed (a sparse product per row block), so the cost stays that of one prediction.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

TEXT_SUFFIX = " (text)"


def text_blocks(prepare) -> dict[str, slice]:
    """Per free-text input column, the slice of the prepared features it became: the branches
    of the pipeline's ColumnTransformer that read one column, named as a single column."""
    out: dict[str, slice] = {}
    indices = getattr(prepare, "output_indices_", {})
    for name, _, columns in getattr(prepare, "transformers_", []):
        if isinstance(columns, str) and name in indices:
            block = indices[name]
            if block.stop > block.start:
                out[columns] = block
    return out


def is_linear(estimator) -> bool:
    return hasattr(estimator, "coef_") and not hasattr(estimator, "estimators_")


def dense(matrix) -> np.ndarray:
    return np.asarray(matrix.toarray() if sp.issparse(matrix) else matrix, dtype="float64")


def linear_grouped(
    estimator,
    Xt,
    background,
    blocks: dict[str, slice],
    predicted: np.ndarray | None,
    names: list[str],
    columns: list[str],
):
    """Exact SHAP values of a linear model (coefficient × distance from the background mean,
    in the units of its decision function: log-odds for logistic regression), each text
    column's features summed into one value. `predicted`: each row's class for several classes
    (None: the positive class, or the value). Returns (values, data, names, columns) with the
    text columns last, their data missing (a text has no one value to colour by)."""
    coef = np.atleast_2d(np.asarray(estimator.coef_, dtype="float64"))
    mean = np.asarray(background.mean(axis=0), dtype="float64").ravel()
    p = Xt.shape[1]
    in_block = np.zeros(p, dtype=bool)
    for block in blocks.values():
        in_block[block] = True
    rest = np.flatnonzero(~in_block)
    n = Xt.shape[0]
    rows = np.zeros(n, dtype=int) if predicted is None else np.asarray(predicted, dtype=int)
    values = np.zeros((n, len(rest) + len(blocks)))
    data_rest = dense(Xt[:, rest]) if len(rest) else np.zeros((n, 0))
    for c in np.unique(rows):
        sel = np.flatnonzero(rows == c)
        w = coef[min(c, len(coef) - 1)]
        values[sel, : len(rest)] = (data_rest[sel] - mean[rest]) * w[rest]
        for j, block in enumerate(blocks.values()):
            part = Xt[sel][:, block] @ w[block]
            values[sel, len(rest) + j] = np.ravel(part) - mean[block] @ w[block]
    data = np.hstack([data_rest, np.full((n, len(blocks)), np.nan)])
    return (
        values,
        data,
        [names[i] for i in rest] + [f"{c}{TEXT_SUFFIX}" for c in blocks],
        [columns[i] for i in rest] + list(blocks),
    )


def collapse(values: np.ndarray, data: np.ndarray, names, columns, blocks: dict[str, slice]):
    """SHAP values over the prepared features with each text column's features summed into
    one (a tree model's reduced dimensions of a text mean nothing one by one)."""
    keep = np.ones(values.shape[1], dtype=bool)
    for block in blocks.values():
        keep[block] = False
    summed = [values[:, block].sum(axis=1) for block in blocks.values()]
    n = len(values)
    return (
        np.column_stack([values[:, keep], *summed]) if summed else values,
        np.column_stack([data[:, keep], np.full((n, len(blocks)), np.nan)]) if summed else data,
        [x for x, k in zip(names, keep, strict=True) if k] + [f"{c}{TEXT_SUFFIX}" for c in blocks],
        [x for x, k in zip(columns, keep, strict=True) if k] + list(blocks),
    )
