from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from workbench.errors import RunLocked
from workbench.store.results import Figure, SplitSummary
from workbench.store.run_directory import Run, atomic_write


def test_lock_refuses_a_live_holder_and_takes_over_from_a_dead_one(tmp_path):
    run = Run(tmp_path / "r")
    run.dir.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        run.lock_path.write_text(str(holder.pid))
        with pytest.raises(RunLocked, match=f"in use by process {holder.pid}"):
            run.acquire()
    finally:
        holder.kill()
        holder.wait()
    run.acquire()  # the holder is dead: its lock is stale
    assert run.lock_path.read_text() == str(os.getpid())
    run.release()
    assert not run.lock_path.exists()


def test_processes_racing_for_one_lock_give_it_to_exactly_one(tmp_path):
    # a lock seen between its creation and its holder's number must not pass for a dead one's
    race = (
        "import sys\nfrom workbench.errors import RunLocked\n"
        "from workbench.store.run_directory import Run\n"
        "try:\n    Run(sys.argv[1]).acquire()\n    print('won')\n"
        "except RunLocked:\n    print('refused')\n"
        "sys.stdin.read()\n"  # hold the lock until every racer has tried
    )
    racers = [
        subprocess.Popen([sys.executable, "-c", race, str(tmp_path / "r")], text=True,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        for _ in range(6)
    ]  # fmt: skip
    said = [r.stdout.readline().strip() for r in racers]
    for r in racers:
        r.communicate("")
    assert sorted(said) == ["refused"] * 5 + ["won"]
    assert [p.name for p in (tmp_path / "r").iterdir()] == [".lock"]  # no claim left behind


def test_results_round_trip_and_leave_no_temporary_files(tmp_path):
    run = Run(tmp_path)
    run.create()
    summary = SplitSummary(strategy="time", train_rows=10, test_rows=5, cv_folds=2, test_share=0.33)
    run.save_result("split", summary)
    assert run.load_result("split", SplitSummary) == summary
    run.update_manifest(a=1, nested={"x": 1})
    run.update_manifest(nested={"y": 2})
    assert json.loads(run.manifest_path.read_text()) == {"a": 1, "nested": {"x": 1, "y": 2}}
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "f.json"
    atomic_write(target, "old")
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_figures_are_byte_identical_for_identical_input(tmp_path):
    import matplotlib.pyplot as plt

    run = Run(tmp_path)
    run.create()
    paths = []
    for name in ("a", "b"):
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3])
        paths.append(run.dir / run.save_figure(fig, name))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert Figure(path="figures/a.png", caption="c").path.startswith("figures/")
