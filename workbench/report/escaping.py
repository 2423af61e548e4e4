"""Text from the data (column names, category values, group names, contract-violation examples)
and from the judgements, made safe to place in the report's markdown: it reads as the characters
it is, in the HTML and in the typst PDF, and never as markup.

The template is filled with every `{{ value }}` passed through `escape` unless the value is
`Markdown` — markdown the report built itself from escaped parts (its tables, the judgements'
sentences with their `code spans`). Forgetting a filter therefore shows text, never runs it. The
renderers add two more walls: pandoc reads the filled document without raw HTML, raw blocks
or spans with attributes, and the report's Lua filter drops whatever raw markup or event
handler might still reach the document tree.
"""

from __future__ import annotations

import re

# pandoc markdown gives these a meaning anywhere in a line: emphasis, code, links and spans,
# attributes, raw HTML and autolinks, headings, table cells, maths, citations, sub- and
# superscripts, entities. A backslash before any of them makes it a plain character.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|$@~^&])")
_OTHER_ASCII_PUNCTUATION = set("!\"%'()+,-./:;=?")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


class Markdown(str):
    """Markdown the report made itself (from escaped parts): placed in the document as it is."""


def _plain(text: str) -> str:
    """One line of text with every markdown character escaped."""
    return _INLINE.sub(r"\\\1", text).replace("--", "-\\-")


def _flatten(value: object) -> str:
    text = _CONTROL.sub("", str(value))
    return _SPACES.sub(" ", text)  # line breaks, tabs and runs of spaces: one space


def _line_start(text: str) -> str:
    """What a line may not start with in running text: a list marker, a heading, a quote, a
    definition, a rule, a table's first pipe, a list number."""
    if text and text[0] in _OTHER_ASCII_PUNCTUATION:
        return "\\" + text
    return _LIST_NUMBER.sub(r"\1\\\2", text)


def escape(value: object) -> Markdown:
    """Any value as plain text for markdown: every character that means something to pandoc
    escaped, line breaks flattened (a table cell and a sentence stay on their line)."""
    if isinstance(value, Markdown):
        return value
    return Markdown(_line_start(_plain(_flatten(value))))


def text_with_code(value: object) -> Markdown:
    """A sentence written by the workbench that may hold `code spans` (ids, commands): escaped
    outside them; inside them only table pipes (pandoc splits cells on them even there). An
    unmatched backtick is kept as a character."""
    if isinstance(value, Markdown):
        return value
    if value is None:
        return Markdown("")
    parts = _flatten(value).split("`")
    unmatched = len(parts) % 2 == 0  # an odd number of backticks: the last is a character
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(_plain(part))
        elif unmatched and i == len(parts) - 1:
            out.append("\\`" + _plain(part))
        elif part.strip():
            out.append("`" + part.replace("|", "\\|") + "`")
        else:
            out.append("\\`\\`")
    return Markdown(_line_start("".join(out)))


def finalize(value: object) -> str:
    """Jinja's `finalize`: what every `{{ value }}` of the template becomes."""
    if value is None:
        return ""
    return escape(value)
