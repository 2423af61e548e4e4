"""Sections of benchmarks/RESULTS.md that a benchmark writes itself, between its own markers."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"


def write_between(section: str, start: str, end: str, path: Path = RESULTS) -> None:
    """Put `section` between the `start` and `end` markers of `path` (appended the first
    time), leaving the rest of the file as it is."""
    text = path.read_text()
    block = f"{start}\n{section.rstrip()}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
