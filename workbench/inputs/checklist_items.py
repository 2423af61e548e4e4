"""The items the checklist answers, with their stable ids: the eight leakage types of Kapoor &
Narayanan (Patterns, 2023) and the 32 items of REFORMS (Kapoor et al., Science Advances, 2024),
in plain words (English, marked for the catalog: translated where they are shown). Pure data:
the spec imports it to check `reviewer_notes` keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from workbench.language import N_


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
        N_("No separate test set"),
        N_("Was the model judged on rows kept apart from everything it was built and chosen on?"),
    ),
    LeakageType(
        "leakage.preprocessing",
        "L1.2",
        N_("Pre-processing on training and test data together"),
        N_("Were imputation, encoding and scaling learned from the training rows only?"),
    ),
    LeakageType(
        "leakage.feature_selection",
        "L1.3",
        N_("Feature selection on training and test data"),
        N_("Was the choice of input columns made without looking at the test rows?"),
    ),
    LeakageType(
        "leakage.duplicates",
        "L1.4",
        N_("Duplicates across the split"),
        N_("Do the same records, exactly or nearly, sit on both sides of the split?"),
    ),
    LeakageType(
        "leakage.illegitimate_features",
        "L2",
        N_("Illegitimate features"),
        N_(
            "Does the model read anything it will not have when it is used: a proxy of the outcome, "
            "or a field recorded after it?"
        ),
    ),
    LeakageType(
        "leakage.temporal",
        "L3.1",
        N_("Temporal leakage"),
        N_(
            "If the model will be used on later cases, was it tested on cases later than those it "
            "learned from?"
        ),
    ),
    LeakageType(
        "leakage.non_independence",
        "L3.2",
        N_("Non-independence between training and test rows"),
        N_("Do rows of the same customer, patient or device sit on both sides of the split?"),
    ),
    LeakageType(
        "leakage.sampling_bias",
        "L3.3",
        N_("Sampling bias in the test distribution"),
        N_(
            "Does the test part look like the data the model learned from, or was it drawn "
            "differently?"
        ),
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
    "study_goals": N_("Study goals"),
    "reproducibility": N_("Computational reproducibility"),
    "data_quality": N_("Data quality"),
    "preprocessing": N_("Data pre-processing"),
    "modelling": N_("Modelling"),
    "leakage": N_("Data leakage"),
    "metrics": N_("Metrics and uncertainty"),
    "generalisability": N_("Generalisability and limitations"),
}

_ITEMS: list[tuple[str, str, str, str, Who]] = [
    (
        "study_goals",
        "population",
        "1a",
        N_("Who or what is the claim about (the population)?"),
        "person",
    ),
    ("study_goals", "population_motivation", "1b", N_("Why this population?"), "person"),
    (
        "study_goals",
        "why_ml",
        "1c",
        N_("Why machine learning, rather than a simpler method?"),
        "person",
    ),
    ("reproducibility", "dataset", "2a", N_("Which data set, uniquely identified?"), "run"),
    ("reproducibility", "code", "2b", N_("Which version of the code produced the results?"), "run"),
    ("reproducibility", "computing", "2c", N_("On what computing environment?"), "run"),
    (
        "reproducibility",
        "instructions",
        "2d",
        N_("How does someone else regenerate the results?"),
        "run",
    ),
    (
        "reproducibility",
        "script",
        "2e",
        N_("Is there one script that reproduces every result?"),
        "run",
    ),
    (
        "data_quality",
        "source",
        "3a",
        N_(
            "Where does the data come from, when was it collected, and how were the outcomes recorded?"
        ),
        "person",
    ),
    (
        "data_quality",
        "sampling_frame",
        "3b",
        N_("From what set of cases was the data drawn (the sampling frame)?"),
        "person",
    ),
    ("data_quality", "usefulness", "3c", N_("Why is this data suited to the question?"), "person"),
    (
        "data_quality",
        "outcome",
        "3d",
        N_("What is the outcome, how is it defined and how is it distributed?"),
        "run",
    ),
    (
        "data_quality",
        "sample_size",
        "3e",
        N_("How many rows, and how often does each outcome occur?"),
        "run",
    ),
    ("data_quality", "missing", "3f", N_("How much data is missing?"), "run"),
    (
        "data_quality",
        "representative",
        "3g",
        N_("Does the sampling frame represent the population the claim is about?"),
        "person",
    ),
    (
        "preprocessing",
        "exclusions",
        "4a",
        N_("Which rows or columns were left out, and why?"),
        "run",
    ),
    ("preprocessing", "corrupt", "4b", N_("How were impossible or corrupt values handled?"), "run"),
    (
        "preprocessing",
        "transformations",
        "4c",
        N_("What transformations lead from the raw data to the model's inputs?"),
        "run",
    ),
    ("modelling", "models", "5a", N_("Which models were trained?"), "run"),
    ("modelling", "model_choice", "5b", N_("Why these kinds of model?"), "person"),
    (
        "modelling",
        "evaluation_method",
        "5c",
        N_("How were the models evaluated (split, folds)?"),
        "run",
    ),
    ("modelling", "selection", "5d", N_("How was the reported model chosen?"), "run"),
    ("modelling", "hyperparameters", "5e", N_("How were its hyperparameters tuned?"), "run"),
    ("modelling", "baselines", "5f", N_("Is it compared with fitting baselines?"), "run"),
    (
        "leakage",
        "train_only",
        "6a",
        N_("Did pre-processing and modelling use the training data only?"),
        "run",
    ),
    (
        "leakage",
        "dependencies",
        "6b",
        N_("How were duplicates and dependent rows kept from spanning the split?"),
        "run",
    ),
    (
        "leakage",
        "features_legitimate",
        "6c",
        N_("Is every input legitimate for the task (no leakage)?"),
        "run",
    ),
    (
        "metrics",
        "metrics",
        "7a",
        N_("Which metrics, and is the one that chose the model fit for the task?"),
        "run",
    ),
    (
        "metrics",
        "uncertainty",
        "7b",
        N_("How uncertain are the results, and how was that estimated?"),
        "run",
    ),
    (
        "metrics",
        "statistical_tests",
        "7c",
        N_("Which statistical tests were used, and do their assumptions hold?"),
        "run",
    ),
    (
        "generalisability",
        "external_validity",
        "8a",
        N_("What shows the results hold beyond this data?"),
        "person",
    ),
    (
        "generalisability",
        "limits",
        "8b",
        N_("Where are the findings not expected to hold?"),
        "person",
    ),
]

REFORMS = [
    ReformsEntry(f"reforms.{module}.{key}", MODULES[module], number, question, who)
    for module, key, number, question, who in _ITEMS
]


def note_ids() -> list[str]:
    """Every id `reviewer_notes` may answer: the REFORMS items and the leakage types."""
    return [e.id for e in REFORMS] + [t.id for t in LEAKAGE_TYPES]
