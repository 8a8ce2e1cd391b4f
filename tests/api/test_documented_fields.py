"""Every documented field of a method's response list is present in every row it returns.

For each registered method whose doc has a response list table and that has a recipe here, the
recipe creates at least one row and the call must return it with every documented field. Every
setting.* list method must have a recipe; other namespaces add theirs to RECIPES as they land.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from support import TenantHandle
from wdterp.api.docs import FieldDoc
from wdterp.api.registry import REGISTRY, Method, load_all
from wdterp.domain.masterdata.models import Employee, Logistics, Provider, Shop, Warehouse
from wdterp.protocol.clock import format_wire_time, now_china

Recipe = Callable[[TenantHandle], dict[str, Any]]


def _window(days: int = 1) -> dict[str, Any]:
    now = now_china()
    return {"start_time": format_wire_time(now - timedelta(days=days)),
            "end_time": format_wire_time(now + timedelta(hours=1))}


def _add(tenant: TenantHandle, row: Any) -> None:
    with tenant.db.transaction() as session:
        row.tenant_id = tenant.tenant_id
        session.add(row)


def _with(row: Any, params: dict[str, Any] | None = None) -> Recipe:
    def recipe(tenant: TenantHandle) -> dict[str, Any]:
        _add(tenant, row())
        return params if params is not None else {}
    return recipe


def _provider(tenant: TenantHandle) -> dict[str, Any]:
    _add(tenant, Provider(provider_no="P1", provider_name="供应商", province_id=110000))
    return {}


def _catalog(tenant: TenantHandle) -> None:
    """A goods with a spec, a suite, a self-platform listing and a platform category."""
    from wdterp.domain.catalog.loading import load_api_goods, load_categories

    tenant.caller.ok("goods.Goods.push", {"goods_no": "G1", "goods_name": "货品"}, [{"spec_no": "S1"}])
    tenant.caller.ok("goods.Suite.upload2", {"suite_no": "SU1", "suite_name": "组合", "goods_label_name": ""},
                     [{"spec_no": "S1", "num": 1}])
    _add(tenant, Shop(shop_no="S1", shop_name="店", platform_id=127))
    with tenant.db.transaction() as session:
        load_api_goods(session, tenant.tenant_id, [{"shop_no": "S1", "goods_id": "1", "spec_outer_id": "S1"}], "")
        load_categories(session, tenant.tenant_id, [{"shop_no": "S1", "cid": "1", "category_name": "类目"}], "")


def _warehouse_work(filters: dict[str, Any]) -> Recipe:
    """Counts, a replenishment, a move order and a defect conversion in warehouse W1 (warehouse_ops)."""

    def recipe(tenant: TenantHandle) -> dict[str, Any]:
        from wdterp.api.ops import run_operation

        _add(tenant, Warehouse(warehouse_no="W1", name="仓"))
        tenant.caller.ok("goods.Goods.push", {"goods_no": "G1", "goods_name": "货品"}, [{"spec_no": "S1"}])
        for counted in ("5", "4"):  # a gain, then a loss
            tenant.caller.ok("wms.StockPd.stockSyncByPd", {"warehouse_no": "W1", "defect_mode": 0, "remark": ""},
                             [{"spec_no": "S1", "remark": "", "new_num": counted, "defect": False}])
        with tenant.db.transaction() as session:
            for name, params in (
                ("position.set_default", {"warehouse_no": "W1", "spec_no": "S1", "position_no": "P1",
                                          "capacity": 2, "zone_no": "Z1"}),
                ("replenish.create", {"warehouse_no": "W1", "lines": [{"spec_no": "S1"}]}),
                ("move.create", {"warehouse_no": "W1", "lines": [{"spec_no": "S1", "num": 1, "from_position_no": "P1",
                                                                  "to_position_no": "ZANCUNQU"}]}),
                ("defect.convert", {"warehouse_no": "W1", "lines": [{"spec_no": "S1", "num": 1}]}),
            ):
                run_operation(session, name, tenant.sid, params)
        return {**_window(), **filters}

    return recipe


RECIPES: dict[str, Recipe] = {
    "setting.Shop.queryShop": _with(lambda: Shop(shop_no="S1", shop_name="店")),
    "setting.Warehouse.queryWarehouse": _with(lambda: Warehouse(warehouse_no="W1", name="仓")),
    "setting.Logistics.queryLogistics": _with(lambda: Logistics(logistics_no="L1", logistics_name="物流")),
    "setting.Employee.search": lambda t: (_add(t, Employee(employee_no="E1", name="员工")), _window())[1],
    "setting.PurchaseProvider.queryDetail": _provider,
    "setting.OperationReason.search": lambda t: _window(),  # seeded with every tenant
    "setting.CustomAttr.getTradeLabel": lambda t: _window(),  # seeded with every tenant
    "setting.Address.provinceSearch": lambda t: {},
    "setting.Address.citySearch": lambda t: {"province_id": 110000},
    "setting.Address.districtSearch": lambda t: {"city_id": 110100},
    "goods.Goods.queryWithSpec": lambda t: (_catalog(t), _window())[1],
    "goods.Suite.search": lambda t: (_catalog(t), _window())[1],
    "goods.GoodsBrand.search": lambda t: (_catalog(t), _window())[1],
    "goods.GoodsClass.search": lambda t: (_catalog(t), _window())[1],
    "goods.ApiGoods.search": lambda t: (_catalog(t), _window())[1],
    "goods.Category.search": lambda t: (_catalog(t), _window())[1],
    "wms.StockPd.queryStockPd": _warehouse_work({"warehouse_no": "W1"}),
    "wms.StockPd.queryStockPdDetail": lambda t: {k: v for k, v in _warehouse_work({})(t).items()
                                                 if k not in ("start_time", "end_time")},
    "wms.StockPd.queryStockPdInDetail": _warehouse_work({"warehouse_no": "W1"}),
    "wms.StockPd.queryStockPdOutDetail": _warehouse_work({"warehouse_no": "W1"}),
    "wms.PositionCapacity.search": _warehouse_work({"warehouse_no": "W1"}),
    "wms.StockShelve.queryWithDetail": _warehouse_work({"warehouse_no": "W1"}),
    "wms.MoveOrder.queryWithDetail": _warehouse_work({"warehouse_no": "W1"}),
    "wms.stockdefect.DefectChange.search": _warehouse_work({}),
}


def _list_methods() -> list[str]:
    load_all()
    return sorted(name for name, m in REGISTRY.items()
                  if m.list_name and m.list_name in m.doc.response_tables and not m.writes)


def _check_rows(method: Method, table: str, rows: list[dict[str, Any]]) -> None:
    documented: tuple[FieldDoc, ...] = method.doc.response_tables[table]
    names = [f.name for f in documented]
    for row in rows:
        missing = [n for n in names if n not in row]
        assert not missing, f"{method.name} {table}: documented fields missing: {missing}"
        for f in documented:  # nested lists with their own documented table
            if f.name in method.doc.response_tables and isinstance(row.get(f.name), list):
                _check_rows(method, f.name, row[f.name])


def test_every_setting_list_method_has_a_recipe() -> None:
    setting = {m for m in _list_methods() if m.startswith("setting.") and ".strategy." not in m}
    assert setting == {m for m in RECIPES if m in setting}
    assert setting, "no setting methods registered"


@pytest.mark.parametrize("name", [m for m in _list_methods() if m in RECIPES])
def test_documented_list_fields_present(tenant: TenantHandle, name: str) -> None:
    method = REGISTRY[name]
    params = RECIPES[name](tenant)
    args: list[Any] = [params]
    page = (50, 0) if method.paged else None
    envelope = tenant.caller.call(name, *args, page=page)
    assert envelope["status"] == 0, envelope
    data = envelope["data"]
    assert method.list_name is not None
    rows = data[method.list_name]
    assert rows, f"{name}: the recipe returned no row"
    _check_rows(method, method.list_name, rows)
    # nothing beyond the documented fields either
    documented = {f.name for f in method.doc.response_tables[method.list_name]}
    assert set(rows[0]) <= documented, set(rows[0]) - documented
