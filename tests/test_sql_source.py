"""Data from a database: the spec's `data.sql`, the read (streamed, read-only, limit, sample),
the snapshot every later stage reads, `workbench init --sql`, and the password kept out of
every output. Spec checks run without a server; the rest against a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import synth
from conftest import FAST_TUNING, make_project
from workbench.cli import app
from workbench.errors import BadInput
from workbench.inputs.database import build_statement, read_query, tidy
from workbench.inputs.spec import SqlQuery, load_spec

SECRET = "Zq9-planted-pw-4711"  # trust authentication ignores it; it must appear nowhere
ENV = "CLIENT_DB_URL"


def with_sql(spec: Path, block: str) -> Path:
    """The spec `make_project` wrote, reading `block` (YAML under data:) instead of its file."""
    text = re.sub(r"  path: .*\n", lambda _: block.rstrip("\n") + "\n", spec.read_text(), count=1)
    spec.write_text(text)
    return spec


SQL_BLOCK = f"""  sql:
    query: |-
      SELECT *
      FROM applicants
    url_env: {ENV}
"""


@pytest.fixture
def sql_project(tmp_path):
    spec = make_project(tmp_path, synth.applicants(200), "status")
    return with_sql(spec, SQL_BLOCK)


def validate(spec: Path):
    result = CliRunner().invoke(app, ["validate", str(spec)])
    return result.exit_code, result.output, result.stderr


def one_paragraph(stderr: str) -> bool:
    return stderr.strip().startswith("Error:") and "\n" not in stderr.strip()


# -- the spec, without a server -----------------------------------------------------------------
def test_a_spec_with_a_sql_block_loads(sql_project):
    loaded = load_spec(sql_project)
    assert loaded.data_path is None
    sql = loaded.spec.data.sql
    assert sql.query == "SELECT *\nFROM applicants" and sql.url_env == ENV
    assert sql.limit is None and sql.chunk_rows == 50_000


@pytest.mark.parametrize(
    ("block", "words"),
    [
        (
            '  path: "../data/study.csv"\n' + SQL_BLOCK,
            ["exactly one of data.path", "not both"],
        ),
        (
            f"  sql:\n    query: SELECT * FROM t\n    url_env: postgresql://ana:{SECRET}@db/crm\n",
            ["data.sql", "must name an environment variable", f"url_env: {ENV}"],
        ),
        (
            "  sql:\n    query: SELECT * FROM t\n    url_env: client-db\n",
            ["'client-db' is not an environment variable name"],
        ),
        (
            f"  sql:\n    query: DELETE FROM applicants\n    url_env: {ENV}\n",
            ["starts with 'delete'", "only reads"],
        ),
        (
            f"  sql:\n    query: SELECT 1\n    url_env: {ENV}\n    sample_fraction: 1.5\n",
            ["data.sql.sample_fraction"],
        ),
        (
            f"  sql:\n    query: SELECT 1\n    url: {ENV}\n",
            ["'data.sql.url' is not a known key", "Did you mean 'url_env'"],
        ),
        (
            SQL_BLOCK + '  csv_delimiter: ";"\n',
            ["applies to files; a database returns typed values"],
        ),
        (
            f"  path: postgresql://ana:{SECRET}@db/crm\n",
            ["data.path holds a URL", "url_env"],
        ),
    ],
    ids=[
        "path and sql",
        "URL in the spec",
        "not a variable name",
        "not a SELECT",
        "sample out of range",
        "misspelled key",
        "delimiter with sql",
        "URL as the path",
    ],
)
def test_a_wrong_sql_block_is_refused(tmp_path, block, words):
    spec = with_sql(make_project(tmp_path, synth.applicants(100), "status"), block)
    code, output, stderr = validate(spec)
    assert code == 2, output
    assert one_paragraph(stderr), stderr
    for w in words:
        assert w in output, (w, output)
    assert "study.yaml" in output and SECRET not in output


def test_a_missing_variable_names_itself_and_the_spec(sql_project, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    code, output, stderr = validate(sql_project)
    assert code == 2 and one_paragraph(stderr), output
    assert f"the environment variable {ENV}" in output and "is not set" in output
    assert str(sql_project) in output and f"export {ENV}=" in output


def test_a_variable_that_is_no_url_is_not_echoed(sql_project, monkeypatch):
    monkeypatch.setenv(ENV, f"ana {SECRET} at the warehouse")
    code, output, stderr = validate(sql_project)
    assert code == 2 and one_paragraph(stderr), output
    assert "does not hold a database URL" in output and SECRET not in output


def test_an_unreachable_database_names_host_and_query_not_password(sql_project, monkeypatch):
    import pg

    port = pg.free_port()  # nothing listens there
    monkeypatch.setenv(ENV, f"postgresql://ana:{SECRET}@127.0.0.1:{port}/crm")
    code, output, stderr = validate(sql_project)
    assert code == 2 and one_paragraph(stderr), output
    assert "cannot connect" in output and f"127.0.0.1:{port}" in output and "crm" in output
    assert "data.sql.url_env" in output and SECRET not in output and "ana" not in output


def test_a_missing_driver_is_bad_input(sql_project, monkeypatch):
    monkeypatch.setenv(ENV, f"mysql://ana:{SECRET}@db.example/crm")
    code, output, stderr = validate(sql_project)
    assert code == 2 and one_paragraph(stderr), output
    assert "driver" in output and "mysql" in output and SECRET not in output


def test_tidy_gives_each_column_one_dtype(tmp_path):
    day = dt.date(2024, 5, 1)
    chunks = [
        pd.DataFrame(
            {
                "n": [None, None],
                "amount": [decimal.Decimal("1.50"), None],
                "day": [day, None],
                "flag": [True, None],
                "ref": [uuid.UUID(int=1), None],
                "doc": [{"b": 1, "a": 2}, None],
                "at": pd.to_datetime(["2024-05-01T10:00:00+02:00", None], utc=True),
            }
        ),
        pd.DataFrame(
            {
                "n": [3, 4],
                "amount": [decimal.Decimal("2"), decimal.Decimal("3.25")],
                "day": [day, day],
                "flag": [False, True],
                "ref": [uuid.UUID(int=2), uuid.UUID(int=3)],
                "doc": [[1], {"a": 1}],
                "at": pd.to_datetime(["2024-05-02T00:00:00Z"] * 2, utc=True),
            }
        ),
    ]
    frame = tidy(pd.concat(chunks, ignore_index=True))
    assert frame["n"].dtype == "float64" and frame["n"].tolist()[2:] == [3.0, 4.0]
    assert frame["amount"].dtype == "float64" and frame["amount"].iloc[3] == 3.25
    assert pd.api.types.is_datetime64_dtype(frame["day"])
    assert str(frame["flag"].dtype) == "boolean"
    assert (
        frame["ref"].iloc[0] == str(uuid.UUID(int=1)) and frame["doc"].iloc[0] == '{"a": 2, "b": 1}'
    )
    assert frame["at"].dt.tz is None and frame["at"].iloc[0] == pd.Timestamp("2024-05-01 08:00")
    frame.to_parquet(tmp_path / "tidy.parquet")  # every column storable


def test_the_statement_wraps_limit_and_a_seeded_sample_on_postgres():
    sql = SqlQuery(query="SELECT * FROM t;", url_env=ENV, limit=500, sample_fraction=0.25)
    text = build_statement(sql, "postgresql", 7, "spec.yaml")
    assert text.startswith("SELECT * FROM (\nSELECT * FROM t\n) AS workbench_source")
    assert "md5(workbench_source::text || ':7')" in text and text.endswith("LIMIT 500")
    assert f"< {2**30}" in text  # a quarter of the 32-bit hash range
    assert build_statement(SqlQuery(query="SELECT 1", url_env=ENV), "postgresql", 7, "s") == (
        "SELECT 1"
    )
    with pytest.raises(BadInput, match="sample_fraction is applied inside PostgreSQL"):
        build_statement(sql, "sqlite", 7, "spec.yaml")


def test_a_query_is_read_in_chunks_and_stops_at_the_limit(tmp_path, monkeypatch):
    import sqlalchemy

    db = tmp_path / "client.db"
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    synth.applicants(1000).to_sql("applicants", engine, index=False)
    engine.dispose()
    monkeypatch.setenv(ENV, f"sqlite:///{db}")
    sql = SqlQuery(
        query="SELECT * FROM applicants WHERE income > 0 -- 100% of them",
        url_env=ENV,
        chunk_rows=100,
        limit=250,
    )
    read = read_query(sql, ENV, 42, "spec.yaml")
    assert len(read.frame) == 250 and read.chunks == 3 and read.limit_reached
    assert read.frame["application_id"].tolist()[:2] == [10_000, 10_001]
    assert read.place.dialect == "sqlite" and read.frame["income"].dtype == "float64"


@pytest.fixture
def sqlite_project(tmp_path, monkeypatch):
    """A project whose spec reads 300 applicants from a SQLite file (no server needed)."""
    import sqlalchemy

    db = tmp_path / "client.db"
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    synth.applicants(300).to_sql("applicants", engine, index=False)
    engine.dispose()
    monkeypatch.setenv(ENV, f"sqlite:///{db}")
    spec = make_project(tmp_path, synth.applicants(300), "status")
    return with_sql(spec, SQL_BLOCK), db


def test_the_snapshot_is_the_runs_data_from_then_on(sqlite_project, monkeypatch):
    from workbench.inputs.context import load_context
    from workbench.inputs.source import query_snapshot, read_source
    from workbench.store.run_directory import Run

    spec, db = sqlite_project
    loaded = load_spec(spec)
    first, blob = query_snapshot(loaded)
    again, _ = query_snapshot(loaded)
    assert first.facts == again.facts  # same rows, same bytes, same fingerprint
    assert first.facts.fingerprint == hashlib.sha256(blob).hexdigest()
    assert first.facts.rows == 300 and first.facts.label == "SQL query on client.db"

    run = Run(spec.parent.parent / "run")
    source = read_source(loaded, run)
    assert (run.dir / "data" / "source.parquet").read_bytes() == blob
    assert source.fingerprint() == first.facts.fingerprint
    assert source.manifest_facts()["query"] == "SELECT *\nFROM applicants"

    db.unlink()  # the database is gone: the run still has its rows
    monkeypatch.delenv(ENV)
    again = read_source(load_context(spec).loaded, run)
    pd.testing.assert_frame_equal(again.frame, source.frame)

    changed = spec.read_text().replace("FROM applicants", "FROM applicants WHERE age > 30")
    spec.write_text(changed)
    with pytest.raises(BadInput, match="differs from the one this run's snapshot was taken"):
        read_source(load_spec(spec), run)
    spec.write_text(changed.replace(" WHERE age > 30", ""))
    path = run.dir / "data" / "source.parquet"
    path.write_bytes(path.read_bytes()[:-8] + b"tampered")
    with pytest.raises(BadInput, match="no longer has the sha256 recorded"):
        read_source(load_spec(spec), run)


def test_a_sqlite_spec_validates_and_a_sample_is_refused_there(sqlite_project):
    spec, _ = sqlite_project
    code, output, _ = validate(spec)
    assert code == 0 and "300 rows of SQL query on client.db meet the contract" in output
    spec.write_text(
        spec.read_text().replace(f"url_env: {ENV}", f"url_env: {ENV}\n    sample_fraction: 0.5")
    )
    code, output, stderr = validate(spec)
    assert code == 2 and one_paragraph(stderr)
    assert "sample_fraction is applied inside PostgreSQL, but the database is sqlite" in output


def test_init_writes_a_sql_block_that_loads(tmp_path):
    from workbench.inputs.scaffold import scaffold

    made = scaffold(
        None,
        synth.applicants(200),
        "status",
        name="crm",
        task=None,
        out_dir=tmp_path,
        time_column=None,
        group_column=None,
        sensitive=[],
        pii=[],
        force=False,
        sql={
            "query": "SELECT a.*\nFROM applicants a  -- all of them\nWHERE a.age >= 18",
            "url_env": ENV,
            "limit": 5000,
            "label": "SQL query on crm (db.example)",
        },
    )
    spec, contract = made.spec_path, made.contract_path
    loaded = load_spec(spec)
    assert loaded.spec.data.sql.query.endswith("WHERE a.age >= 18")
    assert loaded.spec.data.sql.limit == 5000 and loaded.data_path is None
    assert "from SQL query on crm (db.example)" in contract.read_text()


# -- against PostgreSQL -----------------------------------------------------------------------------
def plain_url(postgres_url: str, database: str = "postgres") -> str:
    """The test server's URL in the form a client hands over: postgresql://, with a password."""
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    return url.replace("postgres@", f"postgres:{SECRET}@").rsplit("/", 1)[0] + f"/{database}"


@pytest.fixture(scope="module")
def client_db(postgres_url):
    """A database of its own with 3,000 applicants (dates as a DATE column)."""
    import sqlalchemy

    admin = sqlalchemy.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.exec_driver_sql("DROP DATABASE IF EXISTS crm")
        con.exec_driver_sql("CREATE DATABASE crm")
    admin.dispose()
    url = plain_url(postgres_url, "crm")
    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    synth.applicants(3000).to_sql("applicants", engine, index=False)
    with engine.begin() as con:
        con.exec_driver_sql(
            "ALTER TABLE applicants ALTER COLUMN applied_on TYPE date USING applied_on::date"
        )
        con.exec_driver_sql("CREATE SEQUENCE tickets")
    yield url, engine
    engine.dispose()


@pytest.mark.postgres
def test_init_from_a_query_then_validate(tmp_path, client_db, monkeypatch):
    url, _ = client_db
    monkeypatch.setenv(ENV, url)
    query = "SELECT *\nFROM applicants\nWHERE age >= 18"
    result = CliRunner().invoke(
        app,
        ["init", "--sql", query, "--url-env", ENV, "--target", "status", "--dir", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    spec = tmp_path / "experiments" / "applicants.yaml"
    contract = (tmp_path / "data_contracts" / "applicants.yaml").read_text()
    assert load_spec(spec).spec.data.sql.query == query
    assert re.search(r"applied_on:.*\n    type: datetime", contract)
    assert re.search(r"application_id:.*\n    type: integer\n    role: id", contract)
    assert "3000 rows" in contract and "from SQL query on crm (127.0.0.1)" in contract
    for p in [spec, tmp_path / "data_contracts" / "applicants.yaml"]:
        assert SECRET not in p.read_text() and "postgresql://" not in p.read_text()
    code, output, _ = validate(spec)
    assert code == 0, output
    assert "3,000 rows of SQL query on crm (127.0.0.1) meet the contract" in output


@pytest.mark.postgres
def test_init_needs_both_the_query_and_the_variable(tmp_path, client_db, monkeypatch):
    monkeypatch.setenv(ENV, client_db[0])
    result = CliRunner().invoke(
        app, ["init", "--sql", "SELECT * FROM applicants", "--target", "status"]
    )
    assert result.exit_code == 2 and "--url-env is missing" in result.output
    result = CliRunner().invoke(
        app,
        ["init", "--sql", "SELECT * FROM nowhere", "--url-env", ENV, "--target", "status"],
    )
    assert result.exit_code == 2 and one_paragraph(result.stderr), result.output
    assert "at '--sql'" in result.output and '"nowhere" does not exist' in result.output


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("SELECT *\nFROM applicant", ['relation "applicant" does not exist']),
        ("SELECT nextval('tickets') AS ticket, *\nFROM applicants", ["read-only transaction"]),
        ("SELECT *\nFROM applicants\nWHERE age > 200", ["returned no rows"]),
        ("SELECT application_id, application_id\nFROM applicants", ["more than once"]),
    ],
    ids=["bad SQL", "writes", "no rows", "duplicate columns"],
)
def test_a_failing_query_is_one_paragraph(tmp_path, client_db, monkeypatch, query, words):
    monkeypatch.setenv(ENV, client_db[0])
    block = f"  sql:\n    query: {json.dumps(query)}\n    url_env: {ENV}\n"
    spec = with_sql(make_project(tmp_path, synth.applicants(100), "status"), block)
    code, output, stderr = validate(spec)
    assert code == 2 and one_paragraph(stderr), output
    for w in [*words, query.splitlines()[0], "crm", "127.0.0.1", "data.sql"]:
        assert w in output, (w, output)
    assert SECRET not in output and "Traceback" not in output


@pytest.mark.postgres
def test_a_second_statement_never_runs(tmp_path, client_db, monkeypatch):
    url, engine = client_db
    monkeypatch.setenv(ENV, url)
    block = f"  sql:\n    query: SELECT 1 AS a; DROP TABLE applicants\n    url_env: {ENV}\n"
    spec = with_sql(make_project(tmp_path, synth.applicants(100), "status"), block)
    code, output, stderr = validate(spec)
    assert code == 2 and one_paragraph(stderr) and "data.sql.query" in output
    with engine.connect() as con:
        assert con.exec_driver_sql("SELECT count(*) FROM applicants").scalar() == 3000


def ids_of(**options) -> list[int]:
    sql = SqlQuery(query="SELECT * FROM sampled", url_env=ENV, **options)
    return read_query(sql, ENV, 42, "spec.yaml").frame["application_id"].tolist()


@pytest.mark.postgres
def test_the_sample_is_repeatable_and_decided_row_by_row(client_db, monkeypatch):
    url, engine = client_db
    monkeypatch.setenv(ENV, url)
    with engine.begin() as con:
        con.exec_driver_sql("CREATE TABLE sampled AS SELECT * FROM applicants")
    first = ids_of(sample_fraction=0.3)
    assert 750 < len(first) < 1050 and ids_of(sample_fraction=0.3) == first
    with engine.begin() as con:  # other rows leave, the table is rewritten in another order
        con.exec_driver_sql("DELETE FROM sampled WHERE application_id %% 3 = 0")
        con.exec_driver_sql(
            "CREATE TABLE shuffled AS SELECT * FROM sampled ORDER BY md5(application_id::text)"
        )
        con.exec_driver_sql("DROP TABLE sampled")
        con.exec_driver_sql("ALTER TABLE shuffled RENAME TO sampled")
    after = ids_of(sample_fraction=0.3)
    assert sorted(after) == sorted(i for i in first if i % 3 != 0)
    limited = ids_of(sample_fraction=0.3, limit=50, chunk_rows=100)
    assert len(limited) == 50 and set(limited) <= set(after)


@pytest.mark.postgres
def test_the_limit_keeps_the_first_rows_of_an_ordered_query(client_db, monkeypatch):
    monkeypatch.setenv(ENV, client_db[0])
    sql = SqlQuery(
        query="SELECT * FROM applicants ORDER BY application_id DESC",
        url_env=ENV,
        limit=120,
        chunk_rows=100,
    )
    read = read_query(sql, ENV, 42, "spec.yaml")
    assert read.limit_reached and read.frame["application_id"].tolist() == list(
        range(12_999, 12_879, -1)
    )
    assert pd.api.types.is_datetime64_dtype(read.frame["applied_on"])


# -- a whole study on a table ---------------------------------------------------------------------
def every_file_free_of(root: Path, secret: str) -> list[str]:
    return [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and secret.encode() in p.read_bytes()
    ]


@pytest.mark.slow
@pytest.mark.postgres
def test_a_study_reads_a_postgres_table_and_reproduces_after_it_changed(tmp_path, client_db):
    url, engine = client_db
    with engine.begin() as con:
        con.exec_driver_sql("CREATE TABLE extract AS SELECT * FROM applicants")
    cli = [sys.executable, "-m", "workbench"]
    with_url = {**os.environ, ENV: url}
    without_url = {k: v for k, v in os.environ.items() if k != ENV}
    query = "SELECT *\nFROM extract\nORDER BY application_id"
    options = ["--url-env", ENV, "--limit", "600", "--target", "status", "--dir", str(tmp_path)]
    init = subprocess.run(
        [*cli, "init", "--sql", query, *options],
        env=with_url,
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr
    spec = tmp_path / "experiments" / "extract.yaml"
    text = spec.read_text()
    for old, new in FAST_TUNING.items():
        text = text.replace(old, new)
    spec.write_text(text)
    run_dir = tmp_path / "runs" / "first"
    done = subprocess.run(
        [*cli, "run", str(spec), "--run-dir", str(run_dir)],
        env=with_url,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr + done.stdout

    snapshot = run_dir / "data" / "source.parquet"
    fingerprint = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    manifest = json.loads((run_dir / "manifest.json").read_text())
    data = manifest["data"]
    assert data["source"] == "sql" and data["query"] == query and data["url_env"] == ENV
    assert data["host"] == "127.0.0.1" and data["database"] == "crm"
    assert data["fingerprint"] == fingerprint and data["rows"] == 600
    result = json.loads((run_dir / "results" / "data.json").read_text())
    assert result["sql"]["limit_reached"] and result["fingerprint"] == fingerprint
    html = re.sub(r"<[^>]+>", "", (run_dir / "report.html").read_text())
    assert "FROM extract" in html and "ORDER BY application_id" in html and fingerprint in html
    assert ENV in html
    assert every_file_free_of(run_dir, SECRET) == []
    assert SECRET not in done.stdout + done.stderr + init.stdout + init.stderr

    # the table changes; the run keeps its own rows
    with engine.begin() as con:
        con.exec_driver_sql("DELETE FROM extract WHERE application_id %% 2 = 0")
    data_json = (run_dir / "results" / "data.json").read_bytes()
    (run_dir / "results" / "data.json").unlink()  # as if the data stage had been interrupted
    manifest["completed_stages"].remove("data")
    (run_dir / "manifest.json").write_text(json.dumps(manifest))
    resumed = subprocess.run(
        [*cli, "run", str(spec), "--run-dir", str(run_dir), "--resume"],
        env=without_url,  # no way to reach the database: the snapshot must do
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert resumed.returncode == 0, resumed.stderr + resumed.stdout
    assert (run_dir / "results" / "data.json").read_bytes() == data_json

    verified = subprocess.run(
        [*cli, "verify", str(run_dir)],
        env=without_url,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert verified.returncode == 0, verified.stderr + verified.stdout
    assert "snapshot of its SQL query" in verified.stdout and "database was" in verified.stdout
    assert "Reproduced" in verified.stdout
    assert every_file_free_of(run_dir, SECRET) == []


@pytest.mark.parametrize(
    "query, words",
    [
        ("SELECT * INTO copy FROM applicants", "contains INTO"),
        ("SELECT 1; DELETE FROM applicants", "more than one statement"),
        ("WITH gone AS (DELETE FROM applicants RETURNING *) SELECT * FROM gone", "contains DELETE"),
        ("SELECT * FROM applicants FOR UPDATE", "contains UPDATE"),
    ],
)
def test_a_query_that_writes_is_refused_on_every_dialect(query, words):
    with pytest.raises(ValueError, match=words):
        SqlQuery(query=query, url_env=ENV)
    # comments and quoted text are not SQL: these read
    SqlQuery(query="SELECT 'a; DROP TABLE x' AS note, \"update\" FROM t -- ; delete", url_env=ENV)


def test_sqlite_is_opened_read_only(tmp_path, monkeypatch):
    import sqlalchemy

    from workbench.inputs.database import database_url, read_only_url

    db = tmp_path / "client.db"
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    synth.applicants(50).to_sql("applicants", engine, index=False)
    engine.dispose()
    monkeypatch.setenv(ENV, f"sqlite:///{db}")
    url = read_only_url(database_url(ENV, "spec.yaml"))
    with sqlalchemy.create_engine(url).connect() as con:
        assert con.exec_driver_sql("SELECT count(*) FROM applicants").scalar() == 50
        with pytest.raises(sqlalchemy.exc.OperationalError, match="readonly"):
            con.exec_driver_sql("DELETE FROM applicants")


def test_a_database_it_cannot_make_read_only_needs_a_read_only_user(monkeypatch):
    from workbench.inputs.database import Place, _refuse_unless_read_only

    sql = SqlQuery(query="SELECT * FROM t", url_env=ENV)
    mssql = Place("mssql", "db.client.local", 1433, "warehouse")
    with pytest.raises(BadInput, match="cannot open a mssql connection read-only") as caught:
        _refuse_unless_read_only(mssql, sql, "the query", "spec.yaml")
    assert caught.value.field == "data.sql.read_only_user"
    trusted = SqlQuery(query="SELECT * FROM t", url_env=ENV, read_only_user=True)
    _refuse_unless_read_only(mssql, trusted, "the query", "spec.yaml")  # said: read
    _refuse_unless_read_only(Place("postgresql", "h", 5432, "d"), sql, "the query", "s")


def test_storage_is_named_by_an_environment_variable_never_a_url(tmp_path):
    import os
    import subprocess
    import sys

    url = "postgresql://optuna:s3cret@db.internal/optuna"
    env = {**os.environ, "TUNING_DB": "sqlite:///" + str(tmp_path / "s.db")}
    refused = subprocess.run(
        [sys.executable, "-m", "workbench", "worker", "--study", "x", "--storage", url],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert refused.returncode == 2 and "not the URL itself" in refused.stderr
    unset = subprocess.run(
        [sys.executable, "-m", "workbench", "worker", "--study", "x", "--storage", "NO_SUCH_VAR"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert unset.returncode == 2 and "NO_SUCH_VAR" in unset.stderr and "is not set" in unset.stderr
