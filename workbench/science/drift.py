"""Drift statistics: how far new scoring data has moved from the data the model learned from.

Reference statistics describe each model feature on the training rows of a run's snapshot
(quantile bins for numbers and dates, category shares for the rest, missing shares); `compare`
measures one feature of new data against them with the population stability index (PSI). The
`workbench drift` command (`workbench.handoff.drift_check`) applies it to a file. Verdicts follow the usual credit-risk reading of PSI:

- **stable**: PSI below 0.1 (no action),
- **moderate**: 0.1 to 0.25 (watch it; check the upstream source),
- **drifted**: above 0.25 (the model sees data unlike its training data: investigate, retrain).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel

from workbench.inputs.contract import Contract

N_BINS = 10
TOP_CATEGORIES = 50
OTHER = "__other__"
NUMERIC_TYPES = {"integer", "float", "datetime"}
PSI_MODERATE, PSI_DRIFTED = 0.1, 0.25
# an empty bin on either side would make PSI infinite; 1e-4 is the customary floor
EPSILON = 1e-4
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)  # shown to people; PSI uses the decile edges


# -- reference statistics ----------------------------------------------------------------------
def numeric_values(values: pd.Series) -> np.ndarray:
    """Non-missing values as floats; dates as days since 1970-01-01 so they bin like numbers."""
    if pd.api.types.is_datetime64_any_dtype(values):
        values = (values - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
    return pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype="float64")


def text_values(values: pd.Series) -> pd.Series:
    """Non-missing values as text, the form categories are compared in."""
    return values.dropna().astype("str")


def bin_shares(x: np.ndarray, edges: list[float]) -> np.ndarray:
    """Share of `x` per bin; bins are right-closed (e[i-1], e[i]] and the outer ones open, so
    new values beyond the reference's range still land in a bin."""
    inner = np.asarray(edges[1:-1], dtype="float64")
    counts = np.bincount(np.searchsorted(inner, x, side="left"), minlength=len(inner) + 1)
    return counts / max(len(x), 1)


def _finite(v) -> float | None:
    return float(v) if np.isfinite(v) else None


def _numeric_stats(values: pd.Series, kind: str) -> dict[str, Any]:
    x = numeric_values(values)
    # quantile edges collapse on discrete data: keep the distinct ones, fewer bins then
    edges = np.unique(np.quantile(x, np.linspace(0, 1, N_BINS + 1))).tolist() if len(x) else []
    return {
        "kind": "numeric",
        "type": kind,
        "unit": "days since 1970-01-01" if kind == "datetime" else None,
        "edges": edges,
        "shares": [round(float(s), 6) for s in bin_shares(x, edges)] if len(x) else [],
        "mean": _finite(x.mean()) if len(x) else None,
        "std": _finite(x.std(ddof=1)) if len(x) > 1 else None,
        "min": _finite(x.min()) if len(x) else None,
        "max": _finite(x.max()) if len(x) else None,
        "quantiles": {f"p{round(100 * q):02d}": float(np.quantile(x, q)) for q in QUANTILES}
        if len(x)
        else {},
        "missing_share": round(float(values.isna().mean()), 6),
    }


def _categorical_stats(values: pd.Series, kind: str) -> dict[str, Any]:
    text = text_values(values)
    # ties broken by name so the same data always writes the same file
    order = sorted(text.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    n = max(len(text), 1)
    shares = {str(k): round(v / n, 6) for k, v in order[:TOP_CATEGORIES]}
    if len(order) > TOP_CATEGORIES:
        shares[OTHER] = round(sum(v for _, v in order[TOP_CATEGORIES:]) / n, 6)
    return {
        "kind": "categorical",
        "type": kind,
        "shares": shares,  # of the non-missing rows
        "distinct": len(order),
        "missing_share": round(float(values.isna().mean()), 6),
    }


def word_counts(values: pd.Series) -> pd.Series:
    """A free text as its number of words (missing stays missing). A text is described by its
    length, never by its values (no text of a client's is copied into the statistics): texts
    growing shorter, longer or empty are what a changed form or channel shows first."""
    counts = values.astype("object").map(lambda v: len(str(v).split()), na_action="ignore")
    return counts.astype("float64")


def _text_stats(values: pd.Series) -> dict[str, Any]:
    return {**_numeric_stats(word_counts(values), "text"), "unit": "words per text"}


def reference_stats(frame: pd.DataFrame, contract: Contract, features: list[str]) -> dict:
    """Per feature of `frame` (the training rows), the statistics new data is compared with:
    free text by its length in words. Columns the contract marks PII are never described,
    whatever `features` says."""
    out = {}
    for col in features:
        spec = contract.columns[col]
        if spec.pii:
            continue
        if spec.role == "text":
            out[col] = _text_stats(frame[col])
            continue
        stats = _numeric_stats if spec.type in NUMERIC_TYPES else _categorical_stats
        out[col] = stats(frame[col], spec.type)
    return {
        "computed_on": "training rows of the run's snapshot",
        "rows": len(frame),
        "bins": N_BINS,
        "top_categories": TOP_CATEGORIES,
        "features": out,
    }


# -- comparison ---------------------------------------------------------------------------------
class FeatureDrift(BaseModel):
    feature: str
    kind: Literal["numeric", "categorical"]
    psi: float
    ks: float | None = None  # two-sample KS statistic against the training rows (run dir only)
    unseen_share: float | None = None  # categorical: non-missing new values never seen
    missing_reference: float
    missing_new: float
    missing_change: float  # new minus reference
    verdict: Literal["stable", "moderate", "drifted"]


def psi(expected, actual) -> float:
    """Population stability index of two share vectors over the same buckets."""
    e = np.clip(np.asarray(expected, dtype="float64"), EPSILON, None)
    a = np.clip(np.asarray(actual, dtype="float64"), EPSILON, None)
    return float(np.sum((a - e) * np.log(a / e)))


def verdict(value: float) -> Literal["stable", "moderate", "drifted"]:
    if value > PSI_DRIFTED:
        return "drifted"
    return "moderate" if value >= PSI_MODERATE else "stable"


def _with_missing(shares, missing: float) -> np.ndarray:
    # missing values get their own bucket: a feed that stops filling a field is drift too
    return np.append(np.asarray(shares, dtype="float64") * (1 - missing), missing)


def _numeric_drift(ref: dict, new: pd.Series, train: pd.Series | None) -> dict[str, Any]:
    x = numeric_values(new)
    m_new = float(new.isna().mean()) if len(new) else 0.0
    expected = _with_missing(ref["shares"] or [0.0], ref["missing_share"])
    actual = _with_missing(bin_shares(x, ref["edges"]), m_new)
    ks = None
    if train is not None and len(x) and train.notna().any():
        from scipy.stats import ks_2samp

        ks = round(float(ks_2samp(numeric_values(train), x).statistic), 6)
    return {"psi": psi(expected, actual), "ks": ks, "missing_new": m_new}


def _categorical_drift(ref: dict, new: pd.Series, train: pd.Series | None) -> dict[str, Any]:
    text = text_values(new)
    listed = [k for k in ref["shares"] if k != OTHER]
    n = max(len(text), 1)
    counts = text.value_counts()
    actual = [counts.get(k, 0) / n for k in listed] + [(~text.isin(listed)).sum() / n]
    expected = [ref["shares"][k] for k in listed] + [ref["shares"].get(OTHER, 0.0)]
    m_new = float(new.isna().mean()) if len(new) else 0.0
    # with only the top categories on file, the pooled tail cannot be told from new values
    known = set(text_values(train)) if train is not None else set(listed)
    return {
        "psi": psi(_with_missing(expected, ref["missing_share"]), _with_missing(actual, m_new)),
        "unseen_share": round(float((~text.isin(known)).sum() / n), 6),
        "missing_new": m_new,
    }


def compare(name: str, ref: dict, new: pd.Series, train: pd.Series | None) -> FeatureDrift:
    """One feature's drift: PSI and its verdict, KS, unseen categories, missing-rate change."""
    numeric = ref["kind"] == "numeric"
    if ref.get("type") == "text":  # free text, compared by its length in words
        new, train = word_counts(new), None if train is None else word_counts(train)
    found = (_numeric_drift if numeric else _categorical_drift)(ref, new, train)
    value = round(found.pop("psi"), 6)
    m_new = round(found.pop("missing_new"), 6)
    return FeatureDrift(
        feature=name,
        kind=ref["kind"],
        psi=value,
        missing_reference=ref["missing_share"],
        missing_new=m_new,
        missing_change=round(m_new - ref["missing_share"], 6),
        verdict=verdict(value),
        **found,
    )
