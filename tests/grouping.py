"""Which tests share a worker when the suite runs in parallel (`-n`, as `python3 dev.py test`
runs it with `--dist loadgroup`): the hook is imported by conftest.py."""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook turns the groups into node ids
def pytest_collection_modifyitems(items):
    """With parallel workers (`-n`, as `python3 dev.py test` runs), the tests that read the one
    shared finished study go to the same worker, so the study runs once, not once per worker;
    so do the tests of a module that share a module-scoped fixture (a study made for them)."""
    for item in items:
        if "finished_run" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("finished_run"))
        elif _uses_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def _uses_module_fixture(item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(
        definition.scope == "module"
        for definitions in info.name2fixturedefs.values()
        for definition in definitions
    )
