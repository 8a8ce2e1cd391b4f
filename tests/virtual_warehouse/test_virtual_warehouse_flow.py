"""Virtual warehouses through HTTP: create → allocate → an order from its shop draws on it → stock figures."""

from __future__ import annotations

from typing import Any

import pytest
from vwtools import TEE, VW, held, order_from, real, seed

from helpers import op, window
from wdterp.api.ops import OperationError

CREATE = "setting.strategy.VirtualWarehouse.create"
STOCK = "setting.strategy.VirtualWarehouse.stockSearch"
ORDERS = "setting.strategy.VirtualWarehouse.orderSearch"


def _stock(tenant: Any) -> dict[str, Any]:
    rows = tenant.caller.ok(STOCK, {"spec_nos": TEE, "virtual_warehouse_no": VW}, page=(10, 0))["detail_list"]
    assert len(rows) == 1
    return dict(rows[0])


def test_lock_then_its_shop_draws_on_it_and_others_cannot(tenant: Any) -> None:
    seed(tenant)
    made = tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW, "order_type": 1, "is_check": 1, "remark": "r"},
                            [{"spec_no": TEE, "warehouse_no": "WH-SH", "num": 195, "price": 5}])
    assert made["status"] == 0 and made["message"].startswith("VO")
    assert real(tenant) == {"stock_num": 200, "lock_num": 195}
    row = _stock(tenant)
    assert row["now_lock_num"] == 195 and row["sum_lock_num"] == 195 and row["avaliable_num"] == 5
    assert row["vir_warehouse_no"] == VW and row["warehouse_no"] == "WH-SH" and row["avg_cost"] == 25
    # another shop finds only the 5 the virtual warehouse does not hold
    with pytest.raises(OperationError, match="库存不足"):
        order_from(tenant, "other-mall", "T-OTHER", 10)
    # its own shop draws on it first
    order_from(tenant, "demo-mall", "T-MINE", 10)
    row = _stock(tenant)
    assert row["now_lock_num"] == 185 and row["assigned_num"] == 10 and row["num_day"] == 10
    assert real(tenant) == {"stock_num": 200, "lock_num": 195}  # 185 held + 10 for the stockout
    assert held(tenant) == 185
    orders = tenant.caller.ok(ORDERS, window(virtual_warehouse_no=VW), page=(10, 0))["order"]
    assert [(o["order_no"], o["order_status"], o["num"], o["total_amount"]) for o in orders] == [
        (made["message"], 30, 195, 975)]
    assert orders[0]["warehouse_names"] == "上海主仓" and orders[0]["detail_list"][0]["final_num"] == 195


def test_release_transfer_and_failed_check(tenant: Any) -> None:
    seed(tenant)
    op(tenant, "vw.create", virtual_warehouse_no="VW-2", virtual_warehouse_name="二号", warehouse_nos="WH-SH")
    tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW, "is_check": 1}, [{"spec_no": TEE, "warehouse_no": "WH-SH",
                                                                           "num": 20}])
    moved = tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW, "order_type": 3, "to_virtual_warehouse_no": "VW-2",
                                      "is_check": 1}, [{"spec_no": TEE, "warehouse_no": "WH-SH", "num": 5}])
    assert moved["status"] == 0
    released = tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW, "order_type": 2, "is_check": 1},
                                [{"spec_no": TEE, "warehouse_no": "WH-SH", "num": 10}])
    assert released["status"] == 0
    assert _stock(tenant)["now_lock_num"] == 5 and _stock(tenant)["out_num"] == 15
    assert real(tenant)["lock_num"] == 10  # 5 in VW-MALL, 5 in VW-2
    failed = tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW, "order_type": 2, "is_check": 1},
                              [{"spec_no": TEE, "warehouse_no": "WH-SH", "num": 50}])
    assert failed == {"status": 20, "message": "虚拟仓库存不足"}
    assert real(tenant)["lock_num"] == 10
    unchecked = tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW}, [{"spec_no": TEE, "warehouse_no": "WH-SH"}])
    op(tenant, "vw.order.check", order_no=unchecked["message"])
    assert _stock(tenant)["now_lock_num"] == 6  # num defaults to 1


def test_allocation_strategies_lock_what_comes_in(tenant: Any) -> None:
    seed(tenant)
    tenant.caller.ok("setting.strategy.VirtualWarehouse.strategyAllocationCreate",
                     {"range": 1, "mode": 0, "rule_no": "R1", "rule_name": "其他入库一半", "src_order_type": "1"},
                     [{"spec_no": TEE, "vir_warehouse_no": VW, "ratio": "0.5"}])
    order = tenant.caller.ok("wms.stockother.In.push", {"warehouse_no": "WH-SH", "is_check": True},
                             [{"spec_no": TEE, "num": 10}])["message"]
    tenant.caller.ok("wms.stockin.Other.createOtherOrder", {"outer_no": "RK-VW1", "warehouse_no": "WH-SH",
                                                            "src_order_no": order, "is_check": 1,
                                                            "goods_list": [{"spec_no": TEE, "num": 10}]})
    assert _stock(tenant)["now_lock_num"] == 5
    # production: a fixed 3 of the finished goods of every production stockin
    tenant.caller.ok("setting.strategy.VirtualWarehouse.strategyAllocationCreate",
                     {"range": 1, "mode": 0, "rule_no": "R2", "rule_name": "生产", "src_order_type": "3"},
                     [{"spec_no": TEE, "vir_warehouse_no": VW, "num": 3, "priority": 1}])
    op(tenant, "producer.create", producer_no="P1")
    tenant.caller.ok("process.Process.upload", {
        "out_warehouse_no": "WH-SH", "in_warehouse_no": "WH-SH", "operator_name": "admin", "producer_no": "P1",
        "process_count": 2, "type": 1, "is_check": True,
        "detail_list": [{"spec_no": "SOCK01-BK", "num": 1}, {"spec_no": TEE, "num": 2, "is_product": True}]})
    assert _stock(tenant)["now_lock_num"] == 8
    # a release strategy for an other-out business order gives the share back at once
    tenant.caller.ok("setting.strategy.VirtualWarehouse.reserveExtractAdd", {"order_no": "QC-1", "order_type": 21},
                     [{"spec_no": TEE, "vir_warehouse_no": VW, "priority": 1, "num": 6}])
    assert _stock(tenant)["now_lock_num"] == 2 and real(tenant)["lock_num"] == 2


def test_allocation_on_purchase_and_transfer_stockins(tenant: Any) -> None:
    """The allocating kinds of other contexts: purchase stockins (src 10) and transfer stockins (src 2)."""
    seed(tenant)
    op(tenant, "vw.create", virtual_warehouse_no="VW-BJ", virtual_warehouse_name="北京虚拟仓", warehouse_nos="WH-BJ")
    for rule_no, src, vw, num in (("P", "0", VW, 4), ("T", "2", "VW-BJ", 2)):
        tenant.caller.ok("setting.strategy.VirtualWarehouse.strategyAllocationCreate",
                         {"range": 1, "mode": 0, "rule_no": rule_no, "rule_name": rule_no, "src_order_type": src},
                         [{"spec_no": TEE, "vir_warehouse_no": vw, "num": num}])
    created = tenant.caller.ok("purchase.PurchaseOrder.createOrder", {
        "provider_no": "P001", "receive_warehouse_nos": "WH-SH", "expect_warehouse_no": "WH-SH",
        "purchaser_name": "王采购", "purchase_details": [{"spec_no": TEE, "num": 10, "price": 20}]})
    op(tenant, "purchase.check", purchase_no=created["message"])
    op(tenant, "purchase.receive", purchase_no=created["message"])
    assert _stock(tenant)["now_lock_num"] == 4
    assert real(tenant) == {"stock_num": 210, "lock_num": 4}
    moved = tenant.caller.ok("wms.stocktransfer.Edit.createOrder", {
        "outer_no": "VW-T1", "from_warehouse_no": "WH-SH", "to_warehouse_no": "WH-BJ", "mode": 5},
        [{"spec_no": TEE, "num": 5}], True)
    assert moved["status"] == 0
    rows = tenant.caller.ok(STOCK, {"spec_nos": TEE, "virtual_warehouse_no": "VW-BJ"}, page=(10, 0))["detail_list"]
    assert [(r["warehouse_no"], r["now_lock_num"]) for r in rows] == [("WH-BJ", 2)]
