"""The PDF is written even when typst's accessibility tags stop on an internal error of its own
(seen on one table layout): without the tags, not lost. Other typst errors still stop it."""

from __future__ import annotations

import shutil

import pytest
import typst

from workbench.report.render import FILTER, STYLE, _pandoc_typst_pdf, template_dir


def _document(folder, text: str):
    """A filled report beside the report's filter and style, as `render` leaves it."""
    for name in (STYLE, FILTER):
        shutil.copyfile(template_dir() / name, folder / name)
    (folder / "report.qmd").write_text(text)
    return folder / "report.qmd"


def _tags_fail(real):
    calls = []

    def compile(path, **options):
        calls.append(options.get("pdf_tags", True))
        if options.get("pdf_tags", True):
            raise typst.TypstError("internal error: parent group")
        return real(path, **options)

    return compile, calls


def test_an_internal_tagging_error_leaves_a_pdf_without_tags(tmp_path, monkeypatch):
    qmd = _document(tmp_path, "# Findings\n\nA table.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    compile, calls = _tags_fail(typst.compile)
    monkeypatch.setattr(typst, "compile", compile)
    _pandoc_typst_pdf(qmd, tmp_path)
    assert calls == [True, False]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_another_typst_error_still_stops_the_pdf(tmp_path, monkeypatch):
    qmd = _document(tmp_path, "# Findings\n")

    def compile(path, **options):
        raise typst.TypstError("unknown variable: oops")

    monkeypatch.setattr(typst, "compile", compile)
    with pytest.raises(typst.TypstError):
        _pandoc_typst_pdf(qmd, tmp_path)
    assert not (tmp_path / "report.pdf").exists()
