"""Columns the contract declares as unknown at prediction time: kept out of the model and
reported, so a reader sees they were considered."""

from __future__ import annotations

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, ngettext


@register(
    "declared_post_outcome",
    N_("Are columns recorded after the prediction point kept out of the model?"),
)
def declared_post_outcome(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    late = list(roles.not_known_at_prediction)
    used = [c for c in late if c in roles.features]
    if used:
        return [
            Finding(
                check="declared_post_outcome",
                severity="critical",
                columns=used,
                evidence={"columns_used_by_model": len(used)},
                message=ngettext(
                    "{columns} is declared as not known at prediction time but the model reads it.",
                    "{columns} are declared as not known at prediction time but the model reads "
                    "them.",
                    len(used),
                ).format(columns=", ".join(used)),
                fix=_(
                    "Remove them from the model's features (this is a bug in the feature selection)."
                ),
            )
        ]
    if not late:
        return []
    return [
        Finding(
            check="declared_post_outcome",
            severity="info",
            columns=late,
            evidence={"columns_excluded": len(late)},
            message=ngettext(
                "{columns} is recorded after the moment of prediction (per the data contract) "
                "and was kept out of every model.",
                "{columns} are recorded after the moment of prediction (per the data contract) "
                "and were kept out of every model.",
                len(late),
            ).format(columns=", ".join(late)),
            fix=_("Nothing to do; keep them out of production features too."),
        )
    ]
