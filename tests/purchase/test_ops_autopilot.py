"""ERP-side purchase operations and the purchase autopilot: what an integration's CI drives unattended."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from purchtools import order, seed, set_settings, stock_row

from helpers import op, window
from wdterp.domain.purchase import autopilot
from wdterp.protocol.clock import now_china

QUERY = "purchase.PurchaseOrder.queryWithDetail"


def _status(tenant: Any, purchase_no: str) -> tuple[int, int, int]:
    row = tenant.caller.ok(QUERY, {"purchase_no": purchase_no}, page=(10, 0))["order"][0]
    return row["status"], row["stockin_status"], row["settle_status"]


def test_autopilot_checks_created_orders_and_receives_them(tenant: Any) -> None:
    ids = seed(tenant)
    # an hour, so the server's own background rounds leave the order alone while the test looks
    op(tenant, "purchase_autopilot.set", auto_check=True, auto_receive_after_seconds=3600)
    tenant.backend.server.gateway.cache.invalidate()
    number = tenant.caller.ok("purchase.PurchaseOrder.createOrder", order())["message"]
    assert _status(tenant, number) == (40, 0, 0)
    assert stock_row(tenant, ids["WH1"], ids["S1"])["purchase_num"] == 10
    assert op(tenant, "purchase_autopilot.run") == {"received": 0}  # not due yet
    assert _status(tenant, number) == (40, 0, 0)
    with tenant.db.transaction() as session:
        assert autopilot.run(session, now_china() + timedelta(seconds=3601)) >= 1
    assert _status(tenant, number) == (60, 2, 1)
    figures = stock_row(tenant, ids["WH1"], ids["S1"])
    assert figures["stock_num"] == 10 and figures["purchase_num"] == 0 and figures["cost_price"] == 5
    with tenant.db.transaction() as session:
        autopilot.run(session, now_china() + timedelta(seconds=3601))
    assert _status(tenant, number) == (60, 2, 1)  # nothing was due any more
    off = op(tenant, "purchase_autopilot.set", auto_check=False, auto_receive_after_seconds=-1)
    assert off == {"auto_check": False, "auto_receive_after_seconds": None}


def test_finance_check_uncheck_and_stock_counters(tenant: Any) -> None:
    ids = seed(tenant)
    set_settings(tenant, purchase_finance_check=True)
    number = tenant.caller.ok("purchase.PurchaseOrder.createOrder", order())["message"]
    assert op(tenant, "purchase.submit", purchase_no=number)["status"] == 30
    assert op(tenant, "purchase.check", purchase_no=number)["status"] == 35
    assert stock_row(tenant, ids["WH1"], ids["S1"])["purchase_num"] == 0  # not on order before finance agrees
    assert op(tenant, "purchase.finance_check", purchase_no=number)["status"] == 40
    spec = tenant.caller.ok("wms.StockSpec.search", {"spec_nos": ["S1"], "warehouse_no": "WH1"}, page=(10, 0))
    rows = spec if isinstance(spec, list) else spec["data"]
    assert rows[0]["purchase_num"] == 10
    assert op(tenant, "purchase.uncheck", purchase_no=number)["status"] == 20
    assert stock_row(tenant, ids["WH1"], ids["S1"])["purchase_num"] == 0
    row = tenant.caller.ok(QUERY, {"purchase_no": number}, page=(10, 0))["order"][0]
    assert row["status"] == 20 and row["check_time"] == ""


def test_apply_confirmation_and_return_check_by_ops(tenant: Any) -> None:
    ids = seed(tenant, opening={"S1": 5})
    set_settings(tenant, purchase_apply_confirm=True)
    number = tenant.caller.ok("purchase.PurchaseApply.upload", {
        "warehouse_no": "WH1", "is_submit": False, "detail_list": [{"spec_no": "S1", "num": 3}]})["message"]
    found = tenant.caller.ok("purchase.PurchaseApply.search", {"purchase_apply_no": number}, page=(10, 0))
    assert found["order_list"][0]["status"] == 20
    assert op(tenant, "purchase_apply.check", apply_no=number)["status"] == 23
    assert stock_row(tenant, ids["WH1"], ids["S1"])["to_purchase_num"] == 3
    assert op(tenant, "purchase_apply.uncheck", apply_no=number)["status"] == 10
    assert stock_row(tenant, ids["WH1"], ids["S1"])["to_purchase_num"] == 0
    tenant.caller.ok("purchase.PurchaseReturn.createOrder", {"outer_no": "CR-OPS", "warehouse_no": "WH1",
                                                             "provider_no": "P1"}, [{"spec_no": "S1", "num": 2}], False)
    assert op(tenant, "purchase_return.check", return_no="CR-OPS")["status"] == 40
    assert stock_row(tenant, ids["WH1"], ids["S1"])["lock_num"] == 2
    assert op(tenant, "purchase_return.uncheck", return_no="CR-OPS")["status"] == 20
    assert stock_row(tenant, ids["WH1"], ids["S1"])["lock_num"] == 0


def test_appointment_and_receive_operation(tenant: Any) -> None:
    seed(tenant)
    number = tenant.caller.ok("purchase.PurchaseOrder.createOrder", order(is_check=True))["message"]
    booked = op(tenant, "purchase.appoint", purchase_no=number, deliver_name="司机", car_number="沪A1")
    found = tenant.caller.ok("purchase.StockInPreOrder.search", {"pre_order_no": booked["pre_order_no"]},
                             page=(10, 0))
    row = found["order_list"][0]
    assert row["status"] == 30 and row["busi_order_no"] == number and row["busi_order_type"] == 1
    assert row["detail_List"][0]["lack_num"] == 10 and row["car_number"] == "沪A1"
    received = op(tenant, "purchase.receive", purchase_no=number)
    assert received["status"] == 60 and received["stockin_no"].startswith("RK")
    found = tenant.caller.ok("purchase.StockInPreOrder.search", window(days=1), page=(10, 0))
    assert found["order_list"][0]["status"] == 50 and found["order_list"][0]["detail_List"][0]["lack_num"] == 0


def test_a_cancelled_order_gives_its_applies_back(tenant: Any) -> None:
    ids = seed(tenant)
    apply_no = tenant.caller.ok("purchase.PurchaseApply.upload", {
        "warehouse_no": "WH1", "detail_list": [{"spec_no": "S1", "num": 12}]})["message"]
    number = tenant.caller.ok("purchase.PurchaseOrder.createOrder", order(apply_nos=apply_no))["message"]
    assert stock_row(tenant, ids["WH1"], ids["S1"])["to_purchase_num"] == 2
    assert tenant.caller.call("purchase.PurchaseOrder.cancelOrder", number) == {"status": 0}
    assert stock_row(tenant, ids["WH1"], ids["S1"])["to_purchase_num"] == 12
    found = tenant.caller.ok("purchase.PurchaseApply.search", {"purchase_apply_no": apply_no}, page=(10, 0))
    assert found["order_list"][0]["status"] == 23 and found["order_list"][0]["detail_list"][0]["ref_num"] == 0


def test_serial_numbers_on_a_purchase_stockin(tenant: Any) -> None:
    seed(tenant)
    number = tenant.caller.ok("purchase.PurchaseOrder.createOrder", order(is_check=True))["message"]
    head = {"purchase_no": number, "warehouse_no": "WH1"}
    refused = tenant.caller.call("wms.stockin.Purchase.upload", {**head, "create_mode": 2},
                                 [{"spec_no": "S1", "num": 2, "sn_strings": "SN1,SN2"}])
    assert refused == {"status": 100, "message": "传入sn信息时,create_mode需要传为0"}
    doc = tenant.caller.ok("wms.stockin.Purchase.upload", head, [
        {"spec_no": "S1", "num": 2, "sn_infos": [{"sn": "SN1", "second_sn": "BOX1"}, {"sn": "SN2"}]}])
    op(tenant, "stockin.check", doc_no=doc)
    found = tenant.caller.ok("wms.stockin.Base.searchSN", {**window(days=1), "stockin_no": doc}, page=(10, 0))
    assert sorted((r["sn"], r["second_sn"]) for r in found["detail_list"]) == [("SN1", "BOX1"), ("SN2", "")]
