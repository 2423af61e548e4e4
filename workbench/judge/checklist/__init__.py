"""The reviewer's checklist of a run: the leakage model info sheet (Kapoor & Narayanan, 2023)
and the REFORMS methodology checklist (Kapoor et al., 2024), built from results files only and
written to `results/checklist.json` when a run finishes."""

from workbench.judge.checklist.build import build_checklist, checklist_from, load_inputs
from workbench.judge.checklist.facts import ChecklistInputs
from workbench.store.judgements import Checklist, LeakageItem, ReformsItem

__all__ = [
    "Checklist",
    "ChecklistInputs",
    "LeakageItem",
    "ReformsItem",
    "build_checklist",
    "checklist_from",
    "load_inputs",
]
