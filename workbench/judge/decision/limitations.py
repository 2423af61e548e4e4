"""What this study cannot tell, in plain words, from what this run did: the size of its
holdout, how it was split, what it sampled, what it did not test, and the assumptions its
numbers rest on. Each sentence is written only when the run's facts make it true."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.language import _, ngettext
from workbench.store.layout import FinishedRun
from workbench.wording import count, pct, span


def limitations(results: FinishedRun, spec: Spec) -> list[str]:
    out = [_extract(results), _split(results)]
    out += _coverage(results)
    out += _samples(results)
    out += _assumptions(results, spec)
    return [s for s in out if s]


def _extract(results: FinishedRun) -> str:
    d = results.data
    dropped = [p for p in d.profile if p.excluded_because and p.name != d.target]
    text = _(
        "Everything rests on one extract ({file}, {rows} rows): the study says nothing about "
        "cases unlike those in it, and takes its labels as correct — label errors the data "
        "cannot reveal would not show in any score here."
    ).format(file=d.data_file, rows=count(d.rows))
    if dropped:
        names = "; ".join(f"{p.name}: {p.excluded_because}" for p in dropped[:6])
        more = len(dropped) - 6
        text += " " + (
            ngettext(
                "Not used by any model — {names} and {n} more.",
                "Not used by any model — {names} and {n} more.",
                more,
            ).format(names=names, n=count(more))
            if more > 0
            else _("Not used by any model — {names}.").format(names=names)
        )
    return text


def _split(results: FinishedRun) -> str:
    s, ev = results.leakage.split, results.evaluation
    p, label = ev.candidate.primary, METRICS[ev.metric].title
    size = _(
        "The holdout has {rows} rows, so {metric} is known to within {span} (the bootstrap "
        "resampled {resampled})."
    ).format(
        rows=count(s.test_rows),
        metric=label,
        span=span(p.ci_low, p.ci_high),
        resampled=ev.resampled,
    )
    if s.strategy == "time":
        how = _(
            "It is the latest {share} of the rows by {column}: it measures the model on later "
            "cases, but only as far ahead as the data reaches."
        ).format(share=pct(s.test_share, 0), column=s.time_column)
    elif s.strategy == "group":
        how = _(
            "It was drawn from the same rows as the training part (keeping all rows of one "
            "{column} on the same side): it estimates how the model does on cases like these, "
            "not on future cases after the world changes."
        ).format(column=s.group_column)
    elif s.strategy == "stratified":
        how = _(
            "It was drawn from the same rows as the training part (at random, keeping the class "
            "shares): it estimates how the model does on cases like these, not on future cases "
            "after the world changes."
        )
    elif s.strategy == "random":
        how = _(
            "It was drawn from the same rows as the training part (at random): it estimates how "
            "the model does on cases like these, not on future cases after the world changes."
        )
    else:
        how = _(
            "It was drawn from the same rows as the training part: it estimates how the model "
            "does on cases like these, not on future cases after the world changes."
        )
    return f"{size} {how}"


def _coverage(results: FinishedRun) -> list[str]:
    a, out = results.assurance, []
    sensitive = [p.name for p in results.data.profile if p.sensitive]
    if not sensitive:
        out.append(
            _(
                "Fairness was not assessed: the data contract marks no column as sensitive. "
                "Groups the data does not record cannot be checked at all."
            )
        )
    elif a is not None:
        words = (
            _(
                "Fairness was assessed for {columns} only, on the holdout's groups ({rows} "
                "rows); groups with too few actual positives or negatives are listed with their "
                "counts and left out of the gaps, so the bound is not shown to hold for them "
                "(Fairness section)."
            )
            if a.fairness.task == "binary"
            else _(
                "Fairness was assessed for {columns} only, on the holdout's groups ({rows} "
                "rows); groups with too few rows are listed with their counts and left out of "
                "the gaps, so the bound is not shown to hold for them (Fairness section)."
            )
        )
        out.append(words.format(columns=", ".join(sensitive), rows=count(a.fairness.test_rows)))
    if a is not None and results.leakage.split.time_column is None and not a.robustness.time_column:
        dated = [p.name for p in results.data.profile if p.type == "datetime"]
        out.append(
            _(
                "Stability over time was not tested: no column has the role `time` in the "
                "contract (dated columns: {columns}); mark one to score the model period by "
                "period."
            ).format(columns=", ".join(dated))
            if dated
            else _(
                "Stability over time was not tested: the data has no date column, so the study "
                "cannot say how fast the model would age."
            )
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
            _(
                "every cross-validation (baselines, tuning, the learning curve and the decision "
                "threshold) on {rows} of the {train} training rows — the final models learned "
                "from all of them"
            ).format(rows=count(cv), train=count(train))
        )
    if rob.sample_rows < n:
        parts.append(
            _("the robustness tests on {rows} of the {n} holdout rows").format(
                rows=count(rob.sample_rows), n=count(n)
            )
        )
    if ex.explained_rows < n:
        parts.append(_("the explanations on {rows} rows").format(rows=count(ex.explained_rows)))
    refitted = len(rob.seeds.seeds) > 1  # a model that uses no seed is not refitted
    if refitted and rob.seeds.train_rows < results.leakage.split.train_rows:
        parts.append(
            _("the seed-stability refits on {rows} training rows").format(
                rows=count(rob.seeds.train_rows)
            )
        )
    if not parts:
        return []
    return [
        _(
            "Some analyses ran on samples to keep the study fast: {samples}. Their figures carry "
            "that sampling error on top of the holdout's."
        ).format(samples="; ".join(parts))
    ]


def _assumptions(results: FinishedRun, spec: Spec) -> list[str]:
    out = []
    money = results.evaluation.business
    if money is not None:
        out.append(
            _(
                "The expected value assumes the agreed costs and values of each kind of decision "
                "and {cases} cases a month; other figures move both the chosen threshold and the "
                "value."
            ).format(cases=count(round(money.cases_per_month)))
        )
    return out
