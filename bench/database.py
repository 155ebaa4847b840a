"""The benchmark's own PostgreSQL database: created when missing, refused when it holds anything else.

A database is the benchmark's when it carries the marker table that the benchmark created in it, or when
it is empty (no table at all in its public schema) and is then claimed. Everything else — a developer's
database, production, the test database — is refused before a single row is written.
"""

from __future__ import annotations

import json
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

MARKER_TABLE = "accsm_bench_marker"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_NAME = "accsm_bench"


class NotABenchDatabase(Exception):
    """The database holds data the benchmark did not create: it must not be touched."""


def bench_database_url(server_url: str | None, name: str = DEFAULT_NAME) -> str:
    """The server, user and password of `server_url` (DATABASE_URL), with the benchmark's own database name."""
    parts = urlsplit(server_url or DEFAULT_SERVER)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise NotABenchDatabase(f"The benchmark needs PostgreSQL; DATABASE_URL is a {parts.scheme or '?'} URL.")
    return urlunsplit((parts.scheme, parts.netloc, "/" + quote(name), parts.query, ""))


def database_name(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


def _connect(url: str, dbname: str | None = None) -> psycopg.Connection:
    conninfo = url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url
    kwargs = {"autocommit": True}
    if dbname is not None:
        kwargs["dbname"] = dbname
    return psycopg.connect(conninfo, **kwargs)


def ensure_bench_database(url: str) -> None:
    """Create the database when missing; claim it when empty; refuse it when it holds other data."""
    name = database_name(url)
    with _connect(url, dbname="postgres") as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with _connect(url) as conn:
        claim_or_refuse(conn, name)


def claim_or_refuse(conn: psycopg.Connection, name: str) -> None:
    has_marker = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [f"public.{MARKER_TABLE}"]).fetchone()[0]
    if has_marker:
        return
    tables = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
    ).fetchone()[0]
    if tables:
        raise NotABenchDatabase(
            f"Database {name!r} already holds {tables} tables that the benchmark did not create. "
            "The benchmark only ever writes to its own database; choose another name with --database."
        )
    conn.execute(
        sql.SQL("CREATE TABLE {} (key text PRIMARY KEY, value jsonb NOT NULL)").format(sql.Identifier(MARKER_TABLE))
    )


def read_marker(cursor, key: str = "dataset") -> dict | None:
    cursor.execute(f"SELECT value FROM {MARKER_TABLE} WHERE key = %s", [key])  # noqa: S608 (a constant)
    row = cursor.fetchone()
    if row is None:
        return None
    return row[0] if isinstance(row[0], dict) else json.loads(row[0])


def write_marker(cursor, value: dict, key: str = "dataset") -> None:
    cursor.execute(
        f"INSERT INTO {MARKER_TABLE} (key, value) VALUES (%s, %s) "  # noqa: S608 (a constant)
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [key, json.dumps(value)],
    )


def drop_marker(cursor, key: str = "dataset") -> None:
    cursor.execute(f"DELETE FROM {MARKER_TABLE} WHERE key = %s", [key])  # noqa: S608 (a constant)
