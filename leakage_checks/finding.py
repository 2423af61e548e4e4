"""What checks read (`SplitFrames`, `Roles`, settings) and what they return (`Finding`), and
how a check says it could not run (`NotApplicable`)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

from leakage_checks.text_settings import TEXT_SETTINGS

Severity = Literal["critical", "warning", "info"]

# How grave a finding is, the gravest first; None is no finding at all.
SEVERITY_RANK: dict[str | None, int] = {"critical": 0, "warning": 1, "info": 2, None: 3}


def gravest(*severities: str | None) -> str | None:
    """The gravest of `severities` (None when none is a finding)."""
    return min(severities, key=SEVERITY_RANK.__getitem__)


def mildest(*severities: str | None) -> str | None:
    """The mildest of `severities` (None when any is no finding)."""
    return max(severities, key=SEVERITY_RANK.__getitem__)


# Thresholds, each with the reason for its value; a spec may override any of them. The false-
# alarm rates and the power they give are measured by benchmarks/calibration.py.
DEFAULT_SETTINGS: dict[str, float] = {
    # Repeats are judged against chance: the share of test rows that repeat a training row,
    # minus the share of training rows that repeat another training row (what coarse inputs
    # give by nature). The excess must be significant (one-sided test at `repeat_p_value`);
    # 2% of the holdout is worth a look; 5% is a broken split (copies score as training rows
    # do: a 10% excess moved a gradient-boosting model's holdout AUC by about 0.04).
    "shared_rows_warning": 0.02,
    "shared_rows_critical": 0.05,
    "repeat_p_value": 0.001,
    # Near-duplicates: numbers compared at 4 significant digits (what survives re-export
    # through a spreadsheet), and nearest neighbours closer than 0.05 of a column's spread per
    # column (copies with small noise); judged against chance like exact repeats.
    "near_duplicate_digits": 4,
    "near_duplicates_warning": 0.02,
    "near_duplicates_critical": 0.05,
    "near_copy_distance": 0.05,
    "near_copy_max_rows": 2_000,
    # Entity keys nobody declared: at least 1% of rows are distinct values, each value repeats
    # on average 1.5 to 50 times, and the rows sharing a value resemble each other (agree on
    # the other columns) at least 30% of the way from chance to identical: repeated records of
    # one entity sharing its attributes, not a category such as an employer whose rows are
    # different people (an employer whose city is its only shared attribute measures 0.25 among
    # five columns; a customer's records sharing birth year and region, 0.4 to 0.5).
    "entity_min_distinct_share": 0.01,
    "entity_min_rows_per_value": 1.5,
    "entity_max_rows_per_value": 50,
    "entity_min_resemblance": 0.3,
    # Share of test rows whose entity also appears in training: 5% starts to inflate scores;
    # half the holdout made of known entities makes it a test of memory (declared groups).
    "entity_overlap_warning": 0.05,
    "entity_overlap_critical": 0.5,
    # A date later than the row's prediction time in 1% of rows is reported. Whether it is a
    # leak depends on what its distance from the prediction time says about the outcome: AUC
    # 0.80 (R² 0.50) is a warning, 0.90 (R² 0.80) a date set by the outcome. A date whose name
    # says it is written after the fact ('last_updated', 'modified_on', 'closed_on') is one from
    # AUC 0.70 (R² 0.30), on 200 dated rows or more: a maturity date, set in advance, reaches
    # about 0.6.
    "late_dates_warning": 0.01,
    "late_date_signal_warning": 0.80,
    "late_date_signal_critical": 0.90,
    "late_date_r2_warning": 0.50,
    "late_date_r2_critical": 0.80,
    "late_date_named_signal_critical": 0.70,
    "late_date_named_r2_critical": 0.30,
    # Outcome drift over five time periods: significant at 0.1% with a monotone trend.
    "drift_p_value": 0.001,
    # Right-censoring: the outcome rate of the newest tenth of rows (by date) below 50% of the
    # earlier rate is a warning, below 25% critical; significant at 1e-4 (one-sided).
    "censoring_ratio_warning": 0.5,
    "censoring_ratio_critical": 0.25,
    "censoring_p_value": 1e-4,
    # Out-of-fold score of one feature on its own. AUC 0.99 (R² 0.98) from a single column is
    # almost never a real-world signal: it is the answer, copied or recorded after the fact.
    # From 0.90 (R² 0.80) a column is strong enough that someone should confirm it is known
    # when the prediction is made (deepchecks' default alarm is a predictive power score of 0.8).
    "single_feature_auc_critical": 0.99,
    "single_feature_auc_warning": 0.90,
    "single_feature_r2_critical": 0.98,
    "single_feature_r2_warning": 0.80,
    # Rows used to score single features (and the lag of later dates): enough for a stable AUC
    # (its standard error is below 0.005 on 20,000 rows), bounded for 1M-row data.
    "single_feature_max_rows": 20_000,
    # The same scores for the difference and the ratio of two numeric columns; reported when the
    # pair beats its better column by 0.05 or more.
    "pair_gain": 0.05,
    # Missingness (or a placeholder value) alone predicting the outcome: AUC 0.80 is far beyond
    # what missing-at-random produces; 0.95 means the field is filled in because of the outcome.
    "missingness_warning": 0.80,
    "missingness_critical": 0.95,
    # A field blank for every case of one yes/no outcome (of 50 or more), bar 0.5%, and filled
    # for 20% or more of the others — or filled for every case of one and blank for 20% of the
    # others — beyond chance (Fisher's exact test, p below 1e-6 times four per input): written
    # because of the outcome, whatever its AUC (a fee taken on the day, which no-shows never
    # paid). Critical.
    "missingness_class_min_rows": 50,
    "missingness_class_tolerance": 0.005,
    "missingness_class_others": 0.2,
    "missingness_class_p_value": 1e-6,
    # Either counts only when the association is significant at 1e-6 (Fisher's exact test):
    # four positives cannot show it.
    "indicator_p_value": 1e-6,
    # The same for number formats by class (whole numbers for one class, decimals for another);
    # also a warning when a format is ten times more likely in one class (odds ratio, p < 1e-6).
    "format_warning": 0.80,
    "format_critical": 0.95,
    "format_odds_ratio": 10.0,
    # A subset of rows (a leaf of a depth-3 tree, a missing or placeholder value, a format)
    # where one class is certain: at least 1% of rows, at least 98% one class out of fold,
    # next to rows where it is not (its sibling at least 50 points less pure), significant at
    # 1e-6 against the class's rate among those neighbours (for a leaf of the tree over all
    # columns, against halfway from that rate to certain: among conjunctions of columns a steep
    # honest signal leaves a few rows that look pure). Critical when it holds 5% of that class.
    "subset_min_share": 0.01,
    # (99% until a licence status 'full' for 80% of those who passed and 1% of the others, 98.9%
    # pure on 1,900 rows, went unseen; 98% changed nothing on 540 null data sets of the tuning
    # families and found two more planted leaks among 517)
    "subset_purity": 0.98,
    # A number alone must be 99% pure: the end level of an honest 1-10 score can be 98% one
    # class in half of the rows (the bare nuclei score at 1, benign in 154 of 157 rows of one
    # half of the biopsy table and 143 of 150 of the other).
    "subset_number_purity": 0.99,
    "subset_jump": 0.5,
    # A certain subset stands on its own with that jump; with only one outcome ever certain in
    # its columns it may be an honest step (a business rule, two prior defaults): critical only
    # when the other outcome is certain somewhere else in them too (99% pure, 0.2 above its
    # neighbours: the majority class cannot jump 0.5), or when something else points after the
    # outcome — missing values, a date after the prediction time; or, when the subset is
    # certain over both halves of the rows, an amount cleared to 0 (its other values start far
    # above 0) or a name such as 'status' or 'closed' (an honest 'final warning tag', nine in
    # ten rejected, is certain in one half now and then: 3 of 20 data sets of 1,500 rows, none
    # once both halves count; 98% of both halves' rows, or above 94% at 95% confidence: a
    # licence status 'full' noted for 1% of those who failed, 195 of 200 rows). Otherwise a
    # warning, information when the contract says the columns are known by the decision.
    # Ordinal scores that grow certain level by level are no subset: a number's subset must
    # jump as far above the rows next to it in value.
    "subset_named_purity": 0.94,
    "subset_side_jump": 0.2,
    # The other side, reached with that smaller jump, must hold no row of the first class in
    # the half it is judged on: an honest credit record written as text ('paid off early': 0.5%
    # or 2% default) is 99% pure too, and with 25% positives the majority class can jump 0.2.
    "subset_side_purity": 1.0,
    # Below 300 training rows a subset is at most a warning: a 1-10 score on 150 rows can be
    # pure at both ends, three mixed levels between them, as a recorded outcome is.
    "subset_min_rows_critical": 300,
    "subset_p_value": 1e-6,
    "subset_class_share_critical": 0.05,
    # A status written after the outcome may spread one class over several small levels, each
    # under 1% of rows: the levels all of one class in one half (at least 5 rows each, two
    # levels or more) are judged together on the other half, as one subset. On 222 null data
    # sets of the tuning families it changed nothing; it finds a status at 0.1 on 1,200 rows
    # and a ticket type's two failure levels at 0.25 (a warning: one-sided).
    "subset_group_min_rows": 5,
    # A target that a depth-3 tree reproduces out of fold in 99.5% of rows, removing 90% of the
    # errors of guessing the most common class (R² 0.995 for a number), is a lookup of inputs.
    "lookup_accuracy": 0.995,
    "lookup_error_reduction": 0.9,
    # A follow-up duration: a time-like count (20 values or more, none negative, 30 rows of each
    # class) capped at an end of observation, related to the outcome through that cap. Time-like:
    # the shorter class starts near zero (its 5th percentile at most a quarter of the longer
    # class's median; lab values and scores start far above zero). Capped: the longer class
    # stops at a common upper end ((q99-q90)/(q90-q50) at most 1.0: a uniform spread gives 0.24,
    # a normal bell 1.0, the censored classes of five public survival tables 0.29 to 0.75) with
    # no long right tail (skew (q95-q50)/(q50-q5) at most 1.8; those tables 0.16 to 1.76).
    # Through the cap: the shorter class piles up early and thins out, its skew at least 1.4
    # times the longer's (those tables 1.47 to 6.8; honest measurements shaped alike in both
    # classes about 1), the classes separate with AUC 0.75 or more, and the class that runs
    # to the cap is the one without the event (code 0) unless the name says it is a duration.
    # Over 749 null data sets of 30 families none matched (a card balance clipped at zero,
    # AUC 0.95, came closest: the class that runs longer is the one with the event). An honest
    # tenure at a snapshot has the same shape (a telecom table's tenure: AUC 0.74): the AUC
    # bound is what keeps it out. Values written for many rows alike (1% of rows each and five
    # times their neighbours: a planned term where no follow-up was recorded) are set aside and
    # the rest judged again.
    "duration_auc": 0.75,
    "duration_skew_ratio": 1.4,
    "duration_long_skew": 1.8,
    "duration_cap_tail": 1.0,
    "duration_start": 0.25,
    # A window's end written for every case without the event: 98% or more of them (100 rows
    # at least) hold the column's largest value, and 20 rows or more of the event class hold
    # smaller ones (8 distinct values or more, from near zero: `duration_start`).
    "window_end_share": 0.98,
    "window_min_rows": 100,
    "window_min_rows_below": 20,
    # A noisy copy of the outcome: a number (or whether a field is filled in) with AUC 0.70 or
    # more alone (0.85 until the fifth generation showed copies of AUC 0.85 and counts raised
    # for part of one class going unseen; a copy of AUC 0.88 moved a holdout AUC by 0.2) that
    # the outcome screens off from the other inputs: among the rows of each class its rank
    # correlation with what the other inputs predict (out of fold, AUC 0.60 or more) is within
    # 2.58 standard errors of 0, with enough rows in the largest class to see a correlation of
    # 0.10 (669): honest scores sharing the applicant's income and debt reach 0.2 to 0.3 in the
    # larger class, noisy copies stay within 0.03. Over all rows the correlation must be
    # positive beyond 2.58 standard errors (through the outcome): an honest input independent
    # of the others is unrelated to them over all rows, and is not taken for a copy.
    "copy_auc": 0.70,
    "copy_others_auc": 0.60,
    "copy_max_correlation": 0.10,
    "copy_together_z": 2.576,
    # ... and it must add 0.05 or more to the other inputs' AUC (out of fold): a count that an
    # honest state of the case raises (estimated meter reads where a meter is bypassed) is
    # screened off by the outcome as a copy is, and adds 0.04 or less where the others know
    # the case; the copies the calibration plants that move a holdout add 0.09 or more
    "copy_min_lift": 0.05,
    # A leak confined to one category's rows: within a level of a category (2 to 20 levels, at
    # least 100 rows or 5% of them), a number separating the classes with AUC 0.95, at least
    # 0.15 better than in the other rows, and better beyond chance: one-sided p below 0.01
    # (Hanley-McNeil standard errors at the AUC elsewhere, Bonferroni over the segments and
    # columns compared; a segment AUC of 0.956 on 11 positives against 0.80 elsewhere was
    # critical in 1 of 488 null data sets without the test).
    "segment_min_share": 0.05,
    "segment_auc_critical": 0.95,
    "segment_gap": 0.15,
    "segment_p_value": 0.01,
    # A segment's decisive values that decide as surely elsewhere (the segment's rarer class
    # as common beyond the cut in the other rows, within 0.15) are a rule of the whole
    # business: the ninth generation's three failed payments, 93% lapsed everywhere, 100% among
    # prepaid members, who seldom lapse otherwise.
    "segment_rule_gap": 0.15,
    # A figure's band of departures inside one category level is that level's step unless it
    # is purer than the level's other rows let chance make it (one-sided binomial, 0.1%): the
    # tenth generation's fee of 0 for listed-building consents (17 rows, all late, where 90% of
    # the level is late: p = 0.17) gives way; a commission zeroed for cancelled agency bookings
    # (the agency's other bookings mixed) does not.
    "figure_level_p_value": 0.001,
    # A target encoding over the whole extract: a number that correlates 0.95 or more with its
    # key's outcome rate, the row's own outcome included, and at least 0.05 more than with the
    # rate that leaves the row's own outcome out (keys of 20 values or more, at most 200 rows
    # each on average). Measured over all rows, and among keys of about one size (10 keys a
    # bin at least): a rate smoothed towards the overall rate is a straight line in the key's
    # rate for keys of one size (a smoothed encoding over the whole extract correlated 0.82 to
    # 0.88 over all rows, 0.9999 within sizes; last year's rate of 348 null data sets' keys
    # reaches neither). An encoding holds one value per key: 95% of training rows or more hold
    # their key's most common value (the encodings planted in the tuning set: all of them). A
    # row's own figure that moves with its key (active users beside seats in a regression on
    # next quarter's seats) follows the key's mean with its own outcome in it closer, honestly:
    # critical in 7 of 30 of the sixth generation's seats_next_quarter sets without this rule.
    "encoding_correlation": 0.95,
    "encoding_gain": 0.05,
    "encoding_one_value": 0.95,
    # A rate written as a band of 3 to 12 levels (letters, words, labels) is judged by the
    # correlation ratio, whatever order its names stand for, and follows the rate less closely
    # than a number can: the tenth generation's breed bands of five words reached 0.89 to 0.97
    # with the row's own outcome and 0.06 to 0.20 less without it. An honest band of the key's
    # earlier rate (1,200 simulated extracts, 2 to 24 rows a key, earlier rates from 20 to
    # 1,000 cases) gained at most 0.014 wherever it reached 0.85, and 0.085 where it reached
    # 0.62 (keys of two rows, whose rate with the own outcome is the less noisy).
    "encoding_band_correlation": 0.85,
    # ...and a band cut from the keys' rates over the extract holds intervals of those rates
    # that do not meet: no key's rate strays beyond a neighbouring level's (the tenth
    # generation's breed bands: none of any key). An honest band of the keys' earlier rates,
    # strong enough to pass the two rules above where keys hold two rows, leaves half its keys'
    # rates across its levels' edges. At most 2% of keys may stray (rates tied at an edge).
    "encoding_band_out_of_order": 0.02,
    # A leave-one-out encoding over the whole extract (each row's key rate with its own outcome
    # left out, the test rows' outcomes in): within each key it takes one value for each outcome,
    # the lower rate for the rows with the event, so beside the key it tells every row's own
    # outcome. Critical when 90% of rows hold that rate to within `encoding_loo_tolerance` of
    # the outcome's spread (a rate of a yes/no outcome rounded to two places is within 0.005, a
    # tenth of its spread at most) — no honest figure of a key, an earlier rate or a smoothed one
    # from other rows, follows every row's own outcome out of it.
    "encoding_loo_share": 0.9,
    "encoding_loo_tolerance": 0.02,
    # Row order / ids in ten blocks predicting the outcome: AUC 0.65 (R² 0.10) is a sorted
    # extract; an id at AUC 0.90 (R² 0.80) was handed out by outcome. Significant at 0.1%.
    "identifier_warning": 0.65,
    "identifier_critical": 0.90,
    "identifier_r2_warning": 0.10,
    "identifier_r2_critical": 0.80,
    "identifier_p_value": 0.001,
    # Along an identifier of distinct values, the runs of one class (rows in a row with the
    # same outcome) against the runs of the same rows in random orders: 80% as many or fewer
    # is critical, 90% a warning, one-sided p below 1e-6, and at least 0.1 below the ratio
    # along the rows' dates (outcomes that come in spells sit together along any number given
    # in time order). Honest row ids of 66 tuning families at 1,500 rows: 0.93 to 1.07; ids
    # numbered for one class first within each year or batch: 0.005 to 0.83 at the strengths
    # that move the holdout.
    "identifier_runs_critical": 0.80,
    "identifier_runs_warning": 0.90,
    "identifier_runs_p_value": 1e-6,
    "identifier_runs_time_gap": 0.1,
    # An identifier handed out in date order (Spearman's ρ 0.9 with the rows' dates) whose
    # numbers, for rows of one outcome, come 7 days or more — and five times the rows' typical
    # gap — after their dates, as the numbering implies them: a certain subset of those rows
    # (as `pure_subsets` judges one) is a number given after the outcome (a works order numbered
    # at the re-repair, an invoice after the credit: missed in every set of two generations).
    "identifier_date_order": 0.9,
    "identifier_late_days": 7,
    "identifier_late_spread": 5.0,
    # A category whose majority outcome is right for 99% of rows is a relabelled target.
    "proxy_purity_critical": 0.99,
    # Identical inputs with different outcomes: reported (as information) from 0.5% of rows.
    "conflicting_labels_info": 0.005,
    # Rows used by checks that fit models: enough for stable scores, bounded for large data.
    "model_check_max_rows": 20_000,
    # Dropping one feature loses at least 70% of the model's signal above chance: information,
    # and a warning when the model is near-perfect (single_feature's critical level).
    "dominance_share": 0.7,
    # Score gap between the spec's split and a group/time-respecting split (AUC or R² units),
    # counted only when it is 3 standard errors clear of zero.
    "split_gap_warning": 0.05,
    "split_gap_critical": 0.15,
    "split_gap_z": 3.0,
    # Pipeline self-test with shuffled labels: a fold's score over its permutation null (the
    # same out-of-fold predictions paired with the labels at random), Bonferroni over three
    # folds, must be significant (p below 0.001 for a warning, 0.00001 critical: a pipeline
    # that sees held-out labels scores far above chance) and at least 0.03 (0.10) above
    # chance; needs 60 training rows and 10 of each class.
    "shuffled_warning": 0.03,
    "shuffled_critical": 0.10,
    "shuffled_p_warning": 0.001,
    "shuffled_p_critical": 0.00001,
    "shuffled_min_rows": 60,
    # Adversarial validation: AUC 0.70 means the parts differ in a way a model readily finds.
    "adversarial_warning": 0.70,
    **TEXT_SETTINGS,
}


class NotApplicable(Exception):
    """Raised by a check that cannot run on this data; its message says why."""


@dataclass
class SplitFrames:
    """The training and test parts: features (all candidate columns) and the encoded target."""

    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: pd.Series
    y_test: pd.Series


@dataclass
class Roles:
    """What the data contract and spec say about the columns. `time_column` and `group_column`
    are the declared ones (the spec's split, else the contract's roles); `known_at_prediction`
    lists the columns the contract says are known when the prediction is made (before the
    decision or at it), `not_known_at_prediction` those recorded after the outcome, and
    `unknown_timing` those whose timing nobody has stated."""

    task: str  # binary | multiclass | regression
    features: list[str]  # the columns a model reads
    id_columns: list[str] = field(default_factory=list)
    group_column: str | None = None
    time_column: str | None = None
    not_known_at_prediction: list[str] = field(default_factory=list)
    known_at_prediction: list[str] = field(default_factory=list)
    unknown_timing: list[str] = field(default_factory=list)
    split_strategy: str = "random"
    seed: int = 0
    target_name: str | None = None
    classes: list[str] = field(default_factory=list)  # the outcome's classes, by their codes
    text_columns: list[str] = field(default_factory=list)  # free text: the contract's role 'text'


@dataclass
class Finding:
    check: str
    severity: Severity
    columns: list[str]
    evidence: dict[str, float]
    message: str
    fix: str

    def __post_init__(self) -> None:
        # evidence holds measured numbers only: one that could not be measured (NaN) is left
        # out, not written as a null that a results file cannot read back as a number
        self.evidence = {k: v for k, v in self.evidence.items() if math.isfinite(v)}

    def to_dict(self) -> dict:
        return asdict(self)
