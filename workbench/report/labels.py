"""The report's words for the fixed values of the results (a split's strategy, a column's role, a
check's status, a verdict): each in the reader's language, from the message catalog. A value
the table does not know is shown as it is, underscores as spaces."""

from __future__ import annotations

from workbench.language import pgettext


def _words() -> dict[str, dict[str, str]]:
    # built at each use, in the language of the moment (a few dozen look-ups); the context names the kind of value: the same English word is not always the same word
    # in another language ("time" as a split, "time" as a column's role)
    return {
        "split": {  # in "A {strategy} split set aside …"
            "random": pgettext("split", "random"),
            "stratified": pgettext("split", "stratified"),
            "group": pgettext("split", "group"),
            "time": pgettext("split", "time"),
        },
        "profile": {
            "quick": pgettext("profile", "quick"),
            "standard": pgettext("profile", "standard"),
            "thorough": pgettext("profile", "thorough"),
        },
        "type": {  # a column's type in the contract
            "integer": pgettext("column type", "integer"),
            "float": pgettext("column type", "float"),
            "string": pgettext("column type", "string"),
            "category": pgettext("column type", "category"),
            "boolean": pgettext("column type", "boolean"),
            "datetime": pgettext("column type", "datetime"),
            "text": pgettext("column type", "text"),
        },
        "role": {  # a column's role in the contract
            "feature": pgettext("column role", "feature"),
            "target": pgettext("column role", "target"),
            "id": pgettext("column role", "id"),
            "group": pgettext("column role", "group"),
            "time": pgettext("column role", "time"),
            "text": pgettext("column role", "text"),
            "exclude": pgettext("column role", "exclude"),
        },
        "check": {  # a leakage check's result
            "passed": pgettext("check result", "passed"),
            "critical": pgettext("check result", "critical"),
            "warning": pgettext("check result", "warning"),
            "info": pgettext("check result", "info"),
            "not_applicable": pgettext("check result", "not applicable"),
        },
        "severity": {  # a finding's severity, heading its box
            "critical": pgettext("severity", "Critical"),
            "warning": pgettext("severity", "Warning"),
            "info": pgettext("severity", "Info"),
        },
        "overfitting": {
            "ok": pgettext("overfitting", "ok"),
            "watch": pgettext("overfitting", "watch"),
            "overfit": pgettext("overfitting", "overfit"),
        },
        "robustness": {  # a robustness test's verdict
            "pass": pgettext("verdict", "pass"),
            "fail": pgettext("verdict", "fail"),
            "uncertain": pgettext("verdict", "uncertain"),
            "not_judged": pgettext("verdict", "not judged"),
        },
        "verdict": {  # a criterion's verdict, in a table
            "pass": pgettext("verdict", "Pass"),
            "fail": pgettext("verdict", "Fail"),
            "uncertain": pgettext("verdict", "Uncertain"),
        },
        "case": {  # the case an explanation is about
            "highest risk": pgettext("explained case", "Highest risk"),
            "lowest risk": pgettext("explained case", "Lowest risk"),
            "most uncertain": pgettext("explained case", "Most uncertain"),
            "most confident mistake": pgettext("explained case", "Most confident mistake"),
            "most confident": pgettext("explained case", "Most confident"),
            "least confident": pgettext("explained case", "Least confident"),
            "most uncertain (closest call)": pgettext(
                "explained case", "Most uncertain (closest call)"
            ),
            "highest prediction": pgettext("explained case", "Highest prediction"),
            "lowest prediction": pgettext("explained case", "Lowest prediction"),
            "a typical case (median prediction)": pgettext(
                "explained case", "A typical case (median prediction)"
            ),
        },
        "sheet_heading": {  # a leakage type's verdict after its title
            "addressed": pgettext("leakage type", "addressed"),
            "concern": pgettext("leakage type", "CONCERN"),
            "not_applicable": pgettext("leakage type", "not applicable"),
        },
        "sheet_table": {  # the same, in the sheet's table
            "addressed": pgettext("leakage type", "addressed"),
            "concern": pgettext("leakage type", "**CONCERN**"),
            "not_applicable": pgettext("leakage type", "not applicable"),
        },
        "reforms_status": {
            "evidence": pgettext("REFORMS status", "Evidence"),
            "consultant": pgettext("REFORMS status", "Consultant"),
            "open": pgettext("REFORMS status", "**Open**"),
        },
        "worst_errors": {  # the first two rows of the worst errors' table
            "actual": pgettext("worst errors", "actual"),
            "predicted": pgettext("worst errors", "predicted"),
        },
        "model_role": {
            "candidate": pgettext("model", "candidate"),
            "baseline": pgettext("model", "baseline"),
        },
    }


def word(value: object, kind: str) -> str:
    """`value` (a fixed value of the results) as the reader's language says it."""
    text = str(value)
    return _words()[kind].get(text, text.replace("_", " "))


def verdict(value: str) -> str:
    """A criterion's verdict for a table: `Pass`, `Fail`, `Uncertain`."""
    return word(value, "verdict")
