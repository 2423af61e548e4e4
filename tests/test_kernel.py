"""The stage kernel: warmed up while the run opens, one client for every notebook, replaced
when it dies."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import nbformat
import pytest

import synth
from conftest import make_project
from workbench.engine import kernel as kernel_module
from workbench.engine.kernel import SharedClientManager, StageKernel


def ask(kc, code: str) -> str:
    """What `code` prints in the kernel."""
    out: list[str] = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = kc.execute_interactive(code, output_hook=hook, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out).strip()


def test_the_kernel_is_warm_and_in_the_run_directory_before_the_first_notebook(tmp_path):
    with StageKernel() as kernel:
        kernel.use_run_dir(tmp_path)
        km, kc = kernel.ready()
        assert km.is_alive()
        facts = json.loads(
            ask(kc, "import json, os, sys; print(json.dumps([os.getcwd(), sorted(sys.modules)]))")
        )
        assert facts[0] == str(tmp_path)
        assert {"workbench.inputs.context", "workbench.stages.display", "sklearn", "pandas"} <= set(
            facts[1]
        )
    assert kernel.km is None and kernel.kc is None  # shut down on leaving


def test_a_failed_warm_up_leaves_a_usable_kernel(tmp_path, monkeypatch):
    monkeypatch.setattr(kernel_module, "WARM_UP", "raise ValueError('broken install')")
    with StageKernel() as kernel:
        kernel.use_run_dir(tmp_path)
        _, kc = kernel.ready()
        assert ask(kc, "import os; print(os.getcwd())") == str(tmp_path)


def test_a_slow_warm_up_is_said_on_the_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kernel_module, "WARM_UP", "import time; time.sleep(3)")
    monkeypatch.setattr(kernel_module, "SLOW_NOTICE_S", 1)
    with StageKernel() as kernel:
        kernel.use_run_dir(tmp_path)
        _, kc = kernel.ready()
        assert ask(kc, "import os; print(os.getcwd())") == str(tmp_path)
    said = capsys.readouterr().err
    assert "still importing its libraries after 1 s" in said and "5 minutes" in said


def test_closing_during_the_warm_up_ends_the_thread_before_the_client():
    """A run refused at once (bad input, Ctrl-C) closes the kernel mid-warm-up: the warm-up
    thread, which uses the client, ends first, and nothing is left running."""
    kernel = StageKernel().start()
    thread = kernel._warming
    time.sleep(0.3)
    kernel.close()
    assert not thread.is_alive() and kernel.km is None and kernel.kc is None


def test_a_kernel_half_started_is_not_left_running(monkeypatch):
    """The kernel process is up but its client cannot be made: start() fails, and the process
    it launched is ended (the `with` block that would close it was never entered)."""
    from jupyter_client.manager import KernelManager

    launched = []
    real_start = KernelManager.start_kernel

    def start_and_note(self, **kw):
        real_start(self, **kw)
        launched.append(self)

    def no_client(self):
        raise RuntimeError("no client")

    monkeypatch.setattr(KernelManager, "start_kernel", start_and_note)
    monkeypatch.setattr(KernelManager, "client", no_client)
    kernel = StageKernel()
    with pytest.raises(RuntimeError, match="no client"):
        kernel.start()
    assert launched and not launched[0].is_alive()
    assert kernel.km is None and kernel.kc is None


def test_a_dead_kernel_is_replaced_with_a_client_of_its_own(tmp_path):
    with StageKernel() as kernel:
        kernel.use_run_dir(tmp_path)
        km, kc = kernel.ready()
        km.signal_kernel(signal.SIGKILL)
        deadline = time.monotonic() + 30
        while km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        new_km, new_kc = kernel.ready()
        assert new_km is not km and new_kc is not kc and new_km.is_alive()
        assert ask(new_kc, "import os; print(os.getcwd())") == str(tmp_path)


def test_every_notebook_runs_through_the_kernels_one_client(tmp_path):
    """Papermill would open (and never close) a client per notebook; through its `km` argument
    it is handed the stage kernel's manager, whose one connected client every notebook uses,
    so no new client is made after the first stage."""
    import papermill

    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Py"}}
    )
    notebook.cells = [
        nbformat.v4.new_code_cell("n = 0", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(n * 2)"),
    ]
    nbformat.write(notebook, tmp_path / "in.ipynb")
    with StageKernel() as kernel:
        kernel.use_run_dir(tmp_path)
        km, kc = kernel.ready()

        def no_new_clients(*args, **kwargs):
            raise AssertionError("a second client was opened on the stage kernel")

        km.client = no_new_clients
        for n in (3, 21):
            out = tmp_path / f"out{n}.ipynb"
            papermill.execute_notebook(
                str(tmp_path / "in.ipynb"),
                str(out),
                parameters={"n": n},
                progress_bar=False,
                km=SharedClientManager(km, kc),
            )
            printed = nbformat.read(out, as_version=4).cells[-1].outputs[0]["text"]
            assert printed.strip() == str(n * 2)
        assert kernel.ready() == (km, kc)  # the same kernel and client throughout
        assert kc.channels_running  # papermill did not close the shared client


@pytest.mark.timeout(120)  # a kernel's death once left the wait without end
def test_a_stage_notebook_is_written_when_the_stage_ends_not_at_every_cell(tmp_path, monkeypatch):
    """Each write of the output notebook held up the kernel's next cell: the stage engine
    writes it when the stage starts and papermill when it ends, and the cells that ran are
    still written when the kernel is lost in the middle of a stage."""
    import papermill
    import papermill.engines
    import papermill.iorw
    from nbclient.exceptions import DeadKernelError

    from workbench.engine.kernel import stage_engine

    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Py"}}
    )
    notebook.cells = [nbformat.v4.new_code_cell(f"print({i})") for i in range(4)]
    nbformat.write(notebook, tmp_path / "in.ipynb")
    writes: list[str] = []
    real_write = papermill.iorw.write_ipynb
    for module in (papermill.engines, papermill.iorw):  # at each cell (papermill), or the stage's
        monkeypatch.setattr(
            module, "write_ipynb", lambda nb, path: writes.append(path) or real_write(nb, path)
        )
    with StageKernel() as kernel:
        kernel.use_run_dir(tmp_path)
        km, kc = kernel.ready()
        papermill.execute_notebook(
            str(tmp_path / "in.ipynb"), str(tmp_path / "done.ipynb"), progress_bar=False,
            km=SharedClientManager(km, kc), engine_name=stage_engine(),
        )  # fmt: skip
        assert writes == [str(tmp_path / "done.ipynb")]  # at the start; none at each cell
        done = nbformat.read(tmp_path / "done.ipynb", as_version=4)
        assert [c.outputs[0]["text"].strip() for c in done.cells] == ["0", "1", "2", "3"]

        notebook.cells[2] = nbformat.v4.new_code_cell("import os; os._exit(1)")
        nbformat.write(notebook, tmp_path / "dies.ipynb")
        with pytest.raises(DeadKernelError):  # not a wait without end
            papermill.execute_notebook(
                str(tmp_path / "dies.ipynb"), str(tmp_path / "lost.ipynb"), progress_bar=False,
                km=SharedClientManager(km, kc), engine_name=stage_engine(),
            )  # fmt: skip
    lost = nbformat.read(tmp_path / "lost.ipynb", as_version=4)
    assert [c.outputs[0]["text"].strip() for c in lost.cells[:2]] == ["0", "1"]


def test_reading_a_spec_leaves_the_model_libraries_to_the_kernel(tmp_path):
    """While the kernel imports pandas and scikit-learn, the run's own process reads the spec
    and opens the run: that must not import scikit-learn, Optuna or the leakage checks (it
    would double the run's start), and the checks still load in full on first use."""
    spec = make_project(tmp_path, synth.applicants(200), "status")
    code = (
        "import sys; from workbench.inputs.context import load_context; "
        f"load_context({str(spec)!r}); "
        "import workbench.judge.checklist, workbench.judge.decision, workbench.report; "
        "heavy = [m for m in ('sklearn', 'optuna', 'leakage_checks.adversarial') if m in sys.modules]; "
        "from leakage_checks import CHECKS, DEFAULT_SETTINGS; "
        "print(heavy, len(CHECKS), 'sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy, n_checks, loaded = out.stdout.rsplit(None, 2)
    assert heavy == "[]" and loaded == "True"
    from leakage_checks import CHECK_MODULES

    assert int(n_checks) >= len(CHECK_MODULES)
