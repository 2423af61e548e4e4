"""Free text for the text checks: which columns hold it, and how often each word or two-word
phrase occurs per class and per part of the text (its first, middle and last third).

A text column is one the contract gives `role: text`, or a string input whose values read as
prose (five words or more in the typical row, most rows distinct): the checks look at free text
whether or not anyone declared it. Word counts are computed once per column and split, and
shared by the checks that read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from leakage_checks.finding import NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_
from leakage_checks.speech import _, count, ngettext

TOKEN = r"(?u)\b\w\w+\b"  # words of two characters or more, as scikit-learn's default
# where a text starts and ends, as words: a tag before the text ("[Billing] ...") or a code after
# it ("... closed: refund issued") makes a two-word phrase with them
START, END = "qqtextstartqq", "qqtextendqq"
_WORD = re.compile(TOKEN)
PROSE_MIN_WORDS = 5  # median words per row for an undeclared string column to be prose
PROSE_MIN_DISTINCT = 0.5  # share of distinct values among its rows
PHRASE_MIN_WORDS = 3  # median words per row of a column of repeated phrases (notes from a list)
PHRASE_MIN_VALUES = 10  # distinct phrases it holds at least
NO_TEXT = N_(  # shown with _(NO_TEXT)
    "the data has no free-text input (no column with role 'text', and no string input whose "
    "rows read as prose: five words or more, mostly distinct)"
)


def looks_like_prose(col: pd.Series, sample: int = 2_000) -> bool:
    """Whether a column's values read as free text: strings of five words or more in the
    typical row, most of them distinct (a category's labels repeat; a note does not)."""
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
        return False
    if isinstance(col.dtype, pd.CategoricalDtype):
        values = pd.Series(col.cat.categories)
        if len(values) < PROSE_MIN_DISTINCT * col.notna().sum():
            return False
    values = col.iloc[:: max(1, len(col) // sample)].dropna()
    if len(values) == 0:
        return False
    values = values.astype("str")
    words = values.str.split().str.len()
    return bool(
        words.median() >= PROSE_MIN_WORDS and values.nunique() >= PROSE_MIN_DISTINCT * len(values)
    )


def looks_like_phrases(col: pd.Series, sample: int = 2_000) -> bool:
    """Whether a string column that is not prose holds phrases of three words or more in the
    typical row, of ten distinct values or more: notes picked from a list or pasted from a
    template, which repeat, and to which a line can be added later."""
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
        return False
    if pd.api.types.is_bool_dtype(col) or looks_like_prose(col, sample):
        return False
    values = col.iloc[:: max(1, len(col) // sample)].dropna().astype("str")
    if values.nunique() < PHRASE_MIN_VALUES:
        return False
    return bool(values.str.split().str.len().median() >= PHRASE_MIN_WORDS)


def phrase_columns(frames: SplitFrames, roles: Roles, text: list[str] | None = None) -> list[str]:
    """The inputs of a classification task that hold repeated phrases (`looks_like_phrases`),
    other than its text columns (`text`, found when not given)."""
    if roles.task == "regression":
        return []
    text = set(text_columns(frames, roles) if text is None else text)
    return [c for c in roles.features if c not in text and looks_like_phrases(frames.X_train[c])]


def values_spanned(table: WordTable) -> np.ndarray:
    """In how many distinct values of the column each term occurs."""
    n_values = int(table.values.max()) + 1
    onehot = sparse.csr_matrix(
        (np.ones(len(table.values)), (np.arange(len(table.values)), table.values)),
        shape=(len(table.values), n_values),
    )
    return np.asarray(((table.in_rows.T @ onehot) > 0).sum(axis=1)).ravel()


def text_columns(frames: SplitFrames, roles: Roles) -> list[str]:
    """The declared text columns present in the data, then the undeclared inputs that read as
    prose."""
    declared = [c for c in roles.text_columns if c in frames.X_train.columns]
    found = [c for c in roles.features if c not in declared and looks_like_prose(frames.X_train[c])]
    return declared + found


def classification_text(
    frames: SplitFrames, roles: Roles, text: list[str] | None = None
) -> list[str]:
    """The text columns of a classification task (`text`, found when not given), or
    `NotApplicable` with why."""
    if roles.task == "regression":
        raise NotApplicable(
            _("the outcome is a number: words that give a class away need classes to give away")
        )
    cols = text_columns(frames, roles) if text is None else text
    if not cols:
        raise NotApplicable(_(NO_TEXT))
    return cols


def text_and_phrase_columns(frames: SplitFrames, roles: Roles) -> tuple[list[str], list[str]]:
    """The text columns and the phrase columns of a classification task, or `NotApplicable`
    with why when it has neither."""
    text = [] if roles.task == "regression" else text_columns(frames, roles)
    phrases = phrase_columns(frames, roles, text)  # none for a number outcome
    if not phrases:
        return classification_text(frames, roles, text), []
    return text, phrases


def as_text(col: pd.Series) -> pd.Series:
    """Strings, missing values as empty text."""
    return col.astype("str").where(col.notna(), "")


def thirds(texts: pd.Series) -> tuple[list[str], list[str], list[str]]:
    """Each text cut into its first, middle and last third of words (what a text says first,
    and what was written at its end)."""
    first, middle, last = [], [], []
    for text in texts:
        words = text.split()
        a, b = round(len(words) / 3), round(2 * len(words) / 3)
        first.append(" ".join(words[:a]))
        middle.append(" ".join(words[a:b]))
        last.append(" ".join(words[b:]))
    return first, middle, last


@dataclass
class WordTable:
    """Words and two-word phrases of one text column, counted over a sample of rows of both
    parts: per term, in how many rows of each class it occurs, and in how many rows it occurs in
    the text's first, middle and last third."""

    terms: np.ndarray  # the words and phrases
    by_class: np.ndarray  # rows containing the term, per class (terms x classes)
    by_third: np.ndarray  # rows containing it in the first, middle, last third (terms x 3)
    in_rows: sparse.csr_matrix  # which rows contain which term (rows x terms, 0/1)
    in_last: sparse.csr_matrix  # which rows contain it in their last third
    y: np.ndarray  # the class of each row
    is_test: np.ndarray  # whether each row is a test row
    values: np.ndarray  # which distinct text each row holds (codes)

    @property
    def rows(self) -> np.ndarray:
        return self.by_class.sum(axis=1)

    @property
    def home(self) -> np.ndarray:
        """The class each term occurs in most."""
        return self.by_class.argmax(axis=1)

    @property
    def others(self) -> np.ndarray:
        """Rows of other classes than its home class containing each term."""
        return self.rows - self.by_class.max(axis=1)


_CACHE: dict[tuple, WordTable] = {}


def _key(frames: SplitFrames, column: str, settings: dict, seed: int) -> tuple:
    train, test = frames.X_train[column], frames.X_test[column]
    edge = tuple(str(v) for v in (*train.iloc[:3], *test.iloc[-3:]))
    counts = (settings["text_max_rows"], settings["text_min_rows"])
    return (id(frames), column, len(train), len(test), edge, counts, seed)


def word_table(frames: SplitFrames, column: str, settings: dict, seed: int) -> WordTable:
    """The word table of one text column (cached for the checks that share it)."""
    key = _key(frames, column, settings, seed)
    if key not in _CACHE:
        _CACHE.clear()  # one column at a time: the checks run one after another
        _CACHE[key] = _count(frames, column, settings, seed)
    return _CACHE[key]


def _count(frames: SplitFrames, column: str, settings: dict, seed: int) -> WordTable:
    from sklearn.feature_extraction.text import CountVectorizer

    texts = pd.concat([as_text(frames.X_train[column]), as_text(frames.X_test[column])])
    texts = START + " " + texts + " " + END
    y = np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()]).astype(int)
    is_test = np.arange(len(texts)) >= len(frames.X_train)
    limit = int(settings["text_max_rows"])
    if len(texts) > limit:
        keep = np.sort(np.random.default_rng(seed).choice(len(texts), limit, replace=False))
        texts, y, is_test = texts.iloc[keep], y[keep], is_test[keep]
    parts = thirds(texts)
    vectorizer = CountVectorizer(
        binary=True,
        ngram_range=(1, 2),
        token_pattern=TOKEN,
        min_df=int(settings["text_min_rows"]),
        dtype=np.int32,
    )
    n = len(texts)
    try:
        stacked = vectorizer.fit_transform([*parts[0], *parts[1], *parts[2]]).tocsr()
    except ValueError:  # no word occurs in enough rows
        raise NotApplicable(
            _("no word of '{column}' occurs in {n} rows or more").format(
                column=column, n=count(int(settings["text_min_rows"]))
            )
        ) from None
    first, middle, last = stacked[:n], stacked[n : 2 * n], stacked[2 * n :]
    in_rows = ((first + middle + last) > 0).astype(np.int32).tocsr()
    classes = int(y.max()) + 1
    onehot = sparse.csr_matrix((np.ones(n), (np.arange(n), y)), shape=(n, classes))
    by_class = np.asarray((in_rows.T @ onehot).todense())
    by_third = np.column_stack(
        [np.asarray((part > 0).sum(axis=0)).ravel() for part in (first, middle, last)]
    )
    keep = by_class.sum(axis=1) >= int(settings["text_min_rows"])
    return WordTable(
        terms=vectorizer.get_feature_names_out()[keep],
        by_class=by_class[keep],
        by_third=by_third[keep],
        in_rows=in_rows[:, np.flatnonzero(keep)].tocsr(),
        in_last=(last[:, np.flatnonzero(keep)] > 0).astype(np.int32).tocsr(),
        y=y,
        is_test=is_test,
        values=pd.factorize(texts)[0],
    )


def class_words(classes: list[str]) -> dict[str, int]:
    """The words of the class names, each with its class (words shared by two names left
    out): the label's own words."""
    seen: dict[str, set[int]] = {}
    for code, name in enumerate(classes):
        for word in _WORD.findall(str(name).lower()):
            seen.setdefault(word, set()).add(code)
    return {w: next(iter(c)) for w, c in seen.items() if len(c) == 1}


def readable(term: str) -> str:
    """A term as a reader sees it: the text's start and end named as such."""
    return term.replace(START, _("(start of text)")).replace(END, _("(end of text)"))


def quoted(terms, limit: int = 5) -> str:
    """Terms as a reader sees them: quoted, the first few, and how many more."""
    terms = list(terms)
    shown = ", ".join(f"'{readable(t)}'" for t in terms[:limit])
    if len(terms) <= limit:
        return shown
    more = len(terms) - limit
    return ngettext("{names} and {n} more", "{names} and {n} more", more).format(
        names=shown, n=count(more)
    )


@dataclass
class Telling:
    """How much each term of a word table tells the class, judged against the data's own
    words."""

    impurity: np.ndarray  # share of its rows in other classes, over an unrelated word's share
    ceiling: np.ndarray  # the impurity of the purest honest words of its class
    p_value: np.ndarray  # of an impurity this low, were the term as impure as the ceiling
    away: np.ndarray  # the share of rows of other classes than the term's own


def _row_sets(in_rows: sparse.csr_matrix) -> np.ndarray:
    """One hash per term of the rows it occurs in: a phrase and its words that always occur
    together count once."""
    csc = in_rows.tocsc()
    return np.array(
        [
            hash(csc.indices[a:b].tobytes())
            for a, b in zip(csc.indptr[:-1], csc.indptr[1:], strict=True)
        ]
    )


def _riders(table: WordTable, pure: np.ndarray) -> np.ndarray:
    """Terms most of whose rows hold one term that never leaves its class (a label's name that
    customers also write, beside the tag that carries it): they say more about that term than
    about honest words."""
    pure_terms = np.flatnonzero(pure)
    if len(pure_terms) == 0:
        return np.zeros(len(table.terms), dtype=bool)
    overlap = (table.in_rows.T @ table.in_rows[:, pure_terms]).tocsr()  # terms x pure terms
    own = np.flatnonzero(pure)
    overlap[own, np.arange(len(own))] = 0  # a term does not ride on itself
    most = np.asarray(overlap.max(axis=1).todense()).ravel()
    return most > 0.5 * table.rows


def telling(table: WordTable, settings: dict) -> Telling:
    """Each term's impurity, and the ceiling honest words reach: the `label_word_quantile` of
    the impurity (shrunk towards chance by half a row) of the data's topical words — those in
    `label_word_reference_rows` rows or more that keep to their class beyond chance (p < 0.001)
    yet turn up in another class at least once, and do not mostly ride along with a term that
    never does — one per set of rows (with fewer than 20 such words, the purest word in that
    many rows that turns up in another class); never below
    `label_word_floor`. Words that never leave their class are what is being judged, so they
    do not set the bar."""
    from scipy import stats

    y, classes = table.y, table.by_class.shape[1]
    prior = np.bincount(y, minlength=classes) / len(y)
    df, home, other = table.rows, table.home, table.others
    away = np.clip(1 - prior[home], 1e-12, None)
    impurity = other / df / away
    shrunk = (other + 0.5) / df / away
    q, floor = settings["label_word_quantile"], settings["label_word_floor"]
    supported = df >= settings["label_word_reference_rows"]
    impure = supported & (other >= 1) & ~_riders(table, supported & (other == 0))
    topical = impure & (stats.binom.cdf(other, df, np.clip(away, 0, 1)) < 0.001)
    ref_terms = np.flatnonzero(topical)
    if len(ref_terms):
        _unused, first = np.unique(_row_sets(table.in_rows[:, ref_terms]), return_index=True)
        ref_terms = ref_terms[first]
    if len(ref_terms) >= 20:
        level = np.quantile(shrunk[ref_terms], q)
    elif impure.any():  # too few topical words to take a quantile: the purest that is impure
        level = shrunk[impure].min()
    else:
        level = floor
    ceiling = np.full(len(df), max(floor, level))
    p_value = stats.binom.cdf(other, df, np.clip(ceiling * away, 0, 1))
    return Telling(impurity, ceiling, p_value, away)
