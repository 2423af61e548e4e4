"""Inputs: what a study is given — the experiment spec, the data contract, and the rows of a
file (CSV, Parquet) or of a SQL query — read, validated and typed; and `workbench init`'s
scaffold that writes a spec and contract for a new extract.

Also here, because a spec names them: the metrics (`metrics`), the run profiles (`profiles`),
the tuning search spaces (`search_spaces`, declared as data) and the ids of the reviewer's
checklist items (`checklist_items`, which `reviewer_notes` answer).

May import: `workbench.store` (a SQL source is frozen into the run directory), the two
libraries (`leakage_checks`, `baselines`), and third-party packages. Nothing above.
"""
