"""READINESS.md: the readiness list as a checklist for the engineering team."""

from __future__ import annotations

from workbench.store.judgements import RECOMMENDATION_LABELS, SECTIONS, TO_BUILD, Readiness


def to_markdown(r: Readiness) -> str:
    rec = RECOMMENDATION_LABELS.get(r.recommendation or "", "not decided").lower()
    lines = [
        f"# Production readiness: {r.experiment}",
        "",
        f"The rubric is {r.rubric}: {len(r.items)} tests in four sections. Each is judged on this run's "
        "evidence: **provided** (the discovery study already gives engineering what the test "
        "asks) or **owed** (the engineering track still has to do it; the next step is given). "
        f"The study's recommendation: **{rec}**. The same list, as data, is readiness.json.",
        "",
        "| section | provided | owed |",
        "|---|---:|---:|",
    ]
    for section in SECTIONS.values():
        items = [i for i in r.items if i.section == section]
        done = sum(i.status == "provided" for i in items)
        lines.append(f"| {section} | {done} | {len(items) - done} |")
    lines += [
        f"| **all** | **{len(r.provided())}** | **{len(r.owed())}** |",
        "",
        "## The production path",
        "",
    ]
    if r.recommendation not in (*TO_BUILD, None):
        lines += [
            f"The recommendation is *{rec}*: this is the path once the study's blockers are "
            "resolved, not a plan to ship now.",
            "",
        ]
    lines += [f"- {line}" for line in r.path.lines()]
    for section in SECTIONS.values():
        lines += ["", f"## {section}", ""]
        for i in (i for i in r.items if i.section == section):
            mark = "x" if i.status == "provided" else " "
            lines.append(f"- [{mark}] **{i.label} — {i.test}** ({i.status}). {i.evidence}")
            if i.next_step:
                lines.append(f"  *Next step:* {i.next_step}")
    return "\n".join(lines) + "\n"
