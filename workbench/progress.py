"""Progress of the tuning stage, read from its study while the stage's kernel runs it."""

from __future__ import annotations

import threading

from workbench.run import Run


class TrialWatcher:
    """Polls the run's study every second and moves a progress bar to the finished trials."""

    def __init__(self, progress) -> None:
        self.progress = progress
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, run: Run, task_id: int) -> None:
        from workbench.context import load_run_context
        from workbench.tuning import storage_url, study_name_for

        spec = load_run_context(run).spec
        url, shared = storage_url(run.dir)
        name = study_name_for(spec.name, spec.tuning.family, run.dir, shared)
        self.progress.update(task_id, total=spec.tuning.trials, completed=0)
        self._stop.clear()
        self._thread = threading.Thread(target=self._poll, args=(url, name, task_id), daemon=True)
        self._thread.start()

    def _poll(self, url: str, name: str, task_id: int) -> None:
        import optuna

        from workbench.tuning import finished_trials

        while not self._stop.wait(1.0):
            try:
                study = optuna.load_study(study_name=name, storage=url)
                self.progress.update(task_id, completed=finished_trials(study))
            except Exception:  # not created yet, or busy: a progress bar must never break a run
                continue

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
