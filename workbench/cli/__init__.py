"""The command line: `workbench init | validate | run | tune | worker | report | demo |
promote | drift | verify | compare | site`, one module per phase of an engagement: `setup`
(init, validate), `study` (run, tune, worker, report, demo), `follow_up` (promote, drift,
verify, compare, site).

May import: everything. Imported by nothing (but `workbench.__main__`). Each command imports
what it needs when it runs, so `workbench --help` stays quick."""

from __future__ import annotations

import sys

# importing a module registers its commands; this order is the order in `workbench --help`
# isort: off
from workbench.cli import setup  # noqa: F401
from workbench.cli import study  # noqa: F401
from workbench.cli import follow_up  # noqa: F401

# isort: on
from workbench.cli.common import app, err

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("Interrupted. Finished stages are kept: re-run with --resume to continue.")
        sys.exit(130)


if __name__ == "__main__":
    main()
