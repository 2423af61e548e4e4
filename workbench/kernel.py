"""The one Jupyter kernel that runs all the stage notebooks of a run.

The interpreter start and the heavy imports (pandas, scikit-learn) are paid once per run, not
once per notebook, and they are paid while the main process is still busy: the kernel is
started first thing, and a thread has it import the stage libraries while the main process
reads the spec and opens the run directory. One client talks to it for the whole run (see
`workbench.notebook_engine`). Each notebook still runs top to bottom with its own parameters;
a kernel that died is replaced before the next stage.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

# native thread pools in the stage kernel: one thread each (model threads x folds <= cores)
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# what every stage notebook imports in its first cell
WARM_UP = "import workbench.context, workbench.display, workbench.stages"
WARM_UP_TIMEOUT_S = 300


class StageKernel:
    def __init__(self) -> None:
        self.km = None
        self.kc = None
        self.run_dir: Path | None = None
        self._warming: threading.Thread | None = None

    def __enter__(self) -> StageKernel:
        self._start(cwd=None)
        self._warming = threading.Thread(
            target=_execute, args=(self.km, self.kc, WARM_UP), name="kernel-warm-up", daemon=True
        )
        self._warming.start()
        return self

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
            self._warming.join(WARM_UP_TIMEOUT_S)
            warmed = not self._warming.is_alive()
            self._warming = None
            moved = warmed and self.run_dir and _execute(self.km, self.kc, _chdir(self.run_dir))
            if not moved:
                self.close()  # stuck or dead: a fresh kernel, started in the run directory
        if self.km is None or not self.km.is_alive():
            self.close()
            self._start(cwd=self.run_dir)
            self.kc.wait_for_ready(timeout=WARM_UP_TIMEOUT_S)
        return self.km, self.kc

    def close(self) -> None:
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


def _execute(km, kc, code: str) -> bool:
    """Run `code` silently in the kernel and wait for it; False if it failed, or the kernel
    died or hung."""
    import queue
    import time

    deadline = time.monotonic() + WARM_UP_TIMEOUT_S
    try:
        kc.wait_for_ready(timeout=WARM_UP_TIMEOUT_S)
        msg_id = kc.execute(code, silent=True, store_history=False)
        while time.monotonic() < deadline and km.is_alive():
            with contextlib.suppress(queue.Empty):
                reply = kc.get_shell_msg(timeout=1)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"].get("status") == "ok"
        return False
    except Exception:  # the kernel went away while we waited
        return False
