"""One leakage check on a generated case, split as the workbench splits it (the calibration's
`split_case`): the tests of what each calibration generation showed call it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from calibration_shapes import split_case

from leakage_checks import run_all


def check(case, seed: int, name: str, roles=None, **settings):
    """The run of check `name` on `case` split with `seed`; `roles` replaces the split's roles,
    `settings` the checks' defaults."""
    frames, split_roles, _, _ = split_case(case, seed)
    [run] = run_all(frames, roles or split_roles, settings=settings, only=[name])
    return run
