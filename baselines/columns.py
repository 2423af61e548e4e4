"""Which columns of a frame are numeric, categorical or dates."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class ColumnRoles:
    numeric: list[str] = field(default_factory=list)
    categorical: list[str] = field(default_factory=list)
    datetime: list[str] = field(default_factory=list)

    @classmethod
    def from_frame(cls, X: pd.DataFrame) -> ColumnRoles:
        """Numbers and booleans are numeric, datetimes are dates, everything else categorical
        (pandas 3 `str` columns included: never select by `object`)."""
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
        return cls(numeric, categorical, dates)

    @property
    def all(self) -> list[str]:
        return [*self.numeric, *self.datetime, *self.categorical]
