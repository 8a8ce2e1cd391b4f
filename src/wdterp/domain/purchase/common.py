"""What every purchase document needs: providers, purchasers, goods lines, tenant settings, counters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata.models import Employee, Provider, Warehouse
from wdterp.domain.purchase.models import ProviderGoods
from wdterp.domain.purchase.statuses import PURCHASER_ROLE
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
ONE = Decimal(1)

# tenant settings the purchase pages and error rows name
#: 采购权限按供应商: an order may only hold goods its provider supplies (E75)
SETTING_RIGHTS_BY_PROVIDER = "purchase_rights_by_provider"
#: 采购退货校验供应商: a return may only hold goods its provider supplies (E48)
SETTING_CHECK_PROVIDER_ON_RETURN = "check_provider_on_return"
#: 开启采购申请量确认流程: an apply uploaded without is_submit waits in 待确认
SETTING_APPLY_CONFIRM = "purchase_apply_confirm"
#: 采购单财审: a checked order waits in 待财审 until finance approves it
SETTING_FINANCE_CHECK = "purchase_finance_check"
#: refuse receipts above the ordered quantity (超量入库); always refused for lines with a batch
SETTING_FORBID_OVER_RECEIPT = "purchase_forbid_over_receipt"
#: an order must name its purchaser (E57 when createOrder leaves it out)
SETTING_PURCHASER_REQUIRED = "purchaser_required"


def provider(session: Session, tenant_id: int, provider_no: str | None) -> Provider:
    found = session.scalar(select(Provider).where(Provider.tenant_id == tenant_id,
                                                  Provider.provider_no == str(provider_no or "")))
    if found is None or found.deleted or found.is_disabled:
        raise business_error("供应商不存在", f"provider {provider_no!r} unknown, deleted or disabled")
    return found


def purchaser(session: Session, tenant_id: int, name: Any, app_key: str, settings: dict[str, Any]) -> str:
    """The purchaser an order names (by the employee's 昵称): E57 empty, E60 the API account itself,
    E59 unknown or deleted, E58 without the 采购员 role. Left out, the order has none, unless the
    tenant requires one (the page marks it required; integrations leave it out in practice)."""
    if name is None:
        if settings.get(SETTING_PURCHASER_REQUIRED):
            raise ApiError("E57", "purchaser_name left out and the tenant requires a purchaser")
        return ""
    text = str(name).strip()
    if not text:
        raise ApiError("E57", "purchaser_name is empty")
    if text == app_key:
        raise ApiError("E60", f"purchaser {text!r} is the API account itself")
    employee = session.scalar(select(Employee).where(Employee.tenant_id == tenant_id, Employee.shortname == text))
    if employee is None or employee.deleted:
        raise ApiError("E59", f"employee {text!r} unknown or deleted", name=text)
    if not employee.roles_mask & PURCHASER_ROLE:
        raise ApiError("E58", f"employee {text!r} has roles_mask {employee.roles_mask}, without 512 采购员")
    return text


def warehouse_by_no(session: Session, tenant_id: int, warehouse_no: str) -> Warehouse | None:
    found = session.scalar(select(Warehouse).where(Warehouse.tenant_id == tenant_id,
                                                   Warehouse.warehouse_no == warehouse_no))
    return None if found is None or found.is_disabled else found


@dataclass
class GoodsLine:
    """A purchase document line with its spec resolved and its figures checked."""

    spec: Spec
    num: Decimal
    raw: dict[str, Any]
    price: Decimal = ZERO
    discount: Decimal = ONE
    tax_rate: Decimal = ZERO
    batch_no: str = ""
    expire_date: date | None = None


def discount(value: Any) -> Decimal:
    """折扣: 1 is the full price; ≤ 0 is refused (E41)."""
    found = ONE if value is None else Decimal(str(value))
    if found <= 0:
        raise ApiError("E41", f"discount {value!r} <= 0")
    return found


def goods_lines(session: Session, tenant_id: int, raw_lines: Sequence[dict[str, Any]], settings: dict[str, Any],
                num_field: str = "num", required: bool = True) -> list[GoodsLine]:
    """Lines of an apply, order or return: known specs (E45), each once (E52), valid quantities (E56),
    discounts (E41) and batches (E53)."""
    if not raw_lines:
        if required:
            raise business_error("请传入单品信息", "no detail lines")
        return []
    specs = specs_by_no(session, tenant_id, [str(r.get("spec_no", "")) for r in raw_lines])
    seen: set[int] = set()
    lines: list[GoodsLine] = []
    for raw in raw_lines:
        spec = specs.get(str(raw.get("spec_no", "")))
        if spec is None:
            raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
        if spec.spec_id in seen:
            raise ApiError("E52", f"spec_no {spec.spec_no} repeated", spec_no=spec.spec_no)
        seen.add(spec.spec_id)
        batch_no = str(raw.get("batch_no") or "")
        if batch_no and inventory.ensure_batch(session, tenant_id, batch_no).is_disabled:
            raise ApiError("E53", f"batch {batch_no!r} is disabled", batch_no=batch_no)
        expire = raw.get("expire_date")
        lines.append(GoodsLine(
            spec=spec, num=engine.quantity(raw.get(num_field), settings), raw=raw,
            price=Decimal(str(raw["price"])) if raw.get("price") is not None else ZERO,
            discount=discount(raw.get("discount")),
            tax_rate=Decimal(str(raw["tax_rate"])) if raw.get("tax_rate") is not None else ZERO,
            batch_no=batch_no, expire_date=expire.date() if isinstance(expire, datetime) else None))
    return lines


def provider_goods(session: Session, tenant_id: int, provider_id: int,
                   spec_ids: Iterable[int]) -> dict[int, ProviderGoods]:
    ids = sorted(set(spec_ids))
    if not ids:
        return {}
    rows = session.scalars(select(ProviderGoods).where(
        ProviderGoods.tenant_id == tenant_id, ProviderGoods.provider_id == provider_id,
        ProviderGoods.spec_id.in_(ids)))
    return {row.spec_id: row for row in rows}


def require_supplied(session: Session, tenant_id: int, provider_id: int, lines: Sequence[GoodsLine],
                     row: str) -> dict[int, ProviderGoods]:
    """Each line's goods must be supplied by the provider (E75 on orders, E48 on returns)."""
    supplied = provider_goods(session, tenant_id, provider_id, [line.spec.spec_id for line in lines])
    for line in lines:
        if line.spec.spec_id not in supplied:
            raise ApiError(row, f"spec {line.spec.spec_no} is not supplied by provider {provider_id}")
    return supplied


def count_many(session: Session, tenant_id: int, changes: Iterable[inventory.CounterChange]) -> None:
    """`count` for many stock rows at once ((warehouse_id, spec_id, defect, deltas) each)."""
    inventory.adjust_counters_many(session, tenant_id, [c for c in changes if c[0]])


def count(session: Session, tenant_id: int, warehouse_id: int, spec_id: int, defect: bool = False,
          **deltas: Decimal) -> None:
    """Feed the stock counters a buyer watches (purchase_num, to_purchase_num, ...), zero deltas left out."""
    given = {name: delta for name, delta in deltas.items() if delta}
    if warehouse_id and given:
        inventory.adjust_counters(session, tenant_id, warehouse_id, spec_id, defect, **given)
