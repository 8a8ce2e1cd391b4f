"""setting.* end to end over HTTP: master data created in the database, read back through the API."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import window
from support import TenantHandle
from wdterp.domain.masterdata.models import Employee, Logistics, Shop, Warehouse

E = dict[str, Any]
#: minutes in a day
DAY = 24 * 60


def day() -> E:
    """From a day ago to a day ahead."""
    return window(days=1, ahead_minutes=DAY)


def _add(tenant: TenantHandle, *rows: Any) -> None:
    with tenant.db.transaction() as session:
        for row in rows:
            row.tenant_id = tenant.tenant_id
            session.add(row)


def _err(status: int, message: str) -> E:
    return {"status": status, "message": message}


@pytest.fixture
def warehouses(tenant: TenantHandle) -> TenantHandle:
    _add(tenant,
         Warehouse(warehouse_no="W1", name="一号仓", type=1, province="浙江省"),
         Warehouse(warehouse_no="W2", name="二号仓", type=11),
         Warehouse(warehouse_no="W3", name="三号仓", type=1),
         Warehouse(warehouse_no="W9", name="停用仓", is_disabled=True))
    return tenant


@pytest.fixture
def shops(tenant: TenantHandle) -> TenantHandle:
    _add(tenant,
         Shop(shop_no="S1", shop_name="自有店", platform_id=127),
         Shop(shop_no="S2", shop_name="淘宝店", platform_id=1),
         Shop(shop_no="S3", shop_name="又一家自有店", platform_id=127))
    return tenant


# ---------------------------------------------------------------------------- warehouses


def test_warehouse_query_filters_and_paging(warehouses: TenantHandle) -> None:
    c = warehouses.caller
    data = c.ok("setting.Warehouse.queryWarehouse", {}, page=(10, 0))
    assert data["total_count"] == 3
    assert [w["warehouse_no"] for w in data["details"]] == ["W1", "W2", "W3"]
    first = data["details"][0]
    assert (first["name"], first["type"], first["province"], first["is_disabled"]) == (
        "一号仓", 1, "浙江省", False)
    assert len(first["created"]) == 19 and len(first["modified"]) == 19

    page2 = c.ok("setting.Warehouse.queryWarehouse", {}, page=(2, 1))
    assert page2["total_count"] == 3
    assert [w["warehouse_no"] for w in page2["details"]] == ["W3"]

    assert c.ok("setting.Warehouse.queryWarehouse", {"hide_delete": 0}, page=(10, 0))["total_count"] == 4
    only = c.ok("setting.Warehouse.queryWarehouse", {"warehouse_no": "W2"}, page=(10, 0))
    assert [w["name"] for w in only["details"]] == ["二号仓"]
    by_type = c.ok("setting.Warehouse.queryWarehouse", {"type": 11}, page=(10, 0))
    assert [w["warehouse_no"] for w in by_type["details"]] == ["W2"]
    within = c.ok("setting.Warehouse.queryWarehouse", day(), page=(10, 0))
    assert within["total_count"] == 3
    future = window(days=-1, ahead_minutes=2 * DAY)
    assert c.ok("setting.Warehouse.queryWarehouse", future, page=(10, 0))["total_count"] == 0


def test_warehouse_permissions(warehouses: TenantHandle) -> None:
    warehouses.update_app(warehouses=["W1"])
    data = warehouses.caller.ok("setting.Warehouse.queryWarehouse", {}, page=(10, 0))
    assert data["total_count"] == 1
    assert [w["warehouse_no"] for w in data["details"]] == ["W1"]
    none = warehouses.caller.ok("setting.Warehouse.queryWarehouse", {"warehouse_no": "W2"}, page=(10, 0))
    assert none == {"total_count": 0, "details": []}


def test_unknown_filter_e10(warehouses: TenantHandle) -> None:
    assert warehouses.caller.call("setting.Warehouse.queryWarehouse", {"warehouse_id": 1}, page=(10, 0)) == \
        _err(2, "warehouse_id")


# ---------------------------------------------------------------------------- shops


def test_shop_query_filters_paging_permissions(shops: TenantHandle) -> None:
    c = shops.caller
    data = c.ok("setting.Shop.queryShop", {}, page=(2, 0))
    assert data["total_count"] == 3 and [s["shop_no"] for s in data["details"]] == ["S1", "S2"]
    assert [s["shop_no"] for s in c.ok("setting.Shop.queryShop", {}, page=(2, 1))["details"]] == ["S3"]
    own = c.ok("setting.Shop.queryShop", {"platform_id": 127}, page=(10, 0))
    assert [s["shop_no"] for s in own["details"]] == ["S1", "S3"]
    assert c.ok("setting.Shop.queryShop", {"shop_no": "S2"}, page=(10, 0))["details"][0]["shop_name"] == "淘宝店"

    shops.update_app(shops=["S2", "S3"])
    allowed = c.ok("setting.Shop.queryShop", {}, page=(10, 0))
    assert [s["shop_no"] for s in allowed["details"]] == ["S2", "S3"]
    assert c.ok("setting.Shop.queryShop", {"shop_no": "S1"}, page=(10, 0))["total_count"] == 0


def test_update_shop_persists(shops: TenantHandle) -> None:
    c = shops.caller
    result = c.ok("setting.Shop.updateShop", {"shop_no": "S1", "contact": "张三", "province": 110000,
                                              "city": 110100, "district": 110101, "address": "长安街1号",
                                              "mobile": "13800000000", "remark": "改过"})
    assert result == {"status": 0, "message": "OK"}
    shop = c.ok("setting.Shop.queryShop", {"shop_no": "S1"}, page=(10, 0))["details"][0]
    assert (shop["contact"], shop["province"], shop["city"], shop["address"], shop["mobile"],
            shop["remark"]) == ("张三", "北京", "北京市", "长安街1号", "13800000000", "改过")
    assert shop["district"] != ""
    # untouched fields stay
    assert shop["shop_name"] == "自有店"


def test_update_unknown_shop_e20(shops: TenantHandle) -> None:
    assert shops.caller.call("setting.Shop.updateShop", {"shop_no": "NOPE", "contact": "x"}) == \
        _err(100, "店铺编号不存在或已停用")


# ---------------------------------------------------------------------------- logistics


def test_logistics_query(tenant: TenantHandle) -> None:
    _add(tenant,
         Logistics(logistics_no="SF", logistics_name="顺丰速运", logistics_type=1),
         Logistics(logistics_no="ZTO", logistics_name="中通快递", logistics_type=2),
         Logistics(logistics_no="OLD", logistics_name="停用快递", is_disabled=True))
    c = tenant.caller
    assert c.ok("setting.Logistics.queryLogistics", {}, page=(10, 0))["total_count"] == 3
    assert c.ok("setting.Logistics.queryLogistics", {"hide_delete": True}, page=(10, 0))["total_count"] == 2
    by_name = c.ok("setting.Logistics.queryLogistics", {"logistics_name": "快递"}, page=(10, 0))
    assert [x["logistics_no"] for x in by_name["details"]] == ["ZTO", "OLD"]
    sf = c.ok("setting.Logistics.queryLogistics", {"logistics_no": "SF"}, page=(10, 0))["details"]
    assert [(x["logistics_name"], x["logistics_type"]) for x in sf] == [("顺丰速运", 1)]
    assert c.ok("setting.Logistics.queryLogistics", {}, page=(2, 1))["details"][0]["logistics_no"] == "OLD"


# ---------------------------------------------------------------------------- employees


def test_employee_search(tenant: TenantHandle) -> None:
    _add(tenant, Employee(employee_no="E1", name="李四", shortname="lisi", roles_mask=1024),
         Employee(employee_no="E2", name="王五", shortname="wangwu"))
    c = tenant.caller
    data = c.ok("setting.Employee.search", day(), page=(10, 0))
    assert data["total_count"] == 2
    assert [(e["employee_no"], e["name"], e["roles_mask"]) for e in data["order_list"]] == [
        ("E1", "李四", 1024), ("E2", "王五", 0)]
    assert c.ok("setting.Employee.search", {**day(), "employee_no": "E2"}, page=(10, 0))["total_count"] == 1
    assert c.ok("setting.Employee.search", window(days=10, ahead_minutes=-5 * DAY), page=(10, 0))["total_count"] == 0


def test_employee_search_needs_times_e23(tenant: TenantHandle) -> None:
    missing = _err(100, "参数中必须包含起止时间")
    assert tenant.caller.call("setting.Employee.search", {}, page=(10, 0)) == missing
    assert tenant.caller.call("setting.Employee.search", {"start_time": "2024-01-01"}, page=(10, 0)) == missing


# ---------------------------------------------------------------------------- providers


def test_provider_push_insert_update_and_query(tenant: TenantHandle) -> None:
    _add(tenant, Employee(employee_no="B1", name="采购甲", shortname="buyer", roles_mask=1024))
    c = tenant.caller
    push = {"provider_no": "P1", "provider_name": "一号供应商", "contact": "赵", "mobile": "13900000000",
            "province": 110000, "city": 110100, "district": 110101, "shortname": "buyer",
            "arrive_cycle_days": 3}
    assert c.ok("setting.PurchaseProvider.push", push) == {"status": 0, "message": "OK"}
    assert c.ok("setting.PurchaseProvider.push", {"provider_no": "P2", "provider_name": "二号"})["status"] == 0
    found = c.ok("setting.PurchaseProvider.queryDetail", {"provider_no": "P1"}, page=(10, 0))
    assert found["total_count"] == 1
    p1 = found["details"][0]
    assert (p1["provider_name"], p1["contact"], p1["mobile"], p1["province"], p1["city"],
            p1["follower_name"], p1["arrive_cycle_days"], p1["is_disabled"]) == (
        "一号供应商", "赵", "13900000000", "北京", "北京市", "buyer", 3, False)

    # update: same provider_no, changed fields; no new row
    c.ok("setting.PurchaseProvider.push", {"provider_no": "P1", "provider_name": "改名供应商", "is_disabled": 1})
    everything = c.ok("setting.PurchaseProvider.queryDetail", {}, page=(10, 0))
    assert everything["total_count"] == 2
    p1 = everything["details"][0]
    assert (p1["provider_no"], p1["provider_name"], p1["contact"], p1["is_disabled"]) == (
        "P1", "改名供应商", "赵", True)
    by_name = c.ok("setting.PurchaseProvider.queryDetail", {"provider_name": "二号"}, page=(10, 0))
    assert [p["provider_no"] for p in by_name["details"]] == ["P2"]
    enabled = c.ok("setting.PurchaseProvider.queryDetail", {"is_disabled": 0}, page=(10, 0))
    assert [p["provider_no"] for p in enabled["details"]] == ["P2"]
    span = day()
    modified = {"modified_begin": span["start_time"], "modified_end": span["end_time"]}
    assert c.ok("setting.PurchaseProvider.queryDetail", modified, page=(1, 1))["details"][0]["provider_no"] == "P2"


def test_provider_push_unknown_follower_e59(tenant: TenantHandle) -> None:
    push = {"provider_no": "P9", "provider_name": "n", "shortname": "ghost"}
    assert tenant.caller.call("setting.PurchaseProvider.push", push) == _err(100, "员工ghost 不存在或已删除!")
    assert tenant.caller.ok("setting.PurchaseProvider.queryDetail", {}, page=(10, 0))["total_count"] == 0


# ---------------------------------------------------------------------------- reasons, labels


def test_operation_reason_search_and_span_e24(tenant: TenantHandle) -> None:
    c = tenant.caller
    data = c.ok("setting.OperationReason.search", day(), page=(10, 0))
    assert data["total_count"] == 6
    assert [r["title"] for r in data["detail_list"]][:2] == ["破损", "买错了"]
    assert c.ok("setting.OperationReason.search", window(days=29, ahead_minutes=DAY), page=(10, 0))["total_count"] == 6
    assert c.call("setting.OperationReason.search", window(days=30, ahead_minutes=DAY), page=(10, 0)) == \
        _err(100, "您的查询时间过宽,查询时间不能大于30天")


def test_trade_labels(tenant: TenantHandle) -> None:
    data = tenant.caller.ok("setting.CustomAttr.getTradeLabel", day(), page=(3, 2))
    assert data["total_count"] == 8
    assert [x["attr_name"] for x in data["detail_list"]] == ["拆单", "合单"]
    assert all(x["is_builtin"] is True for x in data["detail_list"])


# ---------------------------------------------------------------------------- regions


def test_regions(tenant: TenantHandle) -> None:
    c = tenant.caller
    provinces = c.ok("setting.Address.provinceSearch", {}, page=(100, 0))
    assert provinces["total_count"] == 35 and len(provinces["detail_list"]) == 35
    beijing = next(p for p in provinces["detail_list"] if p["province_id"] == 110000)
    assert (beijing["name"], beijing["country_id"], beijing["modified"]) == ("北京", 0, "2022-03-08 10:16:01")
    assert len(c.ok("setting.Address.provinceSearch", {}, page=(10, 3))["detail_list"]) == 5

    cities = c.ok("setting.Address.citySearch", {"province_id": 110000}, page=(100, 0))
    assert [(x["city_id"], x["name"]) for x in cities["detail_list"]] == [(110100, "北京市")]
    districts = c.ok("setting.Address.districtSearch", {"city_id": 110100}, page=(100, 0))
    assert districts["total_count"] == 19
    assert all(d["city_id"] == 110100 for d in districts["detail_list"])
    # the table changed on 2022-03-08: a window after that is empty
    assert c.ok("setting.Address.provinceSearch", day(), page=(100, 0))["total_count"] == 0
