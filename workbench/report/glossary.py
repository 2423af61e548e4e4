"""The words of the trade a stakeholder meets in the report, each explained in one sentence
where it first appears: the report passes each part's text through one `Glossary`, which
returns the explanations of the terms that part uses for the first time."""

from __future__ import annotations

import re

from workbench.report.escaping import Markdown, escape

# term -> one sentence. Longer terms first where one contains another ("paired bootstrap"
# before "bootstrap"): a text's longer term is explained, its shorter part is then taken as read.
TERMS: dict[str, str] = {
    "ROC AUC": "the chance that the model scores a positive case above a negative one; 0.5 "
    "is guessing, 1 a perfect ranking",
    "average precision": "how many of the cases the model ranks highest are truly positive, "
    "averaged over every cut-off; the share of positives is what guessing gets, 1 is perfect",
    "Brier score": "the mean squared gap between the predicted probability and what happened "
    "(0 or 1); lower is better, 0 is perfect",
    "balanced accuracy": "the share of each class predicted correctly, averaged over the "
    "classes, so a rare class counts as much as a common one; 1 is perfect",
    "log loss": "how far the predicted probabilities are from what happened, punishing "
    "confident mistakes most; lower is better, 0 is perfect",
    "macro F1": "the F1 score of each class, averaged over the classes",
    "F1 score": "a balance of two shares, of the flagged cases that are truly positive and of "
    "the positive cases that are flagged; 1 is perfect",
    "accuracy": "the share of cases predicted correctly",
    "MASE": "the forecast's average error divided by the average change over one season in "
    "the series' own history; below 1 beats copying the last season forward as it did in the "
    "past",
    "WAPE": "the forecast's total error as a share of the total volume",
    "sMAPE": "each period's error as a share of the average of the actual and the forecast, "
    "averaged",
    "seasonal naive": "the forecast that copies the same period one season earlier: what a "
    "planner does without a model",
    "backtest": "forecasting past windows from their own starting point, with models fitted "
    "only on what came before, to choose and tune the models",
    "prediction interval": "the range the actual is expected to fall in with the stated chance",
    "R²": "the share of the outcome's variation the model explains; 0 is no better than "
    "always predicting the average, 1 is perfect",
    "mean absolute error": "the average size of a prediction's error, in the outcome's units",
    "root mean squared error": "the typical size of a prediction's error, in the outcome's "
    "units, with large errors weighing more",
    "mean absolute percentage error": "the average error as a share of the true value",
    "equalized-odds difference": "the largest gap between two groups in the model's rate of "
    "right flags or of false alarms; 0 is equal treatment",
    "equalized-odds ratio": "the same comparison as a ratio of the groups' rates; 1 means "
    "every group is treated alike",
    "demographic-parity difference": "the largest gap between two groups in the share of "
    "cases the model flags",
    "selection rate": "the share of cases the model flags",
    "precision": "the share of flagged cases that are truly positive",
    "false positive rate": "the share of negative cases wrongly flagged",
    "true positive rate": "the share of positive cases flagged",
    "95% interval": "where the true value lies, with 95% confidence",
    "paired bootstrap": "both models scored on the same many re-draws of the holdout's cases, "
    "so the difference between them is measured directly",
    "bootstrap": "the holdout's cases re-drawn many times to see how much a number would vary "
    "with other cases like them",
    "holdout": "cases set aside before any model was built, scored once at the end: the "
    "stand-in for new cases",
    "cross-validation": "the training part split into folds, each scored by a model "
    "trained on the others, so every score comes from rows the model did not learn from",
    "baseline": "a simple model a tuned one must clearly beat to be worth building",
    "lift": "how much better the tuned model scores than the best baseline",
    "threshold": "the predicted probability from which the model flags a case",
    "SHAP": "a split of one prediction into the contributions of each input",
    "leakage": "information in the inputs that would not be there when the model is used; it "
    "makes a model look better in a study than it can be in production",
    "leak": "information in the inputs that would not be there when the model is used; it "
    "makes a model look better in a study than it can be in production",
    "population stability index": "how far the distribution of an input has moved from "
    "what the model learned on; 0 means no change",
    "calibration": "whether the predicted probabilities match how often things happen",
}


def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", re.IGNORECASE)


_PATTERNS = {term: _pattern(term) for term in sorted(TERMS, key=len, reverse=True)}


def terms_in(text: str) -> list[str]:
    """The glossary's terms in `text`, in the order they appear, each once; a term inside a
    longer one found first (bootstrap in paired bootstrap) does not count."""
    found = []
    for term, pattern in _PATTERNS.items():
        hits = list(pattern.finditer(text))
        if hits:
            found.append((hits[0].start(), term))
            for m in hits:  # blank it out so that shorter terms inside it are not found
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return [term for _, term in sorted(found)]


class Glossary:
    """Remembers which terms the report has explained so far."""

    def __init__(self) -> None:
        self.explained: set[str] = set()

    def new(self, *texts: object) -> list[str]:
        """The terms in `texts` not yet explained, marked explained now."""
        text = " ".join(str(t) for t in texts if t is not None)
        fresh: list[str] = []
        while True:  # and the terms the explanations themselves use
            more = [t for t in terms_in(text) if t not in self.explained and t not in fresh]
            if not more:
                return self._mark(fresh)
            fresh += more
            text = " ".join(TERMS[t] for t in more)

    def _mark(self, fresh: list[str]) -> list[str]:
        self.explained.update(fresh)
        return fresh

    def note(self, *texts: object) -> Markdown:
        """One paragraph explaining the terms `texts` use for the first time, or nothing."""
        fresh = self.new(*texts)
        if not fresh:
            return Markdown("")
        parts = [f"*{escape(t)}*: {escape(TERMS[t])}." for t in fresh]
        return Markdown("::: {.terms}\n" + " ".join(parts) + "\n:::\n")
