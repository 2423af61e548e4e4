"""The report: a Quarto document filled from the results files, rendered to HTML and PDF."""

from workbench.report.render import render

__all__ = ["render"]
