"""The science: splits, cross-validation and resampling, tuning (Optuna search and the
confirmation check), diagnostics and business value, robustness, fairness with its
mitigation, explanations, drift statistics, costs and the production evidence of a fitted
pipeline. Functions take frames, arrays and fitted models and return results models; they
write no file except figures handed to them.

May import: `workbench.inputs`, `workbench.store`, the two libraries.
"""
