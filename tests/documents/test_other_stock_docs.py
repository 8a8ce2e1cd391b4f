"""wms.stockin.Other.* and wms.stockout.Other*: create (checked or not), cancel, query, and their errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docseed import ledger_rows, seed, set_settings, stock

from helpers import expect, expect_business, window

IN_CREATE = "wms.stockin.Other.createOtherOrder"
IN_CANCEL = "wms.stockin.Other.cancelOtherOrder"
IN_QUERY = "wms.stockin.Other.queryWithDetail"
OUT_CREATE = "wms.stockout.Other.createOther"
OUT_CANCEL = "wms.stockout.Other.cancelOtherOrder"
OUT_QUERY = "wms.stockout.OtherQuery.queryWithDetail"


def stockin(outer_no: str, *lines: dict[str, Any], **header: Any) -> dict[str, Any]:
    return {"outer_no": outer_no, "warehouse_no": "WH1", "goods_list": list(lines or [{"spec_no": "S1", "num": 3}]),
            **header}


def stockout(outer_no: str, *lines: dict[str, Any], **header: Any) -> dict[str, Any]:
    return {"outer_no": outer_no, "warehouse_no": "WH1", "goods_list": list(lines or [{"spec_no": "S1", "num": 3}]),
            **header}


def test_checked_stockin_moves_stock_and_shows_in_the_query(tenant: Any) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(IN_CREATE, stockin("IN-1", {"spec_no": "S1", "num": 4, "stockin_price": 3,
                                                         "position_no": "A-01", "batch_no": "NEWB"},
                                               is_check=1, reason="破损", logistics_code="SF", remark="r"))
    assert data == {"message": "IN-1", "status": 0}  # the outer_no becomes the stockin number
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(14), Decimal(0))
    unchecked = tenant.caller.ok(IN_CREATE, stockin("IN-2", {"spec_no": "S2", "num": 1}))
    assert unchecked["message"] == "IN-2"
    assert stock(tenant, ids["WH1"], ids["S2"]) == (Decimal(5), Decimal(0))

    page = tenant.caller.ok(IN_QUERY, {**window(days=1), "stockin_no": "IN-1"}, page=(10, 0))
    assert page["total_count"] == 1
    row = page["order"][0]
    assert row["order_no"] == "IN-1" and row["status"] == 80 and row["reason"] == "破损"
    assert row["warehouse_no"] == "WH1" and row["logistics_company_no"] == "SF" and row["logistics_type"] == 3
    assert row["src_order_no"].startswith("QR")  # a business order was made for it
    line = row["detail_list"][0]
    assert line["spec_no"] == "S1" and line["goods_count"] == 4 and line["position_no"] == "A-01"
    assert line["batch_no"] == "NEWB" and line["checked_cost_price"] > 0 and line["brand_name"] == "品牌"
    by_status = tenant.caller.ok(IN_QUERY, {**window(days=1), "status": "30"}, page=(10, 0))
    assert [r["order_no"] for r in by_status["order"]] == ["IN-2"]
    # the business order behind it is completed
    orders = tenant.caller.ok("wms.stockother.InQuery.queryWithDetail", {"other_in_no": row["src_order_no"]},
                              page=(10, 0))
    assert orders["order"][0]["status"] == 70 and orders["order"][0]["detail_list"][0]["in_num"] == 4


def test_checked_stockout_takes_stock_unchecked_does_not(tenant: Any) -> None:
    ids = seed(tenant)
    assert tenant.caller.ok(OUT_CREATE, stockout("OUT-1", is_check=1, logistics_code="SF",
                                                 post_fee=6)) == {"message": "OUT-1", "status": 0}
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(7), Decimal(0))
    tenant.caller.ok(OUT_CREATE, stockout("OUT-2", {"spec_no": "S2", "num": 2}, is_check=2))
    assert stock(tenant, ids["WH1"], ids["S2"]) == (Decimal(5), Decimal(0))
    page = tenant.caller.ok(OUT_QUERY, {**window(days=1), "time_type": 2}, page=(10, 0))
    rows = {r["order_no"]: r for r in page["order"]}
    assert rows["OUT-1"]["status"] == 110 and rows["OUT-2"]["status"] == 48
    assert rows["OUT-1"]["order_type"] == 21 and rows["OUT-1"]["post_fee"] == 6
    assert rows["OUT-1"]["goods_total_cost"] == 6  # 3 × cost 2
    detail = rows["OUT-1"]["detail_list"][0]
    assert detail["goods_count"] == 3 and detail["cost_price"] == 2 and detail["weight"] == 1.5
    assert detail["position_details_list"][0]["position_goods_count"] == 3
    # consign time window (default time_type 1) finds only the checked one
    shipped = tenant.caller.ok(OUT_QUERY, window(days=1), page=(10, 0))
    assert [r["order_no"] for r in shipped["order"]] == ["OUT-1"]
    # status filters by the business order's status: OUT-1's is completed (70), OUT-2's checked (20)
    done = tenant.caller.ok(OUT_QUERY, {**window(days=1), "time_type": 2, "status": 70}, page=(10, 0))
    assert [r["order_no"] for r in done["order"]] == ["OUT-1"]


def test_failed_stockout_leaves_nothing_behind(tenant: Any) -> None:
    ids = seed(tenant)
    before = ledger_rows(tenant)
    envelope = tenant.caller.call(OUT_CREATE, stockout("SHORT-1", {"spec_no": "S1", "num": 2},
                                                       {"spec_no": "S2", "num": 6}, is_check=1))
    expect_business(envelope, "商家编码S2库存不足")
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(10), Decimal(0))
    assert stock(tenant, ids["WH1"], ids["S2"]) == (Decimal(5), Decimal(0))
    assert ledger_rows(tenant) == before
    page = tenant.caller.ok(OUT_QUERY, {"stockout_no": "SHORT-1"}, page=(10, 0))
    assert page == {"total_count": 0, "order": []}
    # the number is still free: the same call with enough stock succeeds
    assert tenant.caller.ok(OUT_CREATE, stockout("SHORT-1", {"spec_no": "S2", "num": 5}, is_check=1))


def test_repeated_outer_no_is_refused(tenant: Any) -> None:
    seed(tenant)
    tenant.caller.ok(IN_CREATE, stockin("DUP-1"))
    expect(tenant.caller.call(IN_CREATE, stockin("DUP-1")), "E39")
    # the number is a document number: a stockout cannot take it either
    expect(tenant.caller.call(OUT_CREATE, stockout("DUP-1")), "E39")


def test_warehouse_rows(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(IN_CREATE, stockin("W-1", warehouse_no="")), "E31")
    expect(tenant.caller.call(IN_CREATE, {"outer_no": "W-2", "goods_list": [{"spec_no": "S1", "num": 1}]}), "E31")
    expect(tenant.caller.call(OUT_CREATE, stockout("W-3", warehouse_no="NOPE")), "E34")
    tenant.update_app(warehouses=["WH2"])
    expect(tenant.caller.call(IN_CREATE, stockin("W-4")), "E34")


def test_external_warehouse_needs_the_receiver(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(OUT_CREATE, stockout("EXT-1", warehouse_no="EXT")), "E33")
    # a business order with the full receiver may be executed from the external warehouse
    receiver = {"receiver_name": "张三", "receiver_mobile": "13800000000", "receiver_province": "浙江省",
                "receiver_city": "杭州市", "receiver_address": "西湖路1号"}
    pushed = tenant.caller.ok("wms.stockother.Out.push", {"warehouse_no": "EXT", **receiver},
                              [{"spec_no": "S3", "num": 1}])
    assert pushed["status"] == 0
    assert pushed["message"].startswith("QC")


def test_line_rows(tenant: Any) -> None:
    seed(tenant)
    call = tenant.caller.call
    expect(call(IN_CREATE, stockin("L-1", {"spec_no": "NOPE", "num": 1})), "E45")
    expect(call(IN_CREATE, stockin("L-2", {"spec_no": "S1", "num": 1}, {"spec_no": "S1", "num": 2})), "E67")
    expect(call(IN_CREATE, stockin("L-3", {"spec_no": "S1", "num": 0})), "E56")
    expect(call(IN_CREATE, stockin("L-4", {"spec_no": "S1", "num": "1.5"})), "E56")
    expect(call(OUT_CREATE, stockout("L-5", {"spec_no": "S1", "num": 1, "batch_no": "NOBATCH"})), "E53",
           batch_no="NOBATCH")
    expect(call(OUT_CREATE, stockout("L-6", reason="没有这个原因")), "E77", kind="出库", reason="没有这个原因")
    expect(call(IN_CREATE, stockin("L-7", logistics_code="NOPE")), "E43", logistics_no="NOPE")
    set_settings(tenant, allow_same_spec=True, decimal_quantity=True, batch_expire_required=False)
    assert call(IN_CREATE, stockin("L-8", {"spec_no": "S1", "num": 1, "batch_no": "B1"},
                                   {"spec_no": "S1", "num": "1.5", "batch_no": "B2"}))["status"] == 0
    expect(call(IN_CREATE, stockin("L-9", {"spec_no": "S1", "num": 1, "batch_no": "B1"},
                                   {"spec_no": "S1", "num": 2, "batch_no": "B1"})), "E68")
    set_settings(tenant, batch_expire_required=True)
    expect(call(IN_CREATE, stockin("L-10", {"spec_no": "S1", "num": 1, "batch_no": "B1"})), "E50")
    assert call(IN_CREATE, stockin("L-11", {"spec_no": "S1", "num": 1, "batch_no": "B1",
                                            "expire_date": "2030-01-01"}))["status"] == 0


def test_cancel_rules(tenant: Any) -> None:
    ids = seed(tenant)
    call = tenant.caller.call
    tenant.caller.ok(IN_CREATE, stockin("C-EDIT", is_check=2))
    tenant.caller.ok(IN_CREATE, stockin("C-WAIT", is_check=0))
    tenant.caller.ok(IN_CREATE, stockin("C-DONE", is_check=1))
    assert call(IN_CANCEL, "C-EDIT", False) == {"status": 0}
    expect_business(call(IN_CANCEL, "C-WAIT", False), "单据状态不正确")
    assert call(IN_CANCEL, "C-WAIT", True)["status"] == 0
    expect_business(call(IN_CANCEL, "C-DONE", True), "单据状态不正确")
    expect(call(IN_CANCEL, "C-EDIT", True), "E26")  # already cancelled
    expect(call(IN_CANCEL, "NO-SUCH", True), "E26")
    page = tenant.caller.ok(IN_QUERY, {**window(days=1), "status": "10"}, page=(10, 0))
    assert sorted(r["order_no"] for r in page["order"]) == ["C-EDIT", "C-WAIT"]

    tenant.caller.ok(OUT_CREATE, stockout("CO-UNCONF", is_check=2))
    tenant.caller.ok(OUT_CREATE, stockout("CO-WAIT", is_check=0))
    expect_business(call(OUT_CANCEL, "CO-WAIT", False), "单据状态不正确")
    assert call(OUT_CANCEL, "CO-WAIT", True)["status"] == 0
    assert call(OUT_CANCEL, "CO-UNCONF", False)["status"] == 0
    expect(call(OUT_CANCEL, "CO-UNCONF", False), "E26")
    expect(call(OUT_CANCEL, "C-DONE", False), "E26")  # a stockin number is no stockout
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(13), Decimal(0))
    tenant.caller.ok(OUT_CREATE, stockout("CO-PERM", is_check=2))
    tenant.update_app(warehouses=["WH2"])
    expect(call(OUT_CANCEL, "CO-PERM", True), "E34")


def test_query_needs_a_window_or_a_number(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(IN_QUERY, {}, page=(10, 0)), "E23")
    expect(tenant.caller.call(OUT_QUERY, {"warehouse_no": "WH1"}, page=(10, 0)), "E23")
    envelope = tenant.caller.call(IN_QUERY, {"start_time": "2024-01-01 00:00:00", "end_time": "2024-03-01 00:00:00"},
                                  page=(10, 0))
    expect(envelope, "E24")
