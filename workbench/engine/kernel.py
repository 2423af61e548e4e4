"""The one Jupyter kernel that runs all the stage notebooks of a run.

The interpreter start and the heavy imports (pandas, scikit-learn) are paid once per run, not
once per notebook, and they are paid while the main process is still busy: the kernel is
started first thing, and a thread has it import the stage libraries while the main process
reads the spec and opens the run directory. One client talks to it for the whole run: papermill
is handed a kernel manager (its public `km` argument) whose `client()` is that one connected
client, so no notebook opens a client of its own. Each notebook still runs top to bottom with its own parameters;
a kernel that died is replaced before the next stage.
"""

from __future__ import annotations

import contextlib
import functools
import os
import queue
import sys
import threading
import time
from pathlib import Path

# native thread pools in the stage kernel: one thread each (model threads x folds <= cores)
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# what every stage notebook imports in its first cell, and the libraries every stage uses;
# a stage's own libraries (Optuna, SHAP, Fairlearn) are imported by the stage, as its work
# pandera loads its data-synthesis strategies at its first validation whenever Hypothesis is
# installed (it is, for the tests): 0.3-0.4 s the stages, which never synthesise data, do not
# need. The stage kernel alone is told it is absent; the tests' own processes keep it.
WARM_UP = (
    "import sys\n"
    "sys.modules.setdefault('hypothesis', None)\n"
    "import workbench.inputs.context, workbench.stages.display, workbench.stages\n"
    "import numpy, pandas, sklearn.base, sklearn.metrics, sklearn.pipeline"
)
WARM_UP_TIMEOUT_S = 300
SLOW_NOTICE_S = 30  # a warm-up this long is said on the terminal (it takes 2-6 s)
# before the kernel is ended: its side process told to finish (a worker whose kernel is killed
# while it waits for work reports the broken pipe on the terminal, "Process ForkServerProcess")
QUIET_END = "from workbench.science import side_process\nside_process.stop()"
QUIET_END_TIMEOUT_S = 5  # a kernel still busy (interrupted mid-stage) is ended without it


class StageKernel:
    def __init__(self) -> None:
        self.km = None
        self.kc = None
        self.run_dir: Path | None = None
        self.started: float | None = None  # when the run began: the kernel is its first step
        self._warming: threading.Thread | None = None

    def start(self) -> StageKernel:
        """Start the kernel and its warm-up, once; return at once."""
        if self.started is None:
            self.started = time.perf_counter()
            try:
                self._start(cwd=None)
            except BaseException:  # a kernel half started (process up, channels not) is ended
                self.close()
                raise
            self._warming = threading.Thread(
                target=_execute,
                args=(self.km, self.kc, WARM_UP),
                name="kernel-warm-up",
                daemon=True,
            )
            self._warming.start()
        return self

    def __enter__(self) -> StageKernel:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def use_run_dir(self, run_dir: Path) -> None:
        """The directory the stages run in (known only once the run is opened)."""
        self.run_dir = run_dir

    def ready(self):
        """The kernel manager and its client for the next stage: warmed up, in the run
        directory, alive. A failed warm-up is not reported: the first notebook's import cell
        fails the same way, and says so with the notebook to open."""
        if self._warming is not None:
            self._wait_for_warm_up()
            warmed = not self._warming.is_alive()
            if warmed:
                self._warming = None  # else close() below ends it before closing the client
            moved = warmed and self.run_dir and _execute(self.km, self.kc, _chdir(self.run_dir))
            if not moved:
                self.close()  # stuck or dead: a fresh kernel, started in the run directory
            elif not _broadcasts_reach(self.kc, moved):
                self.kc.wait_for_ready(timeout=WARM_UP_TIMEOUT_S)
        if self.km is None or not self.km.is_alive():
            self.close()
            self._start(cwd=self.run_dir)
            self.kc.wait_for_ready(timeout=WARM_UP_TIMEOUT_S)
        return self.km, self.kc

    def _wait_for_warm_up(self) -> None:
        """Join the warm-up thread, saying so on the terminal when it takes unusually long
        (a kernel that hangs without dying is replaced only after WARM_UP_TIMEOUT_S)."""
        self._warming.join(min(SLOW_NOTICE_S, WARM_UP_TIMEOUT_S))
        if self._warming.is_alive():
            print(
                f"The stage kernel is still importing its libraries after {SLOW_NOTICE_S} s "
                "(a busy or slow disk?). Waiting up to "
                f"{WARM_UP_TIMEOUT_S // 60} minutes before starting a fresh one.",
                file=sys.stderr,
                flush=True,
            )
            self._warming.join(max(0, WARM_UP_TIMEOUT_S - SLOW_NOTICE_S))

    def end_side_process(self) -> None:
        """The side process's worker ends, quietly (`QUIET_END`): before the kernel is ended,
        and between stages, so that what a stage's work left in the worker's memory (half a
        gigabyte after the baselines of 100,000 tickets) is returned; the next stage's first
        task forks a fresh worker from the fork server, which stays."""
        if self.km is not None and self.kc is not None:
            _execute(self.km, self.kc, QUIET_END, QUIET_END_TIMEOUT_S)

    def close(self) -> None:
        if self._warming is not None and self._warming.is_alive():
            # the warm-up thread uses the client: end the kernel, let the thread notice
            # (within a second), and only then close the client's sockets
            if self.km is not None:
                with contextlib.suppress(Exception):
                    self.km.shutdown_kernel(now=True)
            self._warming.join(5)
        self._warming = None
        try:  # a second Ctrl-C while the side process is told to end still ends the kernel
            self.end_side_process()
        finally:
            if self.kc is not None:
                with contextlib.suppress(Exception):
                    self.kc.stop_channels()
                self.kc = None
            if self.km is not None:
                with contextlib.suppress(Exception):  # already gone
                    self.km.shutdown_kernel(now=True)
                self.km = None

    def _start(self, cwd: Path | None) -> None:
        from jupyter_client.manager import KernelManager

        self.km = KernelManager(kernel_name="python3")
        env = {**os.environ, **{v: "1" for v in THREAD_VARS}}
        # the kernel talks to this process over loopback only; its notice about unencrypted
        # TCP is noise on a consultant's terminal
        self.km.start_kernel(
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            cwd=str(cwd) if cwd else None,
            env=env,
        )
        self.kc = self.km.client()
        self.kc.allow_stdin = False
        self.kc.start_channels()


def _chdir(directory: Path) -> str:
    return f"import os\nos.chdir({str(directory)!r})"


def _execute(km, kc, code: str, timeout: float = WARM_UP_TIMEOUT_S) -> str | None:
    """Run `code` silently in the kernel and wait for its reply: the request's id, or None if
    it failed, or the kernel died or hung (no reply within `timeout` seconds). Sent without
    waiting for the kernel to be ready: the request is queued until it listens."""
    import queue

    deadline = time.monotonic() + timeout
    try:
        msg_id = kc.execute(code, silent=True, store_history=False)
        while time.monotonic() < deadline and km.is_alive():
            with contextlib.suppress(queue.Empty):
                reply = kc.get_shell_msg(timeout=1)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return msg_id if reply["content"].get("status") == "ok" else None
        return None
    except Exception:  # the kernel went away while we waited
        return None


def _broadcasts_reach(kc, msg_id: str) -> bool:
    """Whether the client hears the kernel's broadcast channel (outputs, status), which
    connects on its own schedule: the 'idle' status of request `msg_id` has arrived."""
    import queue

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            return False
        if (
            msg["parent_header"].get("msg_id") == msg_id
            and msg["msg_type"] == "status"
            and msg["content"].get("execution_state") == "idle"
        ):
            return True
    return False


class SharedClientManager:
    """The stage kernel's manager as papermill and nbclient see it: everything is the real
    manager's, except that `client()` hands out the one client already connected to the
    kernel. A new client per notebook would wait for the kernel's broadcast channel to connect
    (a fifth of a second or more each time) and, given a running kernel, never be closed.
    nbclient leaves a kernel it was given running, so the next notebook finds it as it was."""

    def __init__(self, km, kc) -> None:
        self._km, self._client = km, _ConnectedClient(kc, km)

    def client(self, **_):
        return self._client

    def __getattr__(self, name: str):
        return getattr(self._km, name)


class _ConnectedClient:
    """A client that is already connected and ready: nbclient's `start_channels` and
    `wait_for_ready` are no-ops (the stage kernel did both, and checked the kernel is alive
    before each notebook); its channels notice a kernel that died (`_WatchedChannel`); every
    other call goes to the client itself."""

    def __init__(self, kc, km) -> None:
        object.__setattr__(self, "_kc", kc)
        object.__setattr__(self, "iopub_channel", _WatchedChannel(kc.iopub_channel, km))
        object.__setattr__(self, "shell_channel", _WatchedChannel(kc.shell_channel, km))

    def start_channels(self, *args, **kwargs) -> None:
        return None

    def wait_for_ready(self, *args, **kwargs) -> None:
        return None

    def stop_channels(self) -> None:  # the stage kernel closes its client when the run ends
        return None

    def __getattr__(self, name: str):
        return getattr(self._kc, name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._kc, name, value)


class _WatchedChannel:
    """A channel of the stage kernel's client whose waits end when the kernel dies. The client
    is a blocking one, so while nbclient waits on it for a cell's messages (without end) its
    own check of the kernel, a coroutine beside the wait, never gets its turn: a kernel killed
    mid-stage (out of memory) left the run waiting for ever. The wait is cut into slices and
    the kernel looked at between them."""

    SLICE_S = 1.0

    def __init__(self, channel, km) -> None:
        self._channel, self._km = channel, km

    def get_msg(self, timeout: float | None = None, **kwargs):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = self.SLICE_S if deadline is None else deadline - time.monotonic()
            try:
                return self._channel.get_msg(timeout=max(0.0, min(left, self.SLICE_S)), **kwargs)
            except queue.Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise
                if not self._km.is_alive():
                    from nbclient.exceptions import DeadKernelError

                    raise DeadKernelError("the stage kernel died") from None

    def __getattr__(self, name: str):
        return getattr(self._channel, name)


@functools.cache
def stage_engine() -> str:
    """The name of papermill's engine for the stage notebooks, registered on first use (with
    papermill, which the run imports on its first stage)."""
    from papermill import iorw
    from papermill.engines import NBClientEngine, papermill_engines

    class StageEngine(NBClientEngine):
        """papermill's nbclient engine, writing the stage's notebook when the stage starts (as
        it will run, parameters in) and when it ends (done, failed, or its kernel lost) rather
        than at every cell's start and end: those writes of a growing notebook (figures
        included) each held up the kernel's next cell."""

        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, **kwargs):
            if output_path:  # the stage has begun: its notebook is there to open
                iorw.write_ipynb(nb, output_path)
            try:  # papermill writes the notebook after a finished or failed run of its cells
                return super().execute_notebook(nb, kernel_name, output_path=None, **kwargs)
            except BaseException:  # the cells that ran, for whoever reads the failure
                if output_path:
                    iorw.write_ipynb(nb, output_path)
                raise

    papermill_engines.register("workbench_stage", StageEngine)
    return "workbench_stage"
