"""Free text as it arrives: personal data inside it masked and counted, the debris of database
and spreadsheet exports read as what it means, `init` making a text the model's input (or
refusing a table with no input at all), and the spec's routing block."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import synth
from conftest import make_project
from workbench.cli import app
from workbench.errors import BadInput
from workbench.inputs.export_debris import Debris
from workbench.inputs.files import read_raw
from workbench.inputs.personal_data import mask_column, mask_text


@pytest.mark.parametrize(
    "text, masked, kinds",
    [
        ("write to anna.schmidt@example.com today", "write to «email» today", {"email": 1}),
        ("call +49 171 2345678 or (030) 123 4567", "call «phone» or «phone»", {"phone": 2}),
        ("US: (555) 123-4567.", "US: «phone».", {"phone": 1}),
        ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN «iban» please", {"iban": 1}),
        ("card 4111 1111 1111 1111 charged", "card «card» charged", {"card": 1}),
        ("Dear Ms Weber, hello", "Dear Ms «name», hello", {"name": 1}),
        ("Sehr geehrte Frau Dr. Schulz", "Sehr geehrte Frau Dr. «name»", {"name": 1}),
        ("Thanks, Thomas Müller", "Thanks, «name»", {"name": 1}),
        ("Anna called twice", "«name» called twice", {"name": 1}),
    ],
)
def test_personal_data_inside_text_is_masked_and_counted(text, masked, kinds):
    counts = Counter()
    assert mask_text(text, counts) == masked
    assert dict(counts) == kinds


def every_pattern(text: str, counts: Counter) -> str:
    """`mask_text` without its shortcuts: every pattern tried on every text."""
    from workbench.inputs import personal_data as pd_

    for pattern, kind, keep, replace in [
        (pd_.EMAIL_IN_TEXT, "email", None, None),
        (pd_.IBAN_IN_TEXT, "iban", None, None),
        (pd_.CARD_IN_TEXT, "card", pd_._card, None),
        (pd_.PHONE_IN_TEXT, "phone", pd_._phone, None),
        (pd_.HONORIFIC, "name", None, pd_._named),
        (pd_.GREETING, "name", None, pd_._named),
    ]:

        def one(m, keep=keep, replace=replace, kind=kind):
            if keep is not None and not keep(m):
                return m.group()
            new = replace(m) if replace else pd_.MARKS[kind]
            counts[kind] += new != m.group()
            return new

        text = pattern.sub(one, text)
    return pd_._first_names(text, counts)


def test_the_shortcuts_mask_what_every_pattern_would():
    """A pattern is skipped only on a text without what it cannot match without (an at sign,
    a digit, a title): the masks and counts are those of every pattern tried."""
    texts = [
        *synth.tickets(300, seed=9)["description"].astype(str),
        "mail me: Anna.Schmidt@example.com, Prof. Dr. Weber, card 4111-1111-1111-1111",
        "Herr Meyer and Fr. Klein; Mrs. Smith; Mx Lee; Miss Jones; Hr. Berg",
        *(f"ticket from {t} Berger today" for t in ["Herr", "Frau", "Prof.", "Dr", "Miss"]),
        *(f"ticket from {t} Berger today" for t in ["Mx", "Ms", "Mr.", "Mrs", "Hr", "Fr."]),
        "no digits, no titles, just Thomas Müller",
        "DE89370400440532013000 and tel. 030/1234567, +44 20 7946 0958",
        "١٢٣٤٥٦٧ phone in other digits ۰۳۰۱۲۳۴۵۶۷",
        "",
    ]
    for text in texts:
        mine, reference = Counter(), Counter()
        assert mask_text(text, mine) == every_pattern(text, reference), text
        assert +mine == +reference, text


@pytest.mark.parametrize(
    "text",
    [
        "Invoice of 08.07.2021 for 1.234,56 EUR, order 12345",  # a date, an amount, an order
        "Can you help? Mark it urgent, Will is away in May",  # names that are everyday words
        "Hi team, the app crashed at 14:30 on 2021-07-08 (version 3.2.1)",
        "card 4111 1111 1111 1112 charged",  # no card number: its check digit is wrong
    ],
)
def test_what_is_not_personal_data_stays(text):
    counts = Counter()
    assert mask_text(text, counts) == text and not counts


def test_a_column_is_masked_row_by_row_and_keeps_its_gaps():
    column = pd.Series(["mail a@b.de", None, "nothing here", "x@y.com and z@w.org"], dtype="str")
    masked, found = mask_column(column)
    assert masked.isna().tolist() == [False, True, False, False]
    assert masked.iloc[3] == "«email» and «email»" and found == {"email": 3}
    assert str(masked.dtype) == str(column.dtype)


def test_export_debris_is_read_as_what_it_means_and_counted(tmp_path):
    path = tmp_path / "export.csv"
    raw = (
        "id,description,amount,city\n"
        "1,\\N,3.5,NULL\n"
        '2,"It\x1as broken, the cafÃ© is closed",\\N,Berlin\n'
        "3,(null),#N/A,\n"
        "4,lost char \ufffd here,2,Köln\n"
    )
    path.write_text(raw, encoding="utf-8")
    frame = read_raw(path)
    assert frame["description"].isna().tolist() == [True, False, True, False]
    assert frame["amount"].dtype == "float64"  # \N no longer keeps a number column as text
    assert frame["description"].iloc[1] == "It's broken, the café is closed"
    debris = Debris.of(frame)
    assert debris.markers == {
        "description": {"\\N": 1, "(null)": 1},
        "amount": {"\\N": 1, "#N/A": 1},
        "city": {"NULL": 1},  # the empty cell is no marker
    }
    assert debris.control_characters == {"description": 1}
    assert debris.repaired_values == {"description": 1}
    assert debris.lost_characters == {"description": 1}
    assert path.read_text(encoding="utf-8") == raw  # the file is never changed
    facts = {what: value for what, value, _ in debris.facts()}
    assert facts["missing-value markers in 'amount'"] == "1 × '\\N', 1 × '#N/A'"


def test_a_typed_file_is_held_to_the_explicit_markers_only(tmp_path):
    pd.DataFrame({"a": ["\\N", "x", "NULL", "NA", "(null)"]}).to_parquet(tmp_path / "t.parquet")
    frame = read_raw(tmp_path / "t.parquet")
    assert frame["a"].tolist()[1:4:2] == ["x", "NA"]  # NA may be North America here
    assert Debris.of(frame).markers == {"a": {"\\N": 1, "NULL": 1, "(null)": 1}}


def test_init_makes_free_text_the_model_input_and_says_so(tmp_path):
    from workbench.inputs.inference import infer_contract

    frame = synth.tickets(200, seed=1, columns=False)
    columns = infer_contract(frame, "team")
    text = columns["description"]
    assert text["role"] == "text" and not text.get("pii")  # e-mails inside: masked, not dropped
    why = " ".join(text["why"])
    assert "a model input" in why and "the main evidence" in why
    assert "e-mail addresses" in why and "names" in why
    assert columns["ticket_id"]["role"] == "id"
    spec = make_project(tmp_path, frame, "team").read_text()
    assert "primary: f1_macro" in spec and "family: linear" in spec and "# routing:" in spec


def test_text_declared_with_init_is_a_model_input(tmp_path):
    from workbench.inputs.inference import infer_contract

    frame = pd.DataFrame(
        {
            "subject": np.resize(["refund", "app crash", "late parcel", "new address"], 120),
            "n": np.arange(120) % 7,
            "team": np.resize(["billing", "technical", "delivery", "account"], 120),
        }
    )
    assert infer_contract(frame, "team")["subject"]["type"] == "category"  # by itself
    declared = infer_contract(frame, "team", text=["subject"])["subject"]
    assert declared["role"] == "text" and "allowed" not in declared
    assert "(--text)" in " ".join(declared["why"])
    with pytest.raises(BadInput, match="holds numbers, not text"):
        infer_contract(frame, "team", text=["n"])
    with pytest.raises(BadInput, match="not a column of the data"):
        infer_contract(frame, "team", text=["subjet"])


def test_a_table_with_no_model_input_is_refused_by_init_and_validate(tmp_path):
    frame = pd.DataFrame(
        {
            "review_id": np.arange(300),
            "product_id": [f"P{i:04d}" for i in range(300)],
            "score": np.resize(["great", "other"], 300),
        }
    )
    data = tmp_path / "reviews.csv"
    frame.to_csv(data, index=False)
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(data), "--target", "score", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "no input" in said and "'review_id' (role id)" in said and "nothing was written" in said
    assert "--text" in said and not (tmp_path / "experiments" / "reviews.yaml").exists()
    # a contract edited to leave nothing in: validate refuses it the same way
    frame["note"] = "free text about the product, long enough to read as prose here"
    spec = make_project(tmp_path / "p", frame, "score")
    contract = spec.parent.parent / "data_contracts" / "study.yaml"
    text = contract.read_text().replace("role: text", "role: exclude")
    contract.write_text(text.replace("role: feature", "role: exclude"))
    result = runner.invoke(app, ["validate", str(spec)])
    assert result.exit_code == 2 and "no input" in " ".join(result.output.split())


def test_the_routing_block_prices_several_classes_only_and_names_real_ones(tmp_path):
    from workbench.inputs.routing import Routing

    assert Routing(cases_per_month=10, misroute_cost=2, costs={"a": {"b": 5}}).cost("a", "c") == 2
    with pytest.raises(ValueError, match="routed right and costs nothing"):
        Routing(cases_per_month=10, costs={"a": {"a": 1}})
    frame = synth.tickets(200, seed=2)
    routing = "routing:\n  cases_per_month: 100\n  costs: {billing: {tech: 4.0}}\nprofile:"
    spec = make_project(tmp_path, frame, "team", edits={"profile:": routing})
    result = CliRunner().invoke(app, ["validate", str(spec)])
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "'tech' is not a class" in said and "technical" in said
    binary = make_project(
        tmp_path / "b", synth.applicants(200), "status", edits={"profile:": routing}
    )
    result = CliRunner().invoke(app, ["validate", str(binary)])
    assert result.exit_code == 2 and "a yes/no decision is priced with" in " ".join(
        result.output.split()
    )


def test_init_masks_each_text_once_and_a_run_reads_the_same_masks(tmp_path, monkeypatch):
    """`init` masks the free text to say what it will mask, then checks the data as a run will
    read it: the second pass takes the first one's masks (the same texts), and outside `init`
    nothing is remembered."""
    from workbench.cli import app
    from workbench.inputs import export_debris, personal_data

    frame = synth.tickets(150, seed=2, columns=False)
    data = tmp_path / "tickets.csv"
    frame.to_csv(data, index=False)
    calls, repairs = [], []
    real = personal_data.mask_text
    monkeypatch.setattr(
        personal_data, "mask_text", lambda text, counts: calls.append(text) or real(text, counts)
    )
    real_repair = export_debris._repair
    monkeypatch.setattr(
        export_debris, "_repair", lambda before: repairs.append(len(before)) or real_repair(before)
    )
    result = CliRunner().invoke(
        app, ["init", str(data), "--target", "team", "--dir", str(tmp_path), "--no-ask"]
    )
    assert result.exit_code == 0, result.output
    texts = read_raw(data)["description"].dropna()  # export markers (\\N) read as missing
    assert len(calls) == len(texts)  # each text masked once, though two passes read it
    assert not personal_data.MASKS.active  # nothing remembered past init
    # the broken encodings (cafÃ©) repaired once though the file was read twice
    assert len(repairs) == 2 and repairs[0] > 0  # the read_raw above repaired them anew
    assert not export_debris.REPAIRS.active
    with export_debris.repairs_remembered():
        first, again = read_raw(data), read_raw(data)
    assert len(repairs) == 3 and first.equals(again) and first.equals(read_raw(data))
    assert Debris.of(first) == Debris.of(again) and Debris.of(first).repaired_values
    masked, found = personal_data.mask_column(texts)
    assert len(calls) == 2 * len(texts) and found  # outside init: masked anew
    with personal_data.masks_remembered():
        again, found_again = personal_data.mask_column(texts)
        assert personal_data.mask_column(texts)[1] == found_again == found
    assert again.equals(masked) and len(calls) == 3 * len(texts)
