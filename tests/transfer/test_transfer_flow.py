"""Transfers end to end over HTTP: two-step with a partial stockin and stop-waiting back-fill, one-step,
cancels, and their error rows (E35, E27, E47, E26, E34)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xfertools import figures, ledger, seed

from helpers import expect, expect_business, op, window

CREATE = "wms.stocktransfer.Edit.createOrder"
QUERY = "wms.stocktransfer.Manage.queryWithDetail"
OUT_CREATE = "wms.stockout.Transfer.createOrder"
IN_CREATE = "wms.stockin.Transfer.createOrder"
OUT_QUERY = "wms.stockout.Transfer.queryWithDetail"
IN_QUERY = "wms.stockin.Transfer.queryWithDetail"
PENDING = "wms.stocktransfer.Manage.pending"
SETTLES = "finance.settle.Transfer.search"


def transfer(tenant: Any, number: str) -> dict[str, Any]:
    rows = tenant.caller.ok(QUERY, {"transfer_no": number}, page=(10, 0))["order"]
    assert len(rows) == 1
    return rows[0]


def header(outer_no: str, mode: int, source: str = "WH1", target: str = "WH2") -> dict[str, Any]:
    return {"outer_no": outer_no, "from_warehouse_no": source, "to_warehouse_no": target, "mode": mode,
            "remark": "move", "contact": "王五"}


def test_two_step_transfer_with_partial_stockin_and_back_fill(tenant: Any) -> None:
    ids = seed(tenant)
    wh1, wh2, s1, s2 = ids["WH1"], ids["WH2"], ids["S1"], ids["S2"]
    expect(tenant.caller.call(CREATE, header("T-BIG", 0), [{"spec_no": "S1", "num": 11}], True), "E35", spec_no="S1")
    made = tenant.caller.ok(CREATE, header("T-1", 0), [{"spec_no": "S1", "num": 6, "remark": "a"},
                                                      {"spec_no": "S2", "num": 2}], True)
    number = made["transfer_no"]
    assert made == {"message": number, "transfer_no": number, "status": 0} and number.startswith("TF")
    expect(tenant.caller.call(CREATE, header("T-1", 0), [{"spec_no": "S1", "num": 1}], False), "E39")
    row = transfer(tenant, number)
    assert (row["status"], row["stock_out_in_status"], row["mode"]) == (40, 10, 0)
    assert row["from_warehouse_no"] == "WH1" and row["to_warehouse_no"] == "WH2" and row["contact"] == "王五"
    assert row["goods_count"] == 8 and row["goods_type_count"] == 2 and row["details_list"][0]["stock_num"] == 10
    assert figures(tenant, wh1, s1)["wait_transfer_num"] == 6
    # the stockout: the stock leaves WH1 and is in transit to WH2
    out = tenant.caller.ok(OUT_CREATE, {"src_order_no": number, "warehouse_no": "WH1", "is_check": 1},
                           [{"spec_no": "S1", "num": 6}, {"spec_no": "S2", "num": 2}], False)
    assert out["status"] == 0 and out["message"].startswith("CK")
    assert figures(tenant, wh1, s1) | {} == {"stock_num": 4, "lock_num": 0, "transfer_num": 0, "wait_transfer_num": 0,
                                             "refund_onway_num": 0}
    assert figures(tenant, wh2, s1)["transfer_num"] == 6 and figures(tenant, wh2, s2)["transfer_num"] == 2
    row = transfer(tenant, number)
    assert (row["status"], row["stock_out_in_status"], row["goods_out_count"]) == (50, 40, 8)
    assert row["details_list"][0]["out_num"] == 6
    sent = tenant.caller.ok(OUT_QUERY, {"src_order_no": number}, page=(10, 0))["order"]
    assert [(r["order_no"], r["status"], r["order_type"], r["to_warehouse_no"]) for r in sent] == [
        (out["message"], 110, 2, "WH2")]
    assert sent[0]["detail_list"][0]["goods_count"] == 6 and sent[0]["detail_list"][0]["cost_price"] == 2
    # a partial stockin, checked through ops
    got = tenant.caller.ok(IN_CREATE, {"src_order_no": number, "warehouse_no": "WH2"}, [{"spec_no": "S1", "num": 4}])
    assert got["status"] == 0
    expect_business(tenant.caller.call(IN_CREATE, {"src_order_no": number, "warehouse_no": "WH2"},
                                       [{"spec_no": "S1", "num": 7}]), "调拨入库数量不能大于调拨单在途数量")
    assert figures(tenant, wh2, s1)["stock_num"] == 0
    assert op(tenant, "stockin.check", doc_no=got["message"])["status"] == 80
    assert figures(tenant, wh2, s1)["stock_num"] == 4 and figures(tenant, wh2, s1)["transfer_num"] == 2
    row = transfer(tenant, number)
    assert (row["status"], row["stock_out_in_status"], row["goods_in_count"]) == (50, 50, 4)
    # stop waiting with back-fill: what is still in transit returns to WH1
    answer = tenant.caller.ok(PENDING, [number, "TF-NOPE"], True)
    assert answer == {"error_info": [{"order_no": "TF-NOPE", "message": "调拨单不存在或调拨单状态错误"}], "status": 0}
    assert figures(tenant, wh1, s1)["stock_num"] == 6 and figures(tenant, wh1, s2)["stock_num"] == 5
    assert figures(tenant, wh2, s1)["transfer_num"] == 0 and figures(tenant, wh2, s2)["transfer_num"] == 0
    row = transfer(tenant, number)
    assert (row["status"], row["stock_out_in_status"]) == (90, 60)
    received = tenant.caller.ok(IN_QUERY, {"transfer_no": number}, page=(10, 0))["order"]
    assert [(r["to_warehouse_no"], r["status"], r["goods_count"]) for r in received] == [
        ("WH2", 80, 4), ("WH1", 80, 4)]
    assert ledger(tenant, wh1, s1) == [(33, 10), (2, -6), (2, 2)] and ledger(tenant, wh2, s1) == [(2, 4)]
    settle = tenant.caller.ok(SETTLES, {"transfer_no": number}, page=(10, 0))["order"]
    assert len(settle) == 1 and settle[0]["status"] == 30 and settle[0]["total_cost"] == 16
    assert settle[0]["from_warehouse_no"] == "WH1" and settle[0]["settle_no"]
    assert [(d["spec_no"], d["num"], d["out_num"], d["in_num"]) for d in settle[0]["detail_list"]] == [
        ("S1", 6, 6, 4), ("S2", 2, 2, 0)]
    assert tenant.caller.ok(SETTLES, window(days=1), page=(10, 0))["total_count"] == 1
    # the transfer is done: no more stockouts or stockins for it
    expect(tenant.caller.call(OUT_CREATE, {"src_order_no": number, "warehouse_no": "WH1"},
                              [{"spec_no": "S1", "num": 1}], True), "E47")
    expect(tenant.caller.call(IN_CREATE, {"src_order_no": "TF-NOPE", "warehouse_no": "WH2"},
                              [{"spec_no": "S1", "num": 1}]), "E47")


def test_one_step_transfer_moves_at_once(tenant: Any) -> None:
    ids = seed(tenant)
    expect(tenant.caller.call(CREATE, header("Q-BIG", 5), [{"spec_no": "S1", "num": 100}], True), "E27",
           spec_no="S1")
    made = tenant.caller.ok(CREATE, header("Q-1", 5), [{"spec_no": "S1", "num": 3}], True)
    assert made["status"] == 0
    assert figures(tenant, ids["WH1"], ids["S1"])["stock_num"] == 7
    assert figures(tenant, ids["WH2"], ids["S1"]) == {"stock_num": 3, "lock_num": 0, "transfer_num": 0,
                                                      "wait_transfer_num": 0, "refund_onway_num": 0}
    row = transfer(tenant, made["transfer_no"])
    assert (row["status"], row["stock_out_in_status"], row["goods_out_count"], row["goods_in_count"]) == (90, 60, 3, 3)
    assert ledger(tenant, ids["WH2"], ids["S1"]) == [(2, Decimal(3))]
    page = tenant.caller.ok(QUERY, window(days=1, status="90"), page=(10, 0))
    assert [r["transfer_no"] for r in page["order"]] == [made["transfer_no"]]


def test_cancel_and_stockout_cancel(tenant: Any) -> None:
    ids = seed(tenant)
    made = tenant.caller.ok(CREATE, header("C-1", 0), [{"spec_no": "S1", "num": 2}], False)
    assert transfer(tenant, made["transfer_no"])["status"] == 20
    assert tenant.caller.call("wms.stocktransfer.Manage.cancelOrder", made["transfer_no"]) == {"status": 0}
    assert transfer(tenant, made["transfer_no"])["status"] == 10
    expect(tenant.caller.call("wms.stocktransfer.Manage.cancelOrder", made["transfer_no"]), "E26")
    expect(tenant.caller.call("wms.stocktransfer.Manage.cancelOrder", "TF-NOPE"), "E26")
    # an unchecked transfer has no stockouts (E47); once checked it does
    second = tenant.caller.ok(CREATE, header("C-2", 0), [{"spec_no": "S1", "num": 2}], False)["transfer_no"]
    expect(tenant.caller.call(OUT_CREATE, {"src_order_no": second, "warehouse_no": "WH1"},
                              [{"spec_no": "S1", "num": 1}], False), "E47")
    op(tenant, "transfer.check", transfer_no=second)
    out = tenant.caller.ok(OUT_CREATE, {"src_order_no": second, "warehouse_no": "WH1", "is_check": 2},
                           [{"spec_no": "S1", "num": 1}], False)
    assert tenant.caller.call("wms.stockout.Transfer.cancelOrder", out["message"]) == {"status": 0}
    expect(tenant.caller.call("wms.stockout.Transfer.cancelOrder", out["message"]), "E26")
    assert figures(tenant, ids["WH1"], ids["S1"])["stock_num"] == 10
    # stop waiting without back-fill: nothing was sent, nothing is expected any more
    assert tenant.caller.ok(PENDING, [second], False) == {"error_info": [], "status": 0}
    assert figures(tenant, ids["WH1"], ids["S1"])["wait_transfer_num"] == 0
