"""TradeEdit, TradeImport, TradeQuery windows and history, payments, labels: rows E21 E23 E25 E43 E55 E76."""

from __future__ import annotations

from datetime import timedelta

import pytest
from salestools import SF, WH, push2, raw_line, seed, trade_of, trades

from helpers import expect, op, window
from support import TenantHandle
from wdterp.api.ops import OperationError
from wdterp.protocol.clock import format_wire_time, now_china


def _submitted(tenant: TenantHandle, tid: str) -> str:
    push2(tenant, tid)
    return str(op(tenant, "sales.submit", tid=tid)["trade_no"])


def test_modify_remark_unchecked_only_per_item(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    open_no, checked_no = _submitted(sqlite_tenant, "R1"), _submitted(sqlite_tenant, "R2")
    op(sqlite_tenant, "sales.check", trade_no=checked_no)
    data = sqlite_tenant.caller.ok("sales.TradeEdit.modifyRemark", [
        {"trade_no": open_no, "cs_remark": "加急"}, {"trade_no": open_no, "cs_remark": "!", "is_super_add": True},
        {"trade_no": checked_no, "cs_remark": "晚了"}, {"trade_no": "JYNOPE", "cs_remark": "x"}])
    assert data["error"] == [{"trade_no": checked_no, "message": "订单状态不正确"},
                             {"trade_no": "JYNOPE", "message": "未找到符合条件的订单"}]
    assert trade_of(sqlite_tenant, "R1")["cs_remark"] == "加急!"
    # the page's own example wraps the list in {"data": [...]}
    assert sqlite_tenant.caller.ok("sales.TradeEdit.modifyRemark", {"data": [
        {"trade_no": open_no, "cs_remark": "新"}]}) == {"message": "成功", "error": []}
    expect(sqlite_tenant.caller.call("sales.TradeEdit.modifyRemark", [{"trade_no": "JYNOPE", "cs_remark": "x"}]),
           "E21")
    log = sqlite_tenant.caller.ok("sales.TradeQuery.getLog", {"trade_no": open_no})["detail_list"]
    assert [r["type"] for r in log].count(1009) == 3


def test_to_exception(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    open_no, checked_no = _submitted(sqlite_tenant, "E1"), _submitted(sqlite_tenant, "E2")
    op(sqlite_tenant, "sales.check", trade_no=checked_no)
    expect(sqlite_tenant.caller.call("sales.TradeEdit.toException", "JYNOPE"), "E21")
    assert sqlite_tenant.caller.ok("sales.TradeEdit.toException", checked_no) == {"message": "订单状态不正确"}
    assert sqlite_tenant.caller.ok("sales.TradeEdit.toException", open_no) == {"message": ""}
    assert trade_of(sqlite_tenant, "E1")["trade_status"] == 23
    with pytest.raises(OperationError, match="订单状态不正确"):
        op(sqlite_tenant, "sales.check", trade_no=open_no)
    assert op(sqlite_tenant, "sales.clear_exception", trade_no=open_no)["trade_status"] == 30


def test_trade_query_windows(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    trade_no = _submitted(sqlite_tenant, "W1")
    now = now_china()
    wide = {"start_time": format_wire_time(now - timedelta(minutes=61)), "end_time": format_wire_time(now)}
    for method in ("sales.TradeQuery.queryWithDetail", "sales.TradeQuery.querySelfOrderWithDetail",
                   "sales.TradeQuery.queryHistoryWithDetail", "sales.TradeQuery.queryHistorySelfOrderWithDetail"):
        expect(sqlite_tenant.caller.call(method, wide, page=(10, 0)), "E25")
        expect(sqlite_tenant.caller.call(method, {"shop_no": "mall"}, page=(10, 0)), "E23")
    # without a window when a trade number is given
    rows = sqlite_tenant.caller.ok("sales.TradeQuery.queryWithDetail", {"trade_no": trade_no}, page=(10, 0))
    assert [r["trade_no"] for r in rows["order"]] == [trade_no]
    assert [r["trade_no"] for r in trades(sqlite_tenant, status="30,55")] == [trade_no]
    assert trades(sqlite_tenant, status="95") == []


def test_history_trade_queries_after_archive(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    trade_no = _submitted(sqlite_tenant, "A1")
    op(sqlite_tenant, "sales.check", trade_no=trade_no)
    op(sqlite_tenant, "sales.consign", trade_no=trade_no, logistics_no=SF)
    assert op(sqlite_tenant, "sales.archive")["trades"] == 1
    assert trades(sqlite_tenant, src_tid="A1") == []
    for method in ("sales.TradeQuery.queryHistoryWithDetail", "sales.TradeQuery.queryHistorySelfOrderWithDetail"):
        assert [(t["trade_no"], t["trade_status"]) for t in trades(sqlite_tenant, method)] == [(trade_no, 95)]


def _import_row(trade_no: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "trade_no": trade_no, "receivable": 20, "shop_name": "自有商城", "warehouse_name": "主仓",
        "logistics_name": "顺丰速运", "logistics_no": "SF900", "merchant_no": "A", "num": 2, "order_price": 10,
        "receiver_name": "李四", "receiver_address": "某路1号", "receiver_mobile": "13900000000",
        "trade_time": format_wire_time(now_china())}
    row.update(extra)
    return row


def test_trade_import(sqlite_tenant: TenantHandle) -> None:
    ids = seed(sqlite_tenant)
    method = "sales.TradeImport.upload"
    expect(sqlite_tenant.caller.call(method, [_import_row("IM2", logistics_name="无此物流")]), "E43",
           logistics_no="无此物流")
    assert sqlite_tenant.caller.ok(method, [_import_row("IM1"), _import_row("IM1", merchant_no="B", num=1)]) == \
        {"message": "OK"}
    assert sqlite_tenant.caller.call(method, [_import_row("IM1")]) == {"status": 100, "message": "订单编号已存在"}
    rows = sqlite_tenant.caller.ok("sales.TradeQuery.queryWithDetail", {"trade_no": "IM1"}, page=(10, 0))["order"]
    assert (rows[0]["trade_status"], rows[0]["goods_count"], rows[0]["logistics_no"]) == (7, 3, "SF900")
    assert op(sqlite_tenant, "sales.complete_import", trade_no="IM1")["trade_status"] == 110
    from salestools import stock_of

    assert stock_of(sqlite_tenant, ids["warehouse"], ids["A"])[0] == 10  # imports move no stock
    sqlite_tenant.update_app(create_trade=False)
    expect(sqlite_tenant.caller.call(method, [_import_row("IM3")]), "E55")


def test_payments_and_labels(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    trade_no = _submitted(sqlite_tenant, "PY1")
    data = sqlite_tenant.caller.ok("sales.Payment.queryWithDetail", {**window(), "sales_order_no": "PY1"},
                                   page=(10, 0))
    assert [(p["status"], p["receive_amount"], p["is_refund"], p["shop_no"]) for p in data["payment_list"]] == \
        [(40, 25.0, False, "mall")]
    with pytest.raises(OperationError, match="标记无此标签 不存在/已停用/类型错误"):
        op(sqlite_tenant, "sales.label", trade_no=trade_no, labels="无此标签")
    op(sqlite_tenant, "sales.label", trade_no=trade_no, labels="加急,赠品")
    trade = trade_of(sqlite_tenant, "PY1")
    assert trade["trade_label"] == "加急,赠品"
    assert trade["warehouse_no"] == WH


def test_unpaid_submit_waits_for_payment(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    push2(sqlite_tenant, "U1", [raw_line("U1", "U1-1")], pay_status=0, trade_status=10, paid=0)
    op(sqlite_tenant, "sales.submit", tid="U1")
    assert trade_of(sqlite_tenant, "U1")["trade_status"] == 10
    push2(sqlite_tenant, "U1", [raw_line("U1", "U1-1")], pay_status=2, trade_status=30, paid=25)
    assert trade_of(sqlite_tenant, "U1")["trade_status"] == 30
