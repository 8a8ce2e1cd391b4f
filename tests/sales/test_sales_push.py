"""sales.RawTrade.pushSelf / pushSelf2 and the raw trade searches: rows E20 E22 E28 E72 E51 E69 E70 E71 E78 E66."""

from __future__ import annotations

from datetime import timedelta

import pytest
from salestools import MALL, PUSH, PUSH2, SHOP_TB, push2, raw_line, raw_trade, seed

from helpers import expect, op
from support import TenantHandle
from wdterp.protocol.clock import format_wire_time, now_china


def _call(tenant: TenantHandle, method: str, shop: str = MALL, **extra: object) -> dict[str, object]:
    return tenant.caller.call(method, shop, [raw_trade("X1", **extra)], [raw_line("X1", "X1-1")])


def test_insert_then_update_by_tid(tenant: TenantHandle) -> None:
    seed(tenant)
    assert push2(tenant, "P1") == {"chg_count": 0, "new_count": 1, "error_list": []}
    assert push2(tenant, "P1", [raw_line("P1", "P1-1", num=3), raw_line("P1", "P1-2", "B")]) == \
        {"chg_count": 1, "new_count": 0, "error_list": []}
    data = tenant.caller.ok("sales.RawTrade.search", {"tid": "P1", "detail_mask": 1}, page=(10, 0))
    assert data["total_count"] == 1
    raw = data["order"][0]
    assert (raw["tid"], raw["shop_no"], raw["process_status"], raw["order_count"], raw["goods_count"]) == \
        ("P1", MALL, 10, 2, 5)
    assert (raw["receiver_province"], raw["receiver_city"]) == (110000, 110100)
    assert sorted(o["oid"] for o in raw["trade_orders"]) == ["P1-1", "P1-2"]
    assert tenant.caller.ok("sales.RawTrade.pushSelf", MALL, [raw_trade("P2")], [raw_line("P2", "P2-1")]) == \
        {"chg_count": 0, "new_count": 1}
    self_rows = tenant.caller.ok("sales.RawTrade.searchSelfOrder", {"shop_no": MALL}, page=(10, 0))
    assert self_rows["total_count"] == 2


@pytest.mark.parametrize("method", [PUSH, PUSH2])
def test_shop_rows(sqlite_tenant: TenantHandle, method: str) -> None:
    seed(sqlite_tenant)
    expect(_call(sqlite_tenant, method, "nope"), "E20")
    expect(_call(sqlite_tenant, method, SHOP_TB), "E22")
    op(sqlite_tenant, "shop.disable", shop_no=MALL)
    expect(_call(sqlite_tenant, method, MALL), "E20")


@pytest.mark.parametrize("field,value", [("buyer_nick", "  "), ("receiver_name", "\t"),
                                         ("receiver_address", "路\x07口"), ("buyer_message", "好评😀")])
def test_e28_illegal_or_empty_texts(sqlite_tenant: TenantHandle, field: str, value: str) -> None:
    seed(sqlite_tenant)
    expect(_call(sqlite_tenant, PUSH, **{field: value}), "E28", tid="X1")
    data = sqlite_tenant.caller.ok(PUSH2, MALL, [raw_trade("X1", **{field: value}), raw_trade("X2")],
                                   [raw_line("X1", "X1-1"), raw_line("X2", "X2-1")])
    assert data == {"chg_count": 0, "new_count": 1, "error_list": [
        {"no": "X1", "error": "昵称/收件人姓名/收件人地址/买家留言包含非法字符或为空,原始单号为：X1"}]}


def test_e72_trade_time_in_the_future(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    later = format_wire_time(now_china() + timedelta(hours=1))
    expect(_call(sqlite_tenant, PUSH, trade_time=later), "E72", tid="X1")
    data = sqlite_tenant.caller.ok(PUSH2, MALL, [raw_trade("X1", trade_time=later)], [raw_line("X1", "X1-1")])
    assert data["error_list"] == [{"no": "X1", "error": "下单时间非法,原始单号为：X1"}] and data["new_count"] == 0


def test_field_rows(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    expect(_call(sqlite_tenant, PUSH2, receiver_mobile="138****8888"), "E51")
    # the page lists 1..8 (8 微信支付); the contract: the maximum is the largest value listed
    expect(_call(sqlite_tenant, PUSH2, pay_method=9), "E69", field="pay_method", max=8)
    assert _call(sqlite_tenant, PUSH2, pay_method=8)["status"] == 0
    expect(_call(sqlite_tenant, PUSH2, buyer_nick=None), "E70", field="buyer_nick")
    expect(_call(sqlite_tenant, PUSH2, trade_status=91), "E69", field="trade_status", max=90)
    expect(_call(sqlite_tenant, PUSH2, buyer_email="x" * 41), "E78", field="buyer_email")
    expect(_call(sqlite_tenant, PUSH2, trade_time="2024/01/01"), "E66", value="2024/01/01")
    body = raw_trade("X1")
    del body["receiver_name"]
    expect(sqlite_tenant.caller.call(PUSH2, MALL, [body], [raw_line("X1", "X1-1")]), "E71", field="receiver_name")


def test_history_searches_return_archived_raw_trades(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    push2(sqlite_tenant, "H1")
    push2(sqlite_tenant, "H1", trade_status=90)  # closed before submit → 70
    assert op(sqlite_tenant, "sales.archive")["raw_trades"] == 1
    assert sqlite_tenant.caller.ok("sales.RawTrade.search", {"tid": "H1"}, page=(10, 0))["total_count"] == 0
    for method in ("sales.RawTrade.searchHistory", "sales.RawTrade.searchHistorySelfOrder"):
        rows = sqlite_tenant.caller.ok(method, {"tid": "H1"}, page=(10, 0))["order"]
        assert [(r["tid"], r["process_status"]) for r in rows] == [("H1", 70)]
