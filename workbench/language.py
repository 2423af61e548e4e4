"""The reader's language: every sentence a stakeholder or reviewer reads goes through `_`.

Write a sentence as `_("The model flags {n} cases a month.").format(n=count(k))`: the whole
sentence is one message with named placeholders (never glued from pieces), so a translator can
reorder it. Plural sentences use `ngettext(singular, plural, n)`; a word that is the same in
English but not in another language takes a context, `pgettext("verdict", "pass")`. A message
defined at import time (a table of labels) is marked with `N_` and translated where it is used.

The language is the run's (`report.language` in the spec), set for the duration of a stage, of
the judging and of the rendering with `use_language(code)`: a context variable, so it never
leaks from one run, thread or test into another. Outside any `use_language` it is English, the
language the messages are written in. The catalogs are gettext `.po` files, one per language,
in `workbench/locale/` (`workbench.catalogs` loads them); `docs/languages.md` says how to
refresh and translate them.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

LANGUAGES = {"en": "English", "de": "Deutsch"}
SOURCE = "en"  # the language the messages are written in: it needs no catalog
# the Babel locale of each language's numbers and dates (English as the report has always
# written it: 6 December 2026)
LOCALES = {"en": "en_GB", "de": "de_DE"}
# the languages whose nouns keep their capital in mid-sentence (German: "die Prüfstichprobe"),
# so a name placed after a colon or inside a clause is never lower-cased
CAPITALISED_NOUNS = {"de"}

_language: ContextVar[str] = ContextVar("workbench_language", default=SOURCE)
_misses: ContextVar[set[str] | None] = ContextVar("workbench_language_misses", default=None)


class _RecordMisses(_gettext.NullTranslations):
    """The fallback of every catalog: a message it has no translation for is given in English
    and, inside `record_misses()`, noted."""

    def gettext(self, message: str) -> str:
        _note(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        _note(singular)
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        _note(f"{context}\x04{message}")
        return message


def _note(message: str) -> None:
    seen = _misses.get()
    if seen is not None:
        seen.add(message)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of `language` (loaded once per process)."""
    if language not in LANGUAGES:
        raise ValueError(
            f"'{language}' is not a report language; use one of {', '.join(LANGUAGES)}"
        )
    if language == SOURCE:
        return _gettext.NullTranslations()
    from workbench.catalogs import load

    catalog = load(language)
    catalog.add_fallback(_RecordMisses())
    return catalog


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Speak `language` (None: English) inside the block, in this context only."""
    language = language or SOURCE
    translations(language)  # an unknown language or a missing catalog fails here, not mid-report
    token = _language.set(language)
    try:
        yield language
    finally:
        _language.reset(token)


def current() -> str:
    """The reader's language now: `en` or `de`."""
    return _language.get()


def capitalises_nouns() -> bool:
    """Whether the reader's language writes its nouns with a capital letter in mid-sentence."""
    return _language.get() in CAPITALISED_NOUNS


def babel_locale():
    """The Babel `Locale` of the reader's language (numbers, dates, currencies)."""
    return _babel_locale(_language.get())


@cache
def _babel_locale(language: str):
    from babel import Locale

    return Locale.parse(LOCALES[language])


@contextmanager
def record_misses() -> Iterator[set[str]]:
    """Collect, inside the block, every message asked for in a language whose catalog has no
    translation of it (a `pgettext` message as `context\\x04message`)."""
    seen: set[str] = set()
    token = _misses.set(seen)
    try:
        yield seen
    finally:
        _misses.reset(token)


def _(message: str) -> str:
    """The message in the reader's language."""
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for `n`, in the reader's language."""
    return translations(_language.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the reader's language, where the same English word needs telling apart."""
    return translations(_language.get()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it (a label defined at import
    time, translated with `_` where it is shown)."""
    return message
