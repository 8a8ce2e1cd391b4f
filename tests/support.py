"""Test support: servers in threads, signed raw calls, tenants with apps."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
import uvicorn

from wdterp import wiring
from wdterp.domain.masterdata.service import seed_tenant
from wdterp.domain.tenancy import service as tenancy
from wdterp.gateway.app import create_app
from wdterp.gateway.config import GatewayConfig
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.sign import compute_sign
from wdterp.storage import migrate
from wdterp.storage.db import Database

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS_DEFAULT = "redis://127.0.0.1:6379/0"


def pg_admin_url() -> str | None:
    url = os.environ.get("WDTERP_TEST_PG_URL", PG_DEFAULT)
    db = Database(url)
    try:
        return url if db.reachable() else None
    finally:
        db.dispose()


def redis_url() -> str | None:
    import redis

    url = os.environ.get("WDTERP_TEST_REDIS_URL", REDIS_DEFAULT)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        return url
    except Exception:
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerHandle:
    url: str
    db: Database
    app: Any

    @property
    def gateway(self) -> Any:
        return self.app.state.gateway


@contextmanager
def run_server(db: Database, config: GatewayConfig | None = None) -> Iterator[ServerHandle]:
    config = config or GatewayConfig(access_cache_ttl=0.0, call_log_flush_seconds=0.05)
    app = create_app(config, db)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                          lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.02)
    try:
        yield ServerHandle(f"http://127.0.0.1:{port}", db, app)
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass
class Backend:
    name: str
    db: Database
    server: ServerHandle


@contextmanager
def _database(name: str, tmp: Path) -> Iterator[Database]:
    if name == "sqlite":
        db = Database(f"sqlite:///{tmp / 'wdterp.db'}")
        yield db
        db.dispose()
        return
    admin_url = pg_admin_url()
    assert admin_url
    dbname = f"wdterp_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = Database(admin_url, isolation_level="AUTOCOMMIT")
    with admin.engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{dbname}"')
    db = Database(admin_url.rsplit("/", 1)[0] + f"/{dbname}")
    try:
        yield db
    finally:
        db.dispose()
        with admin.engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.dispose()


@contextmanager
def start_backend(name: str, tmp: Path) -> Iterator[Backend]:
    with _database(name, tmp) as db:
        migrate.upgrade(db)
        if os.environ.get("WDTERP_TEST_SCHEMA") == "create_all":
            # while models change faster than their migrations (see DEVELOPING.md)
            wiring.metadata().create_all(db.engine)
        with run_server(db) as server:
            yield Backend(name, db, server)


# ---------------------------------------------------------------------------- signed raw calls


@dataclass
class Caller:
    """Builds and signs requests by hand, so tests control every byte of them."""

    url: str
    sid: str
    key: str
    secret: str
    salt: str
    extra_headers: dict[str, str] = field(default_factory=dict)

    def params(self, method: str, page: tuple[int, int] | None = None, calc_total: int = 1,
               **overrides: Any) -> dict[str, str]:
        params = {"sid": self.sid, "key": self.key, "salt": self.salt, "method": method, "v": "1.0",
                  "timestamp": str(wire_timestamp())}
        if page is not None:
            params.update(page_size=str(page[0]), page_no=str(page[1]), calc_total=str(calc_total))
        params.update({k: str(v) for k, v in overrides.items() if v is not None})
        for k in [k for k, v in overrides.items() if v is None]:
            params.pop(k, None)
        return params

    def send(self, params: dict[str, str], body: bytes, sign: str | None = None,
             http_method: str = "POST", path: str = "/openapi") -> httpx.Response:
        if sign is None and "sign" not in params:
            params = {**params, "sign": compute_sign(self.secret, params, body)}
        elif sign is not None:
            params = {**params, "sign": sign}
        headers = {"Content-Type": "application/json", **self.extra_headers}
        return httpx.request(http_method, f"{self.url}{path}?{urlencode(params)}", content=body,
                             headers=headers, timeout=60)

    def raw(self, method: str, body: bytes, page: tuple[int, int] | None = None,
            **overrides: Any) -> dict[str, Any]:
        response = self.send(self.params(method, page, **overrides), body)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        return dict(orjson.loads(response.content))

    def call(self, method: str, *args: Any, page: tuple[int, int] | None = None,
             **overrides: Any) -> dict[str, Any]:
        return self.raw(method, orjson.dumps(list(args)), page, **overrides)

    def ok(self, method: str, *args: Any, page: tuple[int, int] | None = None) -> Any:
        envelope = self.call(method, *args, page=page)
        assert envelope["status"] == 0, envelope
        return envelope["data"]


@dataclass
class TenantHandle:
    sid: str
    tenant_id: int
    backend: Backend
    caller: Caller

    @property
    def db(self) -> Database:
        return self.backend.db

    def update_app(self, **options: Any) -> None:
        with self.db.transaction() as session:
            tenancy.update_app(session, self.sid, self.caller.key, **options)
        self.backend.server.gateway.cache.invalidate()

    def new_caller(self, **options: Any) -> Caller:
        with self.db.transaction() as session:
            app = tenancy.create_app(session, self.sid, **options)
            return Caller(self.backend.server.url, self.sid, app.key, app.secret, app.salt)


def make_tenant(backend: Backend, **app_options: Any) -> TenantHandle:
    sid = f"t{uuid.uuid4().hex[:10]}"
    with backend.db.transaction() as session:
        tenant = tenancy.create_tenant(session, sid, name="test tenant")
        seed_tenant(session, tenant.id)
        app = tenancy.create_app(session, sid, key=f"{sid}-api", **app_options)
        caller = Caller(backend.server.url, sid, app.key, app.secret, app.salt)
        tenant_id = tenant.id
    return TenantHandle(sid, tenant_id, backend, caller)
