"""The contract rows of the purchase methods, each through HTTP with its exact status and message."""

from __future__ import annotations

from typing import Any

from purchtools import BUYER, order, seed, set_settings

from helpers import expect, expect_business, op
from wdterp.domain.inventory.models import Batch

CREATE = "purchase.PurchaseOrder.createOrder"
RETURN = "purchase.PurchaseReturn.createOrder"
STOCKIN = "wms.stockin.Purchase.upload"
STOCKOUT = "wms.stockout.PurchaseReturn.createOrder"


def _checked_order(tenant: Any, num: int = 10) -> str:
    created = tenant.caller.ok(CREATE, order("", {"spec_no": "S1", "num": num, "price": 5}, is_check=True))
    assert created["status"] == 0
    return str(created["message"])


def _return(outer_no: str, *lines: dict[str, Any], **header: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return ({"outer_no": outer_no, "warehouse_no": "WH1", "provider_no": "P1", **header},
            list(lines or [{"spec_no": "S1", "num": 1}]))


def test_purchaser_rows(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(CREATE, order(purchaser_name="   ")), "E57")
    expect(tenant.caller.call(CREATE, order(purchaser_name="质检小李")), "E58")  # 1024 is 质检员, not 采购员
    expect(tenant.caller.call(CREATE, order(purchaser_name="离职")), "E59", name="离职")
    expect(tenant.caller.call(CREATE, order(purchaser_name="无此人")), "E59", name="无此人")
    expect(tenant.caller.call(CREATE, order(purchaser_name=tenant.caller.key)), "E60")
    # left out, the order has no purchaser, unless the tenant requires one
    without = order()
    del without["purchaser_name"]
    assert tenant.caller.ok(CREATE, without)["status"] == 0
    set_settings(tenant, purchaser_required=True)
    expect(tenant.caller.call(CREATE, without), "E57")
    assert tenant.caller.ok(CREATE, order(purchaser_name=BUYER))["status"] == 0


def test_order_line_rows(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(CREATE, order("", {"spec_no": "S1", "num": 1, "discount": 0})), "E41")
    expect(tenant.caller.call(CREATE, order("", {"spec_no": "S1", "num": 1}, {"spec_no": "S1", "num": 2})),
           "E52", spec_no="S1")
    expect(tenant.caller.call(CREATE, order("", {"spec_no": "NOPE", "num": 1})), "E45")
    expect(tenant.caller.call(CREATE, order("", {"spec_no": "S1", "num": 0})), "E56")
    expect(tenant.caller.call(CREATE, order("", {"spec_no": "S1", "num": 1.5})), "E56")
    with tenant.db.transaction() as session:
        session.add(Batch(tenant_id=tenant.tenant_id, batch_no="OFF", is_disabled=True))
    expect(tenant.caller.call(CREATE, order("", {"spec_no": "S1", "num": 1, "batch_no": "OFF"})), "E53",
           batch_no="OFF")
    # goods the provider does not supply, with 采购权限按供应商 on
    set_settings(tenant, purchase_rights_by_provider=True)
    expect(tenant.caller.call(CREATE, order("", {"spec_no": "S1", "num": 1})), "E75")
    tenant.caller.ok("purchase.ProviderGoods.upload", [{"provider_no": "P1", "spec_no": "S1"}])
    assert tenant.caller.ok(CREATE, order("", {"spec_no": "S1", "num": 1}))["status"] == 0


def test_receive_warehouse_rows(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(CREATE, order(receive_warehouse_nos="")), "E64")
    expect(tenant.caller.call(CREATE, order(receive_warehouse_nos="NOWH")), "E64")
    expect(tenant.caller.call(CREATE, order(receive_warehouse_nos="EXT,WH1")), "E79", warehouse_no="EXT")
    expect(tenant.caller.call(CREATE, order(expect_warehouse_no="")), "E65")
    expect(tenant.caller.call(CREATE, order(expect_warehouse_no="NOWH")), "E65")
    assert tenant.caller.ok(CREATE, order(receive_warehouse_nos="EXT", expect_warehouse_no="EXT"))["status"] == 0
    # an app limited to WH2 has neither warehouse
    limited = tenant.new_caller(warehouses=["WH2"])
    expect(limited.call(CREATE, order()), "E64")
    expect(limited.call(CREATE, order(receive_warehouse_nos="WH2")), "E65")


def test_order_state_rows(tenant: Any) -> None:
    seed(tenant)
    number = tenant.caller.ok(CREATE, order("CG-X1"))["message"]
    assert number == "CG-X1"
    expect(tenant.caller.call(CREATE, order("CG-X1")), "E39")
    assert tenant.caller.call("purchase.PurchaseOrder.updatePurchaseInfo",
                              {"purchase_no": "CG-X1", "flag_name": "加急"}) == {"status": 0}
    expect_business(tenant.caller.call("purchase.PurchaseOrder.updatePurchaseInfo",
                                       {"purchase_no": "CG-X1", "flag_name": "没有"}), "采购标记不存在:没有")
    op(tenant, "purchase.check", purchase_no="CG-X1")
    expect(tenant.caller.call("purchase.PurchaseOrder.updatePurchaseInfo",
                              {"purchase_no": "CG-X1", "flag_name": "无"}), "E38")
    expect(tenant.caller.call("purchase.PurchaseOrder.cancelOrder", "CG-X1"), "E38")
    expect(tenant.caller.call("purchase.PurchaseOrder.cancelOrder", "CG-NONE"), "E26")
    # cancelByType: a checked order only with allow_cancel_checked_order
    refused = tenant.caller.ok("purchase.PurchaseOrder.cancelByType",
                               {"operate_type": 0, "purchase_no_list": ["CG-X1"]})
    assert refused["code"] == 1 and refused["error_count"] == 1 and "CG-X1" in refused["message"]
    done = tenant.caller.ok("purchase.PurchaseOrder.cancelByType", {
        "operate_type": 0, "purchase_no_list": ["CG-X1"], "allow_cancel_checked_order": 1})
    assert done == {"code": 0, "message": "", "error_count": 0}
    expect(tenant.caller.call("purchase.PurchaseOrder.cancelOrder", "CG-X1"), "E26")  # already cancelled
    pending = tenant.caller.ok("purchase.PurchaseOrder.pending", ["CG-NONE", _checked_order(tenant)])
    assert pending["error_info"][0] == {"order_no": "CG-NONE", "message": "采购单号不存在"}
    assert pending["error_info"][1]["message"] == "采购单非部分入库状态"


def test_stockin_rows(tenant: Any) -> None:
    seed(tenant)
    number = _checked_order(tenant)
    head = {"purchase_no": number, "warehouse_no": "WH1"}
    expect(tenant.caller.call(STOCKIN, head, [{"spec_no": "NOPE", "num": 1}]), "E45")
    expect(tenant.caller.call(STOCKIN, head, [{"spec_no": "S1", "num": 0}]), "E56")
    expect(tenant.caller.call(STOCKIN, head, [{"spec_no": "S1", "num": 1}, {"spec_no": "S1", "num": 1}]), "E67")
    expect(tenant.caller.call(STOCKIN, {**head, "warehouse_no": ""}, [{"spec_no": "S1", "num": 1}]), "E31")
    expect(tenant.caller.call(STOCKIN, {**head, "purchase_no": "CG-NONE"}, [{"spec_no": "S1", "num": 1}]), "E26")
    expect_business(tenant.caller.call(STOCKIN, head, [{"spec_no": "S2", "num": 1}]), "货品S2不在采购单中")
    set_settings(tenant, batch_expire_required=True)
    expect(tenant.caller.call(STOCKIN, head, [{"spec_no": "S1", "num": 1}]), "E50")
    set_settings(tenant, batch_expire_required=False)
    doc = tenant.caller.ok(STOCKIN, head, [{"spec_no": "S1", "num": 1}])
    assert tenant.caller.call("wms.stockin.Purchase.cancel", doc) == {"status": 0}
    expect(tenant.caller.call("wms.stockin.Purchase.cancel", doc), "E26")
    expect(tenant.caller.call("wms.stockin.Purchase.cancel", "RK-NONE"), "E26")
    checked = tenant.caller.ok(STOCKIN, {**head, "create_mode": 2}, [{"spec_no": "S1", "num": 1}])
    expect_business(tenant.caller.call("wms.stockin.Purchase.cancel", checked), "入库单状态不为编辑中")


def test_return_rows(tenant: Any) -> None:
    seed(tenant, opening={"S1": 10})
    assert tenant.caller.ok(RETURN, *_return("CR-1"), False) == {"status": 0, "message": "CR-1"}
    expect(tenant.caller.call(RETURN, *_return("CR-1"), False), "E39")
    expect(tenant.caller.call(RETURN, *_return("CR-2", {"spec_no": "S1", "num": 1, "discount": -1}), False), "E41")
    expect(tenant.caller.call(RETURN, *_return("CR-2", {"spec_no": "S1", "num": 1}, {"spec_no": "S1", "num": 1}),
                              False), "E52", spec_no="S1")
    set_settings(tenant, check_provider_on_return=True)
    expect(tenant.caller.call(RETURN, *_return("CR-2"), False), "E48")
    set_settings(tenant, check_provider_on_return=False)
    # the stockout of a return that is not checked, or not there
    expect(tenant.caller.call(STOCKOUT, {"return_no": "CR-1", "warehouse_no": "WH1"}, [{"spec_no": "S1", "num": 1}]),
           "E40")
    expect(tenant.caller.call(STOCKOUT, {"return_no": "CR-NONE", "warehouse_no": "WH1"},
                              [{"spec_no": "S1", "num": 1}]), "E42")
    expect(tenant.caller.call("purchase.PurchaseReturn.cancelOrder", "CR-NONE"), "E42")
    expect(tenant.caller.call("finance.settle.PurchaseReturn.upload", {"return_no": "CR-NONE"},
                              [{"spec_no": "S1", "settle_num": 1}]), "E42")
    op(tenant, "purchase_return.check", return_no="CR-1")
    expect(tenant.caller.call(STOCKOUT, {"return_no": "CR-1", "warehouse_no": "WH1"},
                              [{"spec_no": "S1", "num": 1, "batch_no": "NOBATCH"}]), "E53", batch_no="NOBATCH")
    assert tenant.caller.ok("purchase.PurchaseReturn.cancelOrder", "CR-1") == {"message": "OK", "status": 0}
    expect(tenant.caller.call("purchase.PurchaseReturn.cancelOrder", "CR-1"), "E26")
    batch = tenant.caller.ok("purchase.PurchaseReturn.batchCancelOrder", ["CR-1", "CR-NONE"])
    assert batch["error_num"] == 2
    assert batch["error_info"][1] == {"order_no": "CR-NONE", "message": "采购退货单号不存在"}
    expect_business(tenant.caller.call("purchase.PurchaseReturn.batchCancelOrder", [f"CR-{i}" for i in range(21)]),
                    "一次推送不超过20条")
    # a check that fails (not enough stock) leaves the return editing, or cancels it
    short = tenant.caller.ok(RETURN, *_return("CR-3", {"spec_no": "S1", "num": 50}), True)
    assert short["status"] == 20
    gone = tenant.caller.ok(RETURN, *_return("CR-4", {"spec_no": "S1", "num": 50}, check_fail_cancel=1), True)
    assert gone["status"] == 20
    found = tenant.caller.ok("purchase.PurchaseReturn.queryWithDetail", {"return_no": "CR-4"}, page=(10, 0))
    assert found["order"][0]["status"] == 10


def test_apply_and_settlement_rows(tenant: Any) -> None:
    seed(tenant)
    number = tenant.caller.ok("purchase.PurchaseApply.upload", {"purchase_apply_no": "POA-1", "is_submit": False,
                                                                "detail_list": [{"spec_no": "S1", "num": 2}]})
    assert number == {"status": 0, "message": "POA-1"}
    expect(tenant.caller.call("purchase.PurchaseApply.upload", {"purchase_apply_no": "POA-1",
                                                                "detail_list": [{"spec_no": "S1", "num": 2}]}), "E39")
    stopped = tenant.caller.call("purchase.PurchaseApply.stopForApi", ["POA-1"])
    assert stopped["status"] == 0 and stopped["total"] == 1
    assert stopped["data"][0]["error"] == "采购申请单状态不是部分引用" and stopped["data"][0]["order_no"] == "POA-1"
    assert tenant.caller.call("purchase.PurchaseApply.cancelForApi", ["POA-1"]) == {"status": 0, "data": []}
    again = tenant.caller.call("purchase.PurchaseApply.cancelForApi", ["POA-1"])
    assert again["data"][0]["error"] == "采购申请单状态不是编辑中或待确认"
    # settlement: more than was received is refused and leaves no document
    po = _checked_order(tenant)
    tenant.caller.ok(STOCKIN, {"purchase_no": po, "warehouse_no": "WH1", "create_mode": 2},
                     [{"spec_no": "S1", "num": 3}])
    too_many = tenant.caller.call("finance.settle.Purchase.upload", {"purchase_no": po, "is_check": True},
                                  [{"spec_no": "S1", "settle_num": 4}])
    expect_business(too_many, "结算数量[非残品]不可大于预期数量[非残品]")
    assert tenant.caller.ok("finance.settle.Purchase.search", {"purchase_no": po}, page=(10, 0))["total_count"] == 0
    expect(tenant.caller.call("finance.settle.Purchase.upload", {"purchase_no": "CG-NONE"},
                              [{"spec_no": "S1", "settle_num": 1}]), "E26")
    expect(tenant.caller.call("finance.settle.Purchase.upload", {"purchase_no": po},
                              [{"spec_no": "S1", "settle_num": 1, "discount": 0}]), "E41")


def test_unpermitted_warehouse_is_refused(tenant: Any) -> None:
    seed(tenant)
    number = _checked_order(tenant)
    limited = tenant.new_caller(warehouses=["WH2"])
    expect(limited.call(STOCKIN, {"purchase_no": number, "warehouse_no": "WH1"}, [{"spec_no": "S1", "num": 1}]), "E34")
    expect(limited.call("purchase.PurchaseOrder.cancelOrder", number), "E34")
