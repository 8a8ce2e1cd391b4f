"""The order loop through HTTP: push → submit → check → consign, cancel, address change, merge, autopilot."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from salestools import MALL, SF, push2, raw_line, seed, stock_of, trade_of, trades

from helpers import op, window
from support import TenantHandle
from wdterp.api.ops import OperationError
from wdterp.domain.inventory.service import ledger_total
from wdterp.domain.sales.autopilot import run_autopilot
from wdterp.protocol.clock import now_china


def test_whole_loop_push_submit_check_consign(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    assert push2(tenant, "T1", [raw_line("T1", "T1-1", "A", 2), raw_line("T1", "T1-2", "B", 1)]) == \
        {"chg_count": 0, "new_count": 1, "error_list": []}
    trade_no = op(tenant, "sales.submit", tid="T1")["trade_no"]
    trade = trade_of(tenant, "T1")
    assert (trade["trade_no"], trade["trade_status"], trade["src_tids"]) == (trade_no, 30, "T1")
    assert {d["spec_no"]: d["num"] for d in trade["detail_list"]} == {"A": 2, "B": 1}

    checked = op(tenant, "sales.check", trade_no=trade_no)
    assert checked["trade_status"] == 55 and checked["stockout_no"].startswith("CK")
    assert stock_of(tenant, ids["warehouse"], ids["A"]) == (Decimal(10), Decimal(2))

    shipped = op(tenant, "sales.consign", trade_no=trade_no, logistics_no=SF, tracking_no="SF123")
    assert shipped["trade_status"] == 95
    trade = trade_of(tenant, "T1")
    assert (trade["trade_status"], trade["logistics_no"], trade["logistics_code"]) == (95, "SF123", SF)
    assert trade["stockout_no"] == checked["stockout_no"] and isinstance(trade["consign_time"], int)
    assert stock_of(tenant, ids["warehouse"], ids["A"]) == (Decimal(8), Decimal(0))
    with tenant.db.transaction() as session:
        assert ledger_total(session, ids["warehouse"], ids["A"]) == Decimal(8)
        assert ledger_total(session, ids["warehouse"], ids["B"]) == Decimal(4)

    raw = tenant.caller.ok("sales.RawTrade.search", {"tid": "T1"}, page=(10, 0))["order"][0]
    assert raw["process_status"] == 40
    assert {o["oid"]: o["logistics_no"] for o in raw["trade_orders"]} == {"T1-1": "SF123", "T1-2": "SF123"}
    log = tenant.caller.ok("sales.TradeQuery.getLog", {"trade_no": trade_no})["detail_list"]
    assert {row["type"] for row in log} >= {1, 2, 3, 45, 1061, 105}
    sync = tenant.caller.ok("sales.LogisticsSync.getSyncListExt", {"shop_no": MALL}, page=(10, 0))
    rows = sync if isinstance(sync, list) else next(v for v in sync.values() if isinstance(v, list))
    assert [(r["tid"], r["logistics_no"]) for r in rows] == [("T1", "SF123")]


def test_consign_generates_tracking_no_and_refuses_unknown_logistics(tenant: TenantHandle) -> None:
    seed(tenant)
    push2(tenant, "T2")
    trade_no = op(tenant, "sales.submit", tid="T2")["trade_no"]
    op(tenant, "sales.check", trade_no=trade_no)
    with pytest.raises(OperationError, match="不存在物流编码为 NOPE 的物流公司或业务类型错误!"):
        op(tenant, "sales.consign", trade_no=trade_no, logistics_no="NOPE")
    shipped = op(tenant, "sales.consign", trade_no=trade_no, logistics_no=SF)
    assert shipped["logistics_no"].startswith("YD")


def test_shortage_refuses_check_and_keeps_trade_unchecked(tenant: TenantHandle) -> None:
    seed(tenant, {"A": 1})
    push2(tenant, "T3")
    trade_no = op(tenant, "sales.submit", tid="T3")["trade_no"]
    with pytest.raises(OperationError, match="商家编码A库存不足"):
        op(tenant, "sales.check", trade_no=trade_no)
    assert trade_of(tenant, "T3")["trade_status"] == 30


def test_platform_close_cancels_checked_trade_and_releases_stock(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    push2(tenant, "T4")
    trade_no = op(tenant, "sales.submit", tid="T4")["trade_no"]
    op(tenant, "sales.check", trade_no=trade_no)
    assert stock_of(tenant, ids["warehouse"], ids["A"]) == (Decimal(10), Decimal(2))
    assert push2(tenant, "T4", trade_status=80, refund_status=3)["chg_count"] == 1
    assert trade_of(tenant, "T4")["trade_status"] == 5
    assert stock_of(tenant, ids["warehouse"], ids["A"]) == (Decimal(10), Decimal(0))
    raw = tenant.caller.ok("sales.RawTrade.search", {"tid": "T4"}, page=(10, 0))["order"][0]
    assert raw["process_status"] == 70
    refunds = tenant.caller.ok("sales.Payment.queryWithDetail", {**window(), "is_refund": 1}, page=(10, 0))
    assert [(p["sales_order_no"], p["refund_amount"]) for p in refunds["payment_list"]] == [("T4", 25.0)]


def test_address_change_by_repush_updates_unshipped_trade(tenant: TenantHandle) -> None:
    seed(tenant)
    push2(tenant, "T5")
    trade_no = op(tenant, "sales.submit", tid="T5")["trade_no"]
    push2(tenant, "T5", receiver_address="夏天街道2号", receiver_area="上海 上海市 浦东新区")
    trade = trade_of(tenant, "T5")
    assert (trade["receiver_address"], trade["receiver_area"]) == ("夏天街道2号", "上海 上海市 浦东新区")
    assert trade["receiver_province"] == 310000
    log = tenant.caller.ok("sales.TradeQuery.getLog", {"trade_no": trade_no})["detail_list"]
    assert 1005 in {row["type"] for row in log}


def test_merge_moves_lines_and_keeps_merge_log(tenant: TenantHandle) -> None:
    seed(tenant)
    push2(tenant, "M1")
    push2(tenant, "M2", [raw_line("M2", "M2-1", "B", 1)])
    main = op(tenant, "sales.submit", tid="M1")["trade_no"]
    other = op(tenant, "sales.submit", tid="M2")["trade_no"]
    merged = op(tenant, "sales.merge", main_trade_no=main, trade_nos=other)
    assert merged["src_tids"] == "M1,M2" and merged["goods_count"] == 3
    found = [t for t in trades(tenant, src_tid="M2")]
    assert [t["trade_no"] for t in found] == [main]
    assert "合单" in found[0]["trade_label"]
    logs = tenant.caller.ok("sales.TradeQuery.getTradeMergedLog", window(), page=(10, 0))
    assert [(r["trade_no"], r["main_trade_no"]) for r in logs["log_list"]] == [(other, main)]


def test_autopilot_submits_checks_and_consigns(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    # a delay the server's own background round (every 2 s) cannot reach during the test
    op(tenant, "autopilot.set", auto_submit=True, auto_check=True, auto_consign_after_seconds=3600, logistics_no=SF)
    push2(tenant, "AP1")
    trade = trade_of(tenant, "AP1")
    assert trade["trade_status"] == 55
    with tenant.db.transaction() as session:
        run_autopilot(session, now_china())  # not due yet
    assert trade_of(tenant, "AP1")["trade_status"] == 55
    with tenant.db.transaction() as session:
        assert run_autopilot(session, now_china() + timedelta(seconds=3601)) >= 1
    trade = trade_of(tenant, "AP1")
    assert trade["trade_status"] == 95 and trade["logistics_no"].startswith("YD")
    assert stock_of(tenant, ids["warehouse"], ids["A"]) == (Decimal(8), Decimal(0))


def test_server_background_task_consigns_after_delay(sqlite_tenant: TenantHandle) -> None:
    import time

    seed(sqlite_tenant)
    op(sqlite_tenant, "autopilot.set", auto_submit=True, auto_check=True, auto_consign_after_seconds=1,
       logistics_no=SF)
    push2(sqlite_tenant, "BG1")
    assert trade_of(sqlite_tenant, "BG1")["trade_status"] == 55
    deadline = time.time() + 15
    while trade_of(sqlite_tenant, "BG1")["trade_status"] != 95:
        assert time.time() < deadline, "the server's autopilot did not consign"
        time.sleep(0.3)
    sync = sqlite_tenant.caller.ok("sales.LogisticsSync.getSyncListExt", {"tid": "BG1"}, page=(10, 0))
    assert sync
