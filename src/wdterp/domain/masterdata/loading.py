"""`wdterp load` sections of master data: shops, warehouses, carriers, employees, providers,
operation reasons and trade labels, each an `EntitySpec` (upsert by natural key)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.loader import EntitySpec, SectionHandler
from wdterp.domain.masterdata.models import (
    Employee,
    Logistics,
    OperationReason,
    Provider,
    Shop,
    TradeLabel,
    Warehouse,
)
from wdterp.domain.masterdata.regions import regions


def _text_value(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a region name, got {value!r}")
    return value


def _region_codes(values: dict[str, Any]) -> dict[str, Any]:
    """Providers carry region names (as queryDetail answers them); the table keeps the codes.

    A city is looked up within the province, a district within the city (names repeat).
    """
    table = regions()
    parent: tuple[str, int] | None = None
    for kind, rows in (("province", table.provinces), ("city", table.cities),
                       ("district", table.districts)):
        name = values.pop(kind, None)
        if not name:
            continue
        found = [r for r in rows if r["name"] == name and (parent is None or r.get(parent[0]) in (None, parent[1]))]
        if not found:
            raise ValueError(f"unknown {kind} {name!r}" + (" in the given province/city" if parent else ""))
        values[f"{kind}_id"] = code = int(found[0][f"{kind}_id"])
        parent = (f"{kind}_id", code)
    return values


def _next_label_key(session: Session, tenant_id: int, values: dict[str, Any]) -> dict[str, Any]:
    attr_type = values.get("attr_type", 12)
    highest = session.scalar(select(func.max(TradeLabel.attr_key)).where(
        TradeLabel.tenant_id == tenant_id, TradeLabel.attr_type == attr_type))
    return {"attr_type": attr_type, "attr_key": (highest or 0) + 1}


SHOPS = EntitySpec(Shop, "shop_no", (
    "shop_no", "shop_name", "platform_id", "sub_platform_id", "contact", "province", "city",
    "district", "address", "telno", "mobile", "zip", "email", "remark", "website", "group_id",
    "account_id", "is_disabled", "auth_state", "auth_time", "re_expire_time", "expire_time",
))
WAREHOUSES = EntitySpec(Warehouse, "warehouse_no", (
    "warehouse_no", "name", "zip", "address", "province", "city", "district", "mobile", "remark",
    "type", "telno", "sub_type", "contact", "is_disabled", "purchase_contact", "purchase_telno",
    "purchase_address",
))
LOGISTICS = EntitySpec(Logistics, "logistics_no", (
    "logistics_no", "logistics_name", "logistics_type", "is_support_cod", "contact", "telno",
    "mobile", "address", "ebill_api", "is_preset_no", "send_type", "is_disabled", "max_weight",
    "remark", "month_card", "volume_weight_ratio", "volume_weight_ratio_switch", "volume_type",
    "volume_threshold", "volume_weight_ratio_special", "type", "main_logistics_name", "quantity",
))
EMPLOYEES = EntitySpec(Employee, "employee_no", (
    "employee_no", "name", "shortname", "gender", "position_name", "department_name", "roles_mask",
    "remark", "is_system_user", "is_disabled", "deleted",
))
PROVIDERS = EntitySpec(Provider, "provider_no", (
    "provider_no", "provider_name", "contact", "follower_name", "telno", "mobile", "fax", "zip",
    "email", "qq", "wangwang", "address", "website", "arrive_cycle_days", "last_purchase_time",
    "remark", "is_disabled", "deleted", "province", "city", "district", "account_bank",
    "collect_name", "account_bank_no",
), converters=dict.fromkeys(("province", "city", "district"), _text_value), transform=_region_codes)
REASONS = EntitySpec(OperationReason, "title", (
    "title", "class_id", "is_builtin", "is_disabled", "priority",
))
#: is_disabled is not in getTradeLabel's response but decides E76, so a sandbox may set it
LABELS = EntitySpec(TradeLabel, "attr_name", (
    "attr_name", "attr_type", "attr_key", "is_builtin", "is_disabled",
), defaults=_next_label_key)

#: the sections of this module in load order (registered by `wdterp.wiring`)
SECTIONS: tuple[tuple[str, SectionHandler], ...] = (
    ("shops", SHOPS.load),
    ("warehouses", WAREHOUSES.load),
    ("logistics", LOGISTICS.load),
    ("employees", EMPLOYEES.load),
    ("providers", PROVIDERS.load),
    ("reasons", REASONS.load),
    ("labels", LABELS.load),
)
