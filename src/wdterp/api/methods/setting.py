"""setting.*: shops, warehouses, logistics, employees, providers, reasons, trade labels, regions."""

from __future__ import annotations

from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project, search_shape, wire_column
from wdterp.domain.masterdata import searches, service
from wdterp.domain.masterdata.regions import TABLE_MODIFIED, in_window, regions

OK = {"status": 0, "message": "OK"}


SHOP_ROWS = search_shape("setting.Shop.queryShop", "details", searches.SHOPS.columns)
WAREHOUSE_ROWS = search_shape("setting.Warehouse.queryWarehouse", "details", searches.WAREHOUSES.columns)
LOGISTICS_ROWS = search_shape("setting.Logistics.queryLogistics", "details", searches.LOGISTICS.columns)
EMPLOYEE_ROWS = search_shape("setting.Employee.search", "order_list", searches.EMPLOYEES.columns)
PROVIDER_ROWS = search_shape("setting.PurchaseProvider.queryDetail", "details", searches.PROVIDERS.columns,
                             ("province", "city", "district"))
REASON_ROWS = search_shape("setting.OperationReason.search", "detail_list", searches.REASONS.columns)
LABEL_ROWS = search_shape("setting.CustomAttr.getTradeLabel", "detail_list", searches.TRADE_LABELS.columns)


# ---------------------------------------------------------------------------- regions


def _region_rows(ctx: CallContext, params: dict[str, Any], rows: list[dict[str, Any]],
                 method: str) -> dict[str, Any]:
    if not in_window(params.get("start_time"), params.get("end_time")):
        rows = []
    names = documented_fields(method, "detail_list")
    shaped = [project(None, names, **{"country_id": 0, "modified": TABLE_MODIFIED, **r}) for r in rows]
    return ctx.slice(shaped)


@declare("setting.Address.provinceSearch")
def province_search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _region_rows(ctx, params, regions().provinces, ctx.method)


@declare("setting.Address.citySearch")
def city_search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    province = params.get("province_id")
    rows = [c for c in regions().cities if province is None or c["province_id"] == province]
    return _region_rows(ctx, params, rows, ctx.method)


@declare("setting.Address.districtSearch")
def district_search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    city = params.get("city_id")
    rows = [d for d in regions().districts if city is None or d["city_id"] == city]
    return _region_rows(ctx, params, rows, ctx.method)


# ---------------------------------------------------------------------------- shops


@declare("setting.Shop.queryShop")
def query_shop(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.shops(ctx.tenant_id, params, ctx.permitted_shops()), SHOP_ROWS)


@declare("setting.Shop.updateShop")
def update_shop(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    service.update_shop(ctx.session, ctx.tenant_id, params)
    return OK


# ---------------------------------------------------------------------------- warehouses


@declare("setting.Warehouse.queryWarehouse")
def query_warehouse(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.warehouses(ctx.tenant_id, params, ctx.permitted_warehouses()), WAREHOUSE_ROWS)


# ---------------------------------------------------------------------------- logistics


@declare("setting.Logistics.queryLogistics")
def query_logistics(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.logistics(ctx.tenant_id, params), LOGISTICS_ROWS)


# ---------------------------------------------------------------------------- employees


@declare("setting.Employee.search")
def search_employee(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.employees(ctx.tenant_id, params), EMPLOYEE_ROWS)


# ---------------------------------------------------------------------------- providers


@declare("setting.PurchaseProvider.push", paged=False)
def push_provider(ctx: CallContext, provider: dict[str, Any]) -> dict[str, Any]:
    service.push_provider(ctx.session, ctx.tenant_id, provider)
    return OK


@declare("setting.PurchaseProvider.queryDetail")
def query_provider(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.providers(ctx.tenant_id, params), PROVIDER_ROWS, _region_names)


_PROVIDER_REGIONS = tuple((kind, searches.PROVIDERS.index(f"{kind}_id")) for kind in ("province", "city", "district"))


def _region_names(rows: list[Any]) -> dict[str, list[Any]]:
    table = regions()
    return {kind: wire_column(table.name_of(kind, r[at]) for r in rows) for kind, at in _PROVIDER_REGIONS}


# ---------------------------------------------------------------------------- reasons and labels


@declare("setting.OperationReason.search")
def search_reason(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.reasons(ctx.tenant_id, params), REASON_ROWS)


@declare("setting.CustomAttr.getTradeLabel")
def get_trade_label(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.trade_labels(ctx.tenant_id, params), LABEL_ROWS)
