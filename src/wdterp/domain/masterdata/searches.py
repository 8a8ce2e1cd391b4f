"""The master-data queries (setting.*): prepared searches, compiled once (storage/prepared.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select

from wdterp.domain.masterdata.models import Employee, Logistics, OperationReason, Provider, Shop, TradeLabel, Warehouse
from wdterp.protocol.errors import ApiError
from wdterp.storage.prepared import Bound, Search, among, before, containing, equal, given, permitted, since


def _table(model: Any) -> Any:
    return select(*model.__table__.c).where(model.tenant_id == bindparam("tenant_id"))


def _window(column: Any, start: str = "start_time", end: str = "end_time") -> dict[str, Any]:
    return {start: since(column), end: before(column)}


SHOPS = Search(_table(Shop), order_by=(Shop.shop_id,), filters={
    "shop_no": equal(Shop.shop_no), "platform_id": equal(Shop.platform_id),
    "permitted": among(Shop.shop_no)})

WAREHOUSES = Search(_table(Warehouse), order_by=(Warehouse.warehouse_id,), filters={
    "warehouse_no": equal(Warehouse.warehouse_no), "warehouse_name": equal(Warehouse.name),
    "type": equal(Warehouse.type), "sub_type": equal(Warehouse.sub_type),
    "visible": lambda _: Warehouse.is_disabled.is_(False),
    **_window(Warehouse.modified), "permitted": among(Warehouse.warehouse_no)})

LOGISTICS = Search(_table(Logistics), order_by=(Logistics.logistics_id,), filters={
    "logistics_no": equal(Logistics.logistics_no), "logistics_name": containing(Logistics.logistics_name),
    "visible": lambda _: Logistics.is_disabled.is_(False)})

EMPLOYEES = Search(_table(Employee), order_by=(Employee.employee_id,), filters={
    "employee_no": equal(Employee.employee_no), **_window(Employee.modified)})

PROVIDERS = Search(_table(Provider), order_by=(Provider.provider_id,), filters={
    **{n: equal(getattr(Provider, n)) for n in ("provider_no", "telno", "mobile", "contact", "description",
                                                "is_disabled")},
    "provider_name": containing(Provider.provider_name),
    "deleted": lambda _: Provider.deleted != 0, "not_deleted": lambda _: Provider.deleted == 0,
    **_window(Provider.created, "created_begin", "created_end"),
    **_window(Provider.modified, "modified_begin", "modified_end")})

REASONS = Search(_table(OperationReason), order_by=(OperationReason.reason_id,),
                 filters=_window(OperationReason.modified))

TRADE_LABELS = Search(_table(TradeLabel), order_by=(TradeLabel.rec_id,), filters=_window(TradeLabel.modified))

SHOP_BY_NO = Search(select(Shop.shop_id, Shop.shop_no, Shop.is_disabled).where(
    Shop.tenant_id == bindparam("tenant_id"), Shop.shop_no == bindparam("shop_no")))


def active_shop_id(conn: Connection, tenant_id: int, shop_no: str, allowed: frozenset[str] | None) -> int:
    """The id of the enabled shop `shop_no` the caller may use, or E20 (`service.active_shop` of a read)."""
    found = SHOP_BY_NO.bind(tenant_id=tenant_id, shop_no=shop_no).all(conn)
    if not found or found[0][2] or (allowed is not None and shop_no not in allowed):
        raise ApiError("E20", f"shop {shop_no!r} does not exist, is disabled or not permitted")
    return int(found[0][0])


def shops(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return SHOPS.bind(tenant_id=tenant_id, **given(f, "shop_no", "platform_id"), permitted=permitted(allowed))


def warehouses(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return WAREHOUSES.bind(tenant_id=tenant_id, **given(f, "warehouse_no", "warehouse_name", "type", "sub_type"),
                           visible=True if f.get("hide_delete", 1) != 0 else None,
                           start_time=f.get("start_time"), end_time=f.get("end_time"),
                           permitted=permitted(allowed))


def logistics(tenant_id: int, f: dict[str, Any]) -> Bound:
    return LOGISTICS.bind(tenant_id=tenant_id, **given(f, "logistics_no"),
                          logistics_name=f.get("logistics_name") or None,
                          visible=True if f.get("hide_delete") else None)


def employees(tenant_id: int, f: dict[str, Any]) -> Bound:
    return EMPLOYEES.bind(tenant_id=tenant_id, **given(f, "employee_no"),
                          start_time=f.get("start_time"), end_time=f.get("end_time"))


def providers(tenant_id: int, f: dict[str, Any]) -> Bound:
    disabled = None if f.get("is_disabled") is None else bool(f["is_disabled"])
    deleted = bool(f.get("deleted", 0))
    return PROVIDERS.bind(tenant_id=tenant_id, **given(f, "provider_no", "telno", "mobile", "contact",
                                                       "description"),
                          is_disabled=disabled, provider_name=f.get("provider_name") or None,
                          deleted=True if deleted else None, not_deleted=None if deleted else True,
                          **{k: f.get(k) for k in ("created_begin", "created_end", "modified_begin",
                                                   "modified_end")})


def reasons(tenant_id: int, f: dict[str, Any]) -> Bound:
    return REASONS.bind(tenant_id=tenant_id, start_time=f.get("start_time"), end_time=f.get("end_time"))


def trade_labels(tenant_id: int, f: dict[str, Any]) -> Bound:
    return TRADE_LABELS.bind(tenant_id=tenant_id, start_time=f.get("start_time"), end_time=f.get("end_time"))
