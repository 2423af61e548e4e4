"""The parallel suite keeps the tests that share an expensive study on one worker: if the
grouping silently stops (as a pytest release once made it), every worker runs the study again
and the suite's time grows by minutes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent

CONFTEST = f"""
import sys
import pytest
sys.path.insert(0, {str(TESTS)!r})
from grouping import pytest_collection_modifyitems

@pytest.fixture(scope="session")
def finished_run():
    return 1

@pytest.fixture(scope="module")
def study():
    return 2
"""

MODULE = """
def test_reads_the_run_{i}(finished_run): pass
def test_reads_the_study_{i}(study): pass
def test_alone_{i}(): pass
"""


def test_tests_sharing_a_study_run_on_one_worker(tmp_path):
    (tmp_path / "conftest.py").write_text(CONFTEST)
    for i in range(3):
        (tmp_path / f"test_m{i}.py").write_text(MODULE.format(i=i))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-v",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    workers: dict[str, set[str]] = {}
    for worker, test in re.findall(r"\[(gw\d)\] .*? PASSED (\S+)", done.stdout):
        workers.setdefault(test.split("::")[-1], set()).add(worker)
    assert len(workers) == 9, done.stdout
    on_the_run = set().union(*(w for t, w in workers.items() if "reads_the_run" in t))
    assert len(on_the_run) == 1, done.stdout
    assert all(t.endswith("@finished_run") for t in workers if "reads_the_run" in t)
    for i in range(3):
        [(name, worker)] = [(t, w) for t, w in workers.items() if f"reads_the_study_{i}" in t]
        assert name.endswith(f"@test_m{i}"), name


def test_slow_tests_standing_alone_start_before_the_quick_ones():
    """A long study taken last by one worker leaves the other core idle: the slow tests that
    stand alone are queued before the quick ones, and a module's grouped tests stay together."""
    from types import SimpleNamespace

    from grouping import pytest_collection_modifyitems

    def item(name: str, slow: bool = False, module_fixture: bool = False):
        scope = "module" if module_fixture else "function"
        fixtures = {"f": [SimpleNamespace(scope=scope)]}
        return SimpleNamespace(
            name=name,
            fixturenames=["f"],
            module=SimpleNamespace(__name__="test_m"),
            _fixtureinfo=SimpleNamespace(name2fixturedefs=fixtures),
            add_marker=lambda marker: None,
            get_closest_marker=lambda mark: object() if slow and mark == "slow" else None,
        )

    items = [
        item("quick"),
        item("grouped_1", module_fixture=True),
        item("slow_alone", slow=True),
        item("grouped_2", slow=True, module_fixture=True),
        item("quick_2"),
        item("slow_alone_2", slow=True),
    ]
    pytest_collection_modifyitems(items)
    assert [i.name for i in items] == [
        "slow_alone", "slow_alone_2", "quick", "grouped_1", "grouped_2", "quick_2",
    ]  # fmt: skip
