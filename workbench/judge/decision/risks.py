"""The risks a stakeholder should weigh, ranked, each with the number behind it and where in
the report it comes from. The executive summary shows the three heaviest.

Weights order the kinds of risk (a leak outweighs a missed criterion, which outweighs a
fairness gap, …); within a kind, the evidence decides whether it is a risk at all. The
thresholds below are the points where a reviewer would raise the matter, stated so they can be
argued with.
"""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.judge.decision.assurance_criteria import raised
from workbench.judge.decision.gates import covered
from workbench.judge.verdicts.fairness_verdict import ABOVE, UNRESOLVED
from workbench.language import _, ngettext
from workbench.science.fairness_groups import MIN_CASES
from workbench.store.judgements import Criterion, Risk, Verdicts
from workbench.store.layout import FinishedRun
from workbench.wording import (
    count,
    decimal_digits,
    interval,
    lower_first,
    money,
    names,
    number,
    pct,
    plain,
    span,
    upper_first,
)

WIDE_INTERVAL = 0.10  # a 95% interval on a 0–1 score wider than this is a weak measurement
CALIBRATION_GAP = 0.10  # predicted vs observed rate, averaged over the calibration bins
DECAY = 0.05  # score lost in the worst time window, or in the weakest slice (×2)
SEED_SPREAD = 0.02  # holdout score range across training seeds
UNSTABLE_EXPLANATIONS = 0.5  # mean rank correlation of importances across folds


def assess_risks(results: FinishedRun, criteria: list[Criterion], verdicts: Verdicts) -> list[Risk]:
    """Every risk the run's evidence and its verdicts show, heaviest first."""
    found: list[Risk] = []
    found += _leakage(results)
    process = _process(results)
    found += process
    found += _criteria(criteria, named=("leakage", "fairness")
                       + (("process",) if process else ()))  # fmt: skip
    found += _value(results)
    found += _generalisation(results)
    found += _assurance(results, verdicts)
    return sorted(found, key=lambda r: -r.weight)


def _leakage(results: FinishedRun) -> list[Risk]:
    out = []
    leaks = [f for f in results.leakage.findings if f.severity == "critical"]
    for f in results.leakage.findings:
        if f.severity == "info" or (f.severity == "warning" and covered(f, leaks)):
            continue
        cols = ", ".join(f"'{c}'" for c in f.columns) or _("the split")
        critical = f.severity == "critical"
        out.append(
            Risk(
                title=(
                    _("A leak in {columns}") if critical else _("Possible leakage in {columns}")
                ).format(columns=cols),
                detail=_("{finding} Scores may be better than the model would do in use.").format(
                    finding=f.message
                ),
                evidence=_("Leakage section, check '{check}'").format(check=f.check),
                weight=100 if critical else 55,
            )
        )
    return out


def _criteria(criteria: list[Criterion], named: tuple[str, ...]) -> list[Risk]:
    """A risk per criterion not passed, but those whose risks are `named` (kinds) one by one."""
    weights = {"fail": 90, "uncertain": 80}
    out = []
    for c in criteria:
        kind = c.kind or _kind_of(c.name)
        if c.verdict == "pass" or kind in named:
            continue
        detail = (
            _("Observed {value} (95% interval {span}).").format(
                value=_n(c.observed),
                span=span(c.ci_low, c.ci_high, 0 if abs(c.ci_high) >= 100 else 3),
            )
            if c.ci_low is not None
            else _("Observed {value}.").format(value=_n(c.observed))
        )
        title = (
            _("It falls short of an agreed criterion: {criterion}")
            if c.verdict == "fail"
            else _("It may fall short of an agreed criterion: {criterion}")
        ).format(criterion=lower_first(c.name))
        weight = weights[c.verdict] - (5 if kind == "latency" else 0)
        if kind == "lift":
            # a choice of model, not a doubt about building one (a failed bar is named apart)
            title = (
                _("The tuned model does not add the agreed lift over the simpler baseline")
                if c.verdict == "fail"
                else _("The tuned model may not add the agreed lift over the simpler baseline")
            )
            weight = 50
        out.append(Risk(title=title, detail=detail, evidence=c.evidence, weight=weight))
    return out


def _kind_of(name: str) -> str | None:
    """What a criterion judged before criteria named their kind (English names only)."""
    for start, kind in (
        ("No critical leakage", "leakage"),
        ("Equalized-odds", "fairness"),
        ("Holdout scored once", "process"),
        ("Lift over the best baseline", "lift"),
    ):
        if name.startswith(start):
            return kind
    return "latency" if "latency" in name.lower() else None


def _value(results: FinishedRun) -> list[Risk]:
    b = results.evaluation.business
    if b is None or b.candidate_monthly.ci_low >= 0:
        return []
    iv = b.candidate_monthly
    return [
        Risk(
            title=_("The model could cost more than it saves"),
            detail=_(
                "Expected value {value} a month, but the 95% interval reaches {low} (a loss "
                "against acting on no case)."
            ).format(value=money(iv.value, b.currency), low=money(iv.ci_low, b.currency)),
            evidence=_("Holdout section, business value"),
            weight=70,
        )
    ]


def _generalisation(results: FinishedRun) -> list[Risk]:
    ev, out = results.evaluation, []
    p = ev.candidate.primary
    if _unit_scale(ev.metric) and p.ci_high - p.ci_low > WIDE_INTERVAL:
        out.append(
            Risk(
                title=_("The holdout is small for a precise answer"),
                detail=_(
                    "{metric} {value} is known only to within {span} from {rows} test rows."
                ).format(
                    metric=METRICS[ev.metric].title,
                    value=number(p.value),
                    span=span(p.ci_low, p.ci_high),
                    rows=count(ev.test_rows),
                ),
                evidence=_("Holdout section"),
                weight=45,
            )
        )
    if ev.calibration:
        rows = sum(b[2] for b in ev.calibration) or 1
        gap = sum(abs(b[0] - b[1]) * b[2] for b in ev.calibration) / rows
        if gap > CALIBRATION_GAP:
            out.append(
                Risk(
                    title=_("Its scores are not reliable probabilities"),
                    detail=_(
                        "Predicted and observed rates differ by {gap} on average; decisions "
                        "that read the score as a probability would be off."
                    ).format(gap=decimal_digits(gap, 2)),
                    evidence=_("Holdout section, calibration"),
                    weight=35,
                )
            )
    lc = ev.learning_curve
    if lc is not None and lc.verdict == "more data is still helping":
        out.append(
            Risk(
                title=_("The model is still limited by the amount of data"),
                detail=lc.explanation,
                evidence=_("Holdout section, learning curve"),
                weight=30,
            )
        )
    return out


def _assurance(results: FinishedRun, verdicts: Verdicts) -> list[Risk]:
    a = results.assurance
    if a is None:
        return []
    out = _fairness(a.fairness, verdicts.fairness)
    rob, rv = a.robustness, verdicts.robustness
    if rv is not None and rv.failures:
        out.append(
            Risk(
                title=_("It breaks under realistic data problems"),
                detail=rv.failures[0],
                evidence=_("Robustness section"),
                weight=65,
            )
        )
    out += _decay(rob)
    if rob.seeds.spread > SEED_SPREAD:
        out.append(
            Risk(
                title=_("Its score depends on chance in training"),
                detail=_("Refitting with {n} seeds moves the holdout score by {spread}.").format(
                    n=count(len(rob.seeds.seeds)), spread=decimal_digits(rob.seeds.spread, 3)
                ),
                evidence=_("Robustness section, seed stability"),
                weight=30,
            )
        )
    ex = a.explanations
    if ex.fold_rank_mean is not None and ex.fold_rank_mean < UNSTABLE_EXPLANATIONS:
        out.append(
            Risk(
                title=_("Its explanations are unstable"),
                detail=_(
                    "The ranking of inputs agrees only {agreement} (rank correlation) between "
                    "folds: do not read much into single features."
                ).format(agreement=decimal_digits(ex.fold_rank_mean, 2)),
                evidence=_("Explanations section"),
                weight=25,
            )
        )
    return out


def _fairness(fr, fv) -> list[Risk]:
    """Every sensitive column whose gap is beyond chance, and those the holdout cannot judge
    (its gap unclear, or groups too small to enter it)."""
    if fv is None or fv.bound is None:
        return []
    out = []
    for d in raised(fr, fv):
        detail = (
            _(
                "{gap}; equalized-odds difference {difference}, beyond the {chance} chance alone "
                "gives with these groups; bound {bound}."
            )
            if fv.bound_agreed
            else _(
                "{gap}; equalized-odds difference {difference}, beyond the {chance} chance alone "
                "gives with these groups; bound {bound} (no bound was agreed: judged against the "
                "default)."
            )
        )
        out.append(
            Risk(
                title=_("Group '{group}' of {attribute} is served worse").format(
                    group=d.worst_group, attribute=d.attribute
                ),
                detail=detail.format(
                    gap=upper_first(d.gap),
                    difference=interval(d.equalized_odds_difference),
                    chance=number(d.chance_gap),
                    bound=plain(fv.bound),
                ),
                evidence=_("Fairness section"),
                weight=75 if fv.status(d.attribute) == ABOVE else 60,
            )
        )
    unresolved = [a.attribute for a in fv.attributes if a.status == UNRESOLVED]
    if unresolved:
        small = fv.small_groups
        detail = (
            ngettext(
                "{n} group is too small for its gap to be judged (fewer than {cases} actual "
                "positives or negatives), so the equalized-odds difference is not shown to stay "
                "within {bound} for it.",
                "{n} groups are too small for their gap to be judged (fewer than {cases} actual "
                "positives or negatives), so the equalized-odds difference is not shown to stay "
                "within {bound} for them.",
                len(small),
            ).format(n=count(len(small)), cases=count(MIN_CASES), bound=plain(fv.bound))
            if small
            else _(
                "The holdout's groups are too small for the equalized-odds difference to show it "
                "stays within {bound}."
            ).format(bound=plain(fv.bound))
        )
        out.append(
            Risk(
                title=_("Whether {columns} groups are treated alike is not known").format(
                    columns=", ".join(unresolved)
                ),
                detail=detail,
                evidence=_("Fairness section"),
                weight=40,
            )
        )
    return out


def _process(results: FinishedRun) -> list[Risk]:
    """A holdout scored more than once, in this run or across the study's runs."""
    ev = results.evaluation
    if ev.holdout_looks > 1:
        earlier = ", ".join(number(v) for v in ev.earlier_looks)
        detail = _(
            "These test rows were scored {n} times in this study (the candidate's score at the "
            "earlier looks: {earlier}; now {now}): the best of those scores is optimistic, since "
            "what changed between the runs was chosen with the holdout in view."
        ).format(n=count(ev.holdout_looks), earlier=earlier, now=number(ev.candidate.primary.value))
        if 0 < ev.holdout_seen_share < 1 and ev.holdout_seen_in:
            detail = _(
                "{share} of these test rows were scored before, in {runs} (the candidate's "
                "score there: {earlier}; now {now}): a holdout drawn again from rows already "
                "looked at is not a fresh one, and its score is optimistic."
            ).format(
                share=pct(ev.holdout_seen_share, 0),
                runs=names(ev.holdout_seen_in, 4),
                earlier=earlier,
                now=number(ev.candidate.primary.value),
            )
    elif ev.holdout_scored > 1:
        detail = _(
            "This run scored its test part {n} times: after the first look its score is no "
            "longer an unbiased estimate."
        ).format(n=count(ev.holdout_scored))
    else:
        return []
    return [
        Risk(
            title=_("The holdout has been scored more than once"),
            detail=detail,
            evidence=_("Leakage section, process (the study's holdout ledger)"),
            weight=85,
        )
    ]


def _decay(rob) -> list[Risk]:
    out = []
    windows = [w for w in rob.time_windows if w.drop is not None]
    worst = max(windows, key=lambda w: w.drop, default=None)
    if worst is not None and worst.drop > DECAY:
        out.append(
            Risk(
                title=_("It does worse on some periods"),
                detail=_(
                    "In {window} ({rows} rows) the score is {drop} below the whole holdout: "
                    "performance may decay as the world changes."
                ).format(
                    window=worst.window, rows=count(worst.rows), drop=decimal_digits(worst.drop, 3)
                ),
                evidence=_("Robustness section, by {column}").format(column=rob.time_column),
                weight=50,
            )
        )
    weak = rob.weakest_slices[0] if rob.weakest_slices else None
    if weak is not None and weak.drop > 2 * DECAY:
        out.append(
            Risk(
                title=_("It is weak for {feature} = {group}").format(
                    feature=weak.feature, group=weak.group
                ),
                detail=_(
                    "On those {rows} holdout rows the score is {drop} below the whole holdout."
                ).format(rows=count(weak.rows), drop=decimal_digits(weak.drop, 3)),
                evidence=_("Robustness section, weakest slices"),
                weight=40,
            )
        )
    return out


def _unit_scale(metric: str) -> bool:
    """Scores between 0 and 1 (AUC, accuracy, F1, …), where an interval width means the same
    thing whatever the data; log loss, regression and forecast errors are on their own scale."""
    return METRICS[metric].needs not in ("value", "series") and metric != "log_loss"


def _n(v) -> str:
    return number(v, 0 if v is not None and abs(v) >= 100 else 3)
