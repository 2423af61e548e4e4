"""Which tests share a worker when the suite runs in parallel (`-n`, as `python3 dev.py test`
runs it with `--dist loadgroup`): the hook is imported by conftest.py."""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook turns the groups into node ids
def pytest_collection_modifyitems(items):
    """With parallel workers (`-n`, as `python3 dev.py test` runs), the tests that read the one
    shared finished study go to the same worker, so the study runs once, not once per worker;
    so do the tests of a module that share a module-scoped fixture (a study made for them)."""
    grouped = set()
    for item in items:
        if "finished_run" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("finished_run"))
            grouped.add(id(item))
        elif _uses_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
            grouped.add(id(item))
    # The longest work first: a worker is handed the next group or test when it runs dry, so
    # an end-to-end study taken last leaves the other core idle for its whole minute. xdist
    # starts the groups first (the most tests first); the slow tests that stand alone follow,
    # then the rest. Grouped tests keep their order: a module's fixture is made once.
    items[:] = sorted(items, key=lambda i: id(i) in grouped or i.get_closest_marker("slow") is None)


def _uses_module_fixture(item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(
        definition.scope == "module"
        for definitions in info.name2fixturedefs.values()
        for definition in definitions
    )
