"""What a forecast study needs its contract to say: the time column a date with role `time`,
each series column with role `series`, a numeric target, and every other column a time role
(`known_in_advance`, `observed`, `static`) or `exclude` — a forecast input with no time role
could be read at lag 0 and leak the future. Other tasks may not use the time roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.contract import FORECAST_ROLES, Contract

if TYPE_CHECKING:
    from workbench.inputs.spec import LoadedSpec

TIME_ROLES_FIX = (
    "give it role known_in_advance (known for the future periods: calendar facts, planned "
    "promotions, set prices), observed (known once its period is over: used lagged by the "
    "horizon), static (an attribute of the series) or exclude"
)


def check_forecast_contract(loaded: LoadedSpec, contract: Contract) -> None:
    """Raise `BadInput` naming the file, the field and the fix where spec and contract disagree
    about a forecast study (or a tabular spec meets forecast roles)."""
    spec, cfile, sfile = loaded.spec, str(loaded.contract_path), str(loaded.path)
    if spec.task.kind != "forecast":
        used = [c for c, s in contract.columns.items() if s.role in (*FORECAST_ROLES, "series")]
        if used:
            raise BadInput(
                f"'{used[0]}' has role '{contract.columns[used[0]].role}', a role of forecast "
                f"studies, but the spec's task is {spec.task.kind}",
                file=cfile,
                field=f"columns.{used[0]}.role",
                fix="use role feature (or exclude), or set task.kind: forecast",
            )
        return
    fc = spec.forecast
    named = [("forecast.time_column", fc.time_column)]
    named += [("forecast.series_columns", c) for c in fc.series_columns]
    for field, col in named:
        if col not in contract.columns:
            raise BadInput(
                f"'{col}' is not a column of the contract.{did_you_mean(col, contract.columns)}",
                file=sfile,
                field=field,
                fix="name a column the contract lists",
            )
    time = contract.columns[fc.time_column]
    if time.type != "datetime":
        raise BadInput(
            f"the time column '{fc.time_column}' has type '{time.type}' in the contract",
            file=cfile,
            field=f"columns.{fc.time_column}.type",
            fix="declare it as type: datetime (with a format such as '%Y-%m' or '%Y Q%q' when "
            "it holds periods)",
        )
    target = contract.columns[spec.task.target]
    if target.type not in ("integer", "float"):
        raise BadInput(
            f"the target '{spec.task.target}' has type '{target.type}'; a forecast forecasts a "
            "number",
            file=cfile,
            field=f"columns.{spec.task.target}.type",
            fix="choose a numeric column as the target, or correct its type",
        )
    _check_roles(loaded, contract)
    for col in fc.confirmed_known:
        if col not in contract.columns or contract.columns[col].role != "known_in_advance":
            raise BadInput(
                f"forecast.confirmed_known lists '{col}', which is not a known-in-advance "
                "column of the contract",
                file=sfile,
                field="forecast.confirmed_known",
                fix="list only columns with role known_in_advance (the plans the client "
                "confirms are set ahead)",
            )


def _check_roles(loaded: LoadedSpec, contract: Contract) -> None:
    fc, cfile = loaded.spec.forecast, str(loaded.contract_path)
    expected = {fc.time_column: "time", **dict.fromkeys(fc.series_columns, "series")}
    for col, role in expected.items():
        if contract.columns[col].role != role:
            raise BadInput(
                f"'{col}' is the spec's {'time column' if role == 'time' else 'series column'} "
                f"but has role '{contract.columns[col].role}' in the contract",
                file=cfile,
                field=f"columns.{col}.role",
                fix=f"set role: {role}",
            )
    for name, col in contract.columns.items():
        if col.role == "series" and name not in fc.series_columns:
            raise BadInput(
                f"'{name}' has role series but the spec's forecast.series_columns does not list it",
                file=cfile,
                field=f"columns.{name}.role",
                fix="add it to forecast.series_columns, or give it another role",
            )
        if col.role in ("feature", "group") or (col.role == "time" and name != fc.time_column):
            raise BadInput(
                f"'{name}' has role '{col.role}', which a forecast study cannot place in time",
                file=cfile,
                field=f"columns.{name}.role",
                fix=TIME_ROLES_FIX,
            )
