"""The engine: running a study. `runner` executes the stage notebooks with papermill in one
stage kernel (`kernel`), then has the run judged and its report rendered; `progress` shows
tuning's trials while they run; `worker` joins a shared tuning study from another machine;
`verify` re-runs a finished study and compares its results, and `compare` puts runs side by
side.

May import: every room below it (stages, report, handoff, judge, science, inputs, store).
Imported by the command line only.
"""
