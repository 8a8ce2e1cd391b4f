"""Snapshot, restore and reset of a whole tenant, generic over every table of the metadata."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from helpers import demo_order
from support import Backend, Caller
from wdterp.cli.demo import demo_document
from wdterp.cli.main import app
from wdterp.domain import sandbox
from wdterp.domain.masterdata.loader import load_document
from wdterp.domain.sales.autopilot import run_autopilot
from wdterp.domain.tenancy import service as tenancy
from wdterp.protocol.clock import format_wire_time, now_china
from wdterp.storage.snapshot import tenant_scopes
from wdterp.wiring import metadata as all_tables

MALL = "demo-mall"


def _demo_tenant(backend: Backend) -> Caller:
    document = {**demo_document(), "sid": f"s{uuid.uuid4().hex[:10]}"}
    with backend.db.transaction() as session:
        load_document(session, document)
        created = tenancy.create_app(session, document["sid"])
        return Caller(backend.server.url, document["sid"], created.key, created.secret, created.salt)


def _push(caller: Caller, tid: str) -> dict[str, Any]:
    return caller.call("sales.RawTrade.pushSelf2", MALL, *demo_order(tid, num=1))


def _state(backend: Backend, sid: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every tenant table, in primary-key order."""
    with backend.db.transaction(readonly=True) as session:
        tenant_id = tenancy.get_tenant(session, sid).id
        conn = session.connection()
        return {scope.table.name: [tuple(row) for row in conn.execute(
            select(*scope.table.columns).where(scope.condition(tenant_id))
            .order_by(*scope.table.primary_key.columns))] for scope in tenant_scopes(all_tables())}


def _ship_all(backend: Backend) -> None:
    with backend.db.transaction() as session:
        run_autopilot(session, now_china() + timedelta(seconds=31))


def test_every_tenant_table_is_covered() -> None:
    names = set(sandbox.tenant_tables())
    for table in all_tables().sorted_tables:
        if "tenant_id" in table.c:
            assert table.name in names
    # lines without a tenant_id of their own come with their document
    assert {"stock_document_line", "raw_trade_discount", "payment_detail", "suite_detail"} <= names
    assert "call_log" not in names


def test_snapshot_change_restore_is_exact(backend: Backend, tmp_path: Path) -> None:
    caller = _demo_tenant(backend)
    assert _push(caller, "SNAP-1")["status"] == 0
    _ship_all(backend)
    before = _state(backend, caller.sid)
    assert before["sales_trade"] and before["stock_ledger"] and before["logistics_sync"]
    with backend.db.transaction(readonly=True) as session:
        document = sandbox.snapshot_tenant(session, caller.sid)

    assert _push(caller, "SNAP-2")["status"] == 0
    _ship_all(backend)
    with backend.db.transaction() as session:
        tenancy.update_tenant(session, caller.sid, name="changed")
    assert _state(backend, caller.sid) != before

    with backend.db.transaction() as session:
        assert sandbox.restore_tenant(session, document) == caller.sid
    backend.server.gateway.cache.invalidate()
    assert _state(backend, caller.sid) == before
    # the restored tenant keeps working: new rows get fresh ids (sequences moved on PostgreSQL)
    assert _push(caller, "SNAP-3")["status"] == 0
    assert caller.call("sales.TradeQuery.queryWithDetail", {
        "start_time": format_wire_time(now_china() - timedelta(minutes=30)),
        "end_time": format_wire_time(now_china() + timedelta(minutes=5))}, page=(10, 0))["data"]["total_count"] \
        == 2


def test_reset_keeps_tenant_and_apps_only(backend: Backend) -> None:
    caller = _demo_tenant(backend)
    assert _push(caller, "RESET-1")["status"] == 0
    with backend.db.transaction() as session:
        sandbox.reset_tenant(session, caller.sid)
    state = _state(backend, caller.sid)
    assert len(state["tenant"]) == 1 and len(state["app"]) == 1
    assert state["trade_label"] and state["operation_reason"]  # seeded as a new tenant
    for name in ("sales_trade", "raw_trade", "stock", "stock_ledger", "goods", "shop", "stock_document"):
        assert state[name] == [], name
    envelope = caller.call("setting.Warehouse.queryWarehouse", {}, page=(10, 0))
    assert envelope["status"] == 0 and envelope["data"]["total_count"] == 0


def test_cli_snapshot_restore_reset(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--db", url]).exit_code == 0
    assert runner.invoke(app, ["tenant", "create", "s1", "--db", url]).exit_code == 0
    file = tmp_path / "s1.json"
    result = runner.invoke(app, ["snapshot", str(file), "--sid", "s1", "--db", url])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["tenant", "update", "s1", "--name", "other", "--db", url]).exit_code == 0
    result = runner.invoke(app, ["restore", str(file), "--db", url])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["tenant", "list", "--json", "--db", url])
    assert '"name": "s1"' in listed.stdout
    result = runner.invoke(app, ["reset", "--db", url], env={"WDTERP_SID": "s1"})
    assert result.exit_code == 0 and "tenant s1 reset" in result.stdout, result.output
    missing = runner.invoke(app, ["snapshot", str(file), "--sid", "nobody", "--db", url])
    assert missing.exit_code == 2 and "no tenant with sid 'nobody'" in missing.output
    (tmp_path / "bad.json").write_text("[1]")
    bad = runner.invoke(app, ["restore", str(tmp_path / "bad.json"), "--db", url])
    assert bad.exit_code == 2 and "not a wdterp snapshot" in bad.output


@pytest.mark.parametrize("revision", ["0001"])
def test_restore_refuses_another_schema_revision(backend: Backend, revision: str) -> None:
    caller = _demo_tenant(backend)
    with backend.db.transaction(readonly=True) as session:
        document = {**sandbox.snapshot_tenant(session, caller.sid), "revision": revision}
    with backend.db.transaction() as session, pytest.raises(sandbox.SnapshotError, match="schema revision"):
        sandbox.restore_tenant(session, document)
