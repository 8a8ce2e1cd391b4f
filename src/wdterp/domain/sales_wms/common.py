"""Finding sales stockouts as the warehouse knows them (stockout no or tracking no) and their warehouse row."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockoutStatus
from wdterp.domain.masterdata.models import Employee, Warehouse
from wdterp.domain.queries import Reader, by_id, scalars_of
from wdterp.domain.sales.models import Trade
from wdterp.domain.sales_wms.models import Package, StockoutWms
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)


def sales_stockouts(tenant_id: int) -> Select[Any]:
    return select(StockDocument).where(StockDocument.tenant_id == tenant_id, StockDocument.direction == "out",
                                       StockDocument.order_type == OrderType.SALES_OUT)


def find_stockout(session: Session, tenant_id: int, number: str) -> StockDocument | None:
    """A sales stockout by its number, its tracking number or the tracking number of one of its packages."""
    if not number:
        return None
    base = (StockDocument.tenant_id == tenant_id, StockDocument.direction == "out",
            StockDocument.order_type == OrderType.SALES_OUT)
    packaged = select(Package.doc_id).where(Package.tenant_id == tenant_id, Package.logistics_no == number)
    found = session.scalars(select(StockDocument).where(
        *base, or_(StockDocument.doc_no == number, StockDocument.logistics_no == number,
                   StockDocument.doc_id.in_(packaged)))
        .order_by(StockDocument.status.desc(), StockDocument.doc_id.desc())).all()
    # a tracking number reused after a cancellation: the live stockout wins
    live = [d for d in found if d.status != StockoutStatus.CANCELLED]
    chosen = live or list(found)
    return chosen[0] if chosen else None


def open_stockout(session: Session, tenant_id: int, number: str, permitted: frozenset[str] | None) -> StockDocument:
    """A checked, unshipped sales stockout the app may use (E26 unknown/cancelled, E34 warehouse)."""
    doc = find_stockout(session, tenant_id, number)
    if doc is None or doc.status == StockoutStatus.CANCELLED:
        raise ApiError("E26", f"sales stockout {number!r} not found or cancelled")
    ensure_warehouse_permitted(session, doc.warehouse_id, permitted)
    if doc.status != StockoutStatus.CHECKED:
        raise business_error("出库单状态不正确", f"{doc.doc_no} is in status {doc.status}")
    return doc


def ensure_warehouse_permitted(session: Reader, warehouse_id: int, permitted: frozenset[str] | None) -> Warehouse:
    warehouse = by_id(session, Warehouse, [warehouse_id]).get(warehouse_id)
    assert warehouse is not None
    if permitted is not None and warehouse.warehouse_no not in permitted:
        raise ApiError("E34", f"no access to warehouse {warehouse.warehouse_no}")
    return warehouse


def wms_row(session: Session, doc: StockDocument) -> StockoutWms:
    row = session.get(StockoutWms, doc.doc_id)
    if row is None:
        row = StockoutWms(doc_id=doc.doc_id, tenant_id=doc.tenant_id, packager_name="", picker_name="",
                          operate_table_name="", package_name="", package_spec_id=0, packager_id=0,
                          package_fee=ZERO, calc_weight=ZERO, length=ZERO, width=ZERO, height=ZERO)
        session.add(row)
        session.flush()
    return row


def trade_of(session: Session, doc: StockDocument) -> Trade | None:
    return session.get(Trade, doc.src_order_id) if doc.src_order_id else None


def goods_weight(session: Session, doc: StockDocument) -> Decimal:
    """Estimated weight of a stockout's goods: Σ spec weight × quantity."""
    ids = {line.spec_id for line in doc.lines}
    weights = dict(session.execute(select(Spec.spec_id, Spec.weight).where(Spec.spec_id.in_(ids))).all()) \
        if ids else {}
    return sum((Decimal(weights.get(line.spec_id) or 0) * line.num for line in doc.lines), ZERO)


def employee_by_id(session: Session, tenant_id: int, employee_id: int) -> Employee | None:
    """An employee by id; 0 means none. Unknown/deleted/disabled answers E59."""
    if not employee_id:
        return None
    found = session.get(Employee, employee_id)
    if found is None or found.tenant_id != tenant_id or found.deleted or found.is_disabled:
        raise ApiError("E59", f"employee id {employee_id} unknown", name=str(employee_id))
    return found


def employee_by_no(session: Session, tenant_id: int, employee_no: str) -> Employee:
    found = session.scalar(select(Employee).where(Employee.tenant_id == tenant_id,
                                                  Employee.employee_no == employee_no))
    if found is None or found.deleted or found.is_disabled:
        raise ApiError("E59", f"employee {employee_no!r} unknown", name=employee_no)
    return found


def employees_by_name(session: Reader, tenant_id: int, names: Iterable[str]) -> dict[str, Employee]:
    """Employees by the names documents record (employee_no, shortname or name)."""
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    rows = scalars_of(session, select(Employee).where(Employee.tenant_id == tenant_id, or_(
        Employee.employee_no.in_(wanted), Employee.shortname.in_(wanted), Employee.name.in_(wanted))))
    out: dict[str, Employee] = {}
    for e in rows:
        for key in (e.name, e.shortname, e.employee_no):
            if key in wanted:
                out[key] = e
    return out
