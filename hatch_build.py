"""Compile the message catalogs when the package is built: every
`workbench/locale/<lang>/LC_MESSAGES/workbench.po` to its `.mo`, for a wheel and for an editable
install alike (`uv sync` installs the project editable, so a fresh clone's `python3 dev.py demo`
and `test` get compiled catalogs). The `.mo` files are build artefacts, not in git."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        # loaded by its path: the package is not installed yet while it is being built
        spec = importlib.util.spec_from_file_location(
            "_workbench_catalogs", root / "workbench" / "catalogs.py"
        )
        catalogs = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(catalogs)
        written = catalogs.compile_all(root / "workbench" / "locale")
        build_data.setdefault("artifacts", []).extend(
            p.relative_to(root).as_posix() for p in written
        )
