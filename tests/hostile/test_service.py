"""Issue 7 items 5-7: secrets kept out of the server log, a dead Redis, a blackholed PostgreSQL,
integers as the vendor's Java reads them, the call log flushed on shutdown."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from gwtools import call_log_rows
from typer.testing import CliRunner

from helpers import expect
from support import Backend, Caller, TenantHandle, free_port, make_tenant, run_server
from wdterp.cli.main import app
from wdterp.cli.server import uvicorn_logging
from wdterp.gateway.accesslog import PathOnly
from wdterp.gateway.app import SERVER_OPTIONS
from wdterp.gateway.config import GatewayConfig
from wdterp.storage.db import PG_CONNECT_TIMEOUT, Database

WAREHOUSES = "setting.Warehouse.queryWarehouse"


@pytest.mark.parametrize("value", ["4_7_1", "+5", "１０", "٤٢", "0x10", "1e2"])
def test_public_integers_are_plain_ascii_digits(tenant: TenantHandle, value: str) -> None:
    envelope = tenant.caller.call(WAREHOUSES, {}, page=(10, 0), page_size=value)
    assert envelope == {"status": 1, "message": f'For input string: "{value}"'}


def test_the_access_log_is_off_and_when_on_prints_no_query() -> None:
    assert SERVER_OPTIONS["access_log"] is False
    assert uvicorn_logging(False) == {"access_log": False}
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "POST", "/openapi?sid=a&sign=abc&salt=s", "1.1", 200), None)
    assert PathOnly().filter(record)
    assert "sign" not in record.getMessage() and "/openapi" in record.getMessage()
    config = uvicorn_logging(True)["log_config"]
    assert config["handlers"]["access"]["filters"] == ["path_only"]


def test_serve_help_prefers_a_token_file_and_names_the_access_log() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for words in ("--admin-token-file", "--access-log", "shows in `ps`"):
        assert words in result.stdout, words


@pytest.fixture
def closed_port() -> int:
    return free_port()


def test_a_dead_redis_falls_back_to_in_process_limits(sqlite_backend: Backend, closed_port: int,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    handle = make_tenant(sqlite_backend, rate_limit=3)
    config = GatewayConfig(access_cache_ttl=0.0, call_log_flush_seconds=0.05,
                           redis_url=f"redis://127.0.0.1:{closed_port}/0")
    with caplog.at_level(logging.WARNING, "wdterp.gateway"), run_server(sqlite_backend.db, config) as server:
        caller = Caller(server.url, handle.sid, handle.caller.key, handle.caller.secret, handle.caller.salt)
        answers = [caller.call(WAREHOUSES, {}, page=(10, 0)) for _ in range(4)]
    assert [a["status"] for a in answers[:3]] == [0, 0, 0]
    expect(answers[3], "E62")
    warnings = [r for r in caplog.records if "Redis does not answer" in r.getMessage()]
    assert len(warnings) == 1  # once, not once a call


def test_the_call_log_is_flushed_on_shutdown(sqlite_backend: Backend) -> None:
    handle: TenantHandle = make_tenant(sqlite_backend)
    config = GatewayConfig(access_cache_ttl=0.0, call_log_flush_seconds=3600.0, call_log_batch=10_000)
    with run_server(sqlite_backend.db, config) as server:
        caller = Caller(server.url, handle.sid, handle.caller.key, handle.caller.secret, handle.caller.salt)
        for _ in range(3):
            caller.call(WAREHOUSES, {}, page=(10, 0))

    assert len(call_log_rows(sqlite_backend.db, sid=handle.sid, expect=3, timeout=0.5)) == 3


@pytest.fixture
def blackhole() -> Iterator[tuple[int, list[Any]]]:
    """A port that accepts TCP connections and never says a word (a firewalled database)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    accepted: list[Any] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1], accepted
    listener.close()
    for conn in accepted:
        conn.close()


def test_a_blackholed_postgresql_costs_one_short_connect(blackhole: tuple[int, list[Any]]) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    port, accepted = blackhole
    db = Database(f"postgresql+psycopg://postgres@127.0.0.1:{port}/none")
    try:
        assert PG_CONNECT_TIMEOUT <= 2
        with pytest.raises(OperationalError), db.transaction() as session:
            session.execute(text("SELECT 1"))
        assert not db.reachable()  # known from the failed connect: no second wait
        assert len(accepted) == 1
    finally:
        db.dispose()
