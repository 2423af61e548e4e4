"""Fits made once per process (`fit_cache`) and folds side by side in threads (`threads`):
neither may change a number. A remembered fit predicts exactly what a fresh fit predicts, a
preprocessing is shared across final estimators, and cross-validation scores the same with
one fold at a time or two, pruned or not."""

from __future__ import annotations

import threading
import time

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression

import synth
from baselines import ColumnRoles, build
from baselines.families import xgboost_model
from baselines.preprocess import pipeline, tree_preprocessor
from workbench.science import fit_cache, threads
from workbench.science.cross_validation import cross_validate
from workbench.science.modeling import Prepared


@pytest.fixture(autouse=True)
def fresh_memory():
    fit_cache.clear()
    yield
    fit_cache.clear()


def data(n: int = 300):
    frame = synth.applicants(n)
    # many levels: target-encoded, cross-fitted when fitting (fit_transform != transform)
    frame["branch"] = [f"b{i % 60}" for i in range(n)]
    X = frame.drop(columns=["status", "application_id", "applied_on"])
    y = (frame["status"] == "bad").to_numpy(dtype="int64")
    return X, y, ColumnRoles.from_frame(X, high_cardinality=["branch"])


def test_a_remembered_fit_predicts_what_a_fresh_fit_predicts():
    X, y, cols = data()
    model = pipeline(tree_preprocessor(cols), xgboost_model("binary", 0, n_estimators=30))
    first = fit_cache.fit(model, X.iloc[:200], y[:200])
    again = fit_cache.fit(clone(model), X.iloc[:200], y[:200])
    assert again is first  # the same fit, handed out again
    fresh = clone(model).fit(X.iloc[:200], y[:200])
    for rows in (X.iloc[200:], X.iloc[:200]):  # new rows, and the rows it was fitted on
        expected = fresh.predict_proba(rows)
        assert np.array_equal(fit_cache.predict(first.model, rows, "predict_proba"), expected)
        assert np.array_equal(fit_cache.predict(first.model, rows, "predict_proba"), expected)
    other_rows = fit_cache.fit(model, X.iloc[:199], y[:199])
    assert other_rows is not first


def test_one_preprocessing_serves_every_final_estimator():
    X, y, cols = data()
    a = pipeline(tree_preprocessor(cols), xgboost_model("binary", 0, n_estimators=20))
    b = pipeline(tree_preprocessor(cols), xgboost_model("binary", 0, n_estimators=40))
    fa, fb = fit_cache.fit(a, X, y), fit_cache.fit(b, X, y)
    assert fa.model.steps[0][1] is fb.model.steps[0][1]  # the same fitted preprocessing
    assert fa.model.steps[-1][1] is not fb.model.steps[-1][1]
    assert np.array_equal(fb.model.predict_proba(X), clone(b).fit(X, y).predict_proba(X))
    assert fb.seconds >= 0 and fa.seconds >= 0


def test_settings_are_the_same_fitted_or_not_and_differ_with_a_parameter():
    X, y, cols = data(120)
    model = build("linear", cols, "binary", 0)
    assert fit_cache.settings(model) == fit_cache.settings(clone(model).fit(X, y))
    changed = clone(model).set_params(model__C=0.5)
    assert fit_cache.settings(changed) != fit_cache.settings(model)
    assert fit_cache.settings(LogisticRegression()) != fit_cache.settings(model)


def test_in_order_keeps_the_order_and_starts_nothing_after_a_stop():
    started, lock = [], threading.Lock()

    def work(i: int) -> int:
        with lock:
            started.append(i)
        time.sleep(0.05 * (5 - i))  # early items finish last
        return i * i

    assert list(threads.in_order(work, range(5), 2)) == [0, 1, 4, 9, 16]
    started.clear()
    results = threads.in_order(work, range(5), 2)
    assert next(results) == 0
    results.close()  # the consumer stops: what runs is waited for, nothing new starts
    at_close = len(started)
    time.sleep(0.3)
    assert len(started) == at_close < 5


def test_in_order_skips_what_is_to_be_skipped_when_its_turn_comes():
    gone = {2, 3}
    out = list(threads.in_order(lambda i: i * 10, range(6), 2, skip=lambda i: i in gone))
    assert out == [0, 10, None, None, 40, 50]
    assert list(threads.in_order(lambda i: i, range(3), 1, skip=lambda i: i == 1)) == [0, None, 2]


def prepared(n: int = 300) -> Prepared:
    X, y, cols = data(n)
    part = np.where(np.arange(n) < int(n * 0.75), "train", "test").astype(object)
    fold = np.arange(int(n * 0.75)) % 3
    return Prepared(pd.concat([X], axis=1), X, y, ["good", "bad"], part, fold, cols)


class Spec:
    class metrics:
        primary, secondary = "roc_auc", ["brier"]

    class split:
        strategy = "stratified"

    class task:
        kind = "binary"


def test_cross_validation_scores_the_same_one_fold_at_a_time_or_side_by_side(monkeypatch):
    prep = prepared()
    model = pipeline(tree_preprocessor(prep.columns), xgboost_model("binary", 0, n_estimators=25))
    monkeypatch.setattr(threads, "cores", lambda: 1)
    alone = cross_validate(model, prep, Spec, "x", "", with_train=True)
    fit_cache.clear()
    monkeypatch.setattr(threads, "cores", lambda: 2)
    seen = []
    together = cross_validate(
        model, prep, Spec, "x", "", with_train=True, on_fold=lambda i, m: seen.append(i)
    )
    assert together == alone and seen == [0, 1, 2]
    # and what a plain loop of fresh fits gives
    from sklearn.metrics import roc_auc_score

    train = prep.train
    plain = []
    for k in range(3):
        fit, val = train[prep.fold != k], train[prep.fold == k]
        fresh = clone(model).fit(prep.X.iloc[fit], prep.y[fit])
        plain.append(roc_auc_score(prep.y[val], fresh.predict_proba(prep.X.iloc[val])[:, 1]))
    assert alone.fold_scores == [round(v, 6) for v in plain]


def test_a_pruned_cross_validation_stops_and_leaves_nothing_running(monkeypatch):
    prep = prepared()
    model = pipeline(tree_preprocessor(prep.columns), xgboost_model("binary", 0, n_estimators=25))
    monkeypatch.setattr(threads, "cores", lambda: 2)

    class Pruned(Exception):
        pass

    def prune(i, mean):
        raise Pruned

    before = threading.active_count()
    with pytest.raises(Pruned):
        cross_validate(model, prep, Spec, "x", "", on_fold=prune)
    assert threading.active_count() == before


def test_a_threaded_model_takes_the_cores_itself():
    _X, _y, cols = data(50)
    assert threads.model_threads(build("random_forest", cols, "binary", 0)) >= 1
    assert threads.fits_at_once(build("xgboost", cols, "binary", 0)) == threads.cores()
    forest = build("random_forest", cols, "binary", 0)
    assert threads.fits_at_once(forest) == max(1, threads.cores() // threads.model_threads(forest))


def where(task: int) -> tuple[int, int]:
    """A task for the side process: its square and the process that computed it."""
    import os

    time.sleep(0.02)
    return task * task, os.getpid()


def fails(task: int) -> int:
    if task == 3:
        raise ValueError("task 3 fails")
    return task


def test_the_side_process_takes_a_share_and_results_keep_their_order(monkeypatch):
    import os

    from workbench.science import side_process

    monkeypatch.setattr(side_process, "cores", lambda: 2)
    if not side_process.available():
        pytest.skip("no fork server on this platform")
    side_process.start()
    side_process._pool.submit(int).result()  # the worker is up (a busy machine is slow to fork)
    done = side_process.share(list(range(40)), where)
    assert [square for square, _ in done] == [i * i for i in range(40)]
    pids = {pid for _, pid in done}
    assert os.getpid() in pids and len(pids) == 2  # both processes took tasks
    with pytest.raises(ValueError, match="task 3 fails"):  # raised here, whoever ran it
        side_process.share(list(range(6)), fails)


def test_with_one_core_everything_runs_here(monkeypatch):
    import os

    from workbench.science import side_process

    monkeypatch.setattr(side_process, "cores", lambda: 1)
    monkeypatch.setattr(side_process, "_pool", None)
    done = side_process.share(list(range(5)), where)
    assert {pid for _, pid in done} == {os.getpid()}


def slow_square(task: int) -> tuple[int, int]:
    import os

    time.sleep(1.0)
    return task * task, os.getpid()


def test_a_task_beside_runs_in_the_worker_and_the_kernel_takes_one_core_fewer(monkeypatch):
    import os

    from workbench.science import side_process

    monkeypatch.setattr(side_process, "cores", lambda: 2)
    monkeypatch.setattr(threads, "cores", lambda: 2)
    if not side_process.available():
        pytest.skip("no fork server on this platform")
    side_process.start()
    side_process._pool.submit(int).result()  # the worker is up
    _X, _y, cols = data(50)
    xgb = build("xgboost", cols, "binary", 0)
    assert threads.fits_at_once(xgb) == 2
    job = side_process.beside(slow_square, 7)
    assert side_process.busy() == 1 and threads.fits_at_once(xgb) == 1
    square, pid = job.result()
    assert square == 49 and pid != os.getpid()
    time.sleep(0.1)  # the done callback runs in the pool's thread
    assert side_process.busy() == 0 and threads.fits_at_once(xgb) == 2


def test_the_worker_ends_when_the_process_that_started_it_is_killed():
    import os
    import subprocess
    import sys

    script = (
        "import os, time\n"
        "from workbench.science import side_process as s\n"
        "s.start()\n"
        "print(s._pool.submit(os.getpid).result(), flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "WORKBENCH_CORES": "2"},
    )
    try:
        worker = int(proc.stdout.readline())
    finally:
        proc.kill()  # as a killed kernel: no chance to shut its pool down
        proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(worker, 9)
    pytest.fail("the side process outlived the process that started it")


# -- memory ---------------------------------------------------------------------------------------
def test_sparse_rows_are_weighed_and_too_large_ones_are_not_kept(monkeypatch):
    """Prepared text weights are sparse: weighed as nothing, a thousand folds of them were kept
    (gigabytes on 100,000 tickets). They weigh their three arrays, and rows over a quarter of
    the budget are not kept, while smaller ones still are."""
    import scipy.sparse as sp

    from baselines.memory import BoundedMemory, size_of

    weights = sp.random(200, 50, density=0.2, format="csr", dtype=np.float64, random_state=0)
    arrays = weights.data.nbytes + weights.indices.nbytes + weights.indptr.nbytes
    assert size_of(weights) == fit_cache._size(weights) == arrays > 0
    assert size_of((weights, np.zeros(10))) == arrays + 80
    assert size_of(pd.DataFrame({"a": np.zeros(10)})) >= 80

    frame = synth.tickets(120, seed=3)
    X = frame[["description", "channel"]].astype("str")
    y = pd.factorize(frame["team"])[0]
    model = build("linear", ColumnRoles.from_frame(X, text=["description"]), "multiclass", 0)
    prepared = clone(model[:-1]).fit_transform(X, y)
    assert sp.issparse(prepared)
    monkeypatch.setattr(fit_cache, "_rows", BoundedMemory(4 * size_of(prepared) - 4))
    fit_cache.fit(model, X, y)
    assert not fit_cache._rows._items  # over a quarter of the budget: not kept
    fit_cache.clear()
    monkeypatch.setattr(fit_cache, "_rows", BoundedMemory(4 * size_of(prepared)))
    fit_cache.fit(model, X, y)
    assert len(fit_cache._rows._items) == 1


def test_forgetting_rows_keeps_the_fits_and_gives_memory_back(monkeypatch):
    from baselines import memory, text_memory

    X, y, cols = data(120)
    model = build("linear", cols, "binary", 0)
    fitted = fit_cache.fit(model, X, y)
    text_memory.FEATURES.put("reading", np.zeros(4))
    returned = []
    monkeypatch.setattr(fit_cache, "give_back", lambda: returned.append(True))
    fit_cache.forget_rows()
    assert not fit_cache._rows._items and text_memory.FEATURES.get("reading") is None
    assert returned and fit_cache.fit(clone(model), X, y) is fitted  # the fit is still held
    # on glibc the freed memory goes back to the system; elsewhere nothing happens
    assert memory.give_back() is (memory._malloc_trim() is not None)


def test_the_final_fits_side_by_side_predict_what_they_predict_one_at_a_time(tmp_path, monkeypatch):
    """The evaluation fits the candidate and the baseline on the training part side by side
    when the cores allow: the same predictions, fit seconds and saved models as in turn (the
    files written by the second process meanwhile, of the same size)."""
    import threading
    from types import SimpleNamespace

    from workbench.stages import evaluation

    prep = prepared()
    where: dict[int, str] = {}
    real_predict = evaluation.predict_full

    def predict(model, *args):  # in the thread that has just fitted the model
        where[id(model)] = threading.current_thread().name
        return real_predict(model, *args)

    monkeypatch.setattr(evaluation, "predict_full", predict)
    results = {}
    for at_once in (1, 2):
        monkeypatch.setattr(evaluation, "fits_at_once", lambda model, n=at_once: n)
        models = {
            "candidate": build("linear", prep.columns, "binary", 0),
            "baseline": build("dummy", prep.columns, "binary", 0),
        }
        run = SimpleNamespace(dir=tmp_path / str(at_once))
        preds, seconds, saving = evaluation._fit_and_predict(models, prep, "binary", run)
        sizes = {role: saving[role].result() for role in models}
        assert sorted(p.name for p in (run.dir / "models").iterdir()) == [
            "baseline.skops",
            "candidate.skops",
        ]
        assert sizes == {r: (run.dir / "models" / f"{r}.skops").stat().st_size for r in models}
        results[at_once] = preds, seconds, sizes
        threads_used = set(where.values())
        assert (threads_used == {threading.current_thread().name}) is (at_once == 1)
        where.clear()
    (one, seconds_one, sizes_one), (two, seconds_two, sizes_two) = results[1], results[2]
    assert sizes_one == sizes_two
    for role in ("candidate", "baseline"):
        np.testing.assert_array_equal(one[role], two[role], err_msg=role)
        assert seconds_one[role] > 0 and seconds_two[role] > 0


def test_after_tuning_only_the_tuned_configurations_fits_are_kept():
    X, y, cols = data(160)
    tuned = build("linear", cols, "binary", 0)
    other = clone(tuned).set_params(model__C=0.5)
    halves = (np.arange(0, 80), np.arange(80, 160))
    kept = [fit_cache.fit(tuned, X, y, rows) for rows in halves]
    dropped = fit_cache.fit(other, X, y, halves[0])
    fit_cache.keep_only(clone(tuned))  # an unfitted copy names the configuration
    assert not fit_cache._rows._items  # the prepared rows are forgotten too
    assert [fit_cache.fit(tuned, X, y, rows) for rows in halves] == kept  # the same objects
    assert fit_cache.fit(other, X, y, halves[0]) is not dropped  # fitted anew


def test_only_the_baseline_the_search_repeats_keeps_its_fold_fits():
    """The search starts from the tuned family's defaults, which is a baseline on the same
    folds: that baseline's fits are kept for it; every other baseline's are not (a forest's
    trees, other text models' vocabularies would only hold memory)."""
    from types import SimpleNamespace

    import optuna

    from workbench.inputs.search_spaces import default_trial, space_for, suggest
    from workbench.science.search import build_model
    from workbench.stages.baselines import repeated_by_search

    frame = synth.tickets(60, seed=4)
    X = frame[["description", "channel"]].astype("str")
    cols = ColumnRoles.from_frame(X, text=["description"])
    spec = SimpleNamespace(
        tuning=SimpleNamespace(family="linear", space={}),
        task=SimpleNamespace(kind="multiclass"),
        seed=0,
    )
    prep = SimpleNamespace(columns=cols)
    linear = build("linear", cols, "multiclass", 0)
    assert repeated_by_search(linear, prep, spec)
    for name in ("tfidf_logistic", "random_forest", "xgboost", "keyword_rule"):
        assert not repeated_by_search(build(name, cols, "multiclass", 0), prep, spec), name
    # the search's first trial, as tuning enqueues it, is that very configuration
    space = space_for("linear", "multiclass", {}, text=True)
    study = optuna.create_study()
    study.enqueue_trial(default_trial("linear", space))
    first = build_model("linear", suggest(study.ask(), space), prep, "multiclass", 0)
    assert fit_cache.settings(first) == fit_cache.settings(linear)
    spec.tuning.family = "xgboost"  # tuning another family: the linear baseline is not repeated
    assert not repeated_by_search(linear, prep, spec)


def test_a_fit_not_to_keep_is_handed_out_but_not_kept():
    X, y, cols = data(120)
    model = build("linear", cols, "binary", 0)
    once = fit_cache.fit(model, X, y, keep=False)
    assert once.model is not None and fit_cache.fit(model, X, y) is not once


WORKER_ENDS = """
import os, signal, sys
from workbench.science import side_process
if __name__ == "__main__":
    side_process.cores = lambda: 2
    side_process.start()
    side_process._pool.submit(int).result()  # the worker is up
    if sys.argv[1] == "stop":
        side_process.stop()
    os.kill(os.getpid(), signal.SIGKILL)  # as a stage kernel is ended
"""


@pytest.mark.parametrize("told", ["stop", "killed"])
def test_a_worker_told_to_stop_ends_quietly_with_its_process(tmp_path, told):
    import multiprocessing
    import subprocess
    import sys

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform")
    script = tmp_path / "worker_ends.py"
    script.write_text(WORKER_ENDS)
    said_file = tmp_path / "stderr.txt"
    with said_file.open("w") as err:  # a file, not a pipe: the worker outlives the process
        done = subprocess.run(
            [sys.executable, str(script), told], stdout=subprocess.DEVNULL, stderr=err
        )
    assert done.returncode != 0  # killed, either way
    # the worker, the fork server and the resource tracker notice it is gone: the control's
    # warning comes within seconds; the stopped worker's silence is read as long
    deadline = time.monotonic() + (15 if told == "killed" else 5)
    while "leaked semaphore" not in said_file.read_text() and time.monotonic() < deadline:
        time.sleep(0.25)
    said = said_file.read_text()
    if told == "stop":
        assert "ForkServerProcess" not in said and "leaked" not in said
    else:  # the control: a worker left waiting leaves its semaphores to the tracker's warning
        assert "leaked semaphore" in said


def test_the_stage_kernel_tells_its_side_process_to_stop_before_it_ends(monkeypatch):
    from workbench.engine import kernel as kernel_module

    calls = []

    class Manager:
        def shutdown_kernel(self, now=False):
            calls.append(("shutdown", now))

    class Client:
        def stop_channels(self):
            calls.append(("channels", None))

    def execute(km, kc, code, timeout=0):
        calls.append((code, timeout))

    monkeypatch.setattr(kernel_module, "_execute", execute)
    k = kernel_module.StageKernel()
    k.km, k.kc = Manager(), Client()
    k.close()
    told = (kernel_module.QUIET_END, kernel_module.QUIET_END_TIMEOUT_S)
    assert calls == [told, ("channels", None), ("shutdown", True)]  # told first, then ended
    assert "side_process.stop()" in kernel_module.QUIET_END
    # interrupted while it is told, the kernel is still ended
    calls.clear()

    def interrupted(km, kc, code, timeout=0):
        raise KeyboardInterrupt

    monkeypatch.setattr(kernel_module, "_execute", interrupted)
    k.km, k.kc = Manager(), Client()
    with pytest.raises(KeyboardInterrupt):
        k.close()
    assert calls == [("channels", None), ("shutdown", True)] and k.km is None


def test_a_stopped_side_process_starts_a_fresh_worker_for_the_next_tasks(monkeypatch):
    import os

    from workbench.science import side_process

    monkeypatch.setattr(side_process, "cores", lambda: 2)
    if not side_process.available():
        pytest.skip("no fork server on this platform")
    side_process.start()
    first = side_process._pool.submit(os.getpid).result()
    side_process.stop()  # between stages: the worker ends, its memory returned
    assert side_process._pool is None
    side_process.start()
    second = side_process._pool.submit(os.getpid).result()
    assert second != first and second != os.getpid()
    done = side_process.share(list(range(8)), where)
    assert [square for square, _ in done] == [i * i for i in range(8)]
    side_process.stop()  # no worker left for the tests after this one


def test_the_runner_ends_the_side_process_after_every_stage(monkeypatch):
    from types import SimpleNamespace

    from workbench.engine import runner

    calls = []

    class Kernel:
        def end_side_process(self):
            calls.append("end")

    class Run:
        def manifest(self):
            return {}

        def has_result(self, name):
            return False

        def update_manifest(self, **_):
            pass

    monkeypatch.setattr(runner, "execute_notebook", lambda st, *a: calls.append(st.name) or 0.0)
    monkeypatch.setattr(runner, "preload_finish", lambda figures=True: None)
    ctx = SimpleNamespace(spec=SimpleNamespace(task=SimpleNamespace(kind="binary")))
    ran = runner._run_stages(ctx, Run(), None, None, Kernel())
    assert calls == [x for name in ran for x in (name, "end")] and len(ran) >= 5
