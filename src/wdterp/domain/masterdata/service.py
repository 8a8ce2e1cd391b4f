"""Master data operations: searches, upserts (load files, provider push), shop update."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.models import (
    Employee,
    Flag,
    Logistics,
    OperationReason,
    Provider,
    Shop,
    TradeLabel,
    Warehouse,
)
from wdterp.domain.masterdata.regions import regions
from wdterp.domain.queries import Reader, first_of
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError

#: label sets every new tenant starts with, as in the vendor's ERP
BUILTIN_TRADE_LABELS = ("其他", "不同仓库发货", "缺货", "预售", "加急", "赠品", "拆单", "合单")
BUILTIN_REASONS = ("破损", "买错了", "质量问题", "不想要了", "发错货", "七天无理由")
#: roles_mask bit of the purchaser role (采购员)
PURCHASER_ROLE = 1024


def seed_tenant(session: Session, tenant_id: int) -> None:
    for key, name in enumerate(BUILTIN_TRADE_LABELS, start=1):
        session.add(TradeLabel(tenant_id=tenant_id, attr_type=12, attr_key=key, attr_name=name,
                               is_builtin=True))
    for priority, title in enumerate(BUILTIN_REASONS, start=1):
        session.add(OperationReason(tenant_id=tenant_id, class_id=4, title=title, priority=priority,
                                    is_builtin=True))


def upsert(session: Session, model: Any, tenant_id: int, key: str, values: dict[str, Any]) -> Any:
    """Create or update the row of `model` whose `key` column equals values[key]."""
    column = getattr(model, key)
    tenant_column = model.tenant_id
    row: Any = session.scalar(select(model).where(tenant_column == tenant_id, column == values[key]))
    if row is None:
        row = model(tenant_id=tenant_id)
        session.add(row)
    for name, value in values.items():
        if hasattr(model, name) and value is not None:
            setattr(row, name, value)
    session.flush()
    return row


# ---------------------------------------------------------------------------- shops


def find_shop(session: Reader, tenant_id: int, shop_no: str) -> Shop | None:
    return first_of(session, select(Shop).where(Shop.tenant_id == tenant_id, Shop.shop_no == shop_no))


def active_shop(session: Reader, tenant_id: int, shop_no: str | None,
                permitted: frozenset[str] | None = None) -> Shop:
    """The enabled shop `shop_no` the caller may use, or E20."""
    shop = find_shop(session, tenant_id, shop_no or "")
    if shop is None or shop.is_disabled or (permitted is not None and shop.shop_no not in permitted):
        raise ApiError("E20", f"shop {shop_no!r} does not exist, is disabled or not permitted")
    return shop




def update_shop(session: Session, tenant_id: int, values: dict[str, Any]) -> Shop:
    shop = find_shop(session, tenant_id, values["shop_no"])
    if shop is None:
        raise ApiError("E20", f"shop {values['shop_no']!r} does not exist")
    table = regions()
    for kind in ("province", "city", "district"):
        if values.get(kind):
            setattr(shop, kind, table.name_of(kind, values[kind]))
    for name in ("contact", "address", "telno", "mobile", "zip", "email", "remark", "website"):
        if name in values:
            setattr(shop, name, values[name])
    shop.modified = now_china()
    return shop


# ---------------------------------------------------------------------------- warehouses


def find_warehouse(session: Reader, tenant_id: int, warehouse_no: str) -> Warehouse | None:
    return first_of(session, select(Warehouse).where(Warehouse.tenant_id == tenant_id,
                                                  Warehouse.warehouse_no == warehouse_no))




# ---------------------------------------------------------------------------- logistics


def find_logistics(session: Session, tenant_id: int, logistics_no: str) -> Logistics | None:
    return session.scalar(select(Logistics).where(Logistics.tenant_id == tenant_id,
                                                  Logistics.logistics_no == logistics_no))


def active_logistics(session: Session, tenant_id: int, logistics_no: str) -> Logistics:
    found = find_logistics(session, tenant_id, logistics_no)
    if found is None or found.is_disabled:
        raise ApiError("E43", f"logistics {logistics_no!r} unknown or disabled", logistics_no=logistics_no)
    return found




# ---------------------------------------------------------------------------- employees




def employee_by_shortname(session: Session, tenant_id: int, shortname: str) -> Employee:
    employee = session.scalar(select(Employee).where(Employee.tenant_id == tenant_id,
                                                     Employee.shortname == shortname))
    if employee is None or employee.deleted or employee.is_disabled:
        raise ApiError("E59", f"employee {shortname!r} unknown, deleted or disabled", name=shortname)
    return employee


# ---------------------------------------------------------------------------- providers


def push_provider(session: Session, tenant_id: int, values: dict[str, Any]) -> Provider:
    row = dict(values)
    row["is_disabled"] = bool(values.get("is_disabled", 0))
    for kind in ("province", "city", "district"):
        if kind in values:
            row[f"{kind}_id"] = row.pop(kind)
    if values.get("shortname"):
        row["follower_name"] = employee_by_shortname(session, tenant_id, values["shortname"]).shortname
    return upsert(session, Provider, tenant_id, "provider_no", row)




# ---------------------------------------------------------------------------- reasons, labels




def active_reason(session: Session, tenant_id: int, title: str, kind: str = "退换") -> OperationReason:
    reason = session.scalar(select(OperationReason).where(OperationReason.tenant_id == tenant_id,
                                                          OperationReason.title == title))
    if reason is None or reason.is_disabled:
        raise ApiError("E77", f"reason {title!r} not in the tenant's list", kind=kind, reason=title)
    return reason




def active_trade_label(session: Session, tenant_id: int, name: str) -> TradeLabel:
    label = session.scalar(select(TradeLabel).where(TradeLabel.tenant_id == tenant_id,
                                                    TradeLabel.attr_name == name))
    if label is None or label.is_disabled:
        raise ApiError("E76", f"label {name!r} unknown or disabled", name=name)
    return label


def active_flag(session: Session, tenant_id: int, name: str) -> Flag:
    """The enabled flag (标记) `name`, or E76."""
    flag = session.scalar(select(Flag).where(Flag.tenant_id == tenant_id, Flag.flag_name == name))
    if flag is None or flag.is_disabled:
        raise ApiError("E76", f"flag {name!r} unknown or disabled", name=name)
    return flag
