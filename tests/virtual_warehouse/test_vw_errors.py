"""The contract rows and page messages the virtual-warehouse methods answer, through HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from vwtools import TEE, VW, seed

from helpers import expect, expect_business, op, window
from wdterp.api.ops import OperationError
from wdterp.domain.virtual_warehouse.orders import run_due_everywhere
from wdterp.protocol.clock import now_china

CREATE = "setting.strategy.VirtualWarehouse.create"
ALLOCATION = "setting.strategy.VirtualWarehouse.strategyAllocationCreate"
RELEASE = "setting.strategy.VirtualWarehouse.reserveExtractAdd"
LINE = {"spec_no": TEE, "warehouse_no": "WH-SH", "num": 1}


def test_create_rows(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    call = sqlite_tenant.caller.call
    expect_business(call(CREATE, {"virtual_warehouse_no": "NOPE"}, [LINE]), "虚拟仓不存在:NOPE")
    expect_business(call(CREATE, {"virtual_warehouse_no": VW, "order_type": 3, "to_virtual_warehouse_no": "X"},
                         [LINE]), "虚拟仓不存在:X")
    expect(call(CREATE, {"virtual_warehouse_no": VW}, [{**LINE, "warehouse_no": "NOPE"}]), "E34")
    expect(call(CREATE, {"virtual_warehouse_no": VW}, [{**LINE, "spec_no": "NOPE"}]), "E45")
    expect(call(CREATE, {"virtual_warehouse_no": VW}, [LINE, LINE]), "E45")
    expect(call(CREATE, {"virtual_warehouse_no": VW}, [{**LINE, "num": 0}]), "E56")
    expect_business(call(CREATE, {"virtual_warehouse_no": VW}, [{**LINE, "warehouse_no": "WH-BJ"}]),
                    "实体仓WH-BJ不属于虚拟仓VW-MALL")
    op(sqlite_tenant, "vw.create", virtual_warehouse_no="VW-2", warehouse_nos="WH-SH")
    soon = (now_china() + timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M")
    transfer = {"virtual_warehouse_no": VW, "order_type": 3, "to_virtual_warehouse_no": "VW-2", "is_pre_check": 1}
    expect_business(call(CREATE, {**transfer, "pre_time": soon}, [LINE]), "审核时间要大于当前服务器时间2分钟以上")
    sqlite_tenant.update_app(warehouses=["WH-BJ"])
    expect(call(CREATE, {"virtual_warehouse_no": VW}, [LINE]), "E34")


def test_pre_checked_transfer_waits_for_its_time(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    op(sqlite_tenant, "vw.create", virtual_warehouse_no="VW-2", warehouse_nos="WH-SH")
    sqlite_tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW, "is_check": 1}, [{**LINE, "num": 4}])
    later = (now_china() + timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    made = sqlite_tenant.caller.ok(CREATE, {"virtual_warehouse_no": VW, "order_type": 3, "is_pre_check": 1,
                                            "to_virtual_warehouse_no": "VW-2", "pre_time": later}, [LINE])
    assert op(sqlite_tenant, "vw.order.run_due") == {"checked": []}
    page = sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.orderSearch", window(order_type=3),
                                   page=(10, 0))
    assert page["order"][0]["order_status"] == 25 and page["order"][0]["to_virtual_warehouse_no"] == "VW-2"
    with sqlite_tenant.db.transaction() as session:  # the autopilot's round, ten minutes on
        assert run_due_everywhere(session, now_china() + timedelta(minutes=10)) == 1
    page = sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.orderSearch", window(order_type=3),
                                   page=(10, 0))
    assert page["order"][0]["order_status"] == 30 and page["order"][0]["checked_time"] > 0
    with pytest.raises(OperationError, match="单据状态不正确"):
        op(sqlite_tenant, "vw.order.check", order_no=made["message"])
    with pytest.raises(OperationError, match="单据状态不正确"):
        op(sqlite_tenant, "vw.order.cancel", order_no=made["message"])
    with pytest.raises(OperationError, match="单据不存在"):
        op(sqlite_tenant, "vw.order.check", order_no="VO-NONE")


def test_strategy_rows(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    call = sqlite_tenant.caller.call
    rule = {"range": 1, "mode": 0, "rule_no": "R1", "rule_name": "规则", "src_order_type": "1"}
    detail = [{"spec_no": TEE, "vir_warehouse_no": VW, "num": 2}]
    expect(call(ALLOCATION, rule, [{**detail[0], "spec_no": "NOPE"}]), "E45")
    expect(call(ALLOCATION, rule, [{**detail[0], "num": 0}]), "E56")
    expect(call(ALLOCATION, rule, [{"spec_no": TEE, "vir_warehouse_no": VW, "ratio": 2}]), "E56")
    expect_business(call(ALLOCATION, rule, [{**detail[0], "vir_warehouse_no": "NOPE"}]), "虚拟仓不存在或已停用:NOPE")
    expect_business(call(ALLOCATION, {**rule, "src_order_type": "9"}, detail), "关联单类型不正确")
    assert sqlite_tenant.caller.ok(ALLOCATION, rule, detail) == {"data": "策略创建成功"}
    expect(call(ALLOCATION, rule, detail), "E39")
    info = {"order_no": "TF-1", "order_type": 2}
    release = [{"spec_no": TEE, "vir_warehouse_no": VW, "priority": 1, "num": 1}]
    expect_business(call(RELEASE, {**info, "order_type": 3}, release), "单据类型不正确")
    expect(call(RELEASE, info, [{**release[0], "spec_no": "NOPE"}]), "E45")
    expect(call(RELEASE, info, [{**release[0], "num": -1}]), "E56")
    expect_business(call(RELEASE, info, release), "虚拟仓库存不足")  # it holds nothing yet
    expect_business(call("setting.strategy.VirtualWarehouse.orderSearch", window(virtual_warehouse_no="X"),
                         page=(10, 0)), "虚拟仓不存在或已停用:X")
    for method in ("setting.strategy.VirtualWarehouse.orderSearch", "setting.strategy.VirtualWarehouse.warehouseSearch",
                   "setting.strategy.VirtualWarehouse.stockSearch"):
        expect(call(method, {}, page=(10, 0)), "E23")
    sqlite_tenant.update_app(warehouses=["WH-BJ"])
    expect(call(ALLOCATION, {**rule, "rule_no": "R2"}, detail), "E34")
    expect(call(RELEASE, info, release), "E34")


def test_query_and_warehouse_search(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    rows = sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.query", {"sys_warehouse_no": "WH-SH"},
                                   page=(10, 0))["detail_list"]
    assert [(r["virtual_warehouse_no"], r["name"]) for r in rows] == [(VW, "商城虚拟仓")]
    assert [w["warehouse_no"] for w in rows[0]["sys_warehouse_list"]] == ["WH-SH"]
    assert [s["shop_no"] for s in rows[0]["shop_list"]] == ["demo-mall"]
    assert sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.query", {"sys_warehouse_no": "WH-BJ"},
                                   page=(10, 0))["total_count"] == 0
    found = sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.warehouseSearch", window(),
                                    page=(10, 0))["detail_list"]
    assert found[0]["virtual_warehouse_name"] == "商城虚拟仓" and found[0]["is_disabled"] == 0
    assert found[0]["warehouse_list"][0]["is_start_up"] == 1
    # a virtual warehouse's number names no real warehouse: an app restricted to WH-SH uses VW-MALL,
    # and sees no virtual warehouse (nor its orders) over warehouses it may not use
    sqlite_tenant.update_app(warehouses=["WH-SH"])
    made = sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.create", {"virtual_warehouse_no": VW},
                                   [{"spec_no": TEE, "warehouse_no": "WH-SH"}])
    assert made["status"] == 0
    sqlite_tenant.update_app(warehouses=["WH-BJ"])
    assert sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.query", {}, page=(10, 0))["total_count"] == 0
    assert sqlite_tenant.caller.ok("setting.strategy.VirtualWarehouse.orderSearch", window(),
                                   page=(10, 0))["total_count"] == 0
