"""The reader's language: the catalogs (compiled, never stale, complete for what the report
says), the language of a run held for its duration only, German conventions for numbers, money
and dates, the client's words used consistently, and `init` proposing German for a German
extract."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml
from babel.messages.pofile import read_po

from workbench import catalogs
from workbench.language import (
    _,
    current,
    ngettext,
    pgettext,
    record_misses,
    translations,
    use_language,
)

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "workbench" / "locale"
NBSP = "\u00a0"
MINUS = "\u2212"


def german_catalog():
    with catalogs.po_path("de").open("rb") as f:
        return read_po(f, locale="de")


# -- the language of a run ------------------------------------------------------------------------
def test_the_language_holds_inside_its_block_only():
    assert current() == "en" and _("Summary") == "Summary"
    with use_language("de"):
        assert current() == "de" and _("Summary") == "Zusammenfassung"
        with use_language("en"):
            assert _("Summary") == "Summary"
        assert _("Summary") == "Zusammenfassung"
        assert ngettext("{n} time", "{n} times", 3) == "{n}-mal"
        assert pgettext("split", "time") == "zeitlich" and pgettext("column role", "time") == "Zeit"
    assert current() == "en" and _("Summary") == "Summary"


def test_the_language_does_not_leak_into_another_thread():
    seen = {}

    def other():
        seen["language"], seen["word"] = current(), _("Summary")

    with use_language("de"):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
    assert seen == {"language": "en", "word": "Summary"}


def test_an_unknown_language_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match="not a report language"), use_language("fr"):
        pass


# -- the catalogs: compiled at build time, never stale ----------------------------------------------
def copy_catalogs(tmp_path: Path) -> Path:
    root = tmp_path / "locale"
    shutil.copytree(LOCALE, root, ignore=shutil.ignore_patterns("*.mo"))
    return root


def edit_translation(po: Path, msgid: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    old = f'msgid "{msgid}"\nmsgstr "'
    assert old in text
    start = text.index(old) + len(old)
    end = text.index('"\n', start)
    po.write_text(text[:start] + new + text[end:], encoding="utf-8")


def test_the_build_compiles_each_catalog_stamped_with_its_source(tmp_path):
    root = copy_catalogs(tmp_path)
    written = catalogs.compile_all(root)
    assert written == [catalogs.mo_path("de", root)]
    compiled = catalogs.load("de", root)
    assert catalogs.stamp(compiled) == catalogs.source_digest(catalogs.po_path("de", root))
    assert compiled.gettext("Summary") == "Zusammenfassung"


def test_a_stale_compiled_catalog_gives_the_current_wording_not_the_old_one(tmp_path):
    root = copy_catalogs(tmp_path)
    catalogs.compile_all(root)
    edit_translation(catalogs.po_path("de", root), "Summary", "Überblick")  # the .mo is now old
    assert catalogs.load("de", root).gettext("Summary") == "Überblick"


def test_a_missing_compiled_catalog_gives_german_not_english(tmp_path):
    root = copy_catalogs(tmp_path)
    assert not catalogs.mo_path("de", root).exists()
    assert catalogs.load("de", root).gettext("Summary") == "Zusammenfassung"
    shutil.rmtree(root / "de")
    with pytest.raises(FileNotFoundError, match="no message catalog for language 'de'"):
        catalogs.load("de", root)


def test_the_installed_catalog_is_the_compiled_one_and_current():
    """What a fresh clone's `uv sync` (an editable install, through the build hook) leaves:
    a compiled catalog that matches its source."""
    mo = catalogs.mo_path("de")
    assert mo.exists(), "the build hook did not compile the German catalog (uv sync)"
    assert catalogs.stamp(translations("de")) == catalogs.source_digest(catalogs.po_path("de"))


def test_every_message_of_the_template_is_translated_with_its_placeholders():
    """The German catalog answers every message the code and templates hold (`pybabel
    extract` refreshed `workbench.pot`), none fuzzy, each keeping its placeholders."""
    with (LOCALE / "workbench.pot").open("rb") as f:
        template = read_po(f)
    german = german_catalog()
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    for m in german:
        if not m.id:
            continue
        key = (m.context, m.id if isinstance(m.id, str) else m.id[0])
        wanted.discard(key)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        assert all(strings) and not m.fuzzy, f"untranslated: {ids[0]!r}"
        for i, text in enumerate(strings):  # the singular may leave its count unsaid
            english = ids[min(i, len(ids) - 1)]
            if i == 0 and len(ids) > 1:
                assert placeholders(text) <= placeholders(ids[1]), (ids[0], text)
            else:
                assert placeholders(text) == placeholders(english), (ids[0], text)
            if "%(" in ids[0] or "%%" in ids[0]:  # a template's message: % formats it
                text % dict.fromkeys(placeholders(ids[-1])[1], "x")
    assert not wanted, f"in workbench.pot, not in the German catalog: {sorted(wanted)[:5]}"


class Placeholders(tuple):
    """The `{name}` and `%(name)s` placeholders of a message; one set holds another when both
    of its parts do."""

    def __le__(self, other):
        return self[0] <= other[0] and self[1] <= other[1]


def placeholders(text: str) -> Placeholders:
    return Placeholders(
        (set(re.findall(r"\{(\w+)\}", text)), set(re.findall(r"%\((\w+)\)s", text)))
    )


def test_the_catalog_holds_every_message_of_the_modules_it_translates():
    """`workbench.pot` is current: extracting the converted modules and templates again finds
    no message the German catalog lacks (run `pybabel extract`, docs/languages.md)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    german = german_catalog()
    lacking = []
    for folder in ("workbench", "report_templates", "leakage_checks", "baselines"):
        methods, options = _under(method_map, options_map, folder)
        for path, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map=methods, options_map=options
        ):
            msgid = message if isinstance(message, str) else message[0]
            if german.get(msgid, context=context) is None:
                lacking.append((path, msgid))
    assert not lacking, lacking[:5]


def _under(method_map, options_map, folder: str):
    """babel.cfg's patterns and options, relative to `folder` (extract_from_dir walks from
    there)."""
    prefix = folder + "/"
    methods = [(p[len(prefix) :], m) for p, m in method_map if p.startswith(prefix)]
    options = {p[len(prefix) :]: o for p, o in options_map.items() if p.startswith(prefix)}
    return methods, options


# -- German conventions ------------------------------------------------------------------------------
def test_numbers_money_shares_and_dates_follow_german_conventions():
    from workbench import wording as w

    with use_language("de"):
        assert w.number(0.856) == "0,856" and w.number(23540.7) == "23.541"
        assert w.number(-0.02) == f"{MINUS}0,020" and w.number(0.000134) == "0,000134"
        assert w.count(4454) == "4.454" and w.count(None) == "—"
        assert w.money(98_507.4) == f"98.507{NBSP}€" and w.money(-36_812) == f"{MINUS}36.812{NBSP}€"
        assert w.money(1200, "CHF") == f"1.200{NBSP}CHF"
        assert w.pct(0.1234) == f"12,3{NBSP}%" and w.pct(0.5, 0) == f"50{NBSP}%"
        iv = SimpleNamespace(value=0.856, ci_low=0.835, ci_high=0.874)
        assert w.interval(iv) == f"0,856 (95{NBSP}%-Intervall 0,835 bis 0,874)"
        assert w.span(0.1, 0.2) == "0,100 bis 0,200"
        assert w.when("2026-12-06") == "6. Dezember 2026"
        assert w.when("2026-11-26T12:11:22+00:00") == "26. November 2026, 12:11 Uhr UTC"
        assert w.value(pd.Timestamp("2024-05-01")) == "01.05.2024" and w.value(2.5) == "2,50"
        assert w.value(None) == "fehlend" and w.times(1) == "einmal" and w.times(4) == "4-mal"
        assert w.plain(0.05) == "0,05" and w.short_number(1900.0) == "1.900"
        assert w.names(list("abcdefgh"), 6) == "a, b, c, d, e, f und 2 weitere"
        assert w.listing(["Alter", "Familienstand"]) == "Alter und Familienstand"
    # English as it always was, outside the block
    assert w.money(98_507.4) == "98,507 EUR" and w.when("2026-12-06") == "6 December 2026"


def test_figure_ticks_are_written_in_the_figure_s_language():
    from workbench.science import figures

    fig, ax = figures.new()
    ax.plot([0, 0.5, 1.0], [0, 1500, 3000])
    with use_language("de"):
        fig.canvas.draw()
        ticks = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    figures.plt.close(fig)
    assert "0,2" in ticks and "1.000" in ticks and "0.2" not in ticks


# -- the client's words ------------------------------------------------------------------------------
def strip_code(text: str) -> str:
    """A sentence without what is not a word of it: code spans, placeholders, file names and
    identifiers (holdout.parquet, holdout_scored)."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"%\(\w+\)s|\{\w+(?::[^{}]*)?\}", " ", text)
    return re.sub(r"\S*\w[._/]\w\S*", " ", text)


def test_the_german_catalog_says_each_term_as_the_glossary_does():
    terms = yaml.safe_load((LOCALE / "terms.yaml").read_text(encoding="utf-8"))
    german = german_catalog()
    wrong, avoided = [], []
    for m in german:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        english = strip_code(ids[0])
        for term in terms:
            if term.get("label"):
                if ids[0] == term["en"] and strings[0] != term["de"]:
                    wrong.append((term["en"], strings[0]))
                continue
            said = re.search(rf"(?<![\w-]){re.escape(term['en'])}s?(?![\w-])", english, re.I)
            for text in strings:
                if said and term["de"].lower() not in strip_code(text).lower():
                    wrong.append((term["en"], ids[0][:70]))
                for word in term.get("avoid_de", []):
                    if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", strip_code(text)):
                        avoided.append((word, text[:70]))
    assert not wrong, wrong[:40]
    assert not avoided, avoided[:40]


def test_the_report_glossary_finds_german_terms_in_german_text():
    from workbench.report.glossary import Glossary, terms_in

    with use_language("de"):
        assert terms_in("Die Prüfstichproben und das Vergleichsmodell") == ["holdout", "baseline"]
        g = Glossary()
        note = g.note("Ein Datenleck in der Prüfstichprobe", terms=("leak",))
        assert "*Datenleck*:" in note and "*Prüfstichprobe*:" in note
        assert g.note("noch ein Datenleck") == ""  # leak and leakage: one word, explained once


# -- the report's sentences keep values escaped -----------------------------------------------------
def test_a_value_placed_in_a_translated_sentence_stays_text():
    from workbench.report.render import environment

    env = environment()
    template = env.from_string(
        "{% trans positive=value %}Cases that turn out *{{ positive }}*{% endtrans %}"
    )
    with use_language("de"):
        out = template.render(value="*bad* <script>")
    assert out == "Fälle, die sich als *\\*bad\\* \\<script\\>* erweisen"


# -- init proposes German for a German extract ---------------------------------------------------------
def test_init_proposes_german_for_an_extract_in_german_formats(tmp_path):
    from workbench.inputs.detection import detect
    from workbench.inputs.scaffold import scaffold

    frame = pd.DataFrame(
        {  # 1.037,05 and 13.02.2024: as German systems write them
            "betrag": [f"{1 + i // 30}.{37 * i % 1000:03d},{i % 100:02d}" for i in range(60)],
            "antrag": [f"{1 + i % 28:02d}.{1 + i % 12:02d}.2024" for i in range(60)],
            "ausfall": ["ja" if i % 4 == 0 else "nein" for i in range(60)],
        }
    )
    german = tmp_path / "auszug.csv"
    german.write_bytes(frame.to_csv(index=False, sep=";").encode("cp1252"))
    english = tmp_path / "extract.csv"
    frame.assign(betrag=range(60), antrag="2024-01-02").to_csv(english, index=False)
    made = {}
    for path in (german, english):
        detected = detect(path)
        made[path.stem] = scaffold(
            path, detected.frame, "ausfall", name=path.stem, task=None, out_dir=tmp_path,
            time_column=None, group_column=None, sensitive=[], pii=[], force=False,
            detected=detected,
        )  # fmt: skip
    proposal = made["auszug"].language
    assert proposal.language == "de"
    assert "numbers with a decimal comma (1.234,56)" in proposal.because
    assert "dates as dd.mm.yyyy" in proposal.because
    spec = yaml.safe_load(made["auszug"].spec_path.read_text(encoding="utf-8"))
    assert spec["report"] == {"language": "de"}
    assert "proposed: the file writes numbers with a decimal comma" in (
        made["auszug"].spec_path.read_text(encoding="utf-8")
    )
    assert made["extract"].language.language == "en"
    assert yaml.safe_load(made["extract"].spec_path.read_text())["report"] == {"language": "en"}


def test_init_says_on_the_terminal_why_it_proposes_german(tmp_path):
    from typer.testing import CliRunner

    from workbench.cli import app

    rows = ["betrag;antrag;ausfall"]
    rows += [
        f"{i}.{i:03d},50;{1 + i % 28:02d}.03.2024;{'ja' if i % 3 else 'nein'}" for i in range(1, 61)
    ]
    data = tmp_path / "auszug.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["init", str(data), "--target", "ausfall", "--dir", str(tmp_path)], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Report language: de (German), proposed because the file writes numbers with a " in said
    assert "Set report.language: en in the spec for an English report." in said


def test_the_spec_takes_a_report_language_and_refuses_another():
    from pydantic import ValidationError

    from workbench.inputs.spec import Report

    assert Report().language == "en" and Report(language="de").language == "de"
    with pytest.raises(ValidationError):
        Report(language="fr")


# -- the German report of a finished study ----------------------------------------------------------
@pytest.fixture(scope="module")
def german_run(finished_run, tmp_path_factory):
    """The finished study's run, judged and rendered again in German (nothing recomputed),
    with every message asked for that the German catalog could not answer."""
    from workbench.judge import pass_judgement
    from workbench.report import render
    from workbench.store.run_directory import Run

    run_dir = tmp_path_factory.mktemp("german") / "run"
    shutil.copytree(finished_run.run_dir, run_dir)
    spec = run_dir / "inputs" / "spec.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "\n  language: en  #" in text  # as `workbench init` wrote it
    spec.write_text(text.replace("\n  language: en  #", "\n  language: de  #"), encoding="utf-8")
    run = Run(run_dir)
    with record_misses() as missed:
        pass_judgement(run)
        html, pdf = render(run)
    return SimpleNamespace(run=run, html=html, pdf=pdf, missed=missed, source=finished_run)


@pytest.mark.slow
def test_every_sentence_of_the_german_report_is_translated(german_run):
    assert german_run.missed == set(), sorted(german_run.missed)[:10]


@pytest.mark.slow
def test_the_german_report_reads_german_with_german_formats(german_run):
    import pdfplumber

    html = german_run.html.read_text(encoding="utf-8")
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="de"' in html
    with pdfplumber.open(german_run.pdf) as doc:
        one = doc.pages[0].extract_text()  # page one is enough: the rest is the same HTML
    assert "Zusammenfassung" in one and "Empfehlung:" in one and "Begründung." in one
    assert re.search(r"\d,\d{3} \(95 %-Intervall \d,\d{3} bis \d,\d{3}\)", one.replace(NBSP, " "))
    assert (
        re.search(r"\d{1,3}(\.\d{3})* € im Monat", one.replace(NBSP, " "))
        or "Nicht geschätzt" in one
    )
    headings = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, re.S)
    headings = [re.sub(r"<[^>]+>", "", h).strip() for h in headings]
    for german in ["Zusammenfassung", "Technischer Anhang", "Datenlecks", "Reproduzierbarkeit"]:
        assert german in headings, headings
    english = {"Summary", "Technical appendix", "Leakage", "Holdout evaluation", "Roadmap"}
    assert english.isdisjoint(headings), headings
    readiness = yaml.safe_load((german_run.run.dir / "results" / "readiness.json").read_text())
    assert readiness["rubric"] == "dem ML Test Score (Breck et al., 2017)"  # said once, when judged


@pytest.mark.slow
def test_the_german_report_keeps_personal_data_out(german_run):
    html = german_run.html.read_text(encoding="utf-8")
    assert "@client-bank.com" not in html and "applicant1@" not in html


# -- the leakage checks speak the run's language --------------------------------------------------
def test_a_leakage_finding_is_worded_in_the_run_s_language():
    """The checks (a library that does not import the workbench) word their findings through
    the voice the workbench lends them: the catalog's messages, German number formats."""
    import numpy as np

    from leakage_checks import DEFAULT_SETTINGS, Roles, SplitFrames
    from leakage_checks.conflicts import conflicting_labels
    from workbench.wording import lend_voice_to_checks

    rng = np.random.default_rng(0)
    X = pd.DataFrame({"grade": rng.integers(0, 4, 400)})
    y = pd.Series(rng.integers(0, 2, 400))
    frames = SplitFrames(X[:300], X[300:], y[:300], y[300:])
    roles = Roles(task="binary", features=["grade"])
    lend_voice_to_checks()
    english = conflicting_labels(frames, roles, DEFAULT_SETTINGS)[0]
    with use_language("de"), record_misses() as missed:
        german = conflicting_labels(frames, roles, DEFAULT_SETTINGS)[0]
    assert re.search(r"\d\.\d%", english.message) and not re.search(r"\d,\d", english.message)
    assert re.search(rf"\d,\d{NBSP}%", german.message), german.message
    asked = "{share} of rows have the same inputs as another row but a different outcome"
    assert any(m.startswith(asked) for m in missed) or not german.message.startswith(
        english.message[:20]
    )  # asked of the German catalog (and, once translated there, worded in German)


@pytest.mark.slow
def test_the_study_site_speaks_the_language_of_its_latest_run(german_run):
    """The site of a study whose runs report in German is German too, every sentence from the
    catalog, with German formats."""
    from workbench.site import publish

    with record_misses() as missed:
        site = publish(german_run.run.dir.parent)
    page = site.index.read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "alle Läufe" in page and "Prüfstichprobe" in page
    assert missed == set(), sorted(missed)[:10]


def test_a_sentence_with_two_counts_gives_each_noun_its_own_plural():
    """'5 failing values in 1 check': the singular of one count does not follow the other's
    plural, in English or in German (each counted noun is a phrase of its own)."""
    from workbench.judge.decision.criteria import Notes
    from workbench.judge.decision.gates import contract_gate
    from workbench.store.results import ViolationRow

    data = SimpleNamespace(
        violations=[ViolationRow(column="age", check="in_range", failures=5, examples=[])]
    )

    def evidence() -> str:
        notes = Notes()
        contract_gate(data, notes)
        return notes.criteria[0].evidence

    assert evidence() == "Data section: 5 failing values in 1 check"
    with use_language("de"):
        assert evidence() == "Abschnitt Daten: 5 Verstöße in 1 Prüfung"
    data.violations[0].failures = 1
    data.violations.append(ViolationRow(column="income", check="dtype", failures=0, examples=[]))
    with use_language("de"):
        assert evidence() == "Abschnitt Daten: 1 Verstoß in 2 Prüfungen"
