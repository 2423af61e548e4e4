"""The report language `workbench init` proposes for a new extract: German when the file is
written the way German-speaking clients' systems write it — numbers with a decimal comma, dates
as dd.mm.yyyy — or when both weaker signs are there (columns separated by semicolons, the
Windows Western European code page cp1252, which French, Dutch or Nordic exports share).
Otherwise English. The consultant sees the proposal and why, and changes `report.language` in
the spec when the readers speak otherwise."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.inputs.detection import Detected


@dataclass
class Proposal:
    language: str  # "de" | "en"
    because: list[str] = field(default_factory=list)  # the German formats found, in words


def propose_language(detected: Detected | None) -> Proposal:
    """`de` with the signs that point to it, or `en`."""
    if detected is None:  # a database query: typed values, no formats to read
        return Proposal("en")
    o = detected.options
    strong, weak = [], []
    if o.decimal == ",":
        strong.append(
            "numbers with a decimal comma" + (" (1.234,56)" if o.thousands == "." else "")
        )
    if any(
        f.order == "dayfirst" and any(x.startswith("%d.%m.") for x in f.formats)
        for f in detected.dates.values()
    ):
        strong.append("dates as dd.mm.yyyy")
    if o.delimiter == ";":
        weak.append("semicolons between columns")
    if (o.encoding or "").lower() in ("cp1252", "windows-1252"):
        weak.append("the Windows code page cp1252")
    if strong or len(weak) == 2:
        return Proposal("de", strong + weak)
    return Proposal("en")
