"""The data contract: what each column is, what values it may hold, and what role it plays.

A contract is a YAML file (`data_contracts/<dataset>.yaml`) parsed into `Contract`. It says,
per column, the type, nullability, uniqueness, range or allowed values, the role (feature,
target, id, group, time, text, exclude), whether it is PII or sensitive, and when its value
becomes known (`known_at`: before the decision, at the decision, after the outcome, or unknown;
the boolean `known_at_prediction` of older contracts still loads). A `text` column is free
text: a model input read as words, its personal data (e-mail addresses, phone numbers, IBANs,
names) masked. `validate_frame` checks a typed frame against it with pandera and returns a
table of violations (PII values masked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.yamlio import pydantic_problem, read_yaml_mapping
from workbench.language import N_

ColumnType = Literal["integer", "float", "string", "category", "boolean", "datetime"]
KnownAt = Literal["before_decision", "at_decision", "after_outcome", "unknown"]
# what an older contract's `known_at_prediction` says in today's terms: known when the
# prediction is made (at the decision), or only after the outcome
LEGACY_KNOWN_AT = {True: "at_decision", False: "after_outcome"}
Role = Literal[
    "feature",
    "target",
    "id",
    "group",
    "time",
    "text",
    "exclude",
    # forecast studies: the columns that name a series, and each input's time role
    "series",
    "known_in_advance",
    "observed",
    "static",
]
FORECAST_ROLES = ("known_in_advance", "observed", "static")
MASK = "«masked: PII»"
# why a column is not a model input, as the data stage records it (in the reader's language);
# the checklist looks for the one that says a column is recorded after the prediction
NOT_KNOWN_AT_PREDICTION = N_("not known at prediction time")


class ColumnSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: ColumnType
    role: Role = "feature"
    nullable: bool = True
    unique: bool = False
    min: int | float | str | None = None
    max: int | float | str | None = None
    allowed: list[Any] | None = None
    pii: bool = False
    sensitive: bool = False
    known_at: KnownAt = Field(
        "unknown",
        description="When the value becomes known: before_decision (recorded before the case "
        "reaches the decision, e.g. an application form), at_decision (when the prediction is "
        "made), after_outcome (recorded after the outcome: kept out of every model), or unknown "
        "(nobody has said: a strong column of unknown timing gets the score without it on page "
        "one). `known_at_prediction: true/false` of older contracts reads as at_decision / "
        "after_outcome.",
    )
    format: str | list[str] | None = Field(
        None,
        description="Datetime columns written as text: the date format (strftime, e.g. "
        "'%d.%m.%Y', or 'ISO8601'), or several tried in turn; `workbench init` writes it.",
    )
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _legacy_known_at(cls, data: Any) -> Any:
        """An older contract's `known_at_prediction: true/false`, read as `known_at`."""
        if not isinstance(data, dict) or "known_at_prediction" not in data:
            return data
        data = dict(data)
        legacy = data.pop("known_at_prediction")
        if not isinstance(legacy, bool):
            raise ValueError(f"known_at_prediction must be true or false, not {legacy!r}")
        said = data.get("known_at")
        if said is not None and (said == "after_outcome") == legacy:
            raise ValueError(
                f"known_at_prediction: {str(legacy).lower()} contradicts known_at: {said}; keep "
                "known_at only (before_decision, at_decision, after_outcome or unknown)"
            )
        data.setdefault("known_at", LEGACY_KNOWN_AT[legacy])
        return data

    @property
    def known_at_prediction(self) -> bool:
        """Usable by a model: not recorded after the outcome (unknown timing included)."""
        return self.known_at != "after_outcome"

    @property
    def formats(self) -> list[str] | None:
        if self.format is None:
            return None
        return [self.format] if isinstance(self.format, str) else list(self.format)

    @model_validator(mode="after")
    def _coherent(self) -> ColumnSpec:
        if self.min is not None and self.max is not None:
            lo, hi = self.min, self.max
            if self.type == "datetime":
                lo, hi = pd.Timestamp(lo), pd.Timestamp(hi)
            try:
                wrong = lo > hi
            except TypeError:
                raise ValueError(
                    f"min ({self.min!r}) and max ({self.max!r}) are not comparable"
                ) from None
            if wrong:
                raise ValueError(
                    f"min ({self.min!r}) is greater than max ({self.max!r}); swap them"
                )
        if self.format is not None and self.type != "datetime":
            raise ValueError(f"format applies to datetime columns, not to type '{self.type}'")
        if self.role == "target" and self.pii:
            raise ValueError(
                "the target cannot be PII: a model would learn to output personal data"
            )
        if self.role == "target" and self.known_at == "after_outcome":
            raise ValueError(
                "known_at: after_outcome (known_at_prediction: false) describes inputs that "
                "arrive after the prediction; the target is the outcome itself, so leave it out"
            )
        return self


class Contract(BaseModel):
    model_config = ConfigDict(extra="forbid")
    dataset: str
    description: str | None = None
    columns: dict[str, ColumnSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_target(self) -> Contract:
        targets = [c for c, s in self.columns.items() if s.role == "target"]
        if len(targets) > 1:
            raise ValueError(
                f"{len(targets)} columns have role 'target' ({', '.join(targets)}); a contract "
                "has one target, give the others role 'exclude'"
            )
        return self

    # -- role views ---------------------------------------------------------------------------
    def with_role(self, role: str) -> list[str]:
        return [c for c, s in self.columns.items() if s.role == role]

    @property
    def target(self) -> str | None:
        t = self.with_role("target")
        return t[0] if t else None

    @property
    def text_inputs(self) -> list[str]:
        """The free-text columns among the model's inputs."""
        return [c for c in self.model_features() if self.columns[c].role == "text"]

    @property
    def pii_columns(self) -> list[str]:
        return [c for c, s in self.columns.items() if s.pii]

    @property
    def sensitive_columns(self) -> list[str]:
        return [c for c, s in self.columns.items() if s.sensitive]

    @property
    def not_known_at_prediction(self) -> list[str]:
        """Columns recorded after the outcome (`known_at: after_outcome`)."""
        return [c for c, s in self.columns.items() if not s.known_at_prediction]

    @property
    def declared_known(self) -> list[str]:
        """Columns the contract says are known by the decision (before it or at it)."""
        return [
            c for c, s in self.columns.items() if s.known_at in ("before_decision", "at_decision")
        ]

    @property
    def unknown_timing(self) -> list[str]:
        """Columns whose timing nobody has stated (`known_at: unknown`)."""
        return [c for c, s in self.columns.items() if s.known_at == "unknown"]

    def forecast_inputs(self) -> dict[str, list[str]]:
        """A forecast study's inputs by time role (known_in_advance, observed, static), PII
        never among them."""
        return {
            role: [c for c, s in self.columns.items() if s.role == role and not s.pii]
            for role in FORECAST_ROLES
        }

    def as_read(self, columns: list[str]) -> Contract:
        """The contract of the rows as the study holds them: personal-data columns that were
        kept out are gone, and those kept as a keyed hash are text with no value checks."""
        kept = {}
        for name, spec in self.columns.items():
            if not spec.pii:
                kept[name] = spec
            elif name in columns:  # a group key, hashed
                kept[name] = spec.model_copy(
                    update={
                        "type": "string",
                        "min": None,
                        "max": None,
                        "allowed": None,
                        "format": None,
                    }
                )
        return self.model_copy(update={"columns": kept})

    def model_features(self, use_sensitive: bool = False) -> list[str]:
        """Columns a model may read: role feature or text (free text, read as words), known at
        prediction time, not PII, and not sensitive unless the spec opts in. (A forecast
        study's inputs: `forecast_inputs`.)"""
        return [
            c
            for c, s in self.columns.items()
            if s.role in ("feature", "text")
            and s.known_at_prediction
            and not s.pii
            and (use_sensitive or not s.sensitive)
        ]


def load_contract(path: Path) -> Contract:
    raw = read_yaml_mapping(path, "data contract")
    cols = raw.get("columns")
    if isinstance(cols, dict):
        for name, col in cols.items():
            if isinstance(col, dict) and "type" in col and col["type"] not in ColumnType.__args__:
                raise BadInput(
                    f"column '{name}' has unknown type '{col['type']}'."
                    f"{did_you_mean(col['type'], ColumnType.__args__)} "
                    f"Types: {', '.join(ColumnType.__args__)}",
                    file=str(path),
                    field=f"columns.{name}.type",
                    fix="use one of the listed types",
                )
    try:
        return Contract.model_validate(raw)
    except ValidationError as exc:
        raise pydantic_problem(exc, Contract, path, "data contract") from None


class Violation(BaseModel):
    column: str
    check: str
    failures: int
    examples: list[str]


def check_columns(
    contract: Contract, frame_columns: list[str], contract_path: Path, data_name: str
) -> list[str]:
    """Raise if the contract names columns the data lacks; return data columns it omits."""
    missing = [c for c in contract.columns if c not in frame_columns]
    if missing:
        hints = "".join(did_you_mean(m, frame_columns) for m in missing[:3])
        raise BadInput(
            f"the contract names column(s) the data lacks: {', '.join(missing)}.{hints} "
            f"The data ({data_name}) has: {', '.join(map(str, frame_columns[:30]))}",
            file=str(contract_path),
            field=f"columns.{missing[0]}",
            fix="rename the column in the contract to match the data, or remove it",
        )
    return [c for c in frame_columns if c not in contract.columns]


def pandera_schema(contract: Contract):
    """A pandera schema for a frame already coerced to the contract's types."""
    import pandera.pandas as pa

    columns = {}
    for name, spec in contract.columns.items():
        checks = []
        lo, hi = spec.min, spec.max
        if spec.type == "datetime":
            lo = pd.Timestamp(lo) if lo is not None else None
            hi = pd.Timestamp(hi) if hi is not None else None
        if lo is not None:
            checks.append(pa.Check.ge(lo))
        if hi is not None:
            checks.append(pa.Check.le(hi))
        if spec.allowed is not None:
            checks.append(
                pa.Check.isin(
                    [str(a) for a in spec.allowed]
                    if spec.type in ("string", "category")
                    else spec.allowed
                )
            )
        columns[name] = pa.Column(
            nullable=spec.nullable, unique=spec.unique, checks=checks, required=True
        )
    return pa.DataFrameSchema(columns, strict=False)


def validate_frame(frame: pd.DataFrame, contract: Contract) -> list[Violation]:
    """Check a typed frame against the contract; one `Violation` per failing column check."""
    import pandera.pandas as pa

    try:
        pandera_schema(contract).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    out = []
    for (column, check), rows in cases.groupby(["column", "check"], sort=False, dropna=False):
        pii = column in contract.columns and contract.columns[column].pii
        values = rows["failure_case"].dropna().drop_duplicates().head(3)
        examples = [str(v) for v in values]
        out.append(
            Violation(
                column=str(column),
                check=_plain_check(str(check)),
                failures=len(rows),
                examples=[MASK] if pii and examples else examples,
            )
        )
    return out


def _plain_check(check: str) -> str:
    names = {
        "not_nullable": "missing values not allowed",
        "field_uniqueness": "values must be unique",
    }
    if check.startswith("greater_than_or_equal_to"):
        return "below min " + check.split("(", 1)[1].rstrip(")")
    if check.startswith("less_than_or_equal_to"):
        return "above max " + check.split("(", 1)[1].rstrip(")")
    if check.startswith("isin"):
        return "value not in allowed list"
    return names.get(check, check)
