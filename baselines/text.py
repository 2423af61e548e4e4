"""Free text as a model input: the encoders every pipeline fits inside each fold, and the
keyword rule a team without machine learning would write.

A linear model reads a text column as TF-IDF weights of its words (and word pairs) and of its
character n-grams (which survive typos, inflections and compound words); a tree model reads it
in reduced form — TF-IDF followed by a truncated SVD (latent semantic analysis) — because trees
split poorly on tens of thousands of sparse columns. Nothing is downloaded: both are fitted on
the training rows of each fold. `TextSettings` holds the choices the tuning search may vary
(n-gram ranges, minimum document frequency, dimensions).

The vectorizer keeps its learned vocabulary, in a model file, as two arrays (the terms and
their columns) instead of a dictionary: skops, the safe model format, writes a dictionary entry
by entry, which takes seconds per thousand words and a megabyte per thousand; as arrays a
vocabulary of 100,000 words saves in a fraction of a second. (skrub's `StringEncoder`, which
does the same reduction, keeps a dictionary: hence the small `ReducedText` here.)

Reading large extracts: the weights are single precision (half the memory; a TF-IDF weight
needs no more), the documents are counted a few thousand at a time (scikit-learn gathers every
(document, term) pair of a fit in one Python list first: over a gigabyte for 75,000 tickets'
character n-grams), and what a vectorizer or a reduced form makes of some documents is made
once per process and handed out again (`baselines.text_memory`): the text baselines, the
tuning trials and the robustness tests read the same texts the same way many times over.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, fields
from itertools import repeat

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils._sparse import _align_api_if_sparse

from baselines.text_memory import FEATURES, digest

WORD_NGRAMS = {"1-1": (1, 1), "1-2": (1, 2), "1-3": (1, 3)}
CHAR_NGRAMS = {"none": None, "2-4": (2, 4), "3-5": (3, 5)}
ANALYZERS = ("char_wb", "word")
MAX_FEATURES = 100_000  # per vectorizer: bounds memory on large extracts, keeps the most frequent
TOKENS = r"(?u)\b\w\w+\b"  # scikit-learn's words: two or more letters or digits
CHUNK_DOCUMENTS = 500  # documents counted at a time (their terms are listed at once)


@dataclass(frozen=True)
class TextSettings:
    """How a text column is read. `word_ngrams`, `char_ngrams` and `min_df` shape the linear
    models' TF-IDF; `dimensions` and `analyzer` the reduced form the tree models read."""

    word_ngrams: str = "1-2"
    char_ngrams: str = "3-5"
    min_df: int = 2
    dimensions: int = 30
    analyzer: str = "char_wb"

    @classmethod
    def split(cls, params: dict) -> tuple[TextSettings, dict]:
        """The text settings among a configuration's parameters (named `text_<setting>`), and
        the model's own parameters."""
        names = {f"text_{f.name}": f.name for f in fields(cls)}
        chosen = {names[k]: v for k, v in params.items() if k in names}
        rest = {k: v for k, v in params.items() if k not in names}
        return cls(**chosen), rest


def as_documents(X) -> np.ndarray:
    """One text column as plain strings, missing as the empty text (a row with nothing written
    reads as no words at all)."""
    column = X.iloc[:, 0] if isinstance(X, pd.DataFrame) else pd.Series(np.ravel(X))
    return column.astype("object").where(column.notna(), "").astype(str).to_numpy(dtype=object)


class Vectorizer(TfidfVectorizer):
    """scikit-learn's `TfidfVectorizer`, with four differences: a model file holds its vocabulary
    as arrays (see the module's docstring); when `min_df` would leave no word at all (a
    handful of short texts) it keeps every word rather than fail the fit; documents are counted
    a few thousand at a time (the same counts in bounded memory); and what it makes of some
    documents is remembered for the process (`baselines.text_memory`): a second vectorizer
    with the same settings fitted on the same documents takes the first one's vocabulary,
    weights and matrix, and a fitted one transforms the same documents once."""

    def fit(self, raw_documents, y=None):
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        if not getattr(self, "_remember", True):
            return self._fit_here(raw_documents)
        seen = digest(raw_documents)
        key = f"{_settings(self)}|{seen}"

        def make():
            matrix = self._fit_here(raw_documents)
            params = self.get_params(deep=False)
            learned = {k: v for k, v in vars(self).items() if k not in params and k not in OWN}
            return learned, matrix

        (state, matrix), remembered = FEATURES.made_once(key, make)
        if remembered:
            vars(self).update(state)
        self._fitted_on = (key, seen)
        return matrix

    def transform(self, raw_documents):
        fit = getattr(self, "_fitted_on", None)
        if fit is None or not getattr(self, "_remember", True):
            return super().transform(raw_documents)
        key, seen = fit[0], digest(raw_documents)
        if seen == fit[1]:  # the documents it was fitted on: the fit's own matrix
            found = FEATURES.get(key)
            if found is not None:
                return found[1]
        return FEATURES.made_once(
            f"{key}|{seen}", lambda: TfidfVectorizer.transform(self, raw_documents)
        )[0]

    def _fit_here(self, raw_documents):
        """The fit's weights, in the layout `transform` gives (each row's terms in column
        order): the same numbers summed in the same order, whichever made them."""
        try:
            weights = super().fit_transform(raw_documents)
        except ValueError:
            if self.min_df == 1:
                raise
            chosen = self.min_df
            self.min_df = 1
            try:
                weights = super().fit_transform(raw_documents)
            finally:
                self.min_df = chosen
        weights.sort_indices()
        return weights

    def _count_vocab(self, raw_documents, fixed_vocab):
        """scikit-learn's counting (`CountVectorizer._count_vocab`: the same vocabulary, in the
        same order, and the same counts), a few thousand documents at a time, and with the
        terms looked up and counted in bulk (a chunk's terms in one list, mapped to columns by
        one `map` and summed by scipy) rather than term by term in Python, which took most of
        the reading of a text."""
        if fixed_vocab:
            vocabulary = self.vocabulary_
        else:
            vocabulary = defaultdict()
            vocabulary.default_factory = vocabulary.__len__
        analyze = self.build_analyzer()
        docs = list(raw_documents)
        pieces = []
        for start in range(0, len(docs), CHUNK_DOCUMENTS):
            pieces.append(_counted(docs[start : start + CHUNK_DOCUMENTS], analyze, vocabulary,
                                   fixed_vocab))  # fmt: skip
        if not fixed_vocab:
            vocabulary = dict(vocabulary)
            if not vocabulary:
                raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        lengths = [np.diff(p.indptr) for p in pieces]
        indptr = np.concatenate([[0], np.cumsum(np.concatenate([[0], *lengths])[1:])])
        big = indptr[-1] > np.iinfo(np.int32).max
        X = sp.csr_array(
            (
                np.concatenate([np.zeros(0, np.intc), *(p.data for p in pieces)]),
                np.concatenate([np.zeros(0, np.int32), *(p.indices for p in pieces)]).astype(
                    np.int64 if big else np.int32, copy=False
                ),
                indptr.astype(np.int64 if big else np.int32),
            ),
            shape=(len(docs), len(vocabulary)),
            dtype=self.dtype,
        )
        X.sort_indices()
        return vocabulary, _align_api_if_sparse(X)

    def __getstate__(self):
        state = dict(super().__getstate__())  # a copy: the object's own attributes stay
        state.pop("_fitted_on", None)  # what this process remembers, not part of the model
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            state["vocabulary_terms_"] = np.array(list(vocabulary), dtype=str)
            state["vocabulary_columns_"] = np.fromiter(vocabulary.values(), dtype=np.int64)
        return state

    def __setstate__(self, state):
        terms = state.pop("vocabulary_terms_", None)
        columns = state.pop("vocabulary_columns_", None)
        if terms is not None:
            state["vocabulary_"] = dict(zip(terms.tolist(), columns.tolist(), strict=True))
        super().__setstate__(state)


OWN = ("_fitted_on", "_remember")  # how this process remembers, not what a fit learned


def _counted(docs: list, analyze, vocabulary, fixed: bool) -> sp.csr_array:
    """The counts of some documents' terms (rows: the documents; columns: the vocabulary's,
    sorted within each row), the vocabulary growing with new terms unless `fixed` (then a
    term outside it is not counted)."""
    terms: list[str] = []
    ends = [0]
    for doc in docs:
        terms.extend(analyze(doc))
        ends.append(len(terms))
    if fixed:
        columns = np.fromiter(map(vocabulary.get, terms, repeat(-1)), np.int64, len(terms))
    else:
        columns = np.fromiter(map(vocabulary.__getitem__, terms), np.int64, len(terms))
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), np.diff(ends))
    known = columns >= 0
    counts = sp.csr_array(
        (np.ones(int(known.sum()), dtype=np.intc), (rows[known], columns[known])),
        shape=(len(docs), max(len(vocabulary), 1)),
    )
    counts.sum_duplicates()  # the same term twice in a document: one entry, its count
    return counts


def _settings(estimator) -> str:
    """An estimator's class and parameters, as text: what, with the documents, determines its
    fit."""
    params = sorted((k, repr(v)) for k, v in estimator.get_params(deep=False).items())
    return f"{type(estimator).__module__}.{type(estimator).__qualname__}{params}"


def _vectorizer(
    analyzer: str, ngrams: tuple[int, int], min_df: int, remember: bool = True, dtype=np.float32
) -> Vectorizer:
    """A vectorizer of words or character n-grams within words; `remember`: whether what it
    makes is kept for the process (a reduced form keeps its own, far smaller, output instead)."""
    vectorizer = Vectorizer(
        analyzer=analyzer,
        ngram_range=ngrams,
        min_df=min_df,
        max_features=MAX_FEATURES,
        sublinear_tf=True,  # a word said five times is not five times the evidence
        token_pattern=TOKENS if analyzer == "word" else None,
        dtype=dtype,
    )
    vectorizer._remember = remember
    return vectorizer


def linear_text(settings: TextSettings) -> Pipeline:
    """TF-IDF of words (and word n-grams) and, unless switched off, of character n-grams
    within words; sparse and in single precision, for linear models (which read it as it is:
    see `baselines.families.logistic_regression`)."""
    parts = [("words", _vectorizer("word", WORD_NGRAMS[settings.word_ngrams], settings.min_df))]
    chars = CHAR_NGRAMS[settings.char_ngrams]
    if chars is not None:
        parts.append(("chars", _vectorizer("char_wb", chars, settings.min_df)))
    return make_pipeline(
        FunctionTransformer(as_documents, feature_names_out="one-to-one"),
        TextUnion(parts),
    )


class TextUnion(FeatureUnion):
    """scikit-learn's `FeatureUnion`, its sparse blocks stacked straight into the output
    (`side_by_side`): scipy first concatenates every block's weights and then writes them out
    again, two copies of the weights at once where one is needed (on 75,000 tickets' words and
    character n-grams, 0.4 GB each)."""

    def _hstack(self, Xs):
        if len(Xs) > 1 and all(sp.issparse(X) and X.format == "csr" for X in Xs):
            return side_by_side(Xs)
        return super()._hstack(Xs)


ROWS_AT_ONCE = 2048  # rows written at a time by `side_by_side`: bounds its scratch arrays


def side_by_side(blocks: list) -> sp.csr_matrix:
    """CSR blocks with the same rows, side by side, in one CSR matrix (each row's entries block
    by block, as scipy's `hstack` orders them): the output is allocated once and filled a few
    thousand rows at a time, so beside the blocks and the output only small scratch arrays
    are held."""
    n = blocks[0].shape[0]
    widths = [b.shape[1] for b in blocks]
    lengths = [np.diff(b.indptr).astype(np.int64) for b in blocks]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.sum(lengths, axis=0), out=indptr[1:])
    nnz, width = int(indptr[-1]), int(sum(widths))
    index = np.int64 if max(nnz, width) > np.iinfo(np.int32).max else np.int32
    data = np.empty(nnz, dtype=np.result_type(*(b.dtype for b in blocks)))
    indices = np.empty(nnz, dtype=index)
    for lo in range(0, n, ROWS_AT_ONCE):
        hi = min(lo + ROWS_AT_ONCE, n)
        start = indptr[lo:hi].copy()  # where each row's next block goes
        offset = 0
        for b, length, w in zip(blocks, lengths, widths, strict=True):
            first, last = int(b.indptr[lo]), int(b.indptr[hi])
            into = np.repeat(start - b.indptr[lo:hi], length[lo:hi]) + np.arange(first, last)
            data[into] = b.data[first:last]
            indices[into] = b.indices[first:last] + offset
            start += length[lo:hi]
            offset += w
    return sp.csr_matrix((data, indices, indptr.astype(index)), shape=(n, width))


def as_single(values):
    """The other columns of a linear model that also reads free text, in single precision and
    sparse rows (CSR), as the text's weights are: stacked with one double-precision column,
    every weight would be copied into double, and stacked with a dense block, every weight
    would pass through coordinate form (three arrays a weight) on the way."""
    return sp.csr_array(values, dtype=np.float32)


def as_double(weights):
    """The weights in double precision. No longer in any pipeline (models saved before read
    their text through it, and still load)."""
    return weights.astype(np.float64)


class ReducedText(TransformerMixin, BaseEstimator):
    """One text column as `dimensions` dense numbers: TF-IDF (of character 3- and 4-grams
    within words, or of words) reduced by a truncated SVD — latent semantic analysis, what
    skrub's `StringEncoder` does. Fewer distinct terms than dimensions leave the last columns
    zero, so the output's width never depends on the data."""

    def __init__(self, dimensions: int = 30, analyzer: str = "char_wb", random_state: int = 0):
        self.dimensions = dimensions
        self.analyzer = analyzer
        self.random_state = random_state

    def fit(self, X, y=None):
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        docs = as_documents(X)
        key = f"{_settings(self)}|{digest(docs)}"

        def make():
            out = self._fit_here(docs)
            return {"vectorizer_": self.vectorizer_, "svd_": self.svd_}, out

        (state, out), remembered = FEATURES.made_once(key, make)
        if remembered:
            vars(self).update(state)
        self.n_features_in_ = 1
        self._fitted_on = key
        return out

    def transform(self, X):
        docs = as_documents(X)
        fit = getattr(self, "_fitted_on", None)
        if fit is None:
            return self._reduced(self.vectorizer_.transform(docs))
        return FEATURES.made_once(
            f"{fit}|{digest(docs)}", lambda: self._reduced(self.vectorizer_.transform(docs))
        )[0]

    def _fit_here(self, docs) -> np.ndarray:
        ngrams = (3, 4) if self.analyzer == "char_wb" else (1, 2)
        # double precision for the SVD; the weights are not kept (the reduced form is)
        self.vectorizer_ = _vectorizer(self.analyzer, ngrams, 1, remember=False, dtype=np.float64)
        weights = self.vectorizer_.fit_transform(docs)
        k = min(int(self.dimensions), weights.shape[1] - 1, weights.shape[0] - 1)
        self.svd_ = TruncatedSVD(k, random_state=self.random_state).fit(weights) if k >= 1 else None
        return self._reduced(weights)

    def __getstate__(self):
        state = dict(super().__getstate__())
        state.pop("_fitted_on", None)  # what this process remembers, not part of the model
        return state

    def _reduced(self, weights) -> np.ndarray:
        out = np.zeros((weights.shape[0], int(self.dimensions)))
        if self.svd_ is not None:
            found = self.svd_.transform(weights)
            out[:, : found.shape[1]] = found
        return out

    def get_feature_names_out(self, input_features=None):
        name = str(input_features[0]) if input_features is not None else "text"
        return np.array([f"{name}_{i:03d}" for i in range(int(self.dimensions))], dtype=object)


def tree_text(settings: TextSettings, seed: int = 0) -> ReducedText:
    """The text reduced to a few dense columns, for tree models."""
    return ReducedText(int(settings.dimensions), settings.analyzer, seed)


# -- the keyword rule ---------------------------------------------------------------------------
def _joined(X) -> np.ndarray:
    """Every text column of a row in one document."""
    frame = pd.DataFrame(X)
    if frame.shape[1] == 0:
        return np.full(len(frame), "", dtype=object)
    texts = frame.astype("object").where(frame.notna(), "").astype(str)
    return texts.agg(" ".join, axis=1).to_numpy(dtype=object)


class KeywordRule(ClassifierMixin, BaseEstimator):
    """What a team without machine learning writes: for each class, a short list of words that,
    in the training rows, mostly came with that class ("invoice", "refund" → billing). A text
    goes to the class whose keywords it contains most often; a text with none goes to the
    default queue, the most frequent class.

    Keywords are chosen per class among words in at least `min_count` of its training texts,
    by how often a text containing the word belongs to the class (smoothed); each word serves
    one class, the one it tells best, and only when it tells it clearly: at least halfway from
    the class's share of all texts to certain (a word that comes with billing in 70% of texts
    where billing is a third of all is telling; "please" is not). Probabilities are the keyword hits per class mixed with the
    class shares (a text with no keyword gets the shares), so ranking metrics can score it."""

    def __init__(self, words_per_class: int = 10, min_count: int = 5):
        self.words_per_class = words_per_class
        self.min_count = min_count

    def fit(self, X, y):
        docs = _joined(X)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        codes = np.searchsorted(self.classes_, y)
        k = len(self.classes_)
        self.prior_ = np.bincount(codes, minlength=k) / len(codes)
        counter = CountVectorizer(token_pattern=TOKENS, binary=True, lowercase=True)
        try:
            present = counter.fit_transform(docs).tocsc()
        except ValueError:  # no word in any text
            self.keywords_ = [[] for _ in range(k)]
            return self
        words = counter.get_feature_names_out()
        per_class = np.vstack(
            [np.asarray(present[codes == c].sum(axis=0)).ravel() for c in range(k)]
        )
        total = per_class.sum(axis=0)
        share = (per_class + self.prior_[:, None]) / (total + 1.0)  # smoothed P(class | word)
        best = share.argmax(axis=0)
        self.keywords_ = []
        for c in range(k):
            telling = share[c] >= (1 + self.prior_[c]) / 2
            ok = (best == c) & (per_class[c] >= self.min_count) & telling
            order = np.lexsort((words[ok], -per_class[c][ok], -share[c][ok]))
            self.keywords_.append([str(w) for w in words[ok][order][: self.words_per_class]])
        return self

    def _hits(self, X) -> np.ndarray:
        docs = _joined(X)
        tokens = [set(re.findall(TOKENS, d.lower())) for d in docs]
        return np.array(
            [[len(t.intersection(kw)) for kw in self.keywords_] for t in tokens], dtype=float
        ).reshape(len(docs), len(self.keywords_))

    def predict_proba(self, X) -> np.ndarray:
        hits = self._hits(X)
        raw = hits + self.prior_[None, :]  # ties and empty texts fall to the larger class
        return raw / raw.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    @property
    def default_class(self):
        """The class a text with no keyword goes to: the default queue."""
        return self.classes_[int(np.argmax(self.prior_))]
