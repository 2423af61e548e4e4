"""The command line: `workbench init | validate | run | tune | worker | report | demo |
promote | drift | verify | compare`, one module per phase of an engagement."""

from __future__ import annotations

import importlib
import sys

from workbench.cli.common import app, err

# importing a module registers its commands; this order is the order in `workbench --help`
for _module in ("setup", "study", "handoff"):
    importlib.import_module(f"workbench.cli.{_module}")

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("Interrupted. Finished stages are kept: re-run with --resume to continue.")
        sys.exit(130)


if __name__ == "__main__":
    main()
