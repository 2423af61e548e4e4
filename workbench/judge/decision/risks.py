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
from workbench.wording import count, interval, lower_first, names, number, pct, span

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
    found += _criteria(criteria, named=("No critical leakage", "Equalized-odds")
                       + (("Holdout scored once",) if process else ()))  # fmt: skip
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
        cols = ", ".join(f"'{c}'" for c in f.columns) or "the split"
        critical = f.severity == "critical"
        out.append(
            Risk(
                title=f"{'A leak' if critical else 'Possible leakage'} in {cols}",
                detail=f"{f.message} Scores may be better than the model would do in use.",
                evidence=f"Leakage section, check '{f.check}'",
                weight=100 if critical else 55,
            )
        )
    return out


def _criteria(criteria: list[Criterion], named: tuple[str, ...]) -> list[Risk]:
    """A risk per criterion not passed, but those whose risks are `named` one by one."""
    weights = {"fail": 90, "uncertain": 80}
    out = []
    for c in criteria:
        if c.verdict == "pass" or c.name.startswith(named):
            continue
        shown = f"{_n(c.observed)}" + (
            f" (95% interval {span(c.ci_low, c.ci_high, 0 if abs(c.ci_high) >= 100 else 3)})"
            if c.ci_low is not None
            else ""
        )
        what = "falls short of" if c.verdict == "fail" else "may fall short of"
        title = f"It {what} an agreed criterion: {lower_first(c.name)}"
        weight = weights[c.verdict] - (5 if "latency" in c.name.lower() else 0)
        if c.name.startswith("Lift over the best baseline"):
            # a choice of model, not a doubt about building one (a failed bar is named apart)
            does = "does not add" if c.verdict == "fail" else "may not add"
            title = f"The tuned model {does} the agreed lift over the simpler baseline"
            weight = 50
        out.append(
            Risk(title=title, detail=f"Observed {shown}.", evidence=c.evidence, weight=weight)
        )
    return out


def _value(results: FinishedRun) -> list[Risk]:
    money = results.evaluation.business
    if money is None or money.candidate_monthly.ci_low >= 0:
        return []
    iv = money.candidate_monthly
    return [
        Risk(
            title="The model could cost more than it saves",
            detail=f"Expected value {iv.value:,.0f} {money.currency} a month, but the 95% "
            f"interval reaches {iv.ci_low:,.0f} {money.currency} (a loss against acting on no "
            "case).",
            evidence="Holdout section, business value",
            weight=70,
        )
    ]


def _generalisation(results: FinishedRun) -> list[Risk]:
    ev, out = results.evaluation, []
    p = ev.candidate.primary
    if _unit_scale(ev.metric) and p.ci_high - p.ci_low > WIDE_INTERVAL:
        out.append(
            Risk(
                title="The holdout is small for a precise answer",
                detail=f"{METRICS[ev.metric].label} {number(p.value)} is known only to within "
                f"{span(p.ci_low, p.ci_high)} from {count(ev.test_rows)} test rows.",
                evidence="Holdout section",
                weight=45,
            )
        )
    if ev.calibration:
        rows = sum(b[2] for b in ev.calibration) or 1
        gap = sum(abs(b[0] - b[1]) * b[2] for b in ev.calibration) / rows
        if gap > CALIBRATION_GAP:
            out.append(
                Risk(
                    title="Its scores are not reliable probabilities",
                    detail=f"Predicted and observed rates differ by {gap:.2f} on average; "
                    "decisions that read the score as a probability would be off.",
                    evidence="Holdout section, calibration",
                    weight=35,
                )
            )
    lc = ev.learning_curve
    if lc is not None and lc.verdict == "more data is still helping":
        out.append(
            Risk(
                title="The model is still limited by the amount of data",
                detail=lc.explanation,
                evidence="Holdout section, learning curve",
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
                title="It breaks under realistic data problems",
                detail=rv.failures[0],
                evidence="Robustness section",
                weight=65,
            )
        )
    out += _decay(rob)
    if rob.seeds.spread > SEED_SPREAD:
        out.append(
            Risk(
                title="Its score depends on chance in training",
                detail=f"Refitting with {len(rob.seeds.seeds)} seeds moves the holdout score by "
                f"{rob.seeds.spread:.3f}.",
                evidence="Robustness section, seed stability",
                weight=30,
            )
        )
    ex = a.explanations
    if ex.fold_rank_mean is not None and ex.fold_rank_mean < UNSTABLE_EXPLANATIONS:
        out.append(
            Risk(
                title="Its explanations are unstable",
                detail=f"The ranking of inputs agrees only {ex.fold_rank_mean:.2f} (rank "
                "correlation) between folds: do not read much into single features.",
                evidence="Explanations section",
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
        agreed = "" if fv.bound_agreed else " (no bound was agreed: judged against the default)"
        out.append(
            Risk(
                title=f"Group '{d.worst_group}' of {d.attribute} is served worse",
                detail=f"{d.gap[0].upper()}{d.gap[1:]}; equalized-odds difference "
                f"{interval(d.equalized_odds_difference)}, beyond the {number(d.chance_gap)} "
                f"chance alone gives with these groups; bound {fv.bound:g}{agreed}.",
                evidence="Fairness section",
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
                "within {bound:g} for it.",
                "{n} groups are too small for their gap to be judged (fewer than {cases} actual "
                "positives or negatives), so the equalized-odds difference is not shown to stay "
                "within {bound:g} for them.",
                len(small),
            ).format(n=count(len(small)), cases=MIN_CASES, bound=fv.bound)
            if small
            else "The holdout's groups are too small for the equalized-odds difference to "
            f"show it stays within {fv.bound:g}."
        )
        out.append(
            Risk(
                title=f"Whether {', '.join(unresolved)} groups are treated alike is not known",
                detail=detail,
                evidence="Fairness section",
                weight=40,
            )
        )
    return out


def _process(results: FinishedRun) -> list[Risk]:
    """A holdout scored more than once, in this run or across the study's runs."""
    ev = results.evaluation
    if ev.holdout_looks > 1:
        earlier = ", ".join(number(v) for v in ev.earlier_looks)
        detail = (
            f"These test rows were scored {ev.holdout_looks} times in this study (the "
            f"candidate's score at the earlier looks: {earlier}; now "
            f"{number(ev.candidate.primary.value)}): the best of those scores is optimistic, "
            "since what changed between the runs was chosen with the holdout in view."
        )
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
        detail = (
            f"This run scored its test part {ev.holdout_scored} times: after the first look its "
            "score is no longer an unbiased estimate."
        )
    else:
        return []
    return [
        Risk(
            title="The holdout has been scored more than once",
            detail=detail,
            evidence="Leakage section, process (the study's holdout ledger)",
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
                title="It does worse on some periods",
                detail=f"In {worst.window} ({worst.rows:,} rows) the score is {worst.drop:.3f} "
                "below the whole holdout: performance may decay as the world changes.",
                evidence=f"Robustness section, by {rob.time_column}",
                weight=50,
            )
        )
    weak = rob.weakest_slices[0] if rob.weakest_slices else None
    if weak is not None and weak.drop > 2 * DECAY:
        out.append(
            Risk(
                title=f"It is weak for {weak.feature} = {weak.group}",
                detail=f"On those {weak.rows:,} holdout rows the score is {weak.drop:.3f} below "
                "the whole holdout.",
                evidence="Robustness section, weakest slices",
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
