"""Lookups shared by the warehouse-work modules: warehouses, specs with their goods, positions, operators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import Brand, Goods, GoodsClass, Spec
from wdterp.domain.documents.engine import SETTING_DECIMAL_QUANTITY
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Position
from wdterp.domain.masterdata.models import Employee, Warehouse
from wdterp.domain.queries import Reader, entities, scalars_of
from wdterp.protocol.errors import ApiError, business_error
from wdterp.protocol.numbers import bounded_decimal

#: what a position-less line shows as its position: the warehouse's default position
NO_EXPIRY = inventory.NO_EXPIRY


def warehouse_nos(session: Session, ids: Iterable[int]) -> dict[int, Warehouse]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {w.warehouse_id: w for w in session.scalars(select(Warehouse).where(Warehouse.warehouse_id.in_(wanted)))}


def spec_of(session: Session, tenant_id: int, spec_no: str) -> Spec:
    spec = specs_by_no(session, tenant_id, [spec_no]).get(spec_no)
    if spec is None:
        raise business_error(f"商家编码{spec_no}不存在或已删除", f"spec_no {spec_no!r} unknown or deleted")
    return spec


def counted_quantity(value: Any, settings: dict[str, Any]) -> Decimal:
    """A counted quantity: ≥ 0, whole unless the tenant allows decimal quantities (E56)."""
    try:
        num = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ApiError("E56", f"counted quantity {value!r} is not a number") from None
    if not num.is_finite():
        raise ApiError("E56", f"counted quantity {value!r} is not a finite number")
    # the page types new_num String(20), but it is a quantity: bounded as Decimal(19,4)
    num = bounded_decimal(num, "new_num")
    if num < 0:
        raise ApiError("E56", f"counted quantity {value!r} is negative")
    if num != num.to_integral_value() and not settings.get(SETTING_DECIMAL_QUANTITY):
        raise ApiError("E56", f"counted quantity {value!r} is fractional and decimals are not enabled")
    return num


def as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return datetime.strptime(value[:10], "%Y-%m-%d").date()
    return None


def wire_expire(value: date | None) -> str:
    """An expiry on the wire: `YYYY-MM-DD`, empty when the stock has none."""
    return "" if value is None or value == NO_EXPIRY else value.isoformat()




# ---------------------------------------------------------------------------- specs with their goods


@dataclass(frozen=True)
class SpecInfo:
    spec: Spec
    goods: Goods
    brand: Brand | None
    goods_class: GoodsClass | None

    @property
    def brand_no(self) -> str:
        return self.brand.brand_no if self.brand else ""

    @property
    def brand_name(self) -> str:
        return self.brand.brand_name if self.brand else ""

    @property
    def class_name(self) -> str:
        return self.goods_class.class_name if self.goods_class else ""

    @property
    def unit_name(self) -> str:
        return self.spec.unit_name or self.goods.unit_name

    @property
    def aux_unit_name(self) -> str:
        return self.spec.aux_unit_name or self.goods.aux_unit_name

    def goods_fields(self) -> dict[str, Any]:
        """The spec and goods fields every warehouse-work detail row carries."""
        s, g = self.spec, self.goods
        return {"spec_id": s.spec_id, "spec_no": s.spec_no, "spec_code": s.spec_code, "spec_name": s.spec_name,
                "barcode": s.barcode, "goods_no": g.goods_no, "goods_name": g.goods_name,
                "short_name": g.short_name, "brand_id": g.brand_id, "brand_no": self.brand_no,
                "brand_name": self.brand_name, "class_id": g.class_id, "class_name": self.class_name,
                "goods_type": g.goods_type, "prop2": s.prop2}


def spec_infos(session: Reader, spec_ids: Iterable[int]) -> dict[int, SpecInfo]:
    ids = sorted(set(spec_ids))
    if not ids:
        return {}
    stmt = (select(Spec, Goods, Brand, GoodsClass).join(Goods, Goods.goods_id == Spec.goods_id)
            .outerjoin(Brand, Brand.brand_id == Goods.brand_id)
            .outerjoin(GoodsClass, GoodsClass.class_id == Goods.class_id)
            .where(Spec.spec_id.in_(ids)))
    return {s.spec_id: SpecInfo(s, g, b, c) for s, g, b, c in entities(session, stmt)}


# ---------------------------------------------------------------------------- positions and operators


def position_of(session: Session, tenant_id: int, warehouse: Warehouse, position_no: str | None) -> Position:
    """A position of the warehouse by number (the default position when none is named)."""
    if not position_no:
        return inventory.default_position(session, tenant_id, warehouse.warehouse_id)
    found = inventory.position(session, tenant_id, warehouse.warehouse_id, position_no)
    if found.is_disabled:
        raise business_error(f"货位{position_no}已停用", f"position {position_no!r} is disabled")
    return found


def positions_by_id(session: Reader, ids: Iterable[int | None]) -> dict[int, Position]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {p.position_id: p for p in scalars_of(session, select(Position).where(Position.position_id.in_(wanted)))}


def employee_id(session: Session, tenant_id: int, employee_no: str) -> int:
    """The id of the employee whose number an operator goes by (0 for accounts that are no employee)."""
    found = session.scalar(select(Employee.employee_id).where(Employee.tenant_id == tenant_id,
                                                              Employee.employee_no == employee_no))
    return int(found or 0)
