"""Aftersales end to end over HTTP (plus ops): a return of a shipped order back into stock (good and
defect, partial receipts), a pre-ship refund on autopilot, an exchange; error rows E61, E20, E39."""

from __future__ import annotations

from typing import Any

from refundtools import (
    MALL,
    RAW_QUERY,
    REFUNDS,
    STOCKIN,
    STOCKINS,
    UPLOAD,
    UPLOAD2,
    figures,
    ledger,
    order,
    push2,
    raw_line,
    refund_row,
    seed,
)

from helpers import expect, expect_business, op, window


def refund_of(tenant: Any, tid: str) -> dict[str, Any]:
    rows = tenant.caller.ok(REFUNDS, {"tid": tid}, page=(10, 0))["order"]
    assert len(rows) == 1, rows
    return rows[0]


def test_return_of_a_shipped_order_back_into_stock(tenant: Any) -> None:
    ids = seed(tenant)
    wh, spec = ids["warehouse"], ids["A"]
    trade_no = order(tenant, "R-1")
    assert figures(tenant, wh, spec)["stock_num"] == 8
    expect(tenant.caller.call(UPLOAD, MALL, [refund_row("P-0", "R-NOPE", 2)]), "E61")
    expect(tenant.caller.call(UPLOAD, "no-shop", [refund_row("P-0", "R-1", 2)]), "E20")
    assert tenant.caller.ok(UPLOAD, MALL, [refund_row("P-1", "R-1", 2, status=2)]) == {"chg_count": 0, "new_count": 1}
    assert tenant.caller.ok(UPLOAD, MALL, [refund_row("P-1", "R-1", 2, status=3)]) == {"chg_count": 1, "new_count": 0}
    raw = tenant.caller.ok(RAW_QUERY, {"refund_no": "P-1"}, page=(10, 0))["order"]
    assert [(r["refund_no"], r["type"], r["status"], r["process_status"], r["shop_no"]) for r in raw] == [
        ("P-1", 2, 3, 0, MALL)]
    assert raw[0]["detail_list"][0]["oid"] == "R-1-1" and raw[0]["num"] == 2
    made = op(tenant, "refund.submit", raw_refund_no="P-1")
    number = made["refund_no"]
    row = refund_of(tenant, "R-1")
    assert (row["refund_no"], row["type"], row["status"], row["stockin_status"]) == (number, 2, 20, 0)
    assert row["trade_no_list"] == trade_no and row["return_warehouse_no"] == "WH1"
    assert row["detail_list"][0]["refund_num"] == 2 and row["detail_list"][0]["spec_no"] == "A"
    expect(tenant.caller.call(STOCKIN, {"refund_no": number, "warehouse_no": "WH1",
                                        "detail_list": [{"spec_no": "A", "num": 1}]}), "E61")
    op(tenant, "refund.check", refund_no=number)
    assert (refund_of(tenant, "R-1")["status"], refund_of(tenant, "R-1")["stockin_status"]) == (30, 1)
    assert figures(tenant, wh, spec)["refund_onway_num"] == 2
    # one good unit back at once, one defect unit on a stockin checked later
    good = tenant.caller.ok(STOCKIN, {"refund_no": number, "warehouse_no": "WH1", "create_mode": 2,
                                      "out_stockin_no": "RS-1", "detail_list": [{"spec_no": "A", "num": 1}]})
    assert figures(tenant, wh, spec) == {"stock_num": 9, "lock_num": 0, "refund_onway_num": 1}
    assert refund_of(tenant, "R-1")["stockin_status"] == 2
    expect_business(tenant.caller.call(STOCKIN, {"refund_no": number, "warehouse_no": "WH1",
                                                 "detail_list": [{"spec_no": "A", "num": 2}]}),
                    "入库数量不能大于退货数量")
    expect(tenant.caller.call(STOCKIN, {"refund_no": number, "warehouse_no": "WH1", "out_stockin_no": "RS-1",
                                        "detail_list": [{"spec_no": "A", "num": 1}]}), "E39")
    defect = tenant.caller.ok(STOCKIN, {"refund_no": number, "warehouse_no": "WH1", "create_mode": 1,
                                        "detail_list": [{"spec_no": "A", "num": 1, "defect": True}]})
    assert figures(tenant, wh, spec, defect=True)["stock_num"] == 0
    assert op(tenant, "stockin.check", doc_no=defect)["status"] == 80
    assert figures(tenant, wh, spec, defect=True)["stock_num"] == 1
    assert figures(tenant, wh, spec) == {"stock_num": 9, "lock_num": 0, "refund_onway_num": 0}
    row = refund_of(tenant, "R-1")
    assert (row["status"], row["stockin_status"], row["return_goods_count"]) == (90, 3, 2)
    assert ledger(tenant, wh, spec) == [(33, 10), (1, -2), (12, 1)] and ledger(tenant, wh, spec, True) == [(12, 1)]
    stockins = tenant.caller.ok(STOCKINS, {"refund_no": number}, page=(10, 0))["order"]
    assert [(s["order_no"], s["status"], s["refund_no"], s["shop_no"]) for s in stockins] == [
        (good, 80, number, MALL), (defect, 80, number, MALL)]
    assert [d["defect"] for s in stockins for d in s["details_list"]] == [False, True]
    assert tenant.caller.ok(STOCKINS, window(days=1, status="80"), page=(10, 0))["total_count"] == 2
    raw = tenant.caller.ok(RAW_QUERY, {"refund_no": "P-1"}, page=(10, 0))["order"][0]
    assert raw["process_status"] == 40
    paid = tenant.caller.ok("sales.Payment.queryWithDetail", {**window(days=1), "is_refund": True}, page=(10, 0))
    assert [(p["refund_amount"], p["sales_order_no"]) for p in paid["payment_list"]] == [(20, "R-1")]
    assert refund_of(tenant, "R-1")["amount_detail_list"][0]["refund_amount"] == 20
    tenant.update_app(shops=["other-shop"])  # an app without the refund's shop sees none of it
    assert tenant.caller.ok(REFUNDS, {"tid": "R-1"}, page=(10, 0))["total_count"] == 0
    expect(tenant.caller.call(UPLOAD, MALL, [refund_row("P-9", "R-1", 2)]), "E20")
    tenant.update_app(shops=None)
    # the refund is done: no more goods back for it
    expect(tenant.caller.call(STOCKIN, {"refund_no": number, "warehouse_no": "WH1",
                                        "detail_list": [{"spec_no": "A", "num": 1}]}), "E61")


def test_pre_ship_refund_on_autopilot_cancels_the_lines(tenant: Any) -> None:
    ids = seed(tenant)
    wh, spec = ids["warehouse"], ids["A"]
    order(tenant, "R-2", num=3, ship=False)
    assert figures(tenant, wh, spec)["lock_num"] == 3
    op(tenant, "autopilot.set", auto_submit=True, auto_check=True)
    answer = tenant.caller.ok(UPLOAD2, MALL, [refund_row("P-2", "R-2", 1, num=3, status=2),
                                              refund_row("P-X", "R-NOPE", 1)])
    assert answer == {"chg_count": 0, "new_count": 1,
                      "error_list": [{"no": "P-X", "error": "未找到对应的单据信息!"}]}
    row = refund_of(tenant, "R-2")
    assert (row["type"], row["status"], row["stockin_status"]) == (1, 90, 0)
    assert figures(tenant, wh, spec) == {"stock_num": 10, "lock_num": 0, "refund_onway_num": 0}
    trade = tenant.caller.ok("sales.TradeQuery.queryWithDetail", {**window(), "src_tid": "R-2"},
                             page=(10, 0))["order"][0]
    assert trade["trade_status"] == 5
    log = tenant.caller.ok("sales.TradeQuery.getLog", {"trade_no": trade["trade_no"]})
    assert [entry["type"] for entry in log["detail_list"]].count(1013) >= 2  # refund made, lines refunded


def test_exchange_takes_the_goods_back(tenant: Any) -> None:
    ids = seed(tenant)
    order(tenant, "R-3", num=1)
    tenant.caller.ok(UPLOAD, MALL, [refund_row("P-3", "R-3", 3, num=1)])
    number = op(tenant, "refund.submit", raw_refund_no="P-3")["refund_no"]
    op(tenant, "refund.check", refund_no=number)
    assert refund_of(tenant, "R-3")["type"] == 3
    received = op(tenant, "refund.receive", refund_no=number)
    assert received["status"] == 90 and received["stockin_status"] == 3
    assert figures(tenant, ids["warehouse"], ids["A"])["stock_num"] == 10


def test_raw_trade_re_pushed_with_a_refund_after_shipment_makes_the_return(tenant: Any) -> None:
    ids = seed(tenant)
    trade_no = order(tenant, "R-4", num=2)
    op(tenant, "autopilot.set", auto_check=True)
    push2(tenant, "R-4", [raw_line("R-4", "R-4-1", num=2, refund_status=3, refund_amount=20)], refund_status=1)
    row = refund_of(tenant, "R-4")
    assert (row["type"], row["status"], row["stockin_status"], row["from_type"]) == (2, 30, 1, 0)
    assert row["trade_no_list"] == trade_no and row["detail_list"][0]["refund_num"] == 2
    assert figures(tenant, ids["warehouse"], ids["A"])["refund_onway_num"] == 2
    # pushed again: the line is covered, no second refund
    push2(tenant, "R-4", [raw_line("R-4", "R-4-1", num=2, refund_status=4, refund_amount=20)], refund_status=1)
    assert tenant.caller.ok(REFUNDS, {"tid": "R-4"}, page=(10, 0))["total_count"] == 1
    received = op(tenant, "refund.receive", refund_no=row["refund_no"])
    assert (received["status"], received["stockin_status"]) == (90, 3)
    trade = tenant.caller.ok("sales.TradeQuery.queryWithDetail", {"trade_no": trade_no}, page=(10, 0))["order"][0]
    assert trade["refund_status"] == 3 and trade["detail_list"][0]["refund_status"] == 5


def test_autopilot_receives_checked_returns(tenant: Any) -> None:
    ids = seed(tenant)
    order(tenant, "R-5", num=1)
    op(tenant, "autopilot.set", auto_submit=True, auto_check=True)
    op(tenant, "autopilot.refunds", receive_after_seconds=3600)  # not yet due (the server's round runs too)
    tenant.caller.ok(UPLOAD, MALL, [refund_row("P-5", "R-5", 2, num=1)])
    assert refund_of(tenant, "R-5")["status"] == 30
    op(tenant, "autopilot.run")
    assert refund_of(tenant, "R-5")["status"] == 30
    assert op(tenant, "autopilot.refunds", receive_after_seconds=0)["auto_receive_refund_after_seconds"] == 0
    op(tenant, "autopilot.run")
    row = refund_of(tenant, "R-5")
    assert (row["status"], row["stockin_status"]) == (90, 3)
    assert figures(tenant, ids["warehouse"], ids["A"]) == {"stock_num": 10, "lock_num": 0, "refund_onway_num": 0}
    op(tenant, "autopilot.refunds", receive_after_seconds=-1)
