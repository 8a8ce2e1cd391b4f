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

from helpers import window
from support import Caller, ServerHandle, run_server
from wdterp.api.ops import run_operation
from wdterp.cli.demo import STOCK_CALL, DemoSandbox, prepare, show
from wdterp.cli.main import app
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.sales.autopilot import run_autopilot
from wdterp.protocol.clock import format_wire_time, now_china
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
    now = format_wire_time(now_china())
    trade = {"tid": tid, "process_status": 10, "trade_status": 30, "refund_status": 0, "pay_status": 2,
             "order_count": 1, "goods_count": 2, "pay_method": 7, "trade_time": now, "pay_time": now,
             "end_time": None, "buyer_nick": "newcomer", "buyer_message": "", "receiver_name": "张三",
             "receiver_area": "上海 上海市 浦东新区", "receiver_address": "世纪大道 1 号",
             "receiver_mobile": "13888888888", "post_amount": 0, "discount": 0, "receivable": 118, "paid": 118,
             "delivery_term": 1, "is_auto_wms": False, "warehouse_no": ""}
    line = {"tid": tid, "oid": f"{tid}-1", "status": 30, "refund_status": 0, "goods_id": "10001",
            "spec_id": "10001-1", "goods_no": "TS01", "spec_no": "TS01-WH-M", "goods_name": "纯棉圆领T恤",
            "spec_name": "白色 M", "num": 2, "price": 59, "discount": 0, "share_discount": 0, "total_amount": 118,
            "adjust_amount": 0, "refund_amount": 0, "remark": "", "json": ""}
    return [trade], [line]


def _trade(caller: Caller, tid: str) -> dict[str, Any]:
    data = caller.call("sales.TradeQuery.queryWithDetail", {**window(), "src_tid": tid}, page=(10, 0))
    assert data["status"] == 0, data
    (trade,) = data["data"]["order"]
    return dict(trade)


def test_demo_has_stock_and_ships_pushed_orders_by_itself(demo: tuple[DemoSandbox, ServerHandle, Caller]) -> None:
    sandbox, server, caller = demo
    assert sandbox.report.sections["stock"].created == 11

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
    assert stockins["status"] == 0 and stockins["data"]["total_count"] == 2, stockins
    assert {r["status"] for r in stockins["data"]["order_list"]} == {80}

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
    assert (again.report.sections["stock"].created, again.report.sections["stock"].existing) == (1, 10)
    assert _stock(caller, "TS01-WH-M")[(WH, False)] == 200
    with server.db.transaction() as session:
        assert run_operation(session, "stock.audit", sandbox.sid, {}) == {"ok": True, "problems": []}
        init_docs = session.scalar(select(func.count()).select_from(StockDocument).where(
            StockDocument.order_type == OrderType.INIT_IN))
    assert init_docs == 3


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
