"""Drift monitoring: how far new scoring data has moved from the data the model learned from.

Reference statistics describe each model feature on the training rows of a run's snapshot
(quantile bins for numbers and dates, category shares for the rest, missing shares). A
`DriftReport` compares new data with them, feature by feature, with the population stability
index (PSI). Verdicts follow the usual credit-risk reading of PSI:

- **stable**: PSI below 0.1 (no action),
- **moderate**: 0.1 to 0.25 (watch it; check the upstream source),
- **drifted**: above 0.25 (the model sees data unlike its training data: investigate, retrain).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel

from workbench.contract import Contract, load_contract
from workbench.errors import BadInput
from workbench.results import DataResult
from workbench.yamlio import read_yaml_mapping

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


def reference_stats(frame: pd.DataFrame, contract: Contract, features: list[str]) -> dict:
    """Per feature of `frame` (the training rows), the statistics new data is compared with.
    Columns the contract marks PII are never described, whatever `features` says."""
    out = {}
    for col in features:
        spec = contract.columns[col]
        if spec.pii:
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


def training_rows(run_dir: Path, target: str) -> pd.DataFrame:
    """The snapshot's training rows: known-target rows whose persisted split part is train."""
    from workbench.data import read_snapshot
    from workbench.modeling import known_target_rows

    split_file = run_dir / "data" / "split.parquet"
    if not split_file.exists():
        raise BadInput(
            "the run has no data/split.parquet: its leakage stage did not finish",
            file=str(run_dir),
            fix=f"finish the run with `workbench run SPEC --run-dir {run_dir} --resume`",
        )
    frame = known_target_rows(read_snapshot(run_dir / "data" / "snapshot.parquet"), target)
    part = pd.read_parquet(split_file)["part"].to_numpy()
    if len(part) != len(frame):
        raise BadInput(
            f"the split has {len(part)} rows but the snapshot {len(frame)} with a known target",
            file=str(split_file),
            fix="re-run the leakage stage: `workbench run SPEC --run-dir ... --stage leakage`",
        )
    return frame.loc[part == "train"].reset_index(drop=True)


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


class DriftReport(BaseModel):
    reference: str
    new_data: str
    reference_rows: int
    new_rows: int
    thresholds: dict[str, float]
    features: list[FeatureDrift]
    drifted: list[str]
    warnings: list[str]  # values that did not convert to the contract's types


@dataclass
class Reference:
    stats: dict[str, Any]
    contract_path: Path
    csv: dict[str, Any]
    training: pd.DataFrame | None  # present for a run directory: KS and exact unseen counts
    label: str


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


def load_reference(source: Path) -> Reference:
    """Reference statistics from a run directory (computed from its training rows) or from a
    hand-off package written by `workbench promote` (its reference_stats.json)."""
    source = Path(source).expanduser().resolve()
    if (source / "results" / "data.json").exists():
        data = DataResult.model_validate_json((source / "results" / "data.json").read_text())
        contract_path = source / "inputs" / "contract.yaml"
        contract = load_contract(contract_path)
        spec = read_yaml_mapping(source / "inputs" / "spec.yaml", "experiment spec")
        csv = spec.get("data") or {}
        train = training_rows(source, data.target)
        stats = reference_stats(train, contract, data.features)
        csv = {"delimiter": csv.get("csv_delimiter"), "encoding": csv.get("encoding")}
        return Reference(stats, contract_path, csv, train, f"training rows of run {source.name}")
    if (source / "reference_stats.json").exists():
        config = read_yaml_mapping(source / "config.yaml", "promotion config")
        stats = json.loads((source / "reference_stats.json").read_text())
        label = f"reference_stats.json in {source.name}"
        return Reference(stats, source / "contract.yaml", config.get("csv") or {}, None, label)
    raise BadInput(
        "this is neither a run directory (no results/data.json) nor a hand-off package "
        "(no reference_stats.json)",
        file=str(source),
        fix="pass a run directory made by `workbench run`, or a folder made by `workbench promote`",
    )


def drift_report(source: Path, new_data: Path) -> DriftReport:
    """Compare the rows of `new_data` (CSV or Parquet) with the reference of `source` (a run
    directory or a promotion package). Raises `BadInput` naming any feature the file lacks."""
    from workbench.promotion import read_rows

    ref = load_reference(source)
    features = list(ref.stats["features"])
    new, warnings = read_rows(Path(new_data), ref.contract_path, features, **ref.csv)
    rows = [
        compare(
            f, ref.stats["features"][f], new[f], None if ref.training is None else ref.training[f]
        )
        for f in features
    ]
    return DriftReport(
        reference=ref.label,
        new_data=str(new_data),
        reference_rows=ref.stats["rows"],
        new_rows=len(new),
        thresholds={"moderate": PSI_MODERATE, "drifted": PSI_DRIFTED},
        features=rows,
        drifted=[r.feature for r in rows if r.verdict == "drifted"],
        warnings=warnings,
    )


def drift_table(report: DriftReport):
    """The report as a rich table, worst first."""
    from rich.table import Table

    colour = {"stable": "green", "moderate": "yellow", "drifted": "bold red"}
    table = Table(title=f"Drift of {Path(report.new_data).name} against {report.reference}")
    for col in ["feature", "kind", "PSI", "KS", "unseen", "missing (ref → new)", "verdict"]:
        table.add_column(col, justify="left" if col in ("feature", "kind", "verdict") else "right")
    for r in sorted(report.features, key=lambda r: -r.psi):
        table.add_row(
            r.feature,
            r.kind,
            f"{r.psi:.3f}",
            "–" if r.ks is None else f"{r.ks:.3f}",
            "–" if r.unseen_share is None else f"{r.unseen_share:.1%}",
            f"{r.missing_reference:.1%} → {r.missing_new:.1%}",
            f"[{colour[r.verdict]}]{r.verdict}[/]",
        )
    return table
