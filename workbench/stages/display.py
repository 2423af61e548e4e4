"""What a stage notebook shows after its call: the result's tables and figures."""

from __future__ import annotations

import pandas as pd
from pydantic import BaseModel

from workbench.store.run_directory import Run


def show(result: BaseModel, run: Run) -> None:
    """Display every list-of-records field of a result as a table, then its figures."""
    from IPython.display import Image, Markdown, display

    scalars = {
        k: v
        for k, v in result.model_dump().items()
        if not isinstance(v, list | dict) and k != "figures"
    }
    if scalars:
        display(pd.Series(scalars, name="value").to_frame())
    for name, value in _tables(result.model_dump()):
        display(Markdown(f"**{name.replace('_', ' ')}**"))
        display(pd.DataFrame(value))
    for fig in getattr(result, "figures", []):
        display(Markdown(f"*{fig.caption}*"))
        display(Image(filename=str(run.dir / fig.path)))


def _tables(fields: dict, prefix: str = ""):
    """(name, records) for every list-of-records field, and those one object down (e.g. the
    tuning's confirmation: its candidates)."""
    for name, value in fields.items():
        if name == "figures" or not value:
            continue
        if isinstance(value, list) and isinstance(value[0], dict):
            yield prefix + name, value
        elif isinstance(value, dict) and not prefix:
            yield from _tables(value, prefix=f"{name}: ")
