"""Database handle: engine, session factory, the per-call transaction, reachability."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///./wdterp.db"
ENV_URL = "WDTERP_DATABASE_URL"


def resolve_url(url: str | None) -> str:
    """`--db URL`, else WDTERP_DATABASE_URL, else a SQLite file in the working directory."""
    raw = url or os.environ.get(ENV_URL) or DEFAULT_URL
    if raw.startswith("postgresql://") or raw.startswith("postgres://"):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


#: execution option of a read-only unit of work (`Database.transaction(readonly=True)`)
READONLY = "wdterp_readonly"


def _sqlite_begin_immediate(conn: Any) -> None:
    # Writers take the lock at BEGIN, so two calls never deadlock upgrading read locks. Readers
    # begin deferred: in WAL mode they never wait for the write lock nor for each other.
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READONLY) else "BEGIN IMMEDIATE")


class Database:
    def __init__(self, url: str | None = None, **engine_args: Any) -> None:
        self.url = resolve_url(url)
        self.engine: Engine = self._make_engine(**engine_args)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_engine = self.engine.execution_options(**{READONLY: True})

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def _make_engine(self, **engine_args: Any) -> Engine:
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                                   **engine_args)
            event.listen(engine, "connect", _sqlite_pragmas)
            engine.dialect.isolation_level = None  # type: ignore[attr-defined]

            @event.listens_for(engine, "connect")
            def _no_pysqlite_tx(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.isolation_level = None

            event.listen(engine, "begin", _sqlite_begin_immediate)
            return engine
        engine_args.setdefault("pool_pre_ping", True)
        engine_args.setdefault("pool_size", 10)
        engine_args.setdefault("connect_args", {"connect_timeout": 5})
        return create_engine(url, **engine_args)

    @contextmanager
    def transaction(self, readonly: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back everything on any error.

        `readonly=True` (queries) does not take SQLite's write lock at BEGIN.
        """
        bind = self._read_engine if readonly else self.engine
        with self.sessions(bind=bind) as session, session.begin():
            yield session

    def reachable(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except (OperationalError, DBAPIError):
            return False

    def dispose(self) -> None:
        self.engine.dispose()
