"""E12 (database unreachable, then back), E13 (failed transaction, nothing partial), E17 (unexpected error)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from gwtools import TcpProxy, call_log_rows, envelope_of, post
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from conftest import FAILING_METHOD, WRITING_METHOD
from support import Caller, TenantHandle, run_server
from wdterp.domain.masterdata.models import Warehouse
from wdterp.gateway.config import GatewayConfig
from wdterp.storage.db import Database

WAREHOUSES = "setting.Warehouse.queryWarehouse"


def _warehouses(tenant: TenantHandle, prefix: str) -> int:
    with tenant.db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Warehouse).where(
            Warehouse.tenant_id == tenant.tenant_id, Warehouse.warehouse_no.startswith(prefix))) or 0)


# ---------------------------------------------------------------------------- E12


@pytest.fixture
def proxied(tenant: TenantHandle, request: pytest.FixtureRequest) -> Iterator[tuple[TcpProxy, Caller]]:
    """A second server whose database connections go through a TCP proxy the test can cut."""
    if tenant.backend.name != "postgres":
        pytest.skip("a SQLite file cannot become unreachable; E12 is shown on PostgreSQL")
    url = make_url(tenant.db.url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.open()
    db = Database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
    config = GatewayConfig(access_cache_ttl=request.param, call_log_flush_seconds=0.05)
    try:
        with run_server(db, config) as server:
            c = tenant.caller
            yield proxy, Caller(server.url, c.sid, c.key, c.secret, c.salt)
    finally:
        proxy.cut()
        db.dispose()


@pytest.mark.parametrize("proxied", [0.0, 60.0], ids=["cold-cache", "warm-cache"], indirect=True)
def test_e12_database_unreachable_then_recovers(proxied: tuple[TcpProxy, Caller]) -> None:
    proxy, caller = proxied
    assert caller.call(WAREHOUSES, {}, page=(10, 0))["status"] == 0
    proxy.cut()
    for _ in range(3):  # the server keeps answering, every time with the row
        assert caller.call(WAREHOUSES, {}, page=(10, 0)) == {"status": 4, "message": "数据库错误"}
    assert envelope_of(post(caller.url, {}, b"", http_method="GET", path="/x")) == {
        "status": 1, "message": "参数错误"}
    proxy.open()  # same port
    assert caller.call(WAREHOUSES, {}, page=(10, 0)) == {
        "status": 0, "data": {"total_count": 0, "details": []}}


# ---------------------------------------------------------------------------- E13


def test_e13_failed_transaction_keeps_nothing(tenant: TenantHandle, temp_method: Any) -> None:
    calls = []

    def handler(ctx: Any, params: dict[str, Any]) -> Any:
        calls.append(1)
        ctx.session.add(Warehouse(tenant_id=ctx.tenant_id, warehouse_no="E13-A", name="first"))
        ctx.session.flush()
        ctx.session.add(Warehouse(tenant_id=ctx.tenant_id, warehouse_no="E13-A", name="duplicate"))
        ctx.session.flush()  # IntegrityError: unique (tenant_id, warehouse_no)
        return {}

    temp_method(WRITING_METHOD, handler, paged=False)
    response = tenant.caller.send(tenant.caller.params(WRITING_METHOD), b"[{}]")
    assert envelope_of(response) == {"status": 5, "message": "数据库错误"}
    assert calls == [1]  # an integrity error is not retried
    assert _warehouses(tenant, "E13-") == 0
    row = call_log_rows(tenant.db, request_ids=[response.headers["x-request-id"]])[0]
    assert row.status == 5 and "unique" in row.detail.lower()


def test_e13_lock_conflict_retried_then_given_up(tenant: TenantHandle, temp_method: Any) -> None:
    attempts: list[int] = []
    succeed_on = {"n": 3}

    def handler(ctx: Any, params: dict[str, Any]) -> Any:
        attempts.append(1)
        ctx.session.add(Warehouse(tenant_id=ctx.tenant_id, warehouse_no=f"E13-R{len(attempts)}"))
        ctx.session.flush()
        if len(attempts) < succeed_on["n"]:
            raise OperationalError("UPDATE stock", {}, Exception("database is locked"))
        return {"attempt": len(attempts)}

    temp_method(WRITING_METHOD, handler, paged=False)
    assert tenant.caller.ok(WRITING_METHOD, {}) == {"attempt": 3}
    # only the successful attempt's row was kept
    assert _warehouses(tenant, "E13-R") == 1 and _warehouses(tenant, "E13-R3") == 1

    attempts.clear()
    succeed_on["n"] = 99
    assert tenant.caller.call(WRITING_METHOD, {}) == {"status": 5, "message": "数据库错误"}
    assert len(attempts) == 3
    assert _warehouses(tenant, "E13-R") == 1


# ---------------------------------------------------------------------------- E17


def test_e17_unexpected_exception(tenant: TenantHandle, temp_method: Any) -> None:
    def handler(ctx: Any, params: dict[str, Any]) -> Any:
        ctx.session.add(Warehouse(tenant_id=ctx.tenant_id, warehouse_no="E17-A"))
        ctx.session.flush()
        raise RuntimeError("boom in handler")

    temp_method(FAILING_METHOD, handler, paged=False)
    response = tenant.caller.send(tenant.caller.params(FAILING_METHOD), orjson.dumps([{}]))
    assert envelope_of(response) == {"status": 99, "message": "其他错误"}
    assert _warehouses(tenant, "E17-") == 0
    # the server keeps serving
    assert tenant.caller.ok(WAREHOUSES, {}, page=(10, 0)) == {"total_count": 0, "details": []}
    row = call_log_rows(tenant.db, request_ids=[response.headers["x-request-id"]])[0]
    assert (row.status, row.message) == (99, "其他错误")
    assert "RuntimeError: boom in handler" in row.detail
