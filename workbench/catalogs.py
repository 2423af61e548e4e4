"""The message catalogs: one gettext catalog per language, `workbench/locale/<lang>/LC_MESSAGES/
workbench.po`, written by translators, compiled to `workbench.mo` when the package is built
(`hatch_build.py` calls `compile_all`, for a wheel and for an editable install alike).

A compiled catalog records the sha256 of the `.po` it was compiled from (in its
`Project-Id-Version` header). `load` checks it: a `.mo` that is missing, or older than its
`.po`, is not used; the `.po` is compiled in memory instead, so an edited catalog can never
silently give the old wording, or English. A language with neither file is an error.

This module imports nothing of the workbench (the build hook loads it by its path, before the
package is installed): only the standard library and Babel.
"""

from __future__ import annotations

import gettext
import hashlib
import io
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "workbench"
PROJECT = "discovery-workbench"
STAMP = "po-sha256-"


def po_path(language: str, root: Path = LOCALE_DIR) -> Path:
    return root / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, root: Path = LOCALE_DIR) -> Path:
    return po_path(language, root).with_suffix(".mo")


def source_digest(po: Path) -> str:
    return hashlib.sha256(po.read_bytes()).hexdigest()


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of the catalog `po`, stamped with the `.po`'s sha256. Fuzzy and
    untranslated messages are left out (gettext then falls back, and a test notices)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=po.parent.parent.name, domain=DOMAIN)
    catalog.project = PROJECT
    catalog.version = STAMP + source_digest(po)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_all(root: Path = LOCALE_DIR) -> list[Path]:
    """Compile every `.po` under `root` next to itself; return the `.mo` files written."""
    written = []
    for po in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        data = compile_po(po)
        if not mo.exists() or mo.read_bytes() != data:
            tmp = mo.with_suffix(".mo.tmp")
            tmp.write_bytes(data)
            tmp.replace(mo)
        written.append(mo)
    return written


def stamp(translations: gettext.GNUTranslations) -> str | None:
    """The `.po` digest a compiled catalog was stamped with (None: not one of ours)."""
    version = translations.info().get("project-id-version", "")
    _, _, digest = version.rpartition(STAMP)
    return digest or None


def load(language: str, root: Path = LOCALE_DIR) -> gettext.GNUTranslations:
    """The compiled catalog of `language`: its `.mo` when it matches its `.po`, else the `.po`
    compiled now. FileNotFoundError when the language has no catalog at all."""
    po, mo = po_path(language, root), mo_path(language, root)
    if mo.exists():
        with mo.open("rb") as f:
            compiled = gettext.GNUTranslations(f)
        if not po.exists() or stamp(compiled) == source_digest(po):
            return compiled
    if po.exists():  # missing or stale: the catalog as translated now
        return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    raise FileNotFoundError(f"no message catalog for language '{language}' in {root}")
