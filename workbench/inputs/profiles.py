"""Run profiles: one word in the spec (`profile: quick | standard | thorough`) that sets the
study's budgets together, so a consultant chooses how long to wait, not a dozen numbers.

The cost of a study grows with the rows its models are fitted on. A profile caps the rows each
kind of repeated fit sees; every capped analysis runs on a seeded sample stratified by fold and
class, states its size in the results, and the final models are still fitted on every training
row. Explicit `tuning.trials` / `tuning.minutes` in the spec win over the profile's. A search
over free text on a sample of the training part has its own, smaller trial budget
(`text_trials`): each of its trials reads every fold's text anew.

When the search saw only a sample, its best few configurations (and the library's defaults) are
scored once more on a larger one before the winner is chosen: the last rung of a successive-
halving ladder over training rows (`workbench.science.confirmation`). Settings that win on 20,000 rows
(shallow, heavily regularised trees) are not the ones that win on a million.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    purpose: str
    trials: int  # tuning trials (spec's tuning.trials wins)
    # tuning trials when free text is a model input and the search sees a sample of the
    # training part (spec's tuning.trials wins): every trial reads the text of each fold anew,
    # so a wall-time budget alone would turn faster fits into more trials, not a shorter study
    text_trials: int
    minutes: float  # tuning wall-time budget (spec's tuning.minutes wins)
    # training rows every cross-validation sees: baselines, tuning trials (the same rows, so
    # tuned and default scores compare), the learning curve and the out-of-fold threshold
    cv_rows: int
    bootstrap: int  # holdout resamples behind every interval
    # the confirmation check (only when the training part holds 2 x cv_rows): how many of
    # the search's best configurations it scores, on how many training rows, in what wall time
    confirm_top: int
    confirm_rows: int
    confirm_minutes: float

    def as_dict(self) -> dict:
        return asdict(self)

    def resamples(self, holdout_rows: int) -> int:
        """Bootstrap resamples for a holdout of this size: the profile's number, fewer on a
        very large holdout (its intervals are narrow, and each resample costs a pass over
        every row), never below MIN_RESAMPLES. The number used is in the results."""
        affordable = BOOTSTRAP_CELLS // max(holdout_rows, 1)
        return max(MIN_RESAMPLES, min(self.bootstrap, affordable))


BOOTSTRAP_CELLS = 50_000_000  # resamples × holdout rows: 1000 resamples up to 50,000 rows
MIN_RESAMPLES = 200


PROFILES = {
    p.name: p
    for p in (
        Profile(
            "quick",
            "a first look in a few minutes: small samples, a short search",
            trials=12,
            text_trials=2,
            minutes=1.0,
            cv_rows=10_000,
            bootstrap=500,
            confirm_top=3,
            confirm_rows=50_000,
            confirm_minutes=0.5,
        ),
        Profile(
            "standard",
            "the default: 100,000 rows in under 5 minutes, a million in under 20, on two cores",
            trials=30,
            text_trials=4,
            minutes=1.5,
            cv_rows=20_000,
            bootstrap=1000,
            confirm_top=5,
            confirm_rows=200_000,
            confirm_minutes=1.0,
        ),
        Profile(
            "thorough",
            "the final word: larger samples and a longer search (hours on large data)",
            trials=100,
            text_trials=12,
            minutes=30.0,
            cv_rows=100_000,
            bootstrap=2000,
            confirm_top=8,
            confirm_rows=500_000,
            confirm_minutes=10.0,
        ),
    )
}
