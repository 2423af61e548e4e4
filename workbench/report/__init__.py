"""The report: a Quarto document filled from a run's results and saved judgements, rendered to
HTML and PDF (`quarto render` where Quarto is installed, else the bundled pandoc and typst).

May import: `workbench.store`, `workbench.inputs` (the metrics' names). It reads the saved
judgements and never judges (it does not import `workbench.judge`), nor a stage or the engine.
"""

from workbench.report.render import render

__all__ = ["render"]
