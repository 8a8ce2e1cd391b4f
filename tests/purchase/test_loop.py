"""The procure-to-stock loop through HTTP alone plus ERP-side operations: apply → order → two partial
receipts → over-receipt rule → stop waiting → return → its stockout → settlement, checking stock, the
ledger, the counters and every status on the way."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from purchtools import ledger, order, seed, set_settings, stock_row

from helpers import expect_business, op, window

D = Decimal


def _order_row(tenant: Any, purchase_no: str) -> dict[str, Any]:
    page = tenant.caller.ok("purchase.PurchaseOrder.queryWithDetail", {**window(days=1), "purchase_no": purchase_no},
                            page=(10, 0))
    assert page["total_count"] == 1
    return page["order"][0]


def test_procure_to_stock_loop(tenant: Any) -> None:
    ids = seed(tenant, opening={"S2": 5})
    wh, s1, s2 = ids["WH1"], ids["S1"], ids["S2"]
    # provider catalogue
    assert tenant.caller.ok("purchase.ProviderGoods.upload", [
        {"provider_no": "P1", "spec_no": "S1", "price": 5, "discount": 0.8},
        {"provider_no": "P1", "spec_no": "S2", "price": 3}]) == {"error_list": []}
    # apply: submitted at once → 待引用, counted as 待采购量
    apply_no = tenant.caller.ok("purchase.PurchaseApply.upload", {
        "warehouse_no": "WH1", "detail_list": [{"spec_no": "S1", "num": 12, "provider_no": "P1"}]})["message"]
    assert stock_row(tenant, wh, s1)["to_purchase_num"] == 12
    applies = tenant.caller.ok("purchase.PurchaseApply.search", {"purchase_apply_no": apply_no}, page=(10, 0))
    assert applies["order_list"][0]["status"] == 23 and applies["order_list"][0]["provider_no"] == "P1"

    # order referencing it (price from the provider catalogue), then checked
    created = tenant.caller.ok("purchase.PurchaseOrder.createOrder", order(
        "", {"spec_no": "S1", "num": 10}, {"spec_no": "S2", "num": 4, "price": 3}, apply_nos=apply_no))
    purchase_no = created["message"]
    assert created["status"] == 0 and purchase_no.startswith("CG")
    applies = tenant.caller.ok("purchase.PurchaseApply.search", {"purchase_apply_no": apply_no}, page=(10, 0))
    assert applies["order_list"][0]["status"] == 25  # 10 of 12 referenced
    assert applies["order_list"][0]["detail_list"][0]["ref_num"] == 10
    assert stock_row(tenant, wh, s1)["to_purchase_num"] == 2
    row = _order_row(tenant, purchase_no)
    assert row["status"] == 20 and row["stockin_status"] == 0
    assert stock_row(tenant, wh, s1)["purchase_num"] == 0
    assert op(tenant, "purchase.check", purchase_no=purchase_no)["status"] == 40
    assert stock_row(tenant, wh, s1)["purchase_num"] == 10
    line = _order_row(tenant, purchase_no)["detail_list"][0]
    assert line["price"] == 5 and line["discount"] == 0.8 and line["dis_price"] == 4 and line["lack_num"] == 10

    # first partial receipt: editing → counted as arrived, then checked by ops
    first = tenant.caller.ok("wms.stockin.Purchase.upload", {"purchase_no": purchase_no, "warehouse_no": "WH1"},
                             [{"spec_no": "S1", "num": 4}])
    assert first.startswith("RK")
    assert stock_row(tenant, wh, s1)["purchase_arrive_num"] == 4
    assert _order_row(tenant, purchase_no)["detail_list"][0]["arrive_num"] == 4
    op(tenant, "stockin.check", doc_no=first)
    after = stock_row(tenant, wh, s1)
    assert after["stock_num"] == 4 and after["purchase_arrive_num"] == 0 and after["purchase_num"] == 6
    assert after["cost_price"] == 4  # the order's discounted price
    row = _order_row(tenant, purchase_no)
    assert row["status"] == 50 and row["stockin_status"] == 1 and row["goods_stockin_count"] == 4
    # second partial receipt, checked at once
    second = tenant.caller.ok("wms.stockin.Purchase.upload", {"purchase_no": purchase_no, "warehouse_no": "WH1",
                                                              "create_mode": 2}, [{"spec_no": "S1", "num": 5}])
    assert stock_row(tenant, wh, s1)["stock_num"] == 9
    # over-receipt: refused where the tenant forbids it, allowed (超量) otherwise
    set_settings(tenant, purchase_forbid_over_receipt=True)
    refused = tenant.caller.call("wms.stockin.Purchase.upload", {"purchase_no": purchase_no, "warehouse_no": "WH1",
                                                                 "create_mode": 2}, [{"spec_no": "S1", "num": 3}])
    expect_business(refused, "货品S1入库数量超过采购数量")
    set_settings(tenant, purchase_forbid_over_receipt=False)
    tenant.caller.ok("wms.stockin.Purchase.upload", {"purchase_no": purchase_no, "warehouse_no": "WH1",
                                                     "create_mode": 2}, [{"spec_no": "S1", "num": 3}])
    row = _order_row(tenant, purchase_no)
    assert row["status"] == 50 and row["stockin_status"] == 5  # S1 over-received, S2 not yet
    assert row["detail_list"][0]["arrive_more_num"] == 2
    assert stock_row(tenant, wh, s1)["purchase_num"] == 0
    stockins = tenant.caller.ok("wms.stockin.Purchase.queryWithDetail", {**window(days=1),
                                                                         "purchase_no": purchase_no}, page=(10, 0))
    assert [o["order_no"] for o in stockins["order"]][:2] == [first, second]
    assert stockins["order"][0]["details_list"][0]["stockin_price"] == 4

    # stop waiting for the S2 still due: 停止入库, 待结算, its on-order quantity given up
    assert stock_row(tenant, wh, s2)["purchase_num"] == 4
    assert tenant.caller.ok("purchase.PurchaseOrder.pending", [purchase_no]) == {"error_info": [], "status": 0}
    row = _order_row(tenant, purchase_no)
    assert row["status"] == 70 and row["stockin_status"] == 3 and row["settle_status"] == 1
    assert stock_row(tenant, wh, s2)["purchase_num"] == 0
    assert row["detail_list"][1]["stopwait_num"] == 4

    # return 2 of S1 to the provider: held at check, out on its stockout
    ret = tenant.caller.ok("purchase.PurchaseReturn.createOrder", {
        "outer_no": "CR-LOOP-1", "warehouse_no": "WH1", "provider_no": "P1", "ref_purchase_nos": [purchase_no]},
        [{"spec_no": "S1", "num": 2, "price": 4}], True)
    assert ret == {"status": 0, "message": "CR-LOOP-1"}
    held = stock_row(tenant, wh, s1)
    assert held["lock_num"] == 2 and held["return_num"] == 2 and held["stock_num"] == 12
    out_no = tenant.caller.ok("wms.stockout.PurchaseReturn.createOrder",
                              {"return_no": "CR-LOOP-1", "warehouse_no": "WH1", "create_mode": 2},
                              [{"spec_no": "S1", "num": 2}])["message"]
    gone = stock_row(tenant, wh, s1)
    assert gone["stock_num"] == 10 and gone["lock_num"] == 0 and gone["return_num"] == 0
    returns = tenant.caller.ok("purchase.PurchaseReturn.queryWithDetail", {"return_no": "CR-LOOP-1"}, page=(10, 0))
    assert returns["order"][0]["status"] == 60 and returns["order"][0]["stockout_status"] == 2
    assert returns["order"][0]["purchase_no"] == purchase_no
    outs = tenant.caller.ok("wms.stockout.PurchaseReturn.queryWithDetail", {"stockout_no": out_no}, page=(10, 0))
    assert outs["order"][0]["status"] == 110 and outs["order"][0]["src_order_no"] == "CR-LOOP-1"
    assert [(t, n) for t, _, n in ledger(tenant, s1)] == [(10, D(4)), (10, D(5)), (10, D(3)), (14, D(-2))]

    # settlement of what came in, checked at once: the order is completed
    settled = tenant.caller.ok("finance.settle.Purchase.upload", {"purchase_no": purchase_no, "is_check": True},
                               [{"spec_no": "S1", "settle_num": 12}])
    assert settled["order_no"].startswith("JS")
    row = _order_row(tenant, purchase_no)
    assert row["status"] == 90 and row["settle_status"] == 3
    found = tenant.caller.ok("finance.settle.Purchase.search", {"settle_no": settled["order_no"]}, page=(10, 0))
    head = found["order"][0]
    assert head["status"] == 30 and head["goods_amount"] == 48 and head["detail_list"][0]["dis_price"] == 4
    ret_settle = tenant.caller.ok("finance.settle.PurchaseReturn.upload", {"return_no": "CR-LOOP-1", "is_check": True},
                                  [{"spec_no": "S1", "settle_num": 2}])
    assert ret_settle["order_no"].startswith("JS")
    returns = tenant.caller.ok("purchase.PurchaseReturn.queryWithDetail", {"return_no": "CR-LOOP-1"}, page=(10, 0))
    assert returns["order"][0]["settle_status"] == 3
