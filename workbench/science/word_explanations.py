"""Which words move a model's predictions on free text: for each outcome, the words that push
texts towards it, and for a few holdout cases, the words that decided them.

The method is leaving one word out (erasure): each explained text is scored again without
each of its words in turn, and a word's push towards an outcome is how much that outcome's
probability falls when the word is gone (for a number, how much the prediction falls). It asks
the fitted pipeline itself, so it reads the same for a linear model on TF-IDF weights and a
tree model on reduced dimensions, and it speaks in words people wrote, never in features. The
texts are the run's own, already masked («email», «name», ...); the report escapes them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from workbench.science.cross_validation import predict_full
from workbench.store.assurance_results import CaseWords, ClassWords, WordExplanation, WordPush

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # the words the TF-IDF reads
MAX_TEXTS = 150  # explained holdout texts, at most
MAX_WORDS = 60  # distinct words scored per text (its first): long texts cost no more than this
MIN_TEXTS = 3  # a word pushes an outcome when it does so over at least this many texts
TOP_WORDS = 8  # per outcome
CASE_WORDS = 5  # per case, for and against
EXCERPT_CHARS = 280


def _words(text: str) -> list[str]:
    seen = dict.fromkeys(w.lower() for w in TOKEN.findall(text))
    return list(seen)[:MAX_WORDS]


def _without(text: str, word: str) -> str:
    return re.sub(rf"(?i)\b{re.escape(word)}\b", "", text)


def erasures(model, X: pd.DataFrame, column: str, task: str, k: int):
    """For each row of `X` and each of its words in `column`: the row's prediction minus the
    prediction without the word, per outcome (columns of probabilities, or the one value).
    Returns (row positions, words, pushes) aligned, and the rows' own predictions."""
    base = predict_full(model, X, task, k)
    base = base if base.ndim == 2 else base[:, None]
    texts = X[column].astype("object").where(X[column].notna(), "").astype(str).tolist()
    rows, words, variants = [], [], []
    for i, text in enumerate(texts):
        for w in _words(text):
            rows.append(i)
            words.append(w)
            variants.append(_without(text, w))
    if not rows:
        return np.zeros(0, int), [], np.zeros((0, base.shape[1])), base
    rows = np.asarray(rows)
    altered = X.iloc[rows].copy()
    altered[column] = pd.Series(variants, index=altered.index, dtype=X[column].dtype)
    pred = predict_full(model, altered, task, k)
    pred = pred if pred.ndim == 2 else pred[:, None]
    return rows, words, base[rows] - pred, base


def outcome_words(
    rows: np.ndarray, words: list[str], pushes: np.ndarray, outcomes: list[str]
) -> list[ClassWords]:
    """Per outcome, the words that push texts towards it most on average (over the texts that
    hold them, at least MIN_TEXTS)."""
    if not len(rows):
        return [ClassWords(outcome=o, words=[]) for o in outcomes]
    frame = pd.DataFrame(pushes, columns=range(pushes.shape[1]))
    frame["word"] = words
    grouped = frame.groupby("word", sort=True)
    mean, texts = grouped.mean(), grouped.size()
    mean = mean[texts >= MIN_TEXTS]
    out = []
    for j, outcome in enumerate(outcomes):
        top = mean[j][mean[j] > 0].sort_values(ascending=False, kind="stable").head(TOP_WORDS)
        out.append(
            ClassWords(
                outcome=outcome,
                words=[
                    WordPush(word=str(w), push=round(float(v), 4), texts=int(texts[w]))
                    for w, v in top.items()
                ],
            )
        )
    return out


def case_words(
    picked: dict[str, int],
    X: pd.DataFrame,
    column: str,
    y: np.ndarray,
    erased,
    outcomes: list[str],
    task: str,
) -> list[CaseWords]:
    """The words that decided each picked case: those that pushed its prediction (the class it
    was routed to, or the value) up the most, and those that pushed against it."""
    rows, words, pushes, base = erased
    words = np.asarray(words, dtype=object)
    out = []
    for kind, i in picked.items():
        chosen = int(np.argmax(base[i])) if task != "regression" else 0
        mine = rows == i
        push = pushes[mine, chosen]
        order = np.argsort(-push, kind="stable")
        found = [
            WordPush(word=str(words[mine][j]), push=round(float(push[j]), 4), texts=1)
            for j in order
        ]
        text = X[column].iloc[i]
        excerpt = "" if pd.isna(text) else str(text)
        out.append(
            CaseWords(
                kind=kind,
                actual=_outcome(y[i], outcomes, task),
                predicted=outcomes[chosen] if task != "regression" else f"{base[i, 0]:.4g}",
                score=round(float(base[i, chosen]), 4),
                excerpt=excerpt[:EXCERPT_CHARS] + ("…" if len(excerpt) > EXCERPT_CHARS else ""),
                words_for=[w for w in found if w.push > 0][:CASE_WORDS],
                words_against=[w for w in reversed(found) if w.push < 0][:CASE_WORDS],
            )
        )
    return out


def _outcome(value, outcomes: list[str], task: str) -> str:
    return f"{float(value):.4g}" if task == "regression" else outcomes[int(value)]


def pick_cases(
    pred: np.ndarray, y: np.ndarray, task: str, picked: dict[str, int]
) -> dict[str, int]:
    """The cases explained one by one: those the SHAP explanations picked, and for classes
    the most confident mistake (a wrong route the model was sure of)."""
    found = dict(picked)
    if task != "regression":
        wrong = np.flatnonzero(pred.argmax(axis=1) != y)
        if len(wrong):
            found["most confident mistake"] = int(wrong[np.argmax(pred[wrong].max(axis=1))])
    by_row: dict[int, list[str]] = {}
    for kind, row in found.items():  # one case picked twice is explained once
        by_row.setdefault(row, []).append(kind)
    return {"; ".join(kinds): row for row, kinds in by_row.items()}


def explain_words(
    model,
    X: pd.DataFrame,
    y: np.ndarray,
    columns: list[str],
    task: str,
    classes: list[str],
    picked: dict[str, int],
    seed: int,
) -> list[WordExplanation]:
    """Word explanations per free-text input: `X`, `y` the holdout rows (sampled by the
    caller; at most MAX_TEXTS of them are explained per outcome list, the picked cases
    always among them), `picked` the positions of the cases to explain one by one."""
    if not columns:
        return []
    k = len(classes)
    outcomes = classes if task != "regression" else ["a higher prediction"]
    pred = predict_full(model, X, task, k)
    cases = pick_cases(pred if pred.ndim == 2 else pred[:, None], y, task, picked)
    rng = np.random.default_rng(seed)
    others = np.setdiff1d(np.arange(len(X)), list(cases.values()))
    take = np.sort(rng.choice(others, min(len(others), MAX_TEXTS), replace=False))
    order = np.concatenate([list(dict.fromkeys(cases.values())), take]).astype(int)
    position = {i: j for j, i in enumerate(order)}
    sample, y_sample = X.iloc[order].reset_index(drop=True), np.asarray(y)[order]
    out = []
    for column in columns:
        erased = erasures(model, sample, column, task, k)
        rows, words, pushes, _ = erased
        out.append(
            WordExplanation(
                column=column,
                explained_texts=len(sample),
                outcomes=outcome_words(rows, words, pushes, outcomes),
                cases=case_words(
                    {kind: position[i] for kind, i in cases.items()},
                    sample,
                    column,
                    y_sample,
                    erased,
                    outcomes,
                    task,
                ),
                output="the predicted value" if task == "regression" else "the probability",
            )
        )
    return out
