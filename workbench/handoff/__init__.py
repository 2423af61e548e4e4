"""The hand-off to engineering: `promotion` writes a finished run's winning configuration as
a package of data (config, model, rollback baseline, contract, reference statistics, model
card, readiness list, and the `scripts/` train.py and score.py); `drift_check` compares new
data with a run or a package; `tracking` hands a run to an MLflow server.

May import: `workbench.science`, `workbench.inputs`, `workbench.store`. It reads the run's
saved judgements and never judges (it does not import `workbench.judge`).
"""
