"""Papermill's notebook engine, with one kernel client for all the notebooks of a run.

Papermill opens a new client on the kernel for every notebook, and a new client waits for the
kernel's broadcast channel to connect (a fifth of a second or more each time) — and, given a
running kernel, never closes it. The stage kernel keeps one connected client instead and hands
it to each notebook. Everything else is papermill's own engine.
"""

from __future__ import annotations

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

ENGINE = "workbench-shared-client"


class _SharedClientNotebook(PapermillNotebookClient):
    def __init__(self, nb_man, kc=None, **kw):
        super().__init__(nb_man, **kw)
        self.kc = kc  # set: nbclient uses it instead of starting a client of its own


class SharedClientEngine(NBClientEngine):
    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        """As `NBClientEngine.execute_managed_notebook`, with the `kc` keyword passed on."""
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        return _SharedClientNotebook(nb_man, **final_kwargs).execute()


papermill_engines.register(ENGINE, SharedClientEngine)
