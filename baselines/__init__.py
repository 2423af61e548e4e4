"""The baseline zoo: each baseline an sklearn `Pipeline` builder, registered under a name.

Builders take plain column roles, a task and a seed, and return an unfitted pipeline whose
preprocessing (imputation, encoding, scaling, date features) is fitted inside each fold.
`family_pipeline` is the one place a model family and its parameters become a pipeline: the
baselines and the tuned model are built by it.
This package does not import `workbench`.
"""

from baselines import models as _models  # noqa: F401  (registers the builders)
from baselines.columns import ColumnRoles
from baselines.families import FAMILIES, family_pipeline
from baselines.registry import BASELINES, Baseline, applicable, build, register

__all__ = [
    "BASELINES",
    "FAMILIES",
    "Baseline",
    "ColumnRoles",
    "applicable",
    "build",
    "family_pipeline",
    "register",
]
