"""Console tests: a server with an admin token and body capture, and the demo's data in a tenant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from consoletools import TOKEN, ConsoleServer, demo_tenant

from support import Backend, run_server
from wdterp.gateway.config import GatewayConfig
from wdterp.storage import migrate
from wdterp.storage.db import Database


@pytest.fixture(scope="session")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    path: Path = tmp_path_factory.mktemp("console") / "console.db"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    config = GatewayConfig(admin_token=TOKEN, capture_bodies=True, access_cache_ttl=0.0,
                           call_log_flush_seconds=0.05)
    try:
        with run_server(db, config) as server:
            yield ConsoleServer(server, demo_tenant(db, server.url))
    finally:
        db.dispose()


@pytest.fixture
def console_backend(console_server: ConsoleServer) -> Backend:
    return Backend("sqlite", console_server.server.db, console_server.server)
