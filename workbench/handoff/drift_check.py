"""`workbench drift`: new scoring data compared with a run's training rows, or with a hand-off
package's reference statistics, feature by feature (see `workbench.science.drift` for the
statistics and their verdicts)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel

from workbench.errors import BadInput
from workbench.inputs.contract import Contract
from workbench.inputs.files import read_rows
from workbench.inputs.spec import reading_options
from workbench.inputs.yamlio import read_yaml_mapping
from workbench.science.drift import (
    PSI_DRIFTED,
    PSI_MODERATE,
    FeatureDrift,
    compare,
    reference_stats,
)
from workbench.science.modeling import training_rows
from workbench.store.layout import FinishedRun


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
    reading: dict[str, Any]  # how the extract was read (`ReadOptions` keywords)
    training: pd.DataFrame | None  # present for a run directory: KS and exact unseen counts
    label: str


def load_reference(source: Path) -> Reference:
    """Reference statistics from a run directory (computed from its training rows) or from a
    hand-off package written by `workbench promote` (its reference_stats.json)."""
    source = Path(source).expanduser().resolve()
    if (source / "results" / "data.json").exists():
        try:
            run = FinishedRun.read(source, judgements=False)
        except FileNotFoundError:
            raise BadInput(
                "this run has not finished: its training rows are not yet fixed",
                file=str(source),
                fix=f"finish the run with `workbench run SPEC --run-dir {source} --resume`",
            ) from None
        data, contract_path = run.data, source / "inputs" / "contract.yaml"
        contract = Contract.model_validate(run.contract)
        reading = reading_options(run.spec.get("data") or {})
        train = training_rows(source, data.target)
        stats = reference_stats(train, contract, data.features)
        return Reference(
            stats, contract_path, reading, train, f"training rows of run {source.name}"
        )
    if (source / "reference_stats.json").exists():
        config = read_yaml_mapping(source / "config.yaml", "promotion config")
        stats = json.loads((source / "reference_stats.json").read_text())
        label = f"reference_stats.json in {source.name}"
        reading = config.get("reading") or config.get("csv") or {}  # "csv": older packages
        return Reference(stats, source / "contract.yaml", reading, None, label)
    raise BadInput(
        "this is neither a run directory (no results/data.json) nor a hand-off package "
        "(no reference_stats.json)",
        file=str(source),
        fix="pass a run directory made by `workbench run`, or a folder made by `workbench promote`",
    )


def drift_report(source: Path, new_data: Path) -> DriftReport:
    """Compare the rows of `new_data` (CSV or Parquet) with the reference of `source` (a run
    directory or a promotion package). Raises `BadInput` naming any feature the file lacks."""
    ref = load_reference(source)
    features = list(ref.stats["features"])
    new, warnings = read_rows(Path(new_data), ref.contract_path, features, **ref.reading)
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
