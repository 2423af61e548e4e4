"""What a stage notebook shows after its call: the result's tables and figures."""

from __future__ import annotations

import pandas as pd
from pydantic import BaseModel

from workbench.run import Run


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
    for name, value in result.model_dump().items():
        if name == "figures" or not isinstance(value, list) or not value:
            continue
        if isinstance(value[0], dict):
            display(Markdown(f"**{name.replace('_', ' ')}**"))
            display(pd.DataFrame(value))
    for fig in getattr(result, "figures", []):
        display(Markdown(f"*{fig.caption}*"))
        display(Image(filename=str(run.dir / fig.path)))
