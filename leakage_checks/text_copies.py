"""Texts copied across the split: a ticket and its reply, a complaint sent twice, a test text
pasted from a training one with a few words changed. `near_duplicates` compares whole rows
once normalised, which a quoted reply or an edited copy escapes; this check compares the texts
themselves, by the rare word triples they share.

Templates and set phrases are shared by many rows and say nothing about where a text came
from: only triples found in at most `text_copy_max_rows` rows count. A test text is a copy when
those triples are mostly contained in one training text (or the training text's in it). A copy
leaks when it carries its twin's outcome: the holdout rows that copy a training text of the
same outcome are scored on an answer the model has seen. They count when copies agree with
their twins beyond the agreement chance gives such pairs (the classes' shares; for a number,
being as close as the nearest tenth of random pairs), and their share of the holdout says how
much.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.free_text import NO_TEXT, as_text, text_columns
from leakage_checks.registry import register
from leakage_checks.speech import _, pct, significant
from leakage_checks.util import binomial_tail


def words(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Every text's words (two characters or more, lower-cased) as codes, with the row each
    belongs to, in order: split by Arrow, never word by word in Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.Array.from_pandas(texts.astype("str"))
    if isinstance(array, pa.ChunkedArray):  # pandas' own Arrow strings come in chunks
        array = array.combine_chunks()
    split = pc.split_pattern_regex(pc.utf8_lower(array.fill_null("")), r"[^\p{L}\p{N}_]+")
    flat, row = pc.list_flatten(split), pc.list_parent_indices(split)
    del split
    long = pc.greater_equal(pc.utf8_length(flat), 2)
    codes = pc.dictionary_encode(flat.filter(long)).indices
    return np.asarray(codes, dtype=np.int32), np.asarray(row.filter(long), dtype=np.int32)


def shingles(texts: pd.Series) -> sparse.csr_matrix:
    """Each text's word triples (rows x distinct triples, 0/1)."""
    code, row = words(texts)
    n = len(texts)
    if len(code) < 3:
        return sparse.csr_matrix((n, 0), dtype=np.float32)
    vocab = int(code.max()) + 1
    same = row[:-2] == row[2:]  # the three words belong to one text
    a, b, c = (x.astype(np.int64) for x in (code[:-2][same], code[1:-1][same], code[2:][same]))
    if vocab < 2**21:  # three codes fit in 63 bits
        key = (a * vocab + b) * vocab + c
    else:
        key = pd.util.hash_array(a) ^ (pd.util.hash_array(b) * 31) ^ (pd.util.hash_array(c) * 97)
    del a, b, c, code
    triple = pd.factorize(key)[0]
    del key
    width = int(triple.max()) + 1
    cell = pd.unique(row[:-2][same].astype(np.int64) * width + triple)  # each triple once per text
    del triple, row, same
    return sparse.csr_matrix(
        (np.ones(len(cell), dtype=np.float32), ((cell // width).astype(np.int32), cell % width)),
        shape=(n, width),
    )


def _rare(matrix: sparse.csr_matrix, max_rows: int) -> sparse.csr_matrix:
    """Only the triples found in at most `max_rows` rows."""
    counts = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = counts[matrix.indices] <= max_rows
    out = sparse.csr_matrix(
        (matrix.data[keep], matrix.indices[keep], np.r_[0, np.cumsum(keep)][matrix.indptr]),
        shape=matrix.shape,
    )
    out.eliminate_zeros()
    return out


def twins(queries: sparse.csr_matrix, reference: sparse.csr_matrix, settings: dict, same=False):
    """For each query, its best twin among the reference rows (-1 if none) and the containment
    of the smaller text's rare triples in the other. `same`: queries are reference rows, and a
    row is not its own twin."""
    least = settings["text_copy_min_shingles"]
    q_size = np.diff(queries.indptr)
    r_size = np.diff(reference.indptr)
    shared = (queries @ reference.T).tocoo()
    if same:
        off = shared.row != shared.col
        shared = sparse.coo_matrix(
            (shared.data[off], (shared.row[off], shared.col[off])), shape=shared.shape
        )
    smaller = np.minimum(q_size[shared.row], r_size[shared.col])
    ok = smaller >= least
    contain = np.zeros(len(shared.data))
    contain[ok] = shared.data[ok] / smaller[ok]
    best = np.full(queries.shape[0], -1)
    score = np.zeros(queries.shape[0])
    if len(contain):
        order = np.lexsort((contain, shared.row))  # per query, the highest containment last
        last = np.r_[shared.row[order][1:] != shared.row[order][:-1], True]
        rows, cols, vals = shared.row[order][last], shared.col[order][last], contain[order][last]
        hit = vals >= settings["text_copy_containment"]
        best[rows[hit]], score[rows[hit]] = cols[hit], vals[hit]
    return best, score


def agreement(y_q: np.ndarray, y_r: np.ndarray, y_train: np.ndarray, task: str):
    """Whether each pair agrees on the outcome, and the chance each pair had of agreeing."""
    if task == "regression":
        rng = np.random.default_rng(0)
        a, b = rng.choice(y_train, 5_000), rng.choice(y_train, 5_000)
        close = np.quantile(np.abs(a - b), 0.1)
        return np.abs(y_q - y_r) <= close, np.full(len(y_q), 0.1)
    share = pd.Series(y_train).value_counts(normalize=True)
    return y_q == y_r, share.reindex(y_r).fillna(0).to_numpy()


def _sample(n: int, limit: int, seed: int) -> np.ndarray:
    if n <= limit:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, limit, replace=False))


def copies(frames: SplitFrames, column: str, roles: Roles, settings: dict) -> dict:
    """The test texts with a training twin, how many agree with it on the outcome, chance."""
    train_rows = _sample(len(frames.X_train), int(settings["text_copy_reference_rows"]), 1)
    test_rows = _sample(len(frames.X_test), int(settings["text_max_rows"]), 2)
    train = as_text(frames.X_train[column].iloc[train_rows])
    test = as_text(frames.X_test[column].iloc[test_rows])
    both = _rare(shingles(pd.concat([train, test])), int(settings["text_copy_max_rows"]))
    reference, queries = both[: len(train)], both[len(train) :]
    best, score = twins(queries, reference, settings)
    y_train = frames.y_train.to_numpy()[train_rows]
    y_test = frames.y_test.to_numpy()[test_rows]
    has = best >= 0
    agree, chance = agreement(y_test[has], y_train[best[has]], y_train, roles.task)
    # the same among training rows (a sample): copies throughout the data, or across the split
    inner = _sample(len(train), 5_000, 3)
    best_in, _unused = twins(reference[inner], reference, settings, same=True)
    inner_has = best_in >= 0
    inner_agree, _unused = agreement(
        y_train[inner][inner_has], y_train[best_in[inner_has]], y_train, roles.task
    )
    return {
        "queries": len(test_rows),
        "copies": int(has.sum()),
        "agree": int(agree.sum()),
        "expected": float(chance.sum()),
        "containment": float(score[has].mean()) if has.any() else 0.0,
        "training_copies": float(inner_agree.sum() / max(len(inner), 1)),
        "reference": len(train_rows),
    }


@register(
    "text_copies",
    "Do test texts copy training texts of the same outcome (a ticket and its reply, a message "
    "sent twice, an edited copy) beyond chance?",
)
def text_copies(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    cols = text_columns(frames, roles)
    if not cols:
        raise NotApplicable(_(NO_TEXT))
    if len(frames.X_test) == 0 or len(frames.X_train) < 2:
        raise NotApplicable(_("there are too few rows on one side of the split"))
    out = []
    for column in cols:
        c = copies(frames, column, roles, settings)
        n = c["queries"]
        excess = (c["agree"] - c["expected"]) / n
        share = c["agree"] / n
        p = binomial_tail(c["agree"], c["copies"], c["expected"] / max(c["copies"], 1))
        if p >= settings["text_copies_p_value"] or share < settings["text_copies_warning"]:
            continue
        severity = "critical" if share >= settings["text_copies_critical"] else "warning"
        where = (
            _(
                "Training texts copy each other about as often ({share}): the copies run through "
                "the whole extract."
            )
            if c["training_copies"] >= 0.5 * share
            else _("Training texts copy each other far less often ({share}).")
        ).format(share=pct(c["training_copies"], 1))
        out.append(
            Finding(
                check="text_copies",
                severity=severity,
                columns=[column],
                evidence={
                    "test_rows_compared": n,
                    "training_rows_compared": c["reference"],
                    "share_test_rows_copying_training": round(c["copies"] / n, 4),
                    "share_test_rows_copying_same_outcome": round(share, 4),
                    "share_expected_by_chance": round(c["expected"] / n, 4),
                    "excess_over_chance": round(excess, 4),
                    "p_value": float(f"{p:.3g}"),
                    "mean_containment": round(c["containment"], 3),
                    "share_training_rows_copying_training": round(c["training_copies"], 4),
                },
                message=_(
                    "{share} of the test rows' '{column}' texts copy a training text with the "
                    "same outcome (their rare word triples {containment} contained in it on "
                    "average), where chance would give {chance}: {excess} of the holdout is "
                    "scored on texts the model has seen with their answer (p = {p})."
                ).format(
                    share=pct(share, 1),
                    column=column,
                    containment=pct(c["containment"], 0),
                    chance=pct(c["expected"] / n, 1),
                    excess=pct(excess, 1),
                    p=significant(p, 2),
                )
                + " "
                + where,
                fix=(
                    _(
                        "Find out why the texts repeat: replies or follow-ups exported as cases of "
                        "their own, messages sent twice, forwarded copies. Keep one row per case "
                        "(drop the replies and repeats before splitting), or declare the case or "
                        "customer as the group column and split by it."
                    )
                ),
            )
        )
    return out
