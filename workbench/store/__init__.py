"""The store: the run directory and everything written into it.

`run_directory` (paths, atomic writes, the manifest, the run's lock), `results` and
`assurance_results` and `production_results` (the shape of each stage's results file),
`judgements` (the shape of the checklist, readiness and decision files), `layout` (the stages
in order and `load_results`, the one way a run's results are read), `model_files` (fitted
pipelines as skops files), `holdout_ledger` (every scoring of a study's holdout, beside its
run directories) and `study_runs` (the runs of a study, and each run's spec copy).

May import: nothing of the workbench above it (only `workbench.errors`, and
`workbench.language` to mark its labels for the message catalog). Every other room
reads and writes runs through it: the results directory is the only seam between them.
"""
