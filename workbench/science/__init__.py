"""The science: splits, cross-validation (folds side by side in threads: `threads`; fits made
once per process: `fit_cache`; a second process for work threads cannot share:
`side_process`) and resampling (what a bootstrap draws — rows, whole groups, calendar units —
and holdout scores with paired intervals), the rules that use no input ("no model", what
"better than no model" is measured against), tuning (Optuna search and the
confirmation check), the score without a leak's suspects, diagnostics and business value,
robustness, fairness (groups, gaps against a permutation null) with its mitigation,
explanations, drift statistics, costs and the production evidence of a fitted
pipeline. Functions take frames, arrays and fitted models and return results models; they
write no file except figures handed to them.

May import: `workbench.inputs`, `workbench.store`, the two libraries.
"""
