"""setting.*: shops, warehouses, logistics, employees, providers, reasons, trade labels, regions."""

from __future__ import annotations

from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project
from wdterp.domain.masterdata import service
from wdterp.domain.masterdata.regions import TABLE_MODIFIED, in_window, regions

OK = {"status": 0, "message": "OK"}


def _paged(method: str, table: str, **computed: Any) -> Any:
    """A row mapper for `ctx.paginate` that fills the method's documented fields."""
    names = documented_fields(method, table)
    return lambda obj: project(obj, names, **{k: f(obj) for k, f in computed.items()})


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
    stmt = service.shops_query(ctx.tenant_id, params, ctx.permitted_shops())
    return ctx.paginate(stmt, _paged(ctx.method, "details"))


@declare("setting.Shop.updateShop")
def update_shop(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    service.update_shop(ctx.session, ctx.tenant_id, params)
    return OK


# ---------------------------------------------------------------------------- warehouses


@declare("setting.Warehouse.queryWarehouse")
def query_warehouse(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = service.warehouses_query(ctx.tenant_id, params, ctx.permitted_warehouses())
    return ctx.paginate(stmt, _paged(ctx.method, "details"))


# ---------------------------------------------------------------------------- logistics


@declare("setting.Logistics.queryLogistics")
def query_logistics(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = service.logistics_query(ctx.tenant_id, params)
    return ctx.paginate(stmt, _paged(ctx.method, "details"))


# ---------------------------------------------------------------------------- employees


@declare("setting.Employee.search")
def search_employee(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = service.employees_query(ctx.tenant_id, params)
    return ctx.paginate(stmt, _paged(ctx.method, "order_list"))


# ---------------------------------------------------------------------------- providers


@declare("setting.PurchaseProvider.push", paged=False)
def push_provider(ctx: CallContext, provider: dict[str, Any]) -> dict[str, Any]:
    service.push_provider(ctx.session, ctx.tenant_id, provider)
    return OK


@declare("setting.PurchaseProvider.queryDetail")
def query_provider(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    table = regions()
    mapper = _paged(
        ctx.method, "details",
        province=lambda p: table.name_of("province", p.province_id),
        city=lambda p: table.name_of("city", p.city_id),
        district=lambda p: table.name_of("district", p.district_id),
    )
    return ctx.paginate(service.providers_query(ctx.tenant_id, params), mapper)


# ---------------------------------------------------------------------------- reasons and labels


@declare("setting.OperationReason.search")
def search_reason(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.paginate(service.reasons_query(ctx.tenant_id, params), _paged(ctx.method, "detail_list"))


@declare("setting.CustomAttr.getTradeLabel")
def get_trade_label(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = service.trade_labels_query(ctx.tenant_id, params)
    return ctx.paginate(stmt, _paged(ctx.method, "detail_list"))
