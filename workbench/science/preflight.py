"""Everything that can be said about the data before any model is fitted: read it, check it
against the contract, and make sure the study can be run on it at all (a usable target, enough
rows for the split, parseable dates). `workbench validate` and the data stage share it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.errors import BadInput
from workbench.inputs import files as data_io
from workbench.inputs.admission import (
    check_has_inputs,
    check_inputs,
    check_routing,
    check_target,
    emptied,
    reading_warnings,
    with_emptied,
)
from workbench.inputs.context import Context
from workbench.inputs.contract import Violation, check_columns, validate_frame
from workbench.inputs.source import Source, read_source
from workbench.science.modeling import encode_target, known_target_rows
from workbench.science.series_checks import check_series
from workbench.science.series_panel import Panel
from workbench.science.splits import make_split
from workbench.store.run_directory import Run


@dataclass
class CheckedData:
    typed: pd.DataFrame  # every row, contract types
    violations: list[Violation]
    unmentioned: list[str]  # data columns the contract does not mention
    modelled: pd.DataFrame  # rows with a known target
    y: np.ndarray
    classes: list[str]
    source: Source  # where the rows came from (a file, or a query and its snapshot)
    warnings: list[str]  # text columns hiding numbers or dates; ambiguous dates
    panel: Panel | None = None  # forecast studies: the series, on their grid


def check_data(ctx: Context, run: Run | None = None) -> CheckedData:
    """Read and check the spec's data; raise `BadInput` for anything that stops the study.
    With a `run`, a SQL source is read from (or frozen into) the run's snapshot."""
    spec, contract = ctx.spec, ctx.contract
    check_has_inputs(ctx)  # before reading: no input is the contract's problem, not the data's
    source = read_source(ctx.loaded, run, contract)
    raw = source.frame
    unmentioned = check_columns(
        contract, [*map(str, raw.columns), *source.personal], ctx.loaded.contract_path, source.label
    )
    contract = contract.as_read(list(raw.columns))  # personal data: kept out, or hashed
    options = spec.data.read_options() if spec.data.sql is None else None
    typed, type_problems = data_io.coerce(raw, contract, options)
    _check_dates(ctx, raw, typed, source.origin)
    type_problems = with_emptied(type_problems, emptied(raw, typed, contract))
    violations = [*type_problems, *validate_frame(typed, contract)]
    check_target(typed[spec.task.target], ctx)
    check_inputs(typed, ctx, source.label)
    modelled = known_target_rows(typed, spec.task.target)
    warnings = reading_warnings(raw, contract, options or spec.data.read_options())
    if spec.task.kind == "forecast":  # the series on their grid, long enough for the study?
        panel = check_series(ctx, typed, source.origin)
        y = modelled[spec.task.target].to_numpy(dtype="float64")
        return CheckedData(typed, violations, unmentioned, modelled, y, [], source, warnings, panel)
    y, classes = encode_target(
        modelled[spec.task.target], spec.task.kind, spec.task.positive_class, ctx
    )
    check_routing(ctx, classes)
    make_split(modelled, y, spec, ctx.spec_file, classes)  # enough rows and classes to split?
    return CheckedData(typed, violations, unmentioned, modelled, y, classes, source, warnings)


def _check_dates(ctx: Context, raw: pd.DataFrame, typed: pd.DataFrame, origin: str) -> None:
    """A time column must parse: a split by time on half-read dates would be wrong silently."""
    names = {ctx.spec.split.time_column, *ctx.contract.with_role("time")} - {None}
    for name in names:
        bad = raw[name].notna() & typed[name].isna()
        if bad.any():
            shown = ", ".join(repr(str(v)) for v in raw.loc[bad, name].drop_duplicates().head(2))
            raise BadInput(
                f"{int(bad.sum()):,} values of the time column '{name}' are not dates (e.g. {shown})",
                file=origin,
                field=name,
                fix="fix them in the extract, or write dates as YYYY-MM-DD",
            )
