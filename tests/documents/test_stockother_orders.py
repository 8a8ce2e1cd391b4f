"""wms.stockother.*: other-in / other-out business orders — push, check, reservation, cancel, query."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docseed import seed, set_settings, stock

from helpers import expect, op, window

IN_PUSH = "wms.stockother.In.push"
OUT_PUSH = "wms.stockother.Out.push"
IN_CANCEL = "wms.stockother.In.cancelOrder"
OUT_CANCEL = "wms.stockother.Out.cancelOrder"
IN_QUERY = "wms.stockother.InQuery.queryWithDetail"
OUT_QUERY = "wms.stockother.OutQuery.queryWithDetail"


def header(**values: Any) -> dict[str, Any]:
    return {"warehouse_no": "WH1", **values}


def test_push_in_and_query_it(tenant: Any) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(IN_PUSH, header(outer_no="QR-OUTER-1", reason="破损", flag_name="加急",
                                            logistics_code="SF", logistics_no="SF001", prop1="p1", is_check=True),
                            [{"spec_no": "S1", "num": "200.0000", "price": "1.5", "position_no": "A-01",
                              "production_date": "2024-09-01", "remark": "line"}])
    assert data == {"status": 0, "message": "QR-OUTER-1", "outer_no": "QR-OUTER-1"}
    # a business order moves no stock by itself
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(10), Decimal(0))
    page = tenant.caller.ok(IN_QUERY, window(days=1), page=(10, 0))
    assert page["total_count"] == 1
    row = page["order"][0]
    assert row["other_in_no"] == "QR-OUTER-1" and row["status"] == 20 and row["reason"] == "破损"
    assert row["logistics_name"] == "顺丰" and row["logistics_no"] == "SF001" and row["prop1"] == "p1"
    assert row["warehouse_no"] == "WH1" and row["warehouse_name"] == "仓库WH1" and row["outer_no"] == "QR-OUTER-1"
    line = row["detail_list"][0]
    assert line["num"] == 200 and line["in_num"] == 0 and line["price"] == 1.5 and line["position_no"] == "A-01"
    assert line["production_date"] == "2024-09-01" and line["goods_no"] == "G-S1"
    assert line["other_in_id"] == row["rec_id"]
    unchecked = tenant.caller.ok(IN_PUSH, header(), [{"spec_no": "S2", "num": 1}])
    assert unchecked["status"] == 0 and unchecked["message"].startswith("QR")
    by_status = tenant.caller.ok(IN_QUERY, {**window(days=1), "status": "10"}, page=(10, 0))
    assert [r["other_in_no"] for r in by_status["order"]] == [unchecked["message"]]
    # executing it: an other stockin naming it completes it
    tenant.caller.ok("wms.stockin.Other.createOtherOrder", {
        "outer_no": "RK-EXEC", "warehouse_no": "WH1", "src_order_no": "QR-OUTER-1", "is_check": 1,
        "goods_list": [{"spec_no": "S1", "num": 200}]})
    done = tenant.caller.ok(IN_QUERY, {"other_in_no": "QR-OUTER-1"}, page=(10, 0))["order"][0]
    assert done["status"] == 70 and done["detail_list"][0]["in_num"] == 200
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(210), Decimal(0))


def test_checked_out_order_reserves_and_its_stockout_takes_it(tenant: Any) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(OUT_PUSH, header(is_check=True, receiver_name="李四"), [{"spec_no": "S1", "num": 4}])
    number = data["message"]
    assert data["status"] == 0 and number.startswith("QC")
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(10), Decimal(4))
    row = tenant.caller.ok(OUT_QUERY, {"other_out_no": number}, page=(10, 0))["order"][0]
    assert row["is_reserved"] == 1 and row["status"] == 20 and row["receiver_name"] == "李四"
    tenant.caller.ok("wms.stockout.Other.createOther", {
        "outer_no": "CK-EXEC", "warehouse_no": "WH1", "src_order_no": number, "is_check": 1,
        "goods_list": [{"spec_no": "S1", "num": 3}]})
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(7), Decimal(1))
    row = tenant.caller.ok(OUT_QUERY, {"other_out_no": number}, page=(10, 0))["order"][0]
    assert row["status"] == 60 and row["detail_list"][0]["out_num"] == 3
    # cancelling a partly executed order is refused; one that nothing executed gives its reservation back
    data = tenant.caller.ok(OUT_CANCEL, [number])
    assert data["success_data"] == [] and data["error_data"][0]["order_no"] == number
    other = tenant.caller.ok(OUT_PUSH, header(is_check=True), [{"spec_no": "S2", "num": 2}])["message"]
    assert stock(tenant, ids["WH1"], ids["S2"]) == (Decimal(5), Decimal(2))
    assert tenant.caller.ok(OUT_CANCEL, [other, "QC-NOPE"]) == {
        "success_data": [other], "error_data": [{"order_no": "QC-NOPE", "err_msg": "单据不存在"}]}
    assert stock(tenant, ids["WH1"], ids["S2"]) == (Decimal(5), Decimal(0))
    again = tenant.caller.ok(OUT_CANCEL, [other])
    assert again["error_data"] == [{"order_no": other, "err_msg": "单据不存在"}]
    cancelled = tenant.caller.ok(OUT_QUERY, {**window(days=1), "status": "80"}, page=(10, 0))
    assert [r["other_out_no"] for r in cancelled["order"]] == [other]


def test_check_failure_leaves_the_order_awaiting_check(tenant: Any) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(OUT_PUSH, header(is_check=True), [{"spec_no": "S2", "num": 9}])
    assert data["status"] == 20 and data["message"] == "check_fail 审核失败: 商家编码S2库存不足"
    assert data["outer_no"].startswith("QC")
    row = tenant.caller.ok(OUT_QUERY, {"other_out_no": data["outer_no"]}, page=(10, 0))["order"][0]
    assert row["status"] == 10 and row["is_reserved"] == 0
    assert stock(tenant, ids["WH1"], ids["S2"]) == (Decimal(5), Decimal(0))
    # create_check_stock 0: stock is checked at create, a short order is not kept
    envelope = tenant.caller.call(OUT_PUSH, header(create_check_stock=0, outer_no="CCS-0"),
                                  [{"spec_no": "S2", "num": 9}])
    assert envelope == {"status": 100, "message": "商家编码S2库存不足"}
    assert tenant.caller.ok(OUT_QUERY, {"other_out_no": "CCS-0"}, page=(10, 0))["total_count"] == 0
    # the ERP side checks it once stock arrived
    tenant.caller.ok("wms.stockin.Other.createOtherOrder", {
        "outer_no": "RK-MORE", "warehouse_no": "WH1", "is_check": 1, "goods_list": [{"spec_no": "S2", "num": 4}]})
    result = op(tenant, "stockother.check", direction="out", order_no=data["outer_no"])
    assert result["status"] == 20 and result["is_reserved"] is True
    assert stock(tenant, ids["WH1"], ids["S2"]) == (Decimal(9), Decimal(9))


def test_external_warehouse_orders(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(OUT_PUSH, header(warehouse_no="EXT", receiver_name="王五"),
                              [{"spec_no": "S1", "num": 1}]), "E33")
    pushed = tenant.caller.ok(IN_PUSH, header(warehouse_no="EXT", is_check=True), [{"spec_no": "S1", "num": 1}])
    row = tenant.caller.ok(IN_QUERY, {"other_in_no": pushed["message"]}, page=(10, 0))["order"][0]
    assert row["status"] == 40  # checked in an external warehouse: pushed to the WMS


def test_push_rows(tenant: Any) -> None:
    seed(tenant)
    call = tenant.caller.call
    line = [{"spec_no": "S1", "num": 1}]
    expect(call(IN_PUSH, header(warehouse_no=""), line), "E31")
    expect(call(IN_PUSH, header(warehouse_no="NOPE"), line), "E34")
    expect(call(IN_PUSH, header(), [{"spec_no": "NOPE", "num": 1}]), "E45")
    expect(call(OUT_PUSH, header(), [{"spec_no": "S1", "num": 1}, {"spec_no": "S1", "num": 2}]), "E45")
    expect(call(IN_PUSH, header(), [{"spec_no": "S1", "num": -1}]), "E56")
    expect(call(IN_PUSH, header(), [{"spec_no": "S1", "num": "0.5"}]), "E56")
    expect(call(IN_PUSH, header(flag_name="没有的标记"), line), "E76", name="没有的标记")
    expect(call(IN_PUSH, header(flag_name="停用标记"), line), "E76", name="停用标记")
    expect(call(IN_PUSH, header(reason="乱写"), line), "E77", kind="入库", reason="乱写")
    expect(call(OUT_PUSH, header(logistics_code="YTO"), line), "E43", logistics_no="YTO")
    expect(call(OUT_PUSH, header(), [{"spec_no": "S1", "num": 1, "batch_no": "NOBATCH"}]), "E53",
           batch_no="NOBATCH")
    expect(call(IN_PUSH, header(outer_no="X" * 41), line), "E46")
    tenant.caller.ok(IN_PUSH, header(outer_no="SAME"), line)
    expect(call(IN_PUSH, header(outer_no="SAME"), line), "E39")
    tenant.update_app(warehouses=["WH2"])
    expect(call(IN_PUSH, header(), line), "E34")
    set_settings(tenant, decimal_quantity=True)
    assert call(IN_PUSH, header(warehouse_no="WH2"), [{"spec_no": "S1", "num": "0.5"}])["status"] == 0


def test_cancel_in_orders_and_permissions(tenant: Any) -> None:
    seed(tenant)
    line = [{"spec_no": "S1", "num": 1}]
    edit = tenant.caller.ok(IN_PUSH, header(), line)["message"]
    checked = tenant.caller.ok(IN_PUSH, header(is_check=True), line)["message"]
    executed = tenant.caller.ok(IN_PUSH, header(is_check=True), line)["message"]
    tenant.caller.ok("wms.stockin.Other.createOtherOrder", {
        "outer_no": "RK-OPEN", "warehouse_no": "WH1", "src_order_no": executed,
        "goods_list": [{"spec_no": "S1", "num": 1}]})
    data = tenant.caller.ok(IN_CANCEL, [edit, checked, executed])
    assert data["success_data"] == [edit, checked]
    assert data["error_data"] == [{"order_no": executed,
                                   "err_msg": "业务单存在未取消的出入库单RK-OPEN，不允许取消"}]
    other = tenant.caller.ok(IN_PUSH, header(), line)["message"]
    tenant.update_app(warehouses=["WH2"])
    assert tenant.caller.ok(IN_CANCEL, [other])["error_data"] == [{"order_no": other, "err_msg": "无仓库访问权限"}]
    assert tenant.caller.ok(IN_QUERY, window(days=1), page=(10, 0))["total_count"] == 0  # WH1 is not permitted


def test_query_rules(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(IN_QUERY, {"warehouse_no": "WH1"}, page=(10, 0)), "E23")
    expect(tenant.caller.call(OUT_QUERY, {"status": "1;2", **window(days=1)}, page=(10, 0)), "E49")
    expect(tenant.caller.call(OUT_QUERY, {"nope": 1, **window(days=1)}, page=(10, 0)), "E10", name="nope")
    tenant.caller.ok(IN_PUSH, header(outer_no="FZ-1"), [{"spec_no": "S1", "num": 1}])
    tenant.caller.ok(IN_PUSH, header(outer_no="FZ-2"), [{"spec_no": "S1", "num": 1}])
    one = tenant.caller.ok(IN_QUERY, {"other_in_no": "Z-1", "fuzzy_query": True}, page=(10, 0))
    assert [r["other_in_no"] for r in one["order"]] == ["FZ-1"]
    envelope = tenant.caller.call(IN_QUERY, {"other_in_no": "FZ", "fuzzy_query": True}, page=(10, 0))
    assert envelope == {"status": 100, "message": "业务单号模糊查询匹配到多条单据"}
