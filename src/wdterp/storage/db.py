"""Database handle: engine, session factory, the per-call transaction, reachability."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from wdterp.settings import settings

DEFAULT_URL = "sqlite:///./wdterp.db"
ENV_URL = "WDTERP_DATABASE_URL"
#: threads that run calls' handlers (gateway/pipeline.py). Few: the handlers are mostly Python
#: (one core under the GIL), and every thread more makes the threads queue longer for the GIL each
#: time SQLite hands it back (8 threads: ~810 calls/s, 32: ~580 on the gateway bench).
def call_threads() -> int:
    return settings().call_threads


#: seconds PostgreSQL has to accept a connection (libpq's minimum is 2): a blackholed server
#: answers code 4 after this, not after the 10 s it took with two probes of 5 s
PG_CONNECT_TIMEOUT = 2
#: after a connection could not be made, the database counts as unreachable this long
UNREACHABLE_FOR = 1.0
#: SQLite connections kept open besides the call threads': anyio's threads (call log, access
#: cache, admin) and CLI use
SPARE_CONNECTIONS = 32
#: PostgreSQL connections per process (`wdterp serve --workers N` opens up to N x (this + 5)):
#: WDTERP_PG_POOL_SIZE (`settings().pg_pool_size`)


def resolve_url(url: str | None) -> str:
    """`--db URL`, else WDTERP_DATABASE_URL, else a SQLite file in the working directory."""
    raw = url or settings().database_url or DEFAULT_URL
    if raw.startswith("postgresql://") or raw.startswith("postgres://"):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Runs once per DBAPI connection (the pool keeps them; see `_make_engine`). pysqlite's own
    # transaction handling is turned off: `_sqlite_begin` issues BEGIN itself.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _is_memory(url: Any) -> bool:
    return url.database in (None, "", ":memory:") or "mode=memory" in str(url)


#: execution option of a read-only unit of work (`Database.transaction(readonly=True)`)
READONLY = "wdterp_readonly"


def _sqlite_begin_immediate(conn: Any) -> None:
    # Writers take the lock at BEGIN, so two calls never deadlock upgrading read locks. Readers
    # begin deferred: in WAL mode they never wait for the write lock nor for each other.
    # Sent on the DBAPI connection itself: a full SQLAlchemy execution costs ~40 us per call.
    sql = "BEGIN" if conn.get_execution_options().get(READONLY) else "BEGIN IMMEDIATE"
    conn.connection.driver_connection.execute(sql)


class Work:
    """The connection of one unit of work and, made on first use, an ORM session in its transaction."""

    __slots__ = ("connection", "_factory", "_session")

    def __init__(self, connection: Connection, factory: sessionmaker[Session]) -> None:
        self.connection = connection
        self._factory = factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = self._factory(bind=self.connection)
        return self._session

    def flush(self) -> None:
        """Pending ORM changes to the connection (before raw SQL reads them, and before commit)."""
        if self._session is not None:
            self._session.flush()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()


class Database:
    def __init__(self, url: str | None = None, **engine_args: Any) -> None:
        self.url = resolve_url(url)
        self._connect_failed = -UNREACHABLE_FOR
        self.engine: Engine = self._make_engine(**engine_args)
        event.listen(self.engine, "handle_error", self._on_error)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_engine = self.engine.execution_options(**{READONLY: True})

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def _make_engine(self, **engine_args: Any) -> Engine:
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite":
            if not _is_memory(url) and "poolclass" not in engine_args:
                # A file database gets a QueuePool as large as the threads that use it: with the
                # default (5 + 10 overflow) connections were opened and closed all the time under
                # load, each running the PRAGMAs again. SQLite connections are cheap to keep.
                engine_args.setdefault("pool_size", call_threads() + SPARE_CONNECTIONS)
                engine_args.setdefault("max_overflow", SPARE_CONNECTIONS)
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                                   **engine_args)
            event.listen(engine, "connect", _sqlite_pragmas)
            engine.dialect.isolation_level = None  # type: ignore[attr-defined]
            event.listen(engine, "begin", _sqlite_begin_immediate)
            return engine
        # PostgreSQL: connections are precious (N workers x pool <= max_connections), so calls
        # beyond the pool wait for a connection instead of opening and closing overflow ones.
        # Pre-ping keeps a restarted server from failing the first call on each old connection.
        engine_args.setdefault("pool_pre_ping", True)
        engine_args.setdefault("pool_size", settings().pg_pool_size)
        engine_args.setdefault("max_overflow", 5)
        engine_args.setdefault("connect_args", {"connect_timeout": PG_CONNECT_TIMEOUT})
        return create_engine(url, **engine_args)

    @contextmanager
    def transaction(self, readonly: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back everything on any error.

        `readonly=True` (queries) does not take SQLite's write lock at BEGIN.
        """
        bind = self._read_engine if readonly else self.engine
        with self.sessions(bind=bind) as session, session.begin():
            yield session

    @contextmanager
    def unit_of_work(self, readonly: bool = False) -> Iterator[Work]:
        """One call's transaction on one connection: commit on success, roll back on any error.

        The ORM session is made only when something asks for it (`Work.session`) and joins the
        connection's transaction: a call that reads through `storage/prepared.py` alone never pays
        for a session (~120 us a call).
        """
        bind = self._read_engine if readonly else self.engine
        with bind.connect() as conn, conn.begin():
            work = Work(conn, self.sessions)
            try:
                yield work
                work.flush()
            finally:
                work.close()

    def _on_error(self, context: Any) -> None:
        if context.connection is None:  # no connection could be made
            self._connect_failed = time.monotonic()

    def reachable(self) -> bool:
        """Whether the database answers. Right after a connection could not be made it does not:
        asking again would make a call to a blackholed server wait for two connect timeouts."""
        if time.monotonic() - self._connect_failed < UNREACHABLE_FOR:
            return False
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except (OperationalError, DBAPIError):
            return False

    def dispose(self) -> None:
        self.engine.dispose()
