"""Which columns of a frame are numeric, categorical (few levels, or many), dates, or free
text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

import pandas as pd


@dataclass(frozen=True)
class ColumnRoles:
    numeric: list[str] = field(default_factory=list)
    categorical: list[str] = field(default_factory=list)
    datetime: list[str] = field(default_factory=list)
    # categories with many levels (a contract's `string` columns): target-encoded with
    # cross-fitting inside the pipeline instead of one code or one column per level
    high_cardinality: list[str] = field(default_factory=list)
    # free text (a contract's `text` columns): read as words and character n-grams
    text: list[str] = field(default_factory=list)

    @classmethod
    def from_frame(
        cls, X: pd.DataFrame, high_cardinality: Iterable[str] = (), text: Iterable[str] = ()
    ) -> ColumnRoles:
        """Numbers and booleans are numeric, datetimes are dates, everything else categorical
        (pandas 3 `str` columns included: never select by `object`); the columns named in
        `high_cardinality` are categorical with many levels, those named in `text` free text."""
        numeric, categorical, dates = [], [], []
        for name, dtype in X.dtypes.items():
            if pd.api.types.is_datetime64_any_dtype(dtype):
                dates.append(name)
            elif pd.api.types.is_bool_dtype(dtype) or (
                pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype)
            ):
                numeric.append(name)
            else:
                categorical.append(name)
        words = [c for c in X.columns if c in set(text)]
        categorical = [c for c in categorical if c not in words]
        numeric = [c for c in numeric if c not in words]
        high = [c for c in categorical if c in set(high_cardinality)]
        return cls(numeric, [c for c in categorical if c not in high], dates, high, words)

    @property
    def all(self) -> list[str]:
        return [
            *self.numeric,
            *self.datetime,
            *self.categorical,
            *self.high_cardinality,
            *self.text,
        ]

    @property
    def tabular(self) -> list[str]:
        """Every input that is not free text."""
        return [c for c in self.all if c not in self.text]

    def without(self, columns: Iterable[str]) -> ColumnRoles:
        """These roles with `columns` left out."""
        gone = set(columns)
        return ColumnRoles(
            *([c for c in getattr(self, f.name) if c not in gone] for f in fields(self))
        )
