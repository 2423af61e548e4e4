"""The shape of `results/assurance.json`: stage 6's evidence beyond accuracy — robustness,
fairness, explanations and the monitoring plan."""

from __future__ import annotations

from pydantic import BaseModel, Field

from workbench.store.production_results import MonitoringPlan
from workbench.store.results import Figure, Interval


class RobustnessTest(BaseModel):
    test: str  # noise | missing | unseen_category | dropped_feature | one_feature_noise
    setting: str  # in words: "0.25 × std", "10% of values", "income"
    feature: str | None = None
    score: float | None
    drop: float | None  # clean minus perturbed score, sign-adjusted so positive = worse
    drop_interval: Interval | None = None  # paired bootstrap over the holdout rows


class SeedStability(BaseModel):
    seeds: list[int]
    scores: list[float]
    spread: float  # best minus worst holdout score across the seeds
    train_rows: int  # rows each refit learned from (the training part, sampled)
    note: str


class WindowScore(BaseModel):
    window: str
    rows: int
    score: float | None  # None when the window is too small or cannot be scored
    drop: float | None


class SliceScore(BaseModel):
    feature: str
    group: str
    rows: int
    score: float
    drop: float  # versus the whole sample, sign-adjusted so positive = worse


class RobustnessResult(BaseModel):
    metric: str
    greater_is_better: bool
    sample_rows: int  # holdout rows the tests ran on (sampled to at most 20,000)
    clean_score: float
    max_drop: float | None  # acceptance.max_robustness_drop (judged in results/verdicts.json)
    tests: list[RobustnessTest]
    worst_noise_feature: str | None  # the single feature whose noise hurts most
    seeds: SeedStability
    time_column: str | None = None
    time_windows: list[WindowScore] = Field(default_factory=list)
    weakest_slices: list[SliceScore] = Field(default_factory=list)


class GroupMetrics(BaseModel):
    attribute: str  # a sensitive column, or "a × b" for an intersection
    group: str
    rows: int
    # binary: fewer than 20 positives or 20 negatives; else fewer than 30 rows: left out of the
    # gaps (the judge lists it, and never passes its column)
    too_small: bool
    metrics: dict[str, Interval | None]  # value with a 95% interval; None: too few cases
    positives: int | None = None  # binary tasks: actual positives and negatives in the group
    negatives: int | None = None
    caught: int | None = None  # binary tasks: actual positives the model flags
    false_alarms: int | None = None  # and actual negatives it flags


class Disparity(BaseModel):
    attribute: str
    demographic_parity_difference: float | None
    demographic_parity_ratio: float | None
    equalized_odds_difference: Interval | None
    equalized_odds_ratio: float | None
    worst_group: str | None  # the group at the disadvantaged end of the widest gap
    gap: str  # the widest gap, in words
    # against the permutation null (binary tasks): the gap chance alone reaches with these
    # group sizes and the p-value; the interval of the true gap is the observed one ± that
    # chance gap (the judge's verdict on it against the bound is in results/verdicts.json)
    chance_gap: float | None = None
    p_value: float | None = None
    groups_judged: int = 0  # groups large enough to enter the gap
    groups: int = 0  # every group of the column (or cell of the pair)


class MitigationTradeoff(BaseModel):
    attribute: str
    metric: str
    score_before: float | None
    score_after: float | None
    disparity_before: float | None  # equalized-odds difference on the holdout
    disparity_after: float | None
    note: str


class FairnessResult(BaseModel):
    task: str
    attributes: list[str]
    test_rows: int
    threshold: float | None  # decision threshold on the positive-class probability (binary)
    threshold_note: str
    permutations: int = 0  # group-label shuffles behind each gap's null
    groups: list[GroupMetrics]
    disparities: list[Disparity]
    mitigation: list[MitigationTradeoff]
    notes: list[str] = Field(default_factory=list)
    worst: Disparity | None = None  # the attribute with the widest equalized-odds gap


class Contribution(BaseModel):
    feature: str
    value: str  # the row's value; PII columns masked
    contribution: float  # SHAP value, in the model's output units


class LocalExplanation(BaseModel):
    kind: str  # highest risk | lowest risk | most uncertain
    prediction: float
    contributions: list[Contribution]


class ExplanationResult(BaseModel):
    # "tree" (exact, shap.TreeExplainer), "linear" (exact: a linear model reading free text) or
    # "sampled" (shap.Explainer + masker)
    method: str
    output: str  # what a SHAP value adds up to, in words
    explained_rows: int
    background_rows: int | None
    importance: dict[str, float]  # mean |SHAP| per input column, largest first
    local: list[LocalExplanation]
    fold_rank_correlations: list[float]  # Spearman correlation of importances, per fold pair
    fold_rank_mean: float | None
    fold_train_rows: int | None  # rows each fold's refit learned from (sampled)


class WordPush(BaseModel):
    word: str
    push: float  # how much the outcome's probability (or the prediction) falls without it
    texts: int  # explained texts holding the word


class ClassWords(BaseModel):
    outcome: str  # a class (or, for a number, "a higher prediction")
    words: list[WordPush]  # the words that push texts towards it most, strongest first


class CaseWords(BaseModel):
    kind: str  # which case: most confident, closest call, most confident mistake, ...
    actual: str
    predicted: str
    score: float  # the predicted class's probability (for a number, the prediction)
    excerpt: str  # the beginning of the text, masked as the run stores it
    words_for: list[WordPush]  # the words that pushed the prediction up most
    words_against: list[WordPush]  # the words that held it back most


class WordExplanation(BaseModel):
    """The words that move the model's predictions, for one free-text input: left out one at a
    time from each explained holdout text (erasure), what each does to the outcome."""

    column: str
    explained_texts: int
    outcomes: list[ClassWords]
    cases: list[CaseWords]
    output: str  # what a push is measured in, in words


class AssuranceResult(BaseModel):
    robustness: RobustnessResult
    fairness: FairnessResult
    explanations: ExplanationResult
    monitoring: MonitoringPlan | None = None  # features to watch in production, reference stats
    figures: list[Figure]
    words: list[WordExplanation] = Field(default_factory=list)  # per free-text input
