"""What this study cannot tell, in plain words, from what this run did: the size of its
holdout, how it was split, what it sampled, what it did not test, and the assumptions its
numbers rest on. Each sentence is written only when the run's facts make it true."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.store.layout import FinishedRun
from workbench.wording import count, span


def limitations(results: FinishedRun, spec: Spec) -> list[str]:
    out = [_extract(results), _split(results)]
    out += _coverage(results)
    out += _samples(results)
    out += _assumptions(results, spec)
    return [s for s in out if s]


def _extract(results: FinishedRun) -> str:
    d = results.data
    dropped = [p for p in d.profile if p.excluded_because and p.name != d.target]
    text = (
        f"Everything rests on one extract ({d.data_file}, {d.rows:,} rows): the study says "
        "nothing about cases unlike those in it, and takes its labels as correct — label "
        "errors the data cannot reveal would not show in any score here."
    )
    if dropped:
        names = "; ".join(f"{p.name}: {p.excluded_because}" for p in dropped[:6])
        more = f" and {len(dropped) - 6} more" if len(dropped) > 6 else ""
        text += f" Not used by any model — {names}{more}."
    return text


def _split(results: FinishedRun) -> str:
    s, ev = results.leakage.split, results.evaluation
    p, label = ev.candidate.primary, METRICS[ev.metric].label
    size = (
        f"The holdout has {count(s.test_rows)} rows, so {label} is known to within "
        f"{span(p.ci_low, p.ci_high)} (the bootstrap resampled {ev.resampled})."
    )
    if s.strategy == "time":
        return (
            f"{size} It is the latest {100 * s.test_share:.0f}% of the rows by {s.time_column}: "
            "it measures the model on later cases, but only as far ahead as the data reaches."
        )
    how = {
        "group": f" (keeping all rows of one {s.group_column} on the same side)",
        "stratified": " (at random, keeping the class shares)",
        "random": " (at random)",
    }.get(s.strategy, "")
    return (
        f"{size} It was drawn from the same rows as the training part{how}: it estimates how "
        "the model does on cases like these, not on future cases after the world changes."
    )


def _coverage(results: FinishedRun) -> list[str]:
    a, out = results.assurance, []
    sensitive = [p.name for p in results.data.profile if p.sensitive]
    if not sensitive:
        out.append(
            "Fairness was not assessed: the data contract marks no column as sensitive. "
            "Groups the data does not record cannot be checked at all."
        )
    elif a is not None:
        small = (
            "groups with too few actual positives or negatives"
            if a.fairness.task == "binary"
            else "groups with too few rows"
        )
        out.append(
            f"Fairness was assessed for {', '.join(sensitive)} only, on the holdout's groups "
            f"({a.fairness.test_rows:,} rows); {small} are listed with their counts and left "
            "out of the gaps, so the bound is not shown to hold for them (Fairness section)."
        )
    if a is not None and results.leakage.split.time_column is None and not a.robustness.time_column:
        dated = [p.name for p in results.data.profile if p.type == "datetime"]
        out.append(
            "Stability over time was not tested: no column has the role `time` in the contract "
            f"(dated columns: {', '.join(dated)}); mark one to score the model period by period."
            if dated
            else "Stability over time was not tested: the data has no date column, so the "
            "study cannot say how fast the model would age."
        )
    return out


def _samples(results: FinishedRun) -> list[str]:
    a = results.assurance
    if a is None:
        return []
    ex, rob, n = a.explanations, a.robustness, results.evaluation.test_rows
    parts = []
    cv, train = results.evaluation.cv_rows, results.leakage.split.train_rows
    if cv is not None and cv < train:
        parts.append(
            f"every cross-validation (baselines, tuning, the learning curve and the decision "
            f"threshold) on {cv:,} of the {train:,} training rows — the final models learned "
            "from all of them"
        )
    if rob.sample_rows < n:
        parts.append(f"the robustness tests on {rob.sample_rows:,} of the {n:,} holdout rows")
    if ex.explained_rows < n:
        parts.append(f"the explanations on {ex.explained_rows:,} rows")
    if rob.seeds.train_rows < results.leakage.split.train_rows:
        parts.append(f"the seed-stability refits on {rob.seeds.train_rows:,} training rows")
    if not parts:
        return []
    return [
        "Some analyses ran on samples to keep the study fast: " + "; ".join(parts) + ". "
        "Their figures carry that sampling error on top of the holdout's."
    ]


def _assumptions(results: FinishedRun, spec: Spec) -> list[str]:
    out = []
    money = results.evaluation.business
    if money is not None:
        out.append(
            f"The expected value assumes the agreed costs and values of each kind of decision "
            f"and {money.cases_per_month:,.0f} cases a month; other figures move both the "
            "chosen threshold and the value."
        )
    return out
