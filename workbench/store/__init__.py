"""The store: the run directory and everything written into it.

`run_directory` (paths, atomic writes, the manifest, the run's lock), `results` and
`assurance_results` and `production_results` (the shape of each stage's results file),
`judgements` (the shape of the checklist, readiness and decision files), `layout` (the stages
in order and `FinishedRun`, the one reader of a finished run: its results, judgements,
manifest, spec and contract), `model_files` (fitted pipelines as skops files),
`holdout_ledger` (every scoring of a holdout in the project, with the identities of the rows it
scored, in `runs/` beside the experiments' run directories) and `study_runs` (the runs of a
study, and each run's spec copy).

May import: nothing of the workbench above it (only `workbench.errors`, and
`workbench.language` to mark its labels for the message catalog). Every other room
reads and writes runs through it: the results directory is the only seam between them.
"""
