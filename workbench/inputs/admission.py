"""What a study's data must pass before a run directory exists: it can be read, it has the
contract's columns, every value converts to its column's type, no column is emptied by the
conversion, the contract gives the model at least one input, the target holds an outcome to
predict and every model input holds a value. `workbench run` refuses otherwise —
bad input with exit code 2, values that do not convert with a table of them and exit code 1 —
and leaves nothing behind. The data stage applies the same checks to the rows it snapshots.
"""

from __future__ import annotations

import pandas as pd

from workbench.errors import BadInput, DataRefused, did_you_mean
from workbench.inputs.context import Context
from workbench.inputs.contract import Violation, check_columns
from workbench.inputs.files import coerce
from workbench.inputs.formats import date_format, looks_numeric
from workbench.inputs.source import read_source


def admit(ctx: Context) -> None:
    """Read and convert the spec's file as the data stage will; raise `BadInput` or
    `DataRefused`. A database query is read once, by the data stage, and not here."""
    check_has_inputs(ctx)
    if ctx.spec.data.sql is not None:
        return
    source = read_source(ctx.loaded, None, ctx.contract)
    raw = source.frame
    check_columns(
        ctx.contract,
        [*map(str, raw.columns), *source.personal],
        ctx.loaded.contract_path,
        source.label,
    )
    contract = ctx.contract.as_read(list(raw.columns))
    typed, problems = coerce(raw, contract, ctx.spec.data.read_options())
    problems = with_emptied(problems, emptied(raw, typed, contract))
    if problems:
        names = ", ".join(sorted({p.column for p in problems}))
        raise DataRefused(
            f"values of {names} in {source.label} do not convert to the contract's types; the "
            "run did not start. Correct the values, or the column's type (or format) in "
            f"{ctx.loaded.contract_path.name}",
            problems,
        )
    check_target(typed[ctx.spec.task.target], ctx)
    check_inputs(typed, ctx, source.label)


def check_has_inputs(ctx: Context) -> None:
    """The contract gives the model at least one input: a table whose every column is the
    target, an identifier, excluded, personal, sensitive or known only after the prediction
    leaves nothing to learn from (every model would fail on its first fit)."""
    contract = ctx.contract
    if contract.model_features() or ctx.spec.task.kind == "forecast":
        return  # a forecast's model reads the target's own past: it always has an input
    shown = [f"'{name}' ({_role_words(spec)})" for name, spec in contract.columns.items()]
    first = next((n for n, s in contract.columns.items() if s.role != "target"), None)
    raise BadInput(
        "the contract gives the model no input: "
        + "; ".join(shown[:12])
        + (f" and {len(shown) - 12} more" if len(shown) > 12 else ""),
        file=str(ctx.loaded.contract_path),
        field=f"columns.{first}.role" if first else "columns",
        fix="make at least one column a model input: role feature for a value known when the "
        "prediction is made, or role text for free text such as a ticket's description "
        "(`workbench init --text COLUMN` declares one)",
    )


def _role_words(spec) -> str:
    """A column's role as the refusal says it: what keeps it out of the model."""
    words = f"role {spec.role}"
    if spec.pii:
        words += ", personal data"
    if spec.sensitive:
        words += ", sensitive"
    if not spec.known_at_prediction:
        words += ", not known at prediction time"
    return words


def check_inputs(typed: pd.DataFrame, ctx: Context, label: str) -> None:
    """Every model input holds at least one value: a column missing everywhere has nothing to
    learn from, and no model can be fitted on it."""
    empty = [c for c in ctx.contract.model_features() if c in typed and typed[c].isna().all()]
    if empty:
        names = ", ".join(f"'{c}'" for c in empty)
        raise BadInput(
            f"{names} {'is' if len(empty) == 1 else 'are'} missing in every row of {label}, "
            "but the contract makes "
            f"{'it a model input' if len(empty) == 1 else 'them model inputs'}",
            file=str(ctx.loaded.contract_path),
            field=f"columns.{empty[0]}.role",
            fix="set role: exclude for "
            + ("it" if len(empty) == 1 else "each")
            + " (or fill the column in the extract)",
        )


def emptied(raw: pd.DataFrame, typed: pd.DataFrame, contract) -> list[Violation]:
    """Columns that held values but hold none once converted (the whole column is the wrong
    type): named on their own, whatever the per-value table says."""
    out = []
    for name, spec in contract.columns.items():
        if name in raw and raw[name].notna().any() and typed[name].isna().all():
            shown = [str(v) for v in raw[name].dropna().drop_duplicates().head(2)]
            out.append(
                Violation(
                    column=name,
                    check=f"no value is a valid {spec.type}: the column would be empty",
                    failures=int(raw[name].notna().sum()),
                    examples=["«masked: PII»"] if spec.pii else shown,
                )
            )
    return out


def with_emptied(problems: list[Violation], empty: list[Violation]) -> list[Violation]:
    """The conversion problems, a column emptied by conversion said once (as emptied)."""
    gone = {v.column for v in empty}
    return [*(p for p in problems if p.column not in gone), *empty]


def check_target(col: pd.Series, ctx: Context) -> None:
    """The target must hold at least two outcomes."""
    target, cfile = ctx.spec.task.target, ctx.spec_file
    if col.isna().all():
        raise BadInput(
            f"the target '{target}' is missing in every row (or none of its values has the "
            f"contract's type '{ctx.contract.columns[target].type}')",
            file=cfile,
            field="task.target",
            fix="choose the column that holds the outcome, or correct its type in the contract",
        )
    if col.nunique(dropna=True) < 2:
        raise BadInput(
            f"the target '{target}' has a single value ({plain(col.dropna().iloc[0])}) in every "
            "row: there is nothing to predict",
            file=cfile,
            field="task.target",
            fix="check the extract: it may hold only one outcome (e.g. only defaulters)",
        )


def check_routing(ctx: Context, classes: list[str]) -> None:
    """Every class the spec's routing block names is a value of the target."""
    routing = ctx.spec.routing
    if routing is None:
        return
    for field, name in routing.classes_named():
        if name not in classes:
            raise BadInput(
                f"'{name}' is not a class of the target '{ctx.spec.task.target}'."
                f"{did_you_mean(name, classes)} Classes: {', '.join(classes)}",
                file=ctx.spec_file,
                field=field,
                fix="name the classes as the target column writes them",
            )


def plain(value) -> str:
    """A data value as people write it: `0`, `'bad'`, `2021-07-08` (never `np.int32(0)`)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, pd.Timestamp):
        return str(value.date()) if value == value.normalize() else str(value)
    return str(value)


def reading_warnings(raw: pd.DataFrame, contract, options) -> list[str]:
    """Text columns that hide numbers or dates, and dates whose day and month cannot be told
    apart: what `validate` says before the study reads them as text (or guesses)."""
    out = []
    for name, spec in contract.columns.items():
        if name not in raw or spec.pii or spec.role == "text":
            continue
        col = raw[name]
        if not (pd.api.types.is_string_dtype(col) or col.dtype == object):
            continue
        if spec.type in ("string", "category"):
            if looks_numeric(col):
                out.append(
                    f"'{name}' is typed {spec.type} but its values are numbers (e.g. "
                    f"{plain(col.dropna().iloc[0])}): set its type to float or integer, and "
                    "data.decimal / data.thousands if they are written like 1.234,56"
                )
                continue
            found = date_format(col)
            if found is not None:
                out.append(
                    f"'{name}' is typed {spec.type} but holds dates (e.g. {found.example!r}): "
                    f"set its type to datetime (format {' or '.join(found.formats)})"
                )
        elif spec.type == "datetime" and not spec.formats and not options.date_format:
            found = date_format(col)
            if found is not None and found.ambiguous:
                order = "day first" if options.dayfirst else "month first"
                out.append(
                    f"the dates in '{name}' could be day first or month first (e.g. "
                    f"{found.example!r}); they are read {order}: give the column a format "
                    'in the contract (e.g. format: "%d/%m/%Y") to say which'
                )
    return out
