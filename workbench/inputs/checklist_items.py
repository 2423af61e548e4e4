"""The items the checklist answers, with their stable ids: the eight leakage types of Kapoor &
Narayanan (Patterns, 2023) and the 32 items of REFORMS (Kapoor et al., Science Advances, 2024),
in plain words. Pure data: the spec imports it to check `reviewer_notes` keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class LeakageType:
    id: str
    code: str
    title: str
    question: str


LEAKAGE_TYPES = [
    LeakageType(
        "leakage.no_test_set",
        "L1.1",
        "No separate test set",
        "Was the model judged on rows kept apart from everything it was built and chosen on?",
    ),
    LeakageType(
        "leakage.preprocessing",
        "L1.2",
        "Pre-processing on training and test data together",
        "Were imputation, encoding and scaling learned from the training rows only?",
    ),
    LeakageType(
        "leakage.feature_selection",
        "L1.3",
        "Feature selection on training and test data",
        "Was the choice of input columns made without looking at the test rows?",
    ),
    LeakageType(
        "leakage.duplicates",
        "L1.4",
        "Duplicates across the split",
        "Do the same records, exactly or nearly, sit on both sides of the split?",
    ),
    LeakageType(
        "leakage.illegitimate_features",
        "L2",
        "Illegitimate features",
        "Does the model read anything it will not have when it is used: a proxy of the outcome, "
        "or a field recorded after it?",
    ),
    LeakageType(
        "leakage.temporal",
        "L3.1",
        "Temporal leakage",
        "If the model will be used on later cases, was it tested on cases later than those it "
        "learned from?",
    ),
    LeakageType(
        "leakage.non_independence",
        "L3.2",
        "Non-independence between training and test rows",
        "Do rows of the same customer, patient or device sit on both sides of the split?",
    ),
    LeakageType(
        "leakage.sampling_bias",
        "L3.3",
        "Sampling bias in the test distribution",
        "Does the test part look like the data the model learned from, or was it drawn "
        "differently?",
    ),
]

Who = Literal["run", "person"]


@dataclass(frozen=True)
class ReformsEntry:
    id: str
    module: str
    number: str
    question: str
    who: Who  # "run": the results can answer it; "person": only someone who knows the context


MODULES = {
    "study_goals": "Study goals",
    "reproducibility": "Computational reproducibility",
    "data_quality": "Data quality",
    "preprocessing": "Data pre-processing",
    "modelling": "Modelling",
    "leakage": "Data leakage",
    "metrics": "Metrics and uncertainty",
    "generalisability": "Generalisability and limitations",
}

_ITEMS: list[tuple[str, str, str, str, Who]] = [
    (
        "study_goals",
        "population",
        "1a",
        "Who or what is the claim about (the population)?",
        "person",
    ),
    ("study_goals", "population_motivation", "1b", "Why this population?", "person"),
    (
        "study_goals",
        "why_ml",
        "1c",
        "Why machine learning, rather than a simpler method?",
        "person",
    ),
    ("reproducibility", "dataset", "2a", "Which data set, uniquely identified?", "run"),
    ("reproducibility", "code", "2b", "Which version of the code produced the results?", "run"),
    ("reproducibility", "computing", "2c", "On what computing environment?", "run"),
    (
        "reproducibility",
        "instructions",
        "2d",
        "How does someone else regenerate the results?",
        "run",
    ),
    ("reproducibility", "script", "2e", "Is there one script that reproduces every result?", "run"),
    (
        "data_quality",
        "source",
        "3a",
        "Where does the data come from, when was it collected, and how were the outcomes recorded?",
        "person",
    ),
    (
        "data_quality",
        "sampling_frame",
        "3b",
        "From what set of cases was the data drawn (the sampling frame)?",
        "person",
    ),
    ("data_quality", "usefulness", "3c", "Why is this data suited to the question?", "person"),
    (
        "data_quality",
        "outcome",
        "3d",
        "What is the outcome, how is it defined and how is it distributed?",
        "run",
    ),
    (
        "data_quality",
        "sample_size",
        "3e",
        "How many rows, and how often does each outcome occur?",
        "run",
    ),
    ("data_quality", "missing", "3f", "How much data is missing?", "run"),
    (
        "data_quality",
        "representative",
        "3g",
        "Does the sampling frame represent the population the claim is about?",
        "person",
    ),
    ("preprocessing", "exclusions", "4a", "Which rows or columns were left out, and why?", "run"),
    ("preprocessing", "corrupt", "4b", "How were impossible or corrupt values handled?", "run"),
    (
        "preprocessing",
        "transformations",
        "4c",
        "What transformations lead from the raw data to the model's inputs?",
        "run",
    ),
    ("modelling", "models", "5a", "Which models were trained?", "run"),
    ("modelling", "model_choice", "5b", "Why these kinds of model?", "person"),
    (
        "modelling",
        "evaluation_method",
        "5c",
        "How were the models evaluated (split, folds)?",
        "run",
    ),
    ("modelling", "selection", "5d", "How was the reported model chosen?", "run"),
    ("modelling", "hyperparameters", "5e", "How were its hyperparameters tuned?", "run"),
    ("modelling", "baselines", "5f", "Is it compared with fitting baselines?", "run"),
    (
        "leakage",
        "train_only",
        "6a",
        "Did pre-processing and modelling use the training data only?",
        "run",
    ),
    (
        "leakage",
        "dependencies",
        "6b",
        "How were duplicates and dependent rows kept from spanning the split?",
        "run",
    ),
    (
        "leakage",
        "features_legitimate",
        "6c",
        "Is every input legitimate for the task (no leakage)?",
        "run",
    ),
    (
        "metrics",
        "metrics",
        "7a",
        "Which metrics, and is the one that chose the model fit for the task?",
        "run",
    ),
    (
        "metrics",
        "uncertainty",
        "7b",
        "How uncertain are the results, and how was that estimated?",
        "run",
    ),
    (
        "metrics",
        "statistical_tests",
        "7c",
        "Which statistical tests were used, and do their assumptions hold?",
        "run",
    ),
    (
        "generalisability",
        "external_validity",
        "8a",
        "What shows the results hold beyond this data?",
        "person",
    ),
    ("generalisability", "limits", "8b", "Where are the findings not expected to hold?", "person"),
]

REFORMS = [
    ReformsEntry(f"reforms.{module}.{key}", MODULES[module], number, question, who)
    for module, key, number, question, who in _ITEMS
]


def note_ids() -> list[str]:
    """Every id `reviewer_notes` may answer: the REFORMS items and the leakage types."""
    return [e.id for e in REFORMS] + [t.id for t in LEAKAGE_TYPES]
