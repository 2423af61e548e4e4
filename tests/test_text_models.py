"""Free text in the models: the encoders inside every pipeline, the text baselines, the text
settings the tuning searches, model files that hold a vocabulary, and the explanations that
speak of a text as one input and of its words."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import synth
from baselines import BASELINES, ColumnRoles, applicable, build
from baselines import family_pipeline as build_model
from baselines.text import KeywordRule, TextSettings, Vectorizer
from workbench.inputs.search_spaces import TEXT_SPACES, default_trial, space_for


@pytest.fixture(scope="module")
def tickets():
    frame = synth.tickets(360, seed=5)
    frame["description"] = frame["description"].replace("\\N", np.nan).astype("str")
    y = pd.factorize(frame.pop("team"), sort=True)[0]
    X = frame.drop(columns=["ticket_id"])
    return X, y, ColumnRoles.from_frame(X, text=["description"])


def test_text_is_sparse_tfidf_for_linear_models_and_a_few_dense_columns_for_trees(tickets):
    X, y, cols = tickets
    assert cols.text == ["description"] and "description" not in cols.categorical
    linear = build("linear", cols, "multiclass", 0).fit(X, y)
    prepared = linear.named_steps["prepare"].transform(X)
    assert sp.issparse(prepared) and prepared.shape[1] > 500  # words and character n-grams
    trees = build_model("xgboost", {"text_dimensions": 12}, cols, "multiclass", 0).fit(X, y)
    dense = trees.named_steps["prepare"].transform(X)
    assert isinstance(dense, np.ndarray) and dense.shape[1] == 2 + 12  # two categories, 12 dims
    names = list(trees.named_steps["prepare"].get_feature_names_out())
    assert names[-1].endswith("description_011")


def test_text_baselines_apply_where_there_is_text_and_nowhere_else(tickets):
    _, _, cols = tickets
    words_only = ColumnRoles(text=["description"])
    assert {"keyword_rule", "tfidf_logistic"} <= set(applicable(cols, "multiclass"))
    assert "rule" not in applicable(words_only, "binary")  # a split on one column needs one
    assert "linear" not in applicable(words_only, "binary")  # it would be tfidf_logistic again
    assert "linear" in applicable(words_only, "regression")
    assert not {"keyword_rule", "tfidf_logistic"} & set(applicable(cols, "regression"))
    assert not {"keyword_rule", "tfidf_logistic"} & set(applicable(ColumnRoles(["x"]), "binary"))
    assert set(applicable(cols, "binary")) == {
        n for n, b in BASELINES.items() if "binary" in b.tasks
    }


def test_the_keyword_rule_writes_each_team_its_telling_words(tickets):
    X, y, cols = tickets
    rule = build("keyword_rule", cols, "multiclass", 0).fit(X, y)
    fitted = rule.named_steps["model"]
    teams = sorted(synth.TEAMS)
    for code, words in zip(fitted.classes_, fitted.keywords_, strict=True):
        assert words, teams[code]
        assert set(words) <= set(synth.TEAMS[teams[code]].split()), (teams[code], words)
    assert not set(synth.FILLER) & {w for ws in fitted.keywords_ for w in ws}
    # a text with no keyword goes to the default queue, the most frequent team
    empty = X.iloc[:2].assign(description=["", None])
    assert (rule.predict(empty) == np.bincount(y).argmax()).all()
    right = (rule.predict(X) == y).mean()
    assert right > 0.5 and right < 0.95  # words of other teams mixed in: a rule makes mistakes


def test_a_rule_with_ties_falls_to_the_larger_class():
    rule = KeywordRule(min_count=1).fit(
        pd.DataFrame({"t": ["alpha", "alpha", "beta", "gamma", "gamma", "gamma"]}),
        np.array([0, 0, 1, 2, 2, 2]),
    )
    proba = rule.predict_proba(pd.DataFrame({"t": ["alpha beta", "nothing"]}))
    assert np.allclose(proba.sum(axis=1), 1)
    assert list(proba.argmax(axis=1)) == [0, 2]  # alpha (2 of 6) beats beta (1); none: gamma


def test_the_search_varies_how_text_is_read_and_the_pipeline_follows(tickets):
    *_, cols = tickets
    linear = space_for("linear", "multiclass", {}, text=True)
    assert set(TEXT_SPACES["linear"]) <= set(linear)
    assert "text_min_df" not in space_for("linear", "multiclass", {})  # no text, no text settings
    first = default_trial("linear", linear)
    assert first["text_word_ngrams"] == "1-2" and first["text_min_df"] == 2
    assert "text_dimensions" in default_trial("xgboost", space_for("xgboost", "binary", {}, True))
    params = {"C": 0.5, "text_word_ngrams": "1-1", "text_char_ngrams": "none", "text_min_df": 3}
    model = build_model("linear", params, cols, "multiclass", 0)
    union = model.named_steps["prepare"].transformers[-1][1].steps[1][1]
    assert [name for name, _ in union.transformer_list] == ["words"]  # characters switched off
    words = union.transformer_list[0][1]
    assert words.ngram_range == (1, 1) and words.min_df == 3
    assert model.named_steps["model"].C == 0.5
    settings, rest = TextSettings.split(params)
    assert rest == {"C": 0.5} and settings.char_ngrams == "none"


def test_a_spec_may_set_the_text_settings():
    from workbench.inputs.spec import Tuning

    assert Tuning(family="linear", space={"text_min_df": 4}).space == {"text_min_df": 4}
    with pytest.raises(ValueError, match="not a parameter of linear"):
        Tuning(family="linear", space={"text_dimensions": 40})  # a tree setting


def test_text_model_files_are_small_fast_and_reload_to_the_same_predictions(tickets, tmp_path):
    import skops.io as sio

    from workbench.store.model_files import load_model, save_model

    X, y, cols = tickets
    # every text part: the keyword rule, both TF-IDF forms, the reduced form trees read
    for name in ["keyword_rule", "tfidf_logistic", "linear", "xgboost"]:
        model = build(name, cols, "multiclass", 0).fit(X, y)
        before = model.predict_proba(X)
        start = time.process_time()
        blob = sio.dumps(model)
        assert time.process_time() - start < 1.0, name  # a dictionary took seconds
        save_model(model, tmp_path / f"{name}.skops")
        again = load_model(tmp_path / f"{name}.skops")
        np.testing.assert_allclose(again.predict_proba(X), before, err_msg=name)
        np.testing.assert_allclose(model.predict_proba(X), before, err_msg=name)  # still fitted
        if name == "tfidf_logistic":
            assert len(blob) < 3_000_000


def test_the_vectorizer_keeps_every_word_when_min_df_would_leave_none():
    docs = ["refund please", "crash again", "late parcel"]
    vectorizer = Vectorizer(min_df=2).fit(docs)
    assert len(vectorizer.vocabulary_) == 6 and vectorizer.min_df == 2
    with pytest.raises(ValueError):
        Vectorizer(min_df=1).fit(["a", "b"])  # no word at all: nothing to learn from


def test_shap_of_a_linear_text_model_is_exact_and_speaks_of_the_text_as_one_input(tickets):
    from workbench.science.explanations import compute

    X, y, cols = tickets
    binary = (y == 0).astype(int)
    model = build("linear", cols, "binary", 0).fit(X, binary)
    shap_ = compute(model, X.iloc[:40], "binary", 0, X.iloc[40:])
    assert shap_.method == "linear" and shap_.columns[-1] == "description"
    assert shap_.names[-1] == "description (text)" and np.isnan(shap_.data[:, -1]).all()
    prepare, lr = model.named_steps["prepare"], model.named_steps["model"]
    base = lr.decision_function(prepare.transform(X.iloc[40:])).mean()
    # exact up to the model's own rounding: it reads the text, and decides, in single precision
    np.testing.assert_allclose(
        shap_.values.sum(axis=1) + base, model.decision_function(X.iloc[:40]), atol=1e-5
    )
    assert next(iter(shap_.importance())) == "description"  # the words carry the answer
    trees = build("xgboost", cols, "binary", 0).fit(X, binary)
    tree_shap = compute(trees, X.iloc[:40], "binary", 0, X.iloc[40:])
    assert tree_shap.names.count("description (text)") == 1 and len(tree_shap.names) == 3


def test_the_words_that_push_each_team_are_its_own(tickets):
    from workbench.science.word_explanations import explain_words

    X, y, cols = tickets
    model = build("tfidf_logistic", cols, "multiclass", 0).fit(X.iloc[:260], y[:260])
    teams = sorted(synth.TEAMS)
    test = X.iloc[260:].reset_index(drop=True)
    [found] = explain_words(
        model, test, y[260:], ["description"], "multiclass", teams, {"first": 0}, 0
    )
    assert found.explained_texts == len(test)
    for outcome in found.outcomes:
        top = [w.word for w in outcome.words[:3]]
        assert top and set(top) <= set(synth.TEAMS[outcome.outcome].split()), (outcome.outcome, top)
    first = found.cases[0]
    assert first.kind == "first" and first.excerpt == str(test["description"].iloc[0])[:280]
    assert first.words_for and all(w.push > 0 for w in first.words_for)
    assert any(c.kind == "most confident mistake" for c in found.cases)


def test_typos_are_a_robustness_test_of_free_text(tickets):
    from workbench.science.robustness import with_typos

    X, *_ = tickets
    typed = with_typos(X, "description", 0.5, np.random.default_rng(0))
    before = X["description"].dropna().str.split().explode()
    after = typed["description"].dropna().str.split().explode()
    changed = (before.to_numpy() != after.to_numpy()).mean()
    assert 0.2 < changed < 0.6 and typed["description"].isna().equals(X["description"].isna())


def test_drift_describes_a_text_by_its_length_never_by_its_values(tickets):
    from workbench.inputs.contract import Contract
    from workbench.science.drift import compare, reference_stats

    X, *_ = tickets
    contract = Contract.model_validate(
        {"dataset": "t", "columns": {"description": {"type": "string", "role": "text"}}}
    )
    stats = reference_stats(X, contract, ["description"])["features"]["description"]
    assert stats["type"] == "text" and stats["unit"] == "words per text"
    assert "please" not in str(stats)
    same = compare("description", stats, X["description"], None)
    longer = compare("description", stats, X["description"] + " and more words here too", None)
    assert same.verdict == "stable" and longer.verdict == "drifted"


def test_a_yes_no_text_study_names_the_words_of_each_outcome(tickets):
    from workbench.science.word_explanations import explain_words

    X, y, cols = tickets
    billing = (y == 1).astype(int)  # sorted teams: account, billing, ...
    model = build("tfidf_logistic", cols, "binary", 0).fit(X.iloc[:260], billing[:260])
    [found] = explain_words(
        model, X.iloc[260:].reset_index(drop=True), billing[260:], ["description"], "binary",
        ["other", "billing"], {"highest risk": 0}, 0,
    )  # fmt: skip
    words = {o.outcome: [w.word for w in o.words[:3]] for o in found.outcomes}
    assert set(words["billing"]) <= set(synth.TEAMS["billing"].split())
    assert words["other"] and not set(words["other"]) & set(synth.TEAMS["billing"].split())


def test_a_single_text_input_has_no_ranking_to_call_unstable(tickets):
    from workbench.science.explanations import fold_stability

    X, y, _ = tickets
    words = X[["description"]]
    model = build("tfidf_logistic", ColumnRoles(text=["description"]), "multiclass", 0)
    folds = [(np.arange(0, 180), np.arange(180, 360)), (np.arange(180, 360), np.arange(0, 180))]
    assert fold_stability(model, words, y, folds, "multiclass", 0) == ([], None, None)


# -- text read once per process -----------------------------------------------------------------
@pytest.fixture
def fresh_memory():
    from baselines import text_memory

    text_memory.clear()
    yield text_memory
    text_memory.clear()


def _weights(vectorizer, docs):
    return vectorizer.fit_transform(docs), vectorizer.transform(docs[::-1])


@pytest.mark.parametrize(
    ("analyzer", "ngrams", "min_df", "most"),
    [("word", (1, 2), 2, None), ("char_wb", (3, 5), 1, 300), ("char_wb", (2, 4), 3, None)],
)
def test_the_vectorizer_counts_as_scikit_learn_does_a_few_documents_at_a_time(
    tickets, fresh_memory, monkeypatch, analyzer, ngrams, min_df, most
):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from baselines import text

    monkeypatch.setattr(text, "CHUNK_DOCUMENTS", 7)  # many chunks, the last one short
    docs = text.as_documents(tickets[0][["description"]])
    mine = text._vectorizer(analyzer, ngrams, min_df)
    mine.max_features = most
    theirs = TfidfVectorizer(
        analyzer=analyzer, ngram_range=ngrams, min_df=min_df, max_features=most,
        sublinear_tf=True, token_pattern=mine.token_pattern, dtype=np.float32,
    )  # fmt: skip
    (fit, again), (fit_ref, again_ref) = _weights(mine, docs), _weights(theirs, docs)
    assert mine.vocabulary_ == theirs.vocabulary_ and fit.dtype == np.float32
    assert (fit != fit_ref).nnz == 0 and (again != again_ref).nnz == 0


def test_a_second_vectorizer_on_the_same_texts_takes_the_first_ones_reading(
    tickets, fresh_memory, monkeypatch
):
    from baselines import text

    docs = text.as_documents(tickets[0][["description"]])
    read = []
    original = text.Vectorizer._count_vocab
    monkeypatch.setattr(
        text.Vectorizer,
        "_count_vocab",
        lambda self, d, fixed_vocab: read.append(fixed_vocab) or original(self, d, fixed_vocab),
    )
    fresh_memory.tally()
    first = text._vectorizer("char_wb", (3, 5), 2)
    weights = first.fit_transform(docs[:300])
    second = text._vectorizer("char_wb", (3, 5), 2)
    assert second.fit_transform(docs[:300]) is weights and read == [False]  # read once
    counted = fresh_memory.tally()  # what a stage records: made once, handed out once
    assert counted["made"] == 1 and counted["remembered"] == 1
    assert counted["seconds_saved"] == counted["seconds_making"] > 0
    assert fresh_memory.tally()["made"] == 0  # counted anew after each reading
    assert second.vocabulary_ == first.vocabulary_ and second.idf_ is first.idf_
    assert second.transform(docs[:300]) is weights  # its own texts: the fit's weights
    held_out = second.transform(docs[300:])
    assert first.transform(docs[300:]) is held_out and read == [False, True]
    other = text._vectorizer("char_wb", (3, 5), 3)  # other settings: read anew
    assert other.fit_transform(docs[:300]).shape[1] < weights.shape[1] and read[-1] is False
    with pytest.raises(ValueError, match="read-only"):
        weights.data[0] = 1.0  # shared: nobody may change it under another's feet
    assert "_fitted_on" not in first.__getstate__()  # a model file holds the model only


def test_shared_text_features_give_the_scores_of_separate_fits(tickets, fresh_memory):
    from workbench.science import fit_cache

    X, y, cols = tickets
    tr, va = np.arange(0, 260), np.arange(260, 360)

    def scores(separately: bool) -> tuple[dict, dict]:
        proba, fitted = {}, {}
        for name in ["linear", "tfidf_logistic", "xgboost", "hist_gradient_boosting"]:
            if separately:
                fresh_memory.clear()
                fit_cache.clear()
            fitted[name] = build(name, cols, "multiclass", 0).fit(X.iloc[tr], y[tr])
            proba[name] = fitted[name].predict_proba(X.iloc[va])
        return proba, fitted

    (shared, models), (separate, _) = scores(False), scores(True)
    for name, proba in separate.items():
        np.testing.assert_array_equal(shared[name], proba, err_msg=name)

    def reader(name: str, i: int):  # the text branch's i-th reader (words, characters)
        text = models[name].named_steps["prepare"].named_transformers_["text0"]
        return text.steps[1][1].transformer_list[i][1]

    for i in (0, 1):  # the two linear models read the texts once, and the two tree models too
        assert reader("linear", i).vocabulary_ is reader("tfidf_logistic", i).vocabulary_

    def reduced(name: str):
        return models[name].named_steps["prepare"].named_transformers_["text0"]

    assert reduced("xgboost").svd_ is reduced("hist_gradient_boosting").svd_
