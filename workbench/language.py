"""The reader's language: every sentence a stakeholder or reviewer reads goes through `_`.

Write a sentence as `_("The model flags {n} cases a month.").format(n=count(k))`: the whole
sentence is one message with named placeholders (never glued from pieces), so a translator can
reorder it. Plural sentences use `ngettext(singular, plural, n)`.

The catalogs (gettext `.po` files, one per language) and the formatting of numbers and dates
for the language are filled in by the language work; until then every message is its own
English text.
"""

from __future__ import annotations

import gettext as _gettext

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def _(message: str) -> str:
    """The message in the reader's language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for `n`, in the reader's language."""
    return _translations.ngettext(singular, plural, n)
