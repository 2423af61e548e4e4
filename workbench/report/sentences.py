"""The template's sentences in the reader's language: the `gettext` functions of the report's
Jinja environment (`jinja2.ext.i18n`, new-style), so that `{% trans %}` blocks and `_()` calls
take their wording from the message catalogs (`workbench.language`).

A sentence from the catalog is the report's own markdown (it may hold `**emphasis**`); the
values placed into it are escaped as every `{{ value }}` of the template is (`escaping`), so a
translation can never turn a value from the data into markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.language import _, ngettext, pgettext
from workbench.report.escaping import Markdown, finalize


def _fill(message: str, variables: Mapping[str, object]) -> Markdown:
    # Jinja writes a trans block's placeholders as %(name)s and a literal % as %%, always
    # (new-style gettext formats every message, with or without values)
    return Markdown(message % {k: finalize(v) for k, v in variables.items()})


def gettext(message: str, **variables: object) -> Markdown:
    return _fill(_(message), variables)


def ngettext_(singular: str, plural: str, num: int, **variables: object) -> Markdown:
    variables.setdefault("num", num)
    return _fill(ngettext(singular, plural, int(num)), variables)


def pgettext_(context: str, message: str, **variables: object) -> Markdown:
    return _fill(pgettext(context, message), variables)


def install(env) -> None:
    """Give a Jinja environment (with `jinja2.ext.i18n` loaded) the catalog's sentences."""
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext_, pgettext=pgettext_)
    env.newstyle_gettext = True
    env.policies["ext.i18n.trimmed"] = True  # a sentence may span lines in the template
