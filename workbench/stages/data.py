"""Stage 1, data audit: load the data once, check it against its contract, profile it and
write the typed snapshot every later stage reads."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.inputs import files as data_io
from workbench.inputs.context import Context
from workbench.inputs.contract import NOT_KNOWN_AT_PREDICTION
from workbench.language import _
from workbench.science import figures
from workbench.science.preflight import check_data
from workbench.store.results import (
    ColumnProfile,
    DataResult,
    ExportDebris,
    Figure,
    ViolationRow,
)
from workbench.store.run_directory import Run


def run_data(ctx: Context, run: Run) -> DataResult:
    if ctx.spec.task.kind == "forecast":
        from workbench.stages.forecast_data import run_forecast_data

        return run_forecast_data(ctx, run)
    spec, contract = ctx.spec, ctx.contract
    run.snapshot.parent.mkdir(parents=True, exist_ok=True)
    checked = check_data(ctx, run)
    typed, modelled, y, classes = checked.typed, checked.modelled, checked.y, checked.classes
    target = spec.task.target
    source = checked.source
    fp = source.fingerprint()
    data_io.write_snapshot(typed, run.snapshot)
    run.update_manifest(
        data={**source.manifest_facts(), "rows": len(typed), "snapshot": "data/snapshot.parquet"}
    )

    features = contract.model_features()
    result = DataResult(
        rows=len(typed),
        columns=len(contract.columns),
        data_file=source.label,
        fingerprint=fp,
        sql=source.sql.facts if source.sql else None,
        target=target,
        task=spec.task.kind,
        classes=classes,
        class_counts=({c: int((y == i).sum()) for i, c in enumerate(classes)} if classes else {}),
        target_summary=(_summary(modelled[target]) if not classes else {}),
        duplicate_rows=int(typed.duplicated().sum()),
        violations=[ViolationRow(**v.model_dump()) for v in checked.violations],
        unmentioned_columns=checked.unmentioned,
        profile=_profile(typed, ctx, features),
        features=features,
        figures=[],
        text_inputs=contract.text_inputs,
        text_masks=source.masked,
        export_debris=ExportDebris(**source.debris),
    )
    result.figures = _figures(result, run)
    return result


def _summary(values: pd.Series) -> dict[str, float]:
    v = values.astype("float64")
    return {
        "mean": float(v.mean()),
        "std": float(v.std()),
        "min": float(v.min()),
        "median": float(v.median()),
        "max": float(v.max()),
    }


def _profile(frame: pd.DataFrame, ctx: Context, features: list[str]) -> list[ColumnProfile]:
    out = []
    for name, col in ctx.contract.columns.items():
        reason = None
        if name not in features:
            reason = (
                _("the target")
                if col.role == "target"
                else _("personal data (kept out of the run)")
                if col.pii
                else _(NOT_KNOWN_AT_PREDICTION)
                if not col.known_at_prediction
                else _("sensitive attribute (fairness analysis only)")
                if col.sensitive
                else _("role '{role}'").format(role=col.role)
            )
        out.append(
            ColumnProfile(
                name=name,
                type=col.type,
                role=col.role,
                # personal data kept out of the rows is not profiled: not even its counts
                missing_share=round(float(frame[name].isna().mean()), 4) if name in frame else None,
                distinct=int(frame[name].nunique(dropna=True)) if name in frame else None,
                pii=col.pii,
                sensitive=col.sensitive,
                used_by_model=name in features,
                excluded_because=reason,
            )
        )
    return out


def _figures(result: DataResult, run: Run) -> list[Figure]:
    out = []
    profiled = [p for p in result.profile if p.missing_share is not None]
    prof = sorted(profiled, key=lambda p: -p.missing_share)[:20]
    fig, ax = figures.barh(
        [p.name for p in prof],
        [100 * p.missing_share for p in prof],
        _("Missing values by column"),
        _("% of rows missing"),
        colors=[figures.WARN if p.missing_share > 0.2 else figures.ACCENT for p in prof],
    )
    out.append(
        Figure(
            path=run.save_figure(fig, "data_missing"),
            caption=_("Share of rows with a missing value, per column (top 20)."),
        )
    )
    if result.class_counts:
        labels = list(result.class_counts)
        fig, ax = figures.barh(
            labels, list(result.class_counts.values()), _("Outcome classes"), _("rows")
        )
        out.append(
            Figure(
                path=run.save_figure(fig, "data_classes"),
                caption=_("How often each value of '{target}' occurs.").format(
                    target=result.target
                ),
            )
        )
    else:
        fig, ax = figures.new()
        ax.hist(
            np.asarray(
                pd.read_parquet(run.snapshot, columns=[result.target])[result.target].dropna(),
                dtype=float,
            ),
            bins=40,
            color=figures.ACCENT,
        )
        ax.set_title(_("Distribution of {target}").format(target=result.target), loc="left")
        out.append(
            Figure(
                path=run.save_figure(fig, "data_target"),
                caption=_("Distribution of the target '{target}'.").format(target=result.target),
            )
        )
    return out
