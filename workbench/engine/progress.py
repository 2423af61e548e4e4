"""Progress of the tuning stage, read from its study while the stage's kernel runs it."""

from __future__ import annotations

import threading

from workbench.store.run_directory import Run


class TrialWatcher:
    """Polls the run's study every second and moves a progress bar to the finished trials."""

    def __init__(self, progress) -> None:
        self.progress = progress
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, run: Run, task_id: int) -> None:
        """Start watching; returns at once (finding the study imports Optuna, which would
        otherwise hold the next stage back by a second)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._poll, args=(run, task_id), daemon=True)
        self._thread.start()

    def _poll(self, run: Run, task_id: int) -> None:
        try:
            # imported in this thread, not with the module: Optuna takes a second, and the
            # run's own process must not wait for it. Nothing here imports a model library
            # (scikit-learn imported from two threads at once can fail half-initialised).
            import optuna

            from workbench.inputs.context import load_run_context
            from workbench.store.tuning_study import (
                PROGRESS_ATTR,
                open_storage,
                storage_url,
                study_name_for,
            )

            finished = (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)

            spec = load_run_context(run).spec
            url, shared = storage_url(run.dir)
            name = study_name_for(spec.name, spec.tuning.family, run.dir, shared)
            if self._stop.is_set():  # the stage ended while we were finding its study
                return
            self.progress.update(task_id, total=spec.tuning.trials, completed=0)
            title = self.progress.tasks[task_id].description
        except Exception:  # a progress bar must never break a run
            return
        study = None
        while not self._stop.wait(1.0):
            try:
                if study is None:  # opened once: opening checks the schema, polling only reads
                    if not storage_ready(url):
                        continue
                    study = optuna.load_study(study_name=name, storage=open_storage(url))
                doing = study.user_attrs.get(PROGRESS_ATTR)
                self.progress.update(
                    task_id,
                    completed=len(study.get_trials(deepcopy=False, states=finished)),
                    description=f"{title}: {doing}" if doing else title,
                )
            except Exception:  # not created yet, or busy: a progress bar must never break a run
                continue

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None


def storage_ready(url: str) -> bool:
    """Whether the tuning stage has finished creating its storage. A journal file is ready once
    the stage has written to it. Opening an Optuna database creates its tables when they are
    missing; a watcher doing so while the stage's kernel does the same races it ("table …
    already exists"), so the watcher only opens a database whose schema is complete (Optuna
    stamps its version table last)."""
    from workbench.store.tuning_study import JOURNAL, local_file

    path = local_file(url)
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        return False
    if url.startswith(JOURNAL):
        return True
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("alembic_version"):
            return False
        with engine.connect() as conn:
            return (
                conn.execute(sa.text("SELECT version_num FROM alembic_version")).first() is not None
            )
    finally:
        engine.dispose()
