"""Which columns of a frame are numeric, categorical (few levels, or many), or dates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class ColumnRoles:
    numeric: list[str] = field(default_factory=list)
    categorical: list[str] = field(default_factory=list)
    datetime: list[str] = field(default_factory=list)
    # categories with many levels (a contract's `string` columns): target-encoded with
    # cross-fitting inside the pipeline instead of one code or one column per level
    high_cardinality: list[str] = field(default_factory=list)

    @classmethod
    def from_frame(cls, X: pd.DataFrame, high_cardinality: Iterable[str] = ()) -> ColumnRoles:
        """Numbers and booleans are numeric, datetimes are dates, everything else categorical
        (pandas 3 `str` columns included: never select by `object`); the columns named in
        `high_cardinality` are categorical with many levels."""
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
        high = [c for c in categorical if c in set(high_cardinality)]
        return cls(numeric, [c for c in categorical if c not in high], dates, high)

    @property
    def all(self) -> list[str]:
        return [*self.numeric, *self.datetime, *self.categorical, *self.high_cardinality]
