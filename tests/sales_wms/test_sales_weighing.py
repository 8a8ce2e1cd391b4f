"""Weighing sales stockouts through the four vendor methods: weight, packaging items, overweight, errors."""

from __future__ import annotations

from decimal import Decimal

from swmstools import SF, WH2, checked_stockout, seed, stock_num, stockout

from helpers import expect, expect_business, op
from support import TenantHandle

ONCE = "wms.stockout.Sales.onceWeighing"
BY_NO = "wms.stockout.Sales.onceWeighingByNo"
EXT = "wms.stockout.Sales.weighingExt"
SALES = "wms.stockout.Sales.salesWeighing"


def test_weighing_by_tracking_no_with_packaging(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    no = checked_stockout(tenant, "W1")["stockout_no"]
    bill = op(tenant, "sales_stockout.waybill", stockout_no=no, logistics_code=SF, tracking_no="SF1001")
    assert bill["logistics_no"] == "SF1001"
    # goods 2×0.5 + 1×1 = 2 kg, the box 0.2 kg
    data = tenant.caller.ok(ONCE, "SF1001", "69BOX", 2.1, 0, "台1", False)
    assert data == {"logistics_name": "顺丰", "sys_logistics_name": "顺丰速运", "logistics_no": "SF1001",
                    "calc_weight": 2.2}
    assert stock_num(tenant, ids["warehouse"], ids["BOX"]) == Decimal(4)
    row = stockout(tenant, no, status_type=2)
    assert (row["weight"], row["consign_status"] & 2, row["consign_status"] & 32) == (2.1, 2, 32)
    assert (row["status"], row["logistics_no"], row["logistics_code"]) == (55, "SF1001", SF)
    assert row["package_fee"] == 3.0 and row["packager_name"] == ""
    assert [(p["logistics_no"], p["weight"], p["calc_weight"], p["package_name"]) for p in row["logistics_list"]] \
        == [("SF1001", 2.1, 2.2, "规格BOX")]
    # weighing again with the same box takes no second one
    tenant.caller.ok(BY_NO, no, "69BOX", 2.3, "P01", "", False)
    assert stock_num(tenant, ids["warehouse"], ids["BOX"]) == Decimal(4)
    row = stockout(tenant, no, status_type=2)
    assert (row["weight"], row["packager_name"]) == (2.3, "打包员甲")
    log = tenant.caller.ok("sales.TradeQuery.getLog", {"trade_no": row["trade_no"]})["detail_list"]
    assert 102 in {r["type"] for r in log}


def test_weighing_ext_and_sales_weighing(tenant: TenantHandle) -> None:
    seed(tenant)
    no = checked_stockout(tenant, "W2")["stockout_no"]
    assert tenant.caller.ok(EXT, no, "", 2, 0, False) == {"logistics_name": "顺丰"}
    data = tenant.caller.ok(SALES, {"order_no": no, "weight": 2.5, "packager_no": "P01", "length": 10,
                                    "width": 20, "height": 30})
    assert data["calc_weight"] == 2.0 and data["logistics_no"] == ""
    assert (data["province"], data["city"], data["district"]) != ("", "", "")
    row = stockout(tenant, no, status_type=2)
    parcel = row["logistics_list"][0]
    assert (parcel["length"], parcel["width"], parcel["height"], parcel["volume"]) == (10, 20, 30, 6000)
    assert (row["weight"], row["packager_name"]) == (2.5, "打包员甲")


def test_weighing_errors(tenant: TenantHandle) -> None:
    seed(tenant)
    no = checked_stockout(tenant, "W3")["stockout_no"]
    expect(tenant.caller.call(ONCE, no, "NOPE", 2, 0, "", False), "E37")
    expect(tenant.caller.call(ONCE, no, "69A", 2, 0, "", False), "E37")  # a sales goods, not packaging
    expect(tenant.caller.call(ONCE, "CK-NOPE", "", 2, 0, "", False), "E26")
    expect(tenant.caller.call(BY_NO, no, "", 2, "NOBODY", "", False), "E59", name="NOBODY")
    expect(tenant.caller.call(EXT, no, "", 2, 99999, False), "E59", name="99999")
    expect(tenant.caller.call(SALES, {"weight": 1}), "E71", field="order_no")
    # 11 kg: above the carrier's 10 kg (and far from the 2 kg estimate); force weighs anyway
    expect_business(tenant.caller.call(ONCE, no, "", 11, 0, "", False), "包裹重量11kg超过物流公司顺丰速运最大重量10kg")
    expect_business(tenant.caller.call(ONCE, no, "", 5, 0, "", False), "称重重量5kg与预估重量2kg相差过大")
    tenant.caller.ok(ONCE, no, "", 11, 0, "", True)
    assert stockout(tenant, no, status_type=2)["weight"] == 11
    other = tenant.new_caller(warehouses=[WH2])
    expect(other.call(ONCE, no, "", 2, 0, "", False), "E34")
    op(tenant, "sales.cancel", trade_no=stockout(tenant, no, status_type=2)["trade_no"])
    expect(tenant.caller.call(ONCE, no, "", 2, 0, "", False), "E26")


def test_shipped_stockout_cannot_be_weighed(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    checked = checked_stockout(sqlite_tenant, "W4")
    op(sqlite_tenant, "sales.consign", trade_no=checked["trade_no"], logistics_no=SF, tracking_no="SF4")
    expect_business(sqlite_tenant.caller.call(ONCE, "SF4", "", 2, 0, "", False), "出库单状态不正确")
