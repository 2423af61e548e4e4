"""Reading a SQL query from a client's database, safely.

The URL comes from an environment variable named in the spec and is never written anywhere:
what the workbench shows of it is the dialect, the host, the port and the database (no user,
no password, no options). The query runs in one read-only transaction on PostgreSQL, through a
server-side cursor, `chunk_rows` rows per round trip, so memory holds the rows once (as the
frame) and never the driver's copy of the whole result as well.

`limit` keeps the first rows the query returns (on PostgreSQL as a `LIMIT` around the query,
elsewhere by stopping the read): put an `ORDER BY` in the query to make that choice repeatable.
`sample_fraction` (PostgreSQL only) keeps each row when a hash of its values and the spec's seed
falls below the fraction: the same rows for the same table and seed, whatever the physical
order, and a row's fate does not change when other rows are added or deleted. PostgreSQL's own
`TABLESAMPLE … REPEATABLE` was not chosen: it samples storage pages of one table, not the rows a
query returns, and its choice changes whenever the table is rewritten.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass

import pandas as pd

from workbench.errors import BadInput

POSTGRES_DRIVER = "postgresql+psycopg"
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
READING_WORDS = ("select", "with", "values", "table")
WRITING_WORDS = {
    "INTO", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "DROP", "CREATE", "ALTER",
    "TRUNCATE", "GRANT", "REVOKE", "COPY", "CALL", "EXEC", "EXECUTE", "LOCK", "PRAGMA",
    "ATTACH", "DETACH", "VACUUM", "REINDEX", "RENAME", "COMMENT",
}  # fmt: skip
# dialects whose connections the workbench makes read-only itself; any other database is read
# only when the spec says its user may only read (data.sql.read_only_user)
READ_ONLY_DIALECTS = ("postgresql", "sqlite", "mysql", "mariadb", "oracle")
CONNECT_TIMEOUT_S = 10
URL_EXAMPLE = "postgresql://user:password@host:5432/database"


# -- the spec's fields ---------------------------------------------------------------------------
def check_url_env(name: str) -> None:
    """`url_env` must be the name of an environment variable, never the URL (the value is not
    echoed: it may hold a password)."""
    if "://" in name or "@" in name:
        raise ValueError(
            "data.sql.url_env holds what looks like a database URL, but it must name an "
            "environment variable: a URL in the spec would be copied into every run with its "
            f"password. Put the URL in the environment (export CLIENT_DB_URL='{URL_EXAMPLE}') "
            "and write url_env: CLIENT_DB_URL"
        )
    if not ENV_NAME.match(name):
        raise ValueError(
            f"data.sql.url_env '{name}' is not an environment variable name (letters, digits "
            "and _, not starting with a digit), e.g. CLIENT_DB_URL"
        )


def check_query(query: str) -> None:
    """The query must read, whatever the database: one SELECT (or WITH, VALUES, TABLE)
    statement, with no second statement after it and nothing that writes inside it (SELECT …
    INTO, a data-modifying WITH, FOR UPDATE locks). Comments and quoted text are not read as
    SQL (sqlparse tells them apart)."""
    import sqlparse
    from sqlparse import tokens

    first = first_word(query)
    if first not in READING_WORDS:
        raise ValueError(
            f"data.sql.query must be one SELECT (or WITH … SELECT) that returns rows, but it "
            f"starts with '{first or '(nothing)'}': the workbench only reads from a database"
        )
    statements = [s for s in sqlparse.parse(query) if str(s).strip().strip(";").strip()]
    if len(statements) > 1:
        raise ValueError(
            "data.sql.query holds more than one statement (a ';' followed by more SQL): give "
            "one SELECT; the workbench runs nothing else on a client's database"
        )
    kinds = (tokens.Keyword, tokens.Keyword.DML, tokens.Keyword.DDL)
    for token in statements[0].flatten() if statements else []:
        if token.ttype in kinds and token.normalized in WRITING_WORDS:
            raise ValueError(
                f"data.sql.query contains {token.normalized}, which writes to (or locks) the "
                "database: the workbench only reads; select the rows into the study instead"
            )


def first_word(query: str) -> str:
    text = query
    while True:  # leading comments, blanks and parentheses
        text = text.lstrip().lstrip("(")
        if text.startswith("--"):
            text = text.partition("\n")[2]
        elif text.startswith("/*"):
            text = text.partition("*/")[2]
        else:
            break
    match = re.match(r"[A-Za-z]+", text)
    return match.group(0).lower() if match else ""


def first_line(query: str) -> str:
    line = next((ln.strip() for ln in query.splitlines() if ln.strip()), "")
    return line if len(line) <= 80 else line[:77] + "…"


# -- the URL ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    """Where the data lives, as it may be shown: no user, no password, no URL options."""

    dialect: str
    host: str | None
    port: int | None
    database: str | None

    def __str__(self) -> str:
        where = self.host or "localhost"
        if self.port:
            where += f":{self.port}"
        if self.dialect == "sqlite":
            return f"SQLite file {self.database or '(in memory)'}"
        return f"{self.dialect} database {self.database or '(default)'} at {where}"


def database_url(url_env: str, spec_file: str | None):
    """The SQLAlchemy URL in the environment variable `url_env`; `postgresql://` and
    `postgres://` URLs get the psycopg (version 3) driver the workbench ships with."""
    from sqlalchemy.engine import make_url

    value = os.environ.get(url_env, "").strip()
    fix = (
        f"export {url_env}='{URL_EXAMPLE}' in the shell that runs the workbench (the URL is "
        "read from the environment only and written nowhere)"
    )
    if not value:
        state = "is empty" if url_env in os.environ else "is not set"
        raise BadInput(
            f"the environment variable {url_env}, which data.sql.url_env names as the database "
            f"URL, {state}",
            file=spec_file,
            field="data.sql.url_env",
            fix=fix,
        )
    try:
        url = make_url(value)
    except Exception:  # the parser's message quotes the URL, password included: not shown
        raise BadInput(
            f"the environment variable {url_env} does not hold a database URL",
            file=spec_file,
            field="data.sql.url_env",
            fix=f"{fix}; percent-encode special characters of the password (@ as %40)",
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername=POSTGRES_DRIVER)
    return url


def place_of(url) -> Place:
    return Place(url.get_backend_name(), url.host, url.port, url.database)


def scrub(text: str, url) -> str:
    """A driver's message without anything secret from the URL (drivers do not normally quote
    the password, but a message is shown to people and stored in notebooks)."""
    secrets = [url.password, *[v for k, v in url.query.items() if "pass" in k.lower()]]
    for secret in secrets:
        for s in [secret] if isinstance(secret, str) else secret or []:
            if s:
                text = text.replace(s, "***")
    return text


# -- reading ---------------------------------------------------------------------------------------
@dataclass
class QueryRead:
    frame: pd.DataFrame
    place: Place
    limit_reached: bool
    chunks: int
    seconds: float


def read_query(sql, url_env: str, seed: int, spec_file: str | None) -> QueryRead:
    """Run the spec's `data.sql` and return its rows as a frame with one tidy dtype per column.
    Every failure is a `BadInput` of one paragraph naming the query's first line and the
    database, never the password."""
    url = database_url(url_env, spec_file)
    place = place_of(url)
    where = f"the query '{first_line(sql.query)}' on the {place}"
    _refuse_unless_read_only(place, sql, where, spec_file)
    engine = _engine(read_only_url(url), where, spec_file, url_env)
    try:
        statement = build_statement(sql, place.dialect, seed, spec_file)
        start = time.perf_counter()
        conn = _connect(engine, url, where, spec_file, url_env)
        try:
            _read_only_session(conn, place.dialect)
            chunks = _fetch(conn, engine, statement, sql, where, url, spec_file)
        finally:
            conn.close()
    finally:
        engine.dispose()
    rows = sum(len(c) for c in chunks)
    if rows == 0:
        raise BadInput(
            f"{where} returned no rows",
            file=spec_file,
            field="data.sql.query",
            fix="check its WHERE clause and the table it reads; run it in your SQL client",
        )
    frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    limit_reached = sql.limit is not None and rows >= sql.limit
    if sql.limit is not None:
        frame = frame.iloc[: sql.limit]
    _refuse_duplicate_columns(frame, where, spec_file)
    return QueryRead(
        tidy(frame.reset_index(drop=True)),
        place,
        limit_reached,
        len(chunks),
        time.perf_counter() - start,
    )


def _refuse_unless_read_only(place: Place, sql, where: str, spec_file: str | None) -> None:
    """A database the workbench cannot open read-only is read only when the spec says that its
    user may only read."""
    if place.dialect in READ_ONLY_DIALECTS or getattr(sql, "read_only_user", False):
        return
    raise BadInput(
        f"the workbench cannot open a {place.dialect} connection read-only, so it will not run "
        f"{where}",
        file=spec_file,
        field="data.sql.read_only_user",
        fix="connect as a user with read rights only, and say so with read_only_user: true "
        "under data.sql",
    )


def read_only_url(url):
    """SQLite opened read-only (`mode=ro`): the file cannot be changed through this
    connection. Other URLs are as they are; their sessions are made read-only on connect."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return url
    database = url.database if url.database.startswith("file:") else f"file:{url.database}"
    return url.set(database=database).update_query_dict({"mode": "ro", "uri": "true"})


def _read_only_session(conn, dialect: str) -> None:
    """Every statement of the session read-only where the database can say so itself
    (PostgreSQL's transaction is made read-only by an execution option when the rows are read)."""
    if dialect in ("mysql", "mariadb"):
        conn.exec_driver_sql("SET SESSION TRANSACTION READ ONLY")
    elif dialect == "oracle":
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")


def build_statement(sql, dialect: str, seed: int, spec_file: str | None) -> str:
    """The query as sent: on PostgreSQL wrapped for the sample and the limit."""
    query = sql.query.strip().rstrip(";").rstrip()
    if dialect != "postgresql":
        if sql.sample_fraction is not None:
            raise BadInput(
                f"data.sql.sample_fraction is applied inside PostgreSQL, but the database is "
                f"{dialect}",
                file=spec_file,
                field="data.sql.sample_fraction",
                fix="remove it and write the sample into the query in your database's own SQL",
            )
        return query  # the limit is applied by stopping the read
    if sql.sample_fraction is None and sql.limit is None:
        return query
    lines = ["SELECT * FROM (", query, ") AS workbench_source"]
    if sql.sample_fraction is not None:
        cut = round(sql.sample_fraction * 2**32)
        lines.append(
            "WHERE ('x' || substr(md5(workbench_source::text || "
            f"':{int(seed)}'), 1, 8))::bit(32)::bigint < {cut}"
        )
    if sql.limit is not None:
        lines.append(f"LIMIT {int(sql.limit)}")
    return "\n".join(lines)


def _engine(url, where: str, spec_file: str | None, url_env: str):
    import sqlalchemy

    args = {"connect_timeout": CONNECT_TIMEOUT_S} if url.get_backend_name() == "postgresql" else {}
    try:
        return sqlalchemy.create_engine(url, connect_args=args, poolclass=sqlalchemy.NullPool)
    except (ImportError, sqlalchemy.exc.ArgumentError) as exc:
        raise BadInput(
            f"the database driver for the URL in {url_env} ({url.drivername}) is not "
            f"available, so {where} cannot run: "
            f"{scrub(str(exc), url).splitlines()[0]}",
            file=spec_file,
            field="data.sql.url_env",
            fix="PostgreSQL works as it is (postgresql://…); for another database install its "
            "SQLAlchemy driver into the environment (e.g. `uv add pymysql` for a "
            "mysql+pymysql:// URL)",
        ) from None


def _connect(engine, url, where: str, spec_file: str | None, url_env: str):
    try:
        return engine.connect()
    except Exception as exc:
        raise BadInput(
            f"cannot connect to run {where}: {_driver_message(exc, url)}",
            file=spec_file,
            field="data.sql.url_env",
            fix=f"check that the database is running and reachable from this machine, and that "
            f"the user, password and database name in {url_env} are right",
        ) from None


def _fetch(conn, engine, statement: str, sql, where: str, url, spec_file: str | None) -> list:
    options = {"stream_results": True, "max_row_buffer": sql.chunk_rows}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    if engine.dialect.paramstyle in ("format", "pyformat"):
        statement = statement.replace("%", "%%")  # no parameters: '%' is the query's own
    chunks, rows = [], 0
    try:
        reader = pd.read_sql_query(
            statement, conn.execution_options(**options), chunksize=sql.chunk_rows
        )
        for chunk in reader:
            chunks.append(chunk)
            rows += len(chunk)
            if sql.limit is not None and rows >= sql.limit:
                break
    except Exception as exc:
        raise BadInput(
            f"{where} failed: {_driver_message(exc, url)}",
            file=spec_file,
            field="data.sql.query",
            fix="run the query in your SQL client against the same database and correct it; "
            "it must be one SELECT that returns rows",
        ) from None
    return chunks


def _driver_message(exc: BaseException, url) -> str:
    """The database's own words: the first line of the innermost driver error."""
    inner = exc
    while True:
        nxt = getattr(inner, "orig", None) or inner.__cause__
        if nxt is None or nxt is inner:
            break
        inner = nxt
    lines = [ln.strip() for ln in str(inner).splitlines() if ln.strip()]
    text = lines[0] if lines else type(inner).__name__
    text = re.sub(r'DECLARE "[^"]+" CURSOR FOR ', "", text)
    return scrub(text, url).rstrip(".")


def _refuse_duplicate_columns(frame: pd.DataFrame, where: str, spec_file: str | None) -> None:
    names = [str(c) for c in frame.columns]
    dupes = sorted({c for c in names if names.count(c) > 1})
    if dupes:
        raise BadInput(
            f"{where} returns column name(s) more than once: {', '.join(dupes)}",
            file=spec_file,
            field="data.sql.query",
            fix="give every column its own name (SELECT a.id AS applicant_id, b.id AS loan_id …)",
        )


# -- one dtype per column ---------------------------------------------------------------------------
def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """One dtype per column, as reading the same rows from a CSV would give: chunks disagree
    when a column is all NULL in one of them, drivers return dates, decimals, UUIDs and JSON as
    Python objects, and time zones are made UTC (then dropped, like a CSV's dates)."""
    out = {}
    for name in frame.columns:
        col = frame[name]
        if col.dtype == object:
            col = _tidy_objects(col)
        if isinstance(col.dtype, pd.DatetimeTZDtype):
            col = col.dt.tz_convert("UTC").dt.tz_localize(None)
        out[name] = col
    return pd.DataFrame(out, index=frame.index)


def _tidy_objects(col: pd.Series) -> pd.Series:
    import datetime as dt
    import decimal
    import json
    import numbers

    present = col.dropna()
    kinds = {type(v) for v in present}
    if not kinds:
        return col.astype("float64")
    if kinds <= {bool}:
        return col.astype("boolean")
    if all(issubclass(k, numbers.Number | decimal.Decimal) and k is not bool for k in kinds):
        return pd.to_numeric(col)
    if all(issubclass(k, dt.date) for k in kinds):
        return pd.to_datetime(col, utc=any(getattr(v, "tzinfo", None) for v in present.head(1)))
    if kinds <= {str}:
        return col.astype("str")

    def text(v):
        if isinstance(v, dict | list):
            return json.dumps(v, sort_keys=True, default=str)
        if isinstance(v, bytes | memoryview):
            return bytes(v).hex()
        return str(v)

    return col.map(text, na_action="ignore").astype("str")
