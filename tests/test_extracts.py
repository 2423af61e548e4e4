"""Client extracts read as they are written: realistic files in the formats clients export —
German CSVs, Windows encodings, byte-order marks, thousands separators, day-first and ISO
dates with time zones, Excel workbooks, names, IBANs, free text, many-level categories — and
for each the type, role and personal-data flag `workbench init` infers for every column, or
its exact refusal."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from test_cli import cli

from workbench.errors import BadInput
from workbench.inputs.detection import detect
from workbench.inputs.inference import infer_contract

N = 300
FIRST = ["Anna", "Peter", "Jürgen", "Maria", "Thomas", "Sabine", "James", "Mary", "Lukas", "Emma"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Smith", "Brown", "Wagner"]
WORDS = "Kunde hat angerufen wegen Rate verspätet neue Adresse bitte prüfen Zahlung eingegangen"


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def german(v: float) -> str:
    return f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def ibans(n: int, r: np.random.Generator) -> list[str]:
    """Valid German IBANs (check digits computed as ISO 13616 says)."""
    out = []
    for _ in range(n):
        bban = "".join(str(d) for d in r.integers(0, 10, 18))
        digits = "".join(str(int(c, 36)) for c in bban + "DE00")
        check = 98 - int(digits) % 97
        out.append(f"DE{check:02d}{bban}")
    return out


def notes(n: int, r: np.random.Generator) -> list[str]:
    vocab = WORDS.split() + [f"Vorgang{i}" for i in range(150)]
    return [" ".join(r.choice(vocab, int(r.integers(6, 14)))) for _ in range(n)]


def decided(path, **given) -> dict[str, tuple[str, str, bool]]:
    """What init decides for each column: (type, role, PII)."""
    found = detect(path, **given)
    cols = infer_contract(found.frame, "outcome", data_file=str(path), dates=found.dates)
    return {c: (s["type"], s.get("role", "feature"), bool(s.get("pii"))) for c, s in cols.items()}


def outcome(n: int, r: np.random.Generator) -> np.ndarray:
    return np.where(r.random(n) < 0.25, "default", "repaid")


# -- the extracts -----------------------------------------------------------------------------
def test_german_csv_semicolons_decimal_commas_and_day_first_dates(tmp_path):
    r = rng(1)
    frame = pd.DataFrame(
        {
            "Kundennr": np.arange(1, N + 1),
            "Betrag": [german(v) for v in r.gamma(2, 900, N)],
            "Antragsdatum": pd.date_range("2021-01-01", periods=N, freq="D").strftime("%d.%m.%Y"),
            "Telefon": [f"030/{r.integers(100000, 999999)}" for _ in range(N)],
            "outcome": outcome(N, r),
        }
    )
    path = tmp_path / "kredite.csv"
    frame.to_csv(path, sep=";", index=False, encoding="cp1252")
    found = detect(path)
    assert found.options.delimiter == ";" and found.options.decimal == ","
    assert found.options.thousands == "." and found.options.dayfirst
    assert found.options.date_format == "%d.%m.%Y"
    assert decided(path) == {
        "Kundennr": ("integer", "id", False),
        "Betrag": ("float", "feature", False),
        "Antragsdatum": ("datetime", "feature", False),  # a date, not a phone number
        "Telefon": ("string", "exclude", True),
        "outcome": ("category", "target", False),
    }
    assert found.frame["Betrag"].dtype == "float64"


def test_cp1252_with_umlauts_is_read_as_cp1252(tmp_path):
    r = rng(2)
    frame = pd.DataFrame(
        {
            "Stadt": r.choice(["München", "Köln", "Düsseldorf", "Nürnberg"], N),
            "Größe": r.integers(40, 200, N),
            "outcome": outcome(N, r),
        }
    )
    path = tmp_path / "staedte.csv"
    frame.to_csv(path, index=False, encoding="cp1252")
    found = detect(path)
    assert found.options.encoding == "cp1252"
    assert set(found.frame["Stadt"]) == {"München", "Köln", "Düsseldorf", "Nürnberg"}
    assert decided(path) == {
        "Stadt": ("category", "feature", False),
        "Größe": ("integer", "feature", False),
        "outcome": ("category", "target", False),
    }


def test_utf8_with_a_byte_order_mark_keeps_the_first_column_name(tmp_path):
    r = rng(3)
    frame = pd.DataFrame({"Einkommen": r.normal(3000, 500, N).round(2), "outcome": outcome(N, r)})
    path = tmp_path / "bom.csv"
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    found = detect(path)
    assert found.options.encoding == "utf-8-sig"
    assert list(found.frame.columns) == ["Einkommen", "outcome"]
    assert decided(path)["Einkommen"] == ("float", "feature", False)


def test_thousands_separators_english_and_french(tmp_path):
    r = rng(4)
    amounts = r.gamma(2, 4000, N)
    english = pd.DataFrame({"amount": [f"{v:,.2f}" for v in amounts], "outcome": outcome(N, r)})
    path = tmp_path / "english.csv"
    english.to_csv(path, index=False)
    found = detect(path)
    assert (found.options.decimal, found.options.thousands) == (".", ",")
    assert np.allclose(found.frame["amount"], amounts.round(2))
    french = pd.DataFrame(
        {
            "montant": [f"{v:,.2f}".replace(",", "\u202f").replace(".", ",") for v in amounts],
            "outcome": outcome(N, r),
        }
    )
    path = tmp_path / "french.csv"
    french.to_csv(path, sep=";", index=False)
    found = detect(path)
    assert (found.options.decimal, found.options.thousands) == (",", " ")
    assert np.allclose(found.frame["montant"], amounts.round(2))
    assert decided(path)["montant"] == ("float", "feature", False)


def test_mixed_iso_and_day_first_dates_and_time_zones(tmp_path):
    r = rng(5)
    days = pd.date_range("2022-01-01", periods=N, freq="D")
    mixed = [
        d.strftime("%Y-%m-%d") if i % 2 else d.strftime("%d.%m.%Y") for i, d in enumerate(days)
    ]
    frame = pd.DataFrame(
        {
            "iso": days.strftime("%Y-%m-%d"),
            "day_first": days.strftime("%d/%m/%Y"),
            "mixed": mixed,
            "stamp": [
                f"{d:%Y-%m-%d}T10:30:00{'+02:00' if i % 2 else 'Z'}" for i, d in enumerate(days)
            ],
            "outcome": outcome(N, r),
        }
    )
    path = tmp_path / "dates.csv"
    frame.to_csv(path, index=False)
    found = detect(path)
    assert found.dates["mixed"].formats == ["ISO8601", "%d.%m.%Y"]
    assert found.dates["day_first"].order == "dayfirst"
    assert decided(path) == {
        "iso": ("datetime", "feature", False),
        "day_first": ("datetime", "feature", False),
        "mixed": ("datetime", "feature", False),
        "stamp": ("datetime", "feature", False),
        "outcome": ("category", "target", False),
    }
    from workbench.inputs.formats import parse_dates

    both = parse_dates(frame["mixed"], found.dates["mixed"].formats, dayfirst=False)
    assert (both == days).all()  # each row its own format, none swapped
    utc = parse_dates(frame["stamp"], found.dates["stamp"].formats, dayfirst=False)
    assert utc.iloc[1] == pd.Timestamp(f"{days[1]:%Y-%m-%d} 08:30")  # +02:00 made UTC


def test_ambiguous_dates_are_not_guessed(tmp_path):
    r = rng(6)
    days = [f"{r.integers(1, 13):02d}/{r.integers(1, 13):02d}/2021" for _ in range(N)]
    frame = pd.DataFrame({"signed": days, "outcome": outcome(N, r)})
    path = tmp_path / "ambiguous.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(BadInput) as caught:
        detect(path)
    assert caught.value.field == "signed"
    assert "could be day first or month first" in caught.value.problem
    assert "--date-format" in caught.value.fix
    said = detect(path, date_format="%m/%d/%Y")  # the consultant says which
    assert said.options.date_format == "%m/%d/%Y" and not said.options.dayfirst
    assert decided(path, date_format="%m/%d/%Y")["signed"] == ("datetime", "feature", False)


def test_an_excel_workbook_with_two_sheets(tmp_path):
    r = rng(7)
    notes_sheet = pd.DataFrame({"Hinweis": ["Export vom 01.07.2024", "Quelle: Kernbanksystem"]})
    loans = pd.DataFrame(
        {
            "loan_id": np.arange(1000, 1000 + N),
            "amount": r.gamma(2, 900, N).round(2),
            "opened": pd.date_range("2020-01-01", periods=N, freq="W"),
            "rate_text": [german(v) for v in r.uniform(1, 9, N)],
            "outcome": outcome(N, r),
        }
    )
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as book:
        notes_sheet.to_excel(book, sheet_name="Hinweise", index=False)
        loans.to_excel(book, sheet_name="Kredite", index=False)
    first = detect(path)  # the first sheet when nothing says which
    assert list(first.frame.columns) == ["Hinweis"]
    found = detect(path, sheet="Kredite")
    assert found.options.sheet == "Kredite" and found.options.decimal == ","
    assert decided(path, sheet="Kredite") == {
        "loan_id": ("integer", "id", False),
        "amount": ("float", "feature", False),
        "opened": ("datetime", "feature", False),
        "rate_text": ("float", "feature", False),  # numbers typed as text in the workbook
        "outcome": ("category", "target", False),
    }
    with pytest.raises(BadInput, match="no sheet 'Kredit'"):
        detect(path, sheet="Kredit")


def test_names_ibans_free_text_and_a_400_level_category(tmp_path):
    r = rng(8)
    frame = pd.DataFrame(
        {
            "Kunde": [
                f"{a} {b}" for a, b in zip(r.choice(FIRST, N), r.choice(LAST, N), strict=True)
            ],
            "IBAN": ibans(N, r),
            "Notiz": notes(N, r),
            "Arbeitgeber": r.choice([f"Betrieb {i:03d}" for i in range(400)], N * 4)[:N],
            "Region": r.choice(["Nord", "Süd", "Ost", "West"], N),
            "Mail": [f"kunde{i}@example.de" for i in range(N)],
            "IP": [f"10.0.{r.integers(0, 255)}.{r.integers(1, 255)}" for _ in range(N)],
            "outcome": outcome(N, r),
        }
    )
    path = tmp_path / "crm.csv"
    frame.to_csv(path, sep=";", index=False)
    assert decided(path) == {
        "Kunde": ("string", "exclude", True),
        "IBAN": ("string", "exclude", True),
        "Notiz": ("string", "text", False),
        "Arbeitgeber": ("string", "feature", False),  # many levels, not an identifier
        "Region": ("category", "feature", False),
        "Mail": ("string", "exclude", True),
        "IP": ("string", "exclude", True),
        "outcome": ("category", "target", False),
    }
    cols = infer_contract(detect(path).frame, "outcome", data_file=str(path))
    assert "target statistics" in " ".join(cols["Arbeitgeber"]["why"])
    assert "person names" in " ".join(cols["Kunde"]["why"])


def test_a_header_only_file_is_refused(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("kunde;betrag;outcome\n")
    with pytest.raises(BadInput, match="has a header but no rows"):
        detect(path)


def test_a_folder_is_bad_input_not_an_internal_error(tmp_path):
    with pytest.raises(BadInput, match="is a folder, not a file"):
        detect(tmp_path)


def test_english_names_under_an_unhelpful_column_name_and_an_honest_city(tmp_path):
    r = rng(9)
    frame = pd.DataFrame(
        {
            "contact": [
                f"{a} {b}" for a, b in zip(r.choice(FIRST, N), r.choice(LAST, N), strict=True)
            ],
            "city": r.choice(["New York", "Los Angeles", "San Francisco", "Las Vegas"], N),
            "outcome": outcome(N, r),
        }
    )
    path = tmp_path / "people.csv"
    frame.to_csv(path, index=False)
    assert decided(path) == {
        "contact": ("string", "exclude", True),
        "city": ("category", "feature", False),
        "outcome": ("category", "target", False),
    }


# -- through the command line -------------------------------------------------------------------
def personal_extract(n: int = 400, seed: int = 11) -> pd.DataFrame:
    r = rng(seed)
    income = r.gamma(3, 900, n)
    late = r.poisson(1.0, n)
    risk = 1 / (1 + np.exp(-(-2.0 + 1.2 * (late > 1) - 0.0004 * (income - 2700))))
    return pd.DataFrame(
        {
            "Name": [
                f"{a} {b}" for a, b in zip(r.choice(FIRST, n), r.choice(LAST, n), strict=True)
            ],
            "Mail": [f"kunde{i}@beispiel-bank.de" for i in range(n)],
            "Telefon": [f"+49 171 {r.integers(1000000, 9999999)}" for _ in range(n)],
            "IBAN": ibans(n, r),
            "Einkommen": [german(v) for v in income],
            "Mahnungen": late,
            "Beginn": pd.date_range("2020-03-01", periods=n, freq="D").strftime("%d.%m.%Y"),
            "outcome": np.where(r.random(n) < risk, "default", "repaid"),
        }
    )


def test_init_says_what_it_decided_and_refuses_what_run_would(tmp_path):
    frame = personal_extract(200)
    frame.to_csv(tmp_path / "kunden.csv", sep=";", index=False, encoding="cp1252")
    done = cli(
        "init", "kunden.csv", "--target", "outcome", "--sensitive", "Mahnungen", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"Mahnungen\s*│\s*integer\s*│\s*sensitive\s*│", done.stdout), done.stdout
    for said in ["How the file is read", "semicolon", "cp1252", "','", "%d.%m.%Y", "person names",
                 "IBANs", "phone numbers", "e-mail addresses", "What init decided"]:  # fmt: skip
        assert said in done.stdout, said
    contract = (tmp_path / "data_contracts" / "kunden.yaml").read_text(encoding="utf-8")
    assert (
        "# Read as: encoding cp1252 (detected)" in contract and "personal data (IBANs)" in contract
    )
    assert "kunde0@" not in contract  # no personal value in the contract
    spec = (tmp_path / "experiments" / "kunden.yaml").read_text(encoding="utf-8")
    assert 'decimal: ","' in spec and "dayfirst: true" in spec and "encoding: cp1252" in spec

    frame.assign(outcome="repaid").to_csv(tmp_path / "constant.csv", sep=";", index=False)
    refused = cli("init", "constant.csv", "--target", "outcome", cwd=tmp_path)
    assert refused.returncode == 2 and "single value ('repaid')" in refused.stderr
    assert "nothing was written" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "experiments" / "constant.yaml").exists()
    frame.iloc[20:28].to_csv(tmp_path / "tiny.csv", sep=";", index=False)
    refused = cli("init", "tiny.csv", "--target", "outcome", cwd=tmp_path)
    assert refused.returncode == 2 and "nothing was written" in refused.stderr
    refused = cli("init", "kunden.csv", "--target", "Name", "--task", "regression", cwd=tmp_path)
    assert refused.returncode == 2 and not (tmp_path / "experiments" / "kunden_2.yaml").exists()
    assert "np.int" not in refused.stderr + done.stdout


@pytest.mark.slow
def test_personal_data_never_reaches_the_run_directory(tmp_path):
    from conftest import FAST_TUNING

    frame = personal_extract()
    frame.to_csv(tmp_path / "kunden.csv", sep=";", index=False, encoding="cp1252")
    done = cli("init", "kunden.csv", "--target", "outcome", "--group-column", "Mail", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    spec = tmp_path / "experiments" / "kunden.yaml"
    text = spec.read_text(encoding="utf-8")
    for old, new in FAST_TUNING.items():
        text = text.replace(old, new)
    spec.write_text(text, encoding="utf-8")
    run_dir = tmp_path / "runs" / "one"
    done = cli("run", spec, "--run-dir", run_dir, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr + done.stdout
    values = [
        *frame["Mail"], *frame["Telefon"], *frame["IBAN"], *frame["Name"].unique(),
        *frame["Telefon"].str.replace(" ", ""),
    ]  # fmt: skip
    blobs = {p: p.read_bytes() for p in run_dir.rglob("*") if p.is_file()}
    assert any(p.name == "snapshot.parquet" for p in blobs)
    found = [
        (str(p.relative_to(run_dir)), v)
        for p, blob in blobs.items()
        for v in values
        if v.encode() in blob or v.encode("cp1252") in blob
    ]
    assert found == []
    snapshot = pd.read_parquet(run_dir / "data" / "snapshot.parquet")
    assert "Name" not in snapshot and "IBAN" not in snapshot and "Telefon" not in snapshot
    assert snapshot["Mail"].str.fullmatch(r"[0-9a-f]{16}").all()  # the group key, hashed
    assert snapshot["Mail"].nunique() == frame["Mail"].nunique()
    key = tmp_path / ".workbench" / "pii.key"
    assert key.exists() and key.read_bytes().strip() not in b"".join(blobs.values())


@pytest.mark.slow
def test_a_german_extract_scores_as_the_same_data_written_plainly(tmp_path):
    from conftest import FAST_TUNING, staged_run
    from workbench.inputs.scaffold import scaffold

    frame = personal_extract(500, seed=12).drop(columns=["Name", "Mail", "Telefon", "IBAN"])
    plain = frame.assign(
        Einkommen=frame["Einkommen"].str.replace(".", "").str.replace(",", ".").astype(float),
        Beginn=pd.to_datetime(frame["Beginn"], format="%d.%m.%Y").dt.strftime("%Y-%m-%d"),
    )
    scores = {}
    for name, data, sep in [("german", frame, ";"), ("plain", plain, ",")]:
        root = tmp_path / name
        path = root / "data" / f"{name}.csv"
        path.parent.mkdir(parents=True)
        data.to_csv(path, sep=sep, index=False, encoding="cp1252" if name == "german" else "utf-8")
        found = detect(path)
        made = scaffold(
            path, found.frame, "outcome", name="study", task=None, out_dir=root,
            time_column=None, group_column=None, sensitive=[], pii=[], force=False,
            detected=found,
        )  # fmt: skip
        text = made.spec_path.read_text(encoding="utf-8")
        for old, new in FAST_TUNING.items():
            text = text.replace(old, new)
        made.spec_path.write_text(text, encoding="utf-8")
        # the models fitted and scored on the data as read: every baseline's fold scores
        _, run = staged_run(root, None, "outcome", ["data", "leakage", "baselines"])
        from workbench.store.results import BaselinesResult

        models = run.load_result("baselines", BaselinesResult).models
        scores[name] = {m.name: [round(s, 6) for s in m.fold_scores] for m in models}
    assert scores["german"] == scores["plain"]


def workbook(path, sheets: dict[str, pd.DataFrame]):
    with pd.ExcelWriter(path) as book:
        for name, frame in sheets.items():
            frame.to_excel(book, sheet_name=name, index=False)
    return path


NOTES = pd.DataFrame({"Hinweis": ["Export vom 01.07.2024", "Quelle: Kernbanksystem"]})


def loans(seed: int) -> pd.DataFrame:
    r = rng(seed)
    return pd.DataFrame(
        {"amount": r.gamma(2, 900, N).round(2), "term": r.integers(6, 60, N)}
    ).assign(outcome=outcome(N, r))


def test_init_finds_the_target_on_a_later_sheet_and_says_so(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"Hinweise": NOTES, "Kredite": loans(9)})
    found = detect(path, target="outcome")
    assert found.options.sheet == "Kredite"
    assert list(found.frame.columns) == ["amount", "term", "outcome"]
    sheet = next(f for f in found.facts if f[0] == "sheet")
    assert sheet[1] == "Kredite" and "only sheet with a column 'outcome'" in sheet[2]
    assert "'Hinweise'" in sheet[2]  # the first sheet, passed over
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "init",
            str(path),
            "--target=outcome",
            f"--dir={tmp_path}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},  # the table's cells unwrapped
    )
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if "sheet" in line)
    assert "Kredite" in row and "only sheet with a column 'outcome'" in row
    spec = (tmp_path / "experiments" / "book.yaml").read_text()
    assert "sheet: Kredite" in spec  # the run reads the same sheet
    checked = cli("validate", tmp_path / "experiments" / "book.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_workbook_without_the_target_lists_every_sheet_with_its_columns(tmp_path):
    path = workbook(
        tmp_path / "book.xlsx", {"Hinweise": NOTES, "Leer": pd.DataFrame(), "Kredite": loans(10)}
    )
    with pytest.raises(BadInput) as caught:
        detect(path, target="outcom")
    problem = caught.value.problem
    assert caught.value.field == "--target"
    assert "no sheet of the workbook has a column 'outcom'" in problem
    assert "Did you mean 'outcome'?" in problem
    assert "'Hinweise' (Hinweis)" in problem and "'Leer' (empty)" in problem
    assert "'Kredite' (amount, term, outcome)" in problem
    done = cli("init", path, "--target", "outcom", "--dir", tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "'Kredite' (amount, term, outcome)" in " ".join(done.stderr.split())
    assert not (tmp_path / "experiments").exists()


def test_a_target_on_several_sheets_is_not_guessed(tmp_path):
    path = workbook(
        tmp_path / "book.xlsx", {"Hinweise": NOTES, "2023": loans(11), "2024": loans(12)}
    )
    with pytest.raises(BadInput) as caught:
        detect(path, target="outcome")
    assert caught.value.field == "--sheet"
    assert "2 sheets of the workbook have a column 'outcome'" in caught.value.problem
    assert "'2023' (amount, term, outcome); '2024' (amount, term, outcome)" in caught.value.problem
    assert "--sheet" in caught.value.fix
    chosen = detect(path, sheet="2023", target="outcome")  # the consultant says which
    assert chosen.options.sheet == "2023" and len(chosen.frame) == N


def test_a_named_sheet_without_the_target_points_to_the_sheet_that_has_it(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {"Hinweise": NOTES, "Kredite": loans(13)})
    with pytest.raises(BadInput) as caught:
        detect(path, sheet="Hinweise", target="outcome")
    assert caught.value.field == "--sheet"
    assert "It is on the sheet 'Kredite'" in caught.value.problem
    assert caught.value.fix == "pass --sheet 'Kredite'"
    one = workbook(tmp_path / "one.xlsx", {"Daten": loans(14)})
    only = detect(one, target="outcome")  # a one-sheet workbook: nothing to choose
    assert only.options.sheet is None and len(only.frame) == N
