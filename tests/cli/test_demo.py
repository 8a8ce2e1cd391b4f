"""`wdterp demo` end to end: the prepared sandbox has stock a first call finds, and its autopilot ships a
pushed order that then waits in the logistics-sync list; re-preparing sets the stock figures again."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from clitools import complete_schema
from sqlalchemy import func, select
from typer.testing import CliRunner

from helpers import demo_order, window
from support import Caller, ServerHandle, run_server
from wdterp.api.ops import run_operation
from wdterp.cli.demo import STOCK_CALL, DemoSandbox, prepare, show
from wdterp.cli.main import app
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.sales.autopilot import run_autopilot
from wdterp.protocol.clock import now_china
from wdterp.storage.db import Database

MALL, WH = "demo-mall", "WH-SH"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[DemoSandbox, ServerHandle, Caller]]:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    complete_schema(url)
    db = Database(url)
    try:
        with run_server(db) as server:
            sandbox = prepare(url, server.url)
            secret, salt = sandbox.secret.split(":")
            yield sandbox, server, Caller(server.url, sandbox.sid, sandbox.key, secret, salt)
    finally:
        db.dispose()


def _stock(caller: Caller, spec_no: str) -> dict[tuple[str, bool], float]:
    envelope = caller.call("wms.StockSpec.search", {"spec_nos": [spec_no]}, page=(50, 0))
    assert envelope["status"] == 0, envelope
    return {(r["warehouse_no"], bool(r["defect"])): r["stock_num"] for r in envelope["data"]}


def _order(tid: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return demo_order(tid)


def _trade(caller: Caller, tid: str) -> dict[str, Any]:
    data = caller.call("sales.TradeQuery.queryWithDetail", {**window(), "src_tid": tid}, page=(10, 0))
    assert data["status"] == 0, data
    (trade,) = data["data"]["order"]
    return dict(trade)


def test_demo_has_stock_and_ships_pushed_orders_by_itself(demo: tuple[DemoSandbox, ServerHandle, Caller]) -> None:
    sandbox, server, caller = demo
    assert sandbox.report.sections["stock"].created == 13

    # the newcomer's first stock call, as the demo prints it, with our CLI and the printed credentials
    env = dict(zip(("WDTERP_URL", "WDTERP_SID", "WDTERP_KEY", "WDTERP_SECRET"),
                   (sandbox.url, sandbox.sid, sandbox.key, sandbox.secret), strict=True))
    printed = CliRunner().invoke(app, ["call", *shlex.split(STOCK_CALL)], env=env)
    assert printed.exit_code == 0, printed.output
    rows = json.loads(printed.stdout)  # the page's rows
    assert {(r["spec_no"], r["warehouse_no"]) for r in rows} >= {("TS01-WH-M", WH), ("MUG01-350", WH),
                                                                   ("TS01-WH-M", "WH-BJ")}
    assert _stock(caller, "TS01-BK-M") == {(WH, False): 120, (WH, True): 2}

    # the opening stock is a real document: a checked 初始化入库 stockin per warehouse
    stockins = caller.call("wms.stockin.Base.search", {**window(), "order_type": int(OrderType.INIT_IN)},
                           page=(10, 0))
    assert stockins["status"] == 0 and stockins["data"]["total_count"] == 3, stockins
    assert {r["status"] for r in stockins["data"]["order_list"]} == {80}
    # the outsourced warehouse takes outer adjust documents (an own warehouse does not)
    outer_in = caller.call("wms.outer.OuterIn.createOrder", {"warehouse_no": "WH-WMS", "reason": "盘盈"},
                           [{"spec_no": "TS01-WH-M", "num": 2}], True)
    assert outer_in["status"] == 0, outer_in
    assert caller.call("wms.outer.OuterOut.createOrder", {"warehouse_no": "WH-WMS"},
                       [{"spec_no": "TS01-WH-M", "num": 1}], True)["status"] == 0
    assert _stock(caller, "TS01-WH-M")[("WH-WMS", False)] == 41
    assert caller.call("wms.outer.OuterIn.createOrder", {"warehouse_no": WH}, [{"spec_no": "TS01-WH-M", "num": 1}],
                       True)["status"] != 0

    # autopilot: pushed → submitted and checked at once, shipped after its delay, then awaiting sync
    pushed = caller.call("sales.RawTrade.pushSelf2", MALL, *_order("DEMO-1"))
    assert pushed["status"] == 0 and pushed["data"]["new_count"] == 1, pushed
    assert _trade(caller, "DEMO-1")["trade_status"] == 55
    listed = caller.call("sales.LogisticsSync.getSyncListExt", {"shop_no": MALL}, page=(10, 0))
    assert listed["total"] == 0
    with server.db.transaction() as session:
        assert run_autopilot(session, now_china() + timedelta(seconds=31)) == 1
    trade = _trade(caller, "DEMO-1")
    assert trade["trade_status"] == 95 and trade["logistics_code"] == "SF"
    listed = caller.call("sales.LogisticsSync.getSyncListExt", {"shop_no": MALL}, page=(10, 0))
    assert [(r["tid"], r["logistics_no"], r["logistics_code"]) for r in listed["data"]] == [
        ("DEMO-1", trade["logistics_no"], "SF")]
    assert _stock(caller, "TS01-WH-M")[(WH, False)] == 198

    # the mall reports the number: the row leaves the list and the trade logs 135 物流同步
    reported = caller.call("sales.LogisticsSync.update", [{"sync_id": listed["data"][0]["sync_id"], "status": 0}])
    assert reported["status"] == 0 and reported["data"] == [], reported
    assert caller.call("sales.LogisticsSync.getSyncListExt", {"shop_no": MALL}, page=(10, 0))["total"] == 0
    log = caller.call("sales.TradeQuery.getLog", {"trade_no": trade["trade_no"]})["data"]["detail_list"]
    assert {1, 3, 45, 105, 135} <= {row["type"] for row in log}

    # starting the demo again sets the stock figures back, through one more 初始化入库, ledger intact
    again = prepare(str(server.db.engine.url), server.url)
    # (the shipped order's row of WH-SH and the outer documents' row of WH-WMS)
    assert (again.report.sections["stock"].created, again.report.sections["stock"].existing) == (2, 11)
    assert _stock(caller, "TS01-WH-M")[(WH, False)] == 200
    assert _stock(caller, "TS01-WH-M")[("WH-WMS", False)] == 40
    with server.db.transaction() as session:
        assert run_operation(session, "stock.audit", sandbox.sid, {}) == {"ok": True, "problems": []}
        init_docs = session.scalar(select(func.count()).select_from(StockDocument).where(
            StockDocument.order_type == OrderType.INIT_IN))
    assert init_docs == 4


def test_demo_prints_the_stock_call(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    complete_schema(url)
    sandbox = prepare(url, "http://127.0.0.1:8080")
    show(sandbox, url)
    printed = capsys.readouterr().out
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    for line in (f"wdterp call {STOCK_CALL}", "wdterp call setting.Warehouse.queryWarehouse '{}' --page-size 10"):
        assert line in printed and line in readme
    assert sandbox.exports().replace(sandbox.secret, "<secret>:<salt>") in readme


def test_logs_after_the_demo_read_the_demo_database(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: `wdterp logs` in the shell the demo's lines were pasted into read ./wdterp.db."""
    monkeypatch.chdir(tmp_path)
    sandbox = prepare("sqlite:///./wdterp-demo.db", "http://127.0.0.1:8080", admin_token="t0ken")
    show(sandbox, "sqlite:///./wdterp-demo.db")
    printed = capsys.readouterr().out
    line = next(line for line in printed.splitlines() if line.startswith("export WDTERP_DATABASE_URL="))
    url = shlex.split(line.removeprefix("export "))[0].split("=", 1)[1]
    assert url == f"sqlite:///{tmp_path / 'wdterp-demo.db'}"
    assert "/console/login?token=t0ken&next=/console/calls" in printed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(app, ["logs", "--json"], env={"WDTERP_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert not (elsewhere / "wdterp.db").exists()
