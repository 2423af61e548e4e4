"""Where a study's rows come from: a file, or a SQL query frozen into the run directory.

A file is its own record: its sha256 is the data's identity, and `verify` re-reads it. A query
is not (the table changes under it), so the first time a run needs the data the query's rows
are written, as read, to `data/source.parquet` with a record of the query in
`data/source.json`; the run's fingerprint is the sha256 of that Parquet file. From then on the
run — any stage, `--resume`, `--stage data`, and `workbench verify`'s re-run — reads that
snapshot and never the database, so it reproduces after the table changed or from a machine
without access to the database.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from pydantic import BaseModel

from workbench.errors import BadInput
from workbench.inputs.export_debris import Debris, clean_text, clear_typed_markers
from workbench.inputs.personal_data import mask_text_columns, pii_key, protect
from workbench.inputs.spec import LoadedSpec
from workbench.store.results import SqlSourceFacts
from workbench.store.run_directory import SOURCE_RECORD, SOURCE_SNAPSHOT, Run, atomic_write, now_iso


class SqlSnapshot(BaseModel):
    """`data/source.json`: the facts plus when and how fast the rows were read."""

    facts: SqlSourceFacts
    fetched_at: str
    fetch_seconds: float
    chunks: int
    personal: list[str] = []  # personal-data columns the query returned, kept out of the rows
    masked: dict[str, dict[str, int]] = {}  # personal data masked inside free text, per column
    debris: dict = {}  # export debris cleared from the rows (`export_debris.Debris`)


@dataclass
class Source:
    frame: pd.DataFrame  # the rows as read, before the contract's types
    label: str  # the file's name, or a short name of the query
    origin: str  # where a problem with the data is to be fixed: the file, or the spec
    path: Path | None = None  # the file
    sql: SqlSnapshot | None = None
    personal: list[str] = field(default_factory=list)  # PII columns read and kept out of `frame`
    # personal data masked inside the free-text columns of `frame`: column -> kind -> count
    masked: dict[str, dict[str, int]] = field(default_factory=dict)
    debris: dict = field(default_factory=dict)  # what reading cleared (`export_debris.Debris`)

    def fingerprint(self) -> str:
        from workbench.inputs.files import fingerprint

        return self.sql.facts.fingerprint if self.sql else fingerprint(self.path)

    def manifest_facts(self) -> dict:
        """The manifest's `data` entry (without `rows` and the typed `snapshot`)."""
        if self.sql is None:
            return {"file": self.path.name, "fingerprint": self.fingerprint()}
        f = self.sql.facts
        return {
            "source": "sql",
            "query": f.query,
            "url_env": f.url_env,
            "dialect": f.dialect,
            "host": f.host,
            "port": f.port,
            "database": f.database,
            "fingerprint": f.fingerprint,
            "source_snapshot": f.snapshot,
            "fetched_at": self.sql.fetched_at,
            "fetch_seconds": self.sql.fetch_seconds,
            "chunks": self.sql.chunks,
        }


def read_source(loaded: LoadedSpec, run: Run | None = None, contract=None) -> Source:
    """The spec's rows. A SQL source with a `run` is read from the run's snapshot when it has
    one, and otherwise queried once and frozen into it. With the `contract`, the rows come
    without their personal-data columns (a group key among them as a keyed hash): they never
    reach the run directory, the frozen query included."""
    from workbench.inputs import files as data_io

    spec = loaded.spec
    if spec.data.sql is None:
        path = loaded.data_path
        frame = data_io.read_raw(path, spec.data.read_options())
        debris = Debris.of(frame).as_dict()
        frame, personal, masked = _protected(frame, loaded, contract)
        return Source(
            frame, path.name, str(path), path=path, personal=personal, masked=masked, debris=debris
        )
    if run is not None and has_snapshot(run):
        return _from_snapshot(loaded, run)
    snapshot, blob = query_snapshot(loaded, contract)
    if run is not None:
        atomic_write(run.dir / SOURCE_SNAPSHOT, blob)
        atomic_write(run.dir / SOURCE_RECORD, snapshot.model_dump_json(indent=2) + "\n")
    return _source(pd.read_parquet(io.BytesIO(blob)), snapshot, loaded)


def query_snapshot(loaded: LoadedSpec, contract=None) -> tuple[SqlSnapshot, bytes]:
    """Run the spec's query; return the record of the read and the rows as Parquet bytes (the
    study reads the rows back from these bytes, so a first run and a re-run from the snapshot
    see exactly the same frame). With the `contract`, personal data is kept out first."""
    return _read(
        loaded.spec.data.sql,
        loaded.spec.seed,
        str(loaded.path),
        lambda frame: _protected(frame, loaded, contract),
    )


def _protected(
    frame: pd.DataFrame, loaded: LoadedSpec, contract
) -> tuple[pd.DataFrame, list, dict]:
    """The rows without the contract's personal-data columns, but for the group keys among
    them, hashed with the project's key, and with the personal data inside free text (role
    text) masked; the names of the personal-data columns that were read, and the masks made
    per text column."""
    if contract is None:
        return frame, [], {}
    frame, masked = mask_text_columns(frame, contract.with_role("text"))
    pii = [c for c in contract.pii_columns if c in frame.columns]
    if not pii:
        return frame, [], masked
    groups = {loaded.spec.split.group_column, *contract.with_role("group")}
    keep = {c for c in pii if c in groups}
    key = pii_key(loaded.project_dir) if keep else b""
    return protect(frame, pii, keep, key), pii, masked


def read_query_rows(sql) -> tuple[pd.DataFrame, str]:
    """The rows of a query as a run would see them, and their label (`workbench init --sql`,
    before there is a spec: problems name the command-line options)."""
    options = {"data.sql.url_env": "--url-env", "data.sql.query": "--sql"}
    try:
        record, blob = _read(sql, 42, None)
    except BadInput as exc:
        raise BadInput(exc.problem, field=options.get(exc.field, exc.field), fix=exc.fix) from None
    return pd.read_parquet(io.BytesIO(blob)), record.facts.label


def _read(sql, seed: int, spec_file: str | None, protect_rows=None) -> tuple[SqlSnapshot, bytes]:
    from workbench.inputs.database import read_query

    read = read_query(sql, sql.url_env, seed, spec_file)
    frame, markers = clear_typed_markers(read.frame)
    frame, debris = clean_text(frame)
    frame, personal, masked = protect_rows(frame) if protect_rows else (frame, [], {})
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    blob = buf.getvalue()
    facts = SqlSourceFacts(
        query=sql.query,
        url_env=sql.url_env,
        dialect=read.place.dialect,
        host=read.place.host,
        port=read.place.port,
        database=read.place.database,
        limit=sql.limit,
        limit_reached=read.limit_reached,
        sample_fraction=sql.sample_fraction,
        sample_seed=seed if sql.sample_fraction is not None else None,
        rows=len(read.frame),
        fingerprint=hashlib.sha256(blob).hexdigest(),
    )
    record = SqlSnapshot(
        facts=facts,
        fetched_at=now_iso(),
        fetch_seconds=round(read.seconds, 3),
        chunks=read.chunks,
        personal=personal,
        masked=masked,
        debris=replace(debris, markers=markers).as_dict(),
    )
    return record, blob


def has_snapshot(run: Run) -> bool:
    return (run.dir / SOURCE_SNAPSHOT).is_file() and (run.dir / SOURCE_RECORD).is_file()


def _from_snapshot(loaded: LoadedSpec, run: Run) -> Source:
    from workbench.inputs.files import fingerprint

    record = SqlSnapshot.model_validate_json((run.dir / SOURCE_RECORD).read_text())
    path = run.dir / SOURCE_SNAPSHOT
    if fingerprint(path) != record.facts.fingerprint:
        raise BadInput(
            "the run's snapshot of the query's rows no longer has the sha256 recorded when it "
            "was taken: it was modified",
            file=str(path),
            fix="start a new run (without --resume); it queries the database afresh",
        )
    sql, f = loaded.spec.data.sql, record.facts
    asked = (sql.query, sql.limit, sql.sample_fraction)
    if asked != (f.query, f.limit, f.sample_fraction):
        raise BadInput(
            "the spec's data.sql (query, limit or sample_fraction) differs from the one this "
            "run's snapshot was taken with",
            file=str(loaded.path),
            field="data.sql",
            fix="restore the spec, or start a new run to read the new query",
        )
    return _source(pd.read_parquet(path), record, loaded)


def _source(frame: pd.DataFrame, record: SqlSnapshot, loaded: LoadedSpec) -> Source:
    return Source(
        frame,
        record.facts.label,
        str(loaded.path),
        sql=record,
        personal=record.personal,
        masked=record.masked,
        debris=record.debris,
    )


def snapshot_problem(loaded: LoadedSpec, run: Run, recorded: str | None) -> str | None:
    """Why a run's data can no longer be re-read as it was (None when it can): the file
    changed, or the run's snapshot of its query is missing or modified."""
    from workbench.inputs.files import fingerprint

    if loaded.spec.data.sql is None:
        now = fingerprint(loaded.data_path)
        if now == recorded:
            return None
        return (
            f"the data file {loaded.data_path} has changed since the run: its sha256 is "
            f"{now[:16]}…, the run used {str(recorded)[:16]}…"
        )
    path = run.dir / SOURCE_SNAPSHOT
    if not has_snapshot(run):
        return f"the run's snapshot of its SQL query ({path}) is missing"
    now = fingerprint(path)
    if now != recorded:
        return (
            f"the run's snapshot of its SQL query ({path}) was modified: its sha256 is "
            f"{now[:16]}…, the run used {str(recorded)[:16]}…"
        )
    return None


def seed_rerun(loaded: LoadedSpec, run: Run, target: Path) -> str | None:
    """Give a re-run of `run` into `target` the run's own rows: for a SQL source, copy the
    snapshot so the re-run reads it instead of the database. Returns what to tell the user."""
    if loaded.spec.data.sql is None:
        return None
    (target / "data").mkdir(parents=True, exist_ok=True)
    for name in (SOURCE_SNAPSHOT, SOURCE_RECORD):
        shutil.copyfile(run.dir / name, target / name)
    return (
        f"re-ran from the run's snapshot of its SQL query ({SOURCE_SNAPSHOT}); the database was "
        "not queried"
    )
