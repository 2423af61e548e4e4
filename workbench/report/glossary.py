"""The words of the trade a stakeholder meets in the report, each explained in one sentence
where it first appears: the report passes each part's text through one `Glossary`, which
returns the explanations of the terms that part uses for the first time.

Terms and explanations are English here and translated where they are shown: in a German report
the glossary looks for the German terms (`Prüfstichprobe`, `Datenleck`) in the German text. The
client's words for them are kept with the catalogs (`workbench/locale/terms.yaml`), and a test
holds the catalog to them.
"""

from __future__ import annotations

import re

from workbench.language import N_, _
from workbench.report.escaping import Markdown, escape

# term -> one sentence. Longer terms first where one contains another ("paired bootstrap"
# before "bootstrap"): a text's longer term is explained, its shorter part is then taken as read.
TERMS: dict[str, str] = {
    N_("ROC AUC"): N_(
        "the chance that the model scores a positive case above a negative one; 0.5 is "
        "guessing, 1 a perfect ranking"
    ),
    N_("average precision"): N_(
        "how many of the cases the model ranks highest are truly positive, averaged over "
        "every cut-off; the share of positives is what guessing gets, 1 is perfect"
    ),
    N_("Brier score"): N_(
        "the mean squared gap between the predicted probability and what happened (0 or 1); "
        "lower is better, 0 is perfect"
    ),
    N_("balanced accuracy"): N_(
        "the share of each class predicted correctly, averaged over the classes, so a rare "
        "class counts as much as a common one; 1 is perfect"
    ),
    N_("log loss"): N_(
        "how far the predicted probabilities are from what happened, punishing confident "
        "mistakes most; lower is better, 0 is perfect"
    ),
    N_("macro F1"): N_("the F1 score of each class, averaged over the classes"),
    N_("F1 score"): N_(
        "a balance of two shares, of the flagged cases that are truly positive and of the "
        "positive cases that are flagged; 1 is perfect"
    ),
    N_("accuracy"): N_("the share of cases predicted correctly"),
    N_("MASE"): N_(
        "the forecast's average error divided by the average change over one season in the "
        "series' own history; below 1 beats copying the last season forward as it did in the "
        "past"
    ),
    N_("WAPE"): N_("the forecast's total error as a share of the total volume"),
    N_("sMAPE"): N_(
        "each period's error as a share of the average of the actual and the forecast, averaged"
    ),
    N_("seasonal naive"): N_(
        "the forecast that copies the same period one season earlier: what a planner does "
        "without a model"
    ),
    N_("backtest"): N_(
        "forecasting past windows from their own starting point, with models fitted only on "
        "what came before, to choose and tune the models"
    ),
    N_("prediction interval"): N_(
        "the range the actual is expected to fall in with the stated chance"
    ),
    N_("R²"): N_(
        "the share of the outcome's variation the model explains; 0 is no better than always "
        "predicting the average, 1 is perfect"
    ),
    N_("mean absolute error"): N_(
        "the average size of a prediction's error, in the outcome's units"
    ),
    N_("root mean squared error"): N_(
        "the typical size of a prediction's error, in the outcome's units, with large errors "
        "weighing more"
    ),
    N_("mean absolute percentage error"): N_("the average error as a share of the true value"),
    N_("equalized-odds difference"): N_(
        "the largest gap between two groups in the model's rate of right flags or of false "
        "alarms; 0 is equal treatment"
    ),
    N_("equalized-odds ratio"): N_(
        "the same comparison as a ratio of the groups' rates; 1 means every group is treated alike"
    ),
    N_("demographic-parity difference"): N_(
        "the largest gap between two groups in the share of cases the model flags"
    ),
    N_("selection rate"): N_("the share of cases the model flags"),
    N_("precision"): N_("the share of flagged cases that are truly positive"),
    N_("false positive rate"): N_("the share of negative cases wrongly flagged"),
    N_("true positive rate"): N_("the share of positive cases flagged"),
    N_("95% interval"): N_("where the true value lies, with 95% confidence"),
    N_("paired bootstrap"): N_(
        "both models scored on the same many re-draws of the holdout's cases, so the "
        "difference between them is measured directly"
    ),
    N_("bootstrap"): N_(
        "the holdout's cases re-drawn many times to see how much a number would vary with "
        "other cases like them"
    ),
    N_("holdout"): N_(
        "cases set aside before any model was built, scored once at the end: the stand-in for "
        "new cases"
    ),
    N_("cross-validation"): N_(
        "the training part split into folds, each scored by a model trained on the others, so "
        "every score comes from rows the model did not learn from"
    ),
    N_("baseline"): N_("a simple model a tuned one must clearly beat to be worth building"),
    N_("lift"): N_("how much better the tuned model scores than the best baseline"),
    N_("threshold"): N_("the predicted probability from which the model flags a case"),
    N_("SHAP"): N_("a split of one prediction into the contributions of each input"),
    N_("leakage"): N_(
        "information in the inputs that would not be there when the model is used; it makes a "
        "model look better in a study than it can be in production"
    ),
    N_("leak"): N_(
        "information in the inputs that would not be there when the model is used; it makes a "
        "model look better in a study than it can be in production"
    ),
    N_("population stability index"): N_(
        "how far the distribution of an input has moved from what the model learned on; 0 "
        "means no change"
    ),
    N_("calibration"): N_("whether the predicted probabilities match how often things happen"),
}


# a term is found with its plural or case ending (baselines, Prüfstichproben, Datenlecks), not
# inside a longer word or a hyphenated one (leak-free)
ENDING = r"(?:s|es|e|n|en|er|ern)?"


def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(term) + ENDING + r"(?![\w-])", re.IGNORECASE)


def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each term (by its English key) with the pattern of its word in the reader's language,
    longer words first."""
    words = {term: _(term) for term in TERMS}
    order = sorted(TERMS, key=lambda t: len(words[t]), reverse=True)
    return [(term, _pattern(words[term])) for term in order]


def terms_in(text: str) -> list[str]:
    """The glossary's terms in `text` (by their English keys), in the order they appear, each
    once; a term inside a longer one found first (bootstrap in paired bootstrap) does not
    count. Terms with one word in the reader's language (leak, leakage) count once."""
    found: dict[str, int] = {}
    for term, pattern in _patterns():
        hits = list(pattern.finditer(text))
        if hits:
            found[term] = hits[0].start()
            for m in hits:  # blank it out so that shorter terms inside it are not found
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return [term for term, _start in sorted(found.items(), key=lambda kv: kv[1])]


class Glossary:
    """Remembers which terms the report has explained so far."""

    def __init__(self) -> None:
        self.explained: set[str] = set()

    def new(self, *texts: object, terms: tuple[str, ...] = ()) -> list[str]:
        """The terms named in `terms` (English keys) and those `texts` use, not yet explained,
        marked explained now."""
        unknown = [t for t in terms if t not in TERMS]
        if unknown:
            raise KeyError(f"not glossary terms: {', '.join(unknown)}")
        text = " ".join(str(t) for t in texts if t is not None)
        said = {_(t) for t in self.explained}  # one word for two terms (leak, leakage): once
        fresh: list[str] = []
        queue = [*terms, *terms_in(text)]
        while queue:  # and the terms the explanations themselves use
            added = []
            for t in queue:
                if _(t) not in said:
                    said.add(_(t))
                    added.append(t)
            fresh += added
            queue = terms_in(" ".join(_(TERMS[t]) for t in added))
        self.explained.update(fresh)
        return fresh

    def note(self, *texts: object, terms: tuple[str, ...] = ()) -> Markdown:
        """One paragraph explaining `terms` and the terms `texts` use for the first time, or
        nothing."""
        fresh = self.new(*texts, terms=terms)
        if not fresh:
            return Markdown("")
        parts = [
            _("*{term}*: {explanation}.").format(term=escape(_(t)), explanation=escape(_(TERMS[t])))
            for t in fresh
        ]
        return Markdown("::: {.terms}\n" + " ".join(parts) + "\n:::\n")
