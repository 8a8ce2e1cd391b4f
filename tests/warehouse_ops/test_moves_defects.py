"""Move orders, replenishment, good↔defect conversion and default positions: made ERP-side, seen through
wms.MoveOrder.queryWithDetail, wms.StockShelve.queryWithDetail, wms.stockdefect.DefectChange.search and
wms.PositionCapacity.search."""

from __future__ import annotations

from datetime import timedelta

import pytest
from whopstools import details, ledger, put, seed, stock

from helpers import expect, expect_business, op, window
from support import TenantHandle
from wdterp.api.ops import OperationError
from wdterp.protocol.clock import format_wire_time, now_china

MOVE = "wms.MoveOrder.queryWithDetail"
SHELVE = "wms.StockShelve.queryWithDetail"
DEFECT = "wms.stockdefect.DefectChange.search"
CAPACITY = "wms.PositionCapacity.search"


def _wide(days: int) -> dict[str, str]:
    now = now_china()
    return {"start_time": format_wire_time(now - timedelta(days=days)), "end_time": format_wire_time(now)}


def test_move_order_moves_stock_between_positions(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    put(tenant, ids["WH1"], ids["S3"], 6, position_no="A-01")
    op(tenant, "position.create", warehouse_no="WH1", position_no="B-01")
    moved = op(tenant, "move.create", warehouse_no="WH1", remark="调整", lines=[
        {"spec_no": "S3", "num": 4, "from_position_no": "A-01", "to_position_no": "B-01"}])
    assert moved["status"] == 20
    assert details(tenant, ids["WH1"], ids["S3"]) == {"A-01": 2, "B-01": 4}
    assert stock(tenant, ids["WH1"], ids["S3"]) == 6  # the warehouse's figure does not change

    found = tenant.caller.ok(MOVE, {"warehouse_no": "WH1", "order_no": moved["order_no"]}, page=(10, 0))
    (order,) = found["order"]
    assert (order["order_no"], order["status"], order["type"], order["warehouse_no"]) == (
        moved["order_no"], 20, 0, "WH1")
    assert order["creator_name"] == "ops" and order["remark"] == "调整"
    (line,) = order["detail_list"]
    assert (line["spec_no"], line["num"], line["from_position_no"], line["to_position_no"]) == ("S3", 4, "A-01", "B-01")
    assert line["order_id"] == order["rec_id"] and line["barcode"] == "BCS3" and line["defect"] is False

    pending = op(tenant, "move.create", warehouse_no="WH1", check=False, lines=[
        {"spec_no": "S3", "num": 1, "from_position_no": "B-01", "to_position_no": "A-01"}])
    assert pending["status"] == 10 and details(tenant, ids["WH1"], ids["S3"])["B-01"] == 4
    assert op(tenant, "move.cancel", order_no=pending["order_no"])["status"] == 5
    by_status = tenant.caller.ok(MOVE, {**window(days=1), "warehouse_no": "WH1", "status": 5}, page=(10, 0))
    assert [o["order_no"] for o in by_status["order"]] == [pending["order_no"]]


def test_move_refusals(sqlite_tenant: TenantHandle) -> None:
    ids = seed(sqlite_tenant)
    put(sqlite_tenant, ids["WH1"], ids["S3"], 2, position_no="A-01")
    with pytest.raises(OperationError, match="商家编码S3在货位A-01库存不足"):
        op(sqlite_tenant, "move.create", warehouse_no="WH1", lines=[
            {"spec_no": "S3", "num": 5, "from_position_no": "A-01", "to_position_no": "ZANCUNQU"}])
    with pytest.raises(OperationError, match="货位NOPE不存在"):
        op(sqlite_tenant, "move.create", warehouse_no="WH1", lines=[
            {"spec_no": "S3", "num": 1, "from_position_no": "A-01", "to_position_no": "NOPE"}])
    assert details(sqlite_tenant, ids["WH1"], ids["S3"]) == {"A-01": 2}


def test_move_and_shelve_query_rows(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    caller = sqlite_tenant.caller
    for method in (MOVE, SHELVE):
        expect(caller.call(method, window(days=1), page=(10, 0)), "E31")
        expect(caller.call(method, {**window(days=1), "warehouse_no": ""}, page=(10, 0)), "E31")
        expect(caller.call(method, {**_wide(31), "warehouse_no": "WH1"}, page=(10, 0)), "E24")
        expect(caller.call(method, {**window(days=1), "warehouse_no": "NOPE"}, page=(10, 0)), "E34")
    expect(caller.call(MOVE, {"warehouse_no": "WH1"}, page=(10, 0)), "E23")
    assert caller.ok(SHELVE, {"warehouse_no": "WH1"}, page=(10, 0)) == {"total_count": 0, "order": []}
    sqlite_tenant.update_app(warehouses=["WH2"])
    expect(caller.call(MOVE, {**window(days=1), "warehouse_no": "WH1"}, page=(10, 0)), "E34")


def test_replenishment_fills_the_default_position_from_storage(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    op(tenant, "position.create", warehouse_no="WH1", position_no="S-01", zone_no="STORE", zone_type=2)
    put(tenant, ids["WH1"], ids["S3"], 20, position_no="S-01")
    put(tenant, ids["WH1"], ids["S3"], 2, position_no="P-01")
    default = op(tenant, "position.set_default", warehouse_no="WH1", spec_no="S3", position_no="P-01",
                 capacity=12, zone_no="PICK", zone_type=1)
    assert default["zone_no"] == "PICK"

    shelved = op(tenant, "replenish.create", warehouse_no="WH1", lines=[{"spec_no": "S3"}])
    assert shelved["status"] == 30 and [x["num"] for x in shelved["lines"]] == ["10.0000"]
    assert details(tenant, ids["WH1"], ids["S3"]) == {"S-01": 10, "P-01": 12}
    assert stock(tenant, ids["WH1"], ids["S3"]) == 22
    with pytest.raises(OperationError, match="没有需要补货的货品"):
        op(tenant, "replenish.create", warehouse_no="WH1", lines=[{"spec_no": "S3"}])

    found = tenant.caller.ok(SHELVE, {**window(days=1), "warehouse_no": "WH1", "spec_no": "S3"}, page=(10, 0))
    (order,) = found["order"]
    assert (order["order_no"], order["status"], order["type"]) == (shelved["order_no"], 30, 0)
    assert (order["from_zone_no"], order["to_zone_no"], order["operator_name"]) == ("STORE", "PICK", "ops")
    (line,) = order["detail_list"]
    assert (line["down_num"], line["up_num"], line["from_position_no"], line["to_position_no"]) == (
        10, 10, "S-01", "P-01")
    assert line["spec_no"] == "S3" and line["expire_date"] == "" and line["cart_seat"] == 0

    capacity = tenant.caller.ok(CAPACITY, {"warehouse_no": "WH1", "spec_no": "S3"}, page=(10, 0))
    (row,) = capacity["detail_list"]
    assert (row["position_no"], row["zone_no"], row["stock_num"], row["defect"]) == ("P-01", "PICK", 22, False)
    assert row["zone_id"] > 0 and row["warehouse_no"] == "WH1" and row["goods_no"] == "G-S3"
    by_time = tenant.caller.ok(CAPACITY, window(days=1), page=(10, 0))
    assert [x["spec_no"] for x in by_time["detail_list"]] == ["S3"]


def test_position_capacity_query_rows(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    caller = sqlite_tenant.caller
    expect(caller.call(CAPACITY, {"spec_no": "S1"}, page=(10, 0)), "E31")
    expect_business(caller.call(CAPACITY, {"warehouse_no": "WH1"}, page=(10, 0)), "商家编码不能为空")
    expect_business(caller.call(CAPACITY, _wide(8), page=(10, 0)), "您的查询时间过宽,查询时间不能大于7天")
    sqlite_tenant.update_app(warehouses=["WH2"])
    expect(caller.call(CAPACITY, {"warehouse_no": "WH1", "spec_no": "S1"}, page=(10, 0)), "E34")


def test_defect_conversion_moves_stock_between_good_and_defective(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    to_defect = op(tenant, "defect.convert", warehouse_no="WH1", remark="破损", lines=[{"spec_no": "S1", "num": 3}])
    assert (to_defect["status"], to_defect["type"]) == (50, False)
    assert stock(tenant, ids["WH1"], ids["S1"]) == 7
    assert stock(tenant, ids["WH1"], ids["S1"], defect=True) == 3
    moved = ledger(tenant, to_defect["change_no"])
    assert sorted((r["type"], r["defect"], r["num"]) for r in moved) == [(8, False, -3), (8, True, 3)]

    back = op(tenant, "defect.convert", warehouse_no="WH1", to_defect=False, check=False,
              lines=[{"spec_no": "S1", "num": 1}])
    assert back["status"] == 30 and stock(tenant, ids["WH1"], ids["S1"], defect=True) == 3
    assert op(tenant, "defect.check", change_no=back["change_no"])["status"] == 50
    assert stock(tenant, ids["WH1"], ids["S1"], defect=True) == 2
    assert stock(tenant, ids["WH1"], ids["S1"]) == 8

    found = tenant.caller.ok(DEFECT, {**window(days=1), "type": False}, page=(10, 0))
    (order,) = found["order"]
    assert (order["change_no"], order["status"], order["type"], order["warehouse_no"]) == (
        to_defect["change_no"], 50, False, "WH1")
    assert (order["goods_count"], order["goods_type_count"], order["remark"]) == (3, 1, "破损")
    (line,) = order["details_list"]
    assert (line["spec_no"], line["num"], line["defect"], line["unit_ratio"]) == ("S1", 3, False, 1)
    assert line["from_position_no"] == line["to_position_no"] == "ZANCUNQU"
    assert line["change_id"] == order["rec_id"] and line["unit_name"] == "件"
    to_good = tenant.caller.ok(DEFECT, {"change_no": back["change_no"]}, page=(10, 0))
    assert [(o["type"], o["details_list"][0]["defect"]) for o in to_good["order"]] == [(True, True)]


def test_defect_conversion_refusals(sqlite_tenant: TenantHandle) -> None:
    ids = seed(sqlite_tenant)
    with pytest.raises(OperationError, match="商家编码S3库存不足"):
        op(sqlite_tenant, "defect.convert", warehouse_no="WH1", lines=[{"spec_no": "S3", "num": 1}])
    pending = op(sqlite_tenant, "defect.convert", warehouse_no="WH1", check=False,
                 lines=[{"spec_no": "S1", "num": 1}])
    assert op(sqlite_tenant, "defect.cancel", change_no=pending["change_no"])["status"] == 10
    with pytest.raises(OperationError, match="正残转换单状态不正确"):
        op(sqlite_tenant, "defect.check", change_no=pending["change_no"])
    assert stock(sqlite_tenant, ids["WH1"], ids["S1"]) == 10
    expect(sqlite_tenant.caller.call(DEFECT, _wide(31), page=(10, 0)), "E24")
