"""What the document queries show besides the documents: the goods, brands, positions, batches,
warehouses and carriers of a page of documents, loaded in a few queries; and the generic
stockin/stockout searches (wms.stockin.Base.search, wms.stockout.Base.search)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory.models import Batch, Position
from wdterp.domain.masterdata.models import Employee, Flag, Logistics, Warehouse
from wdterp.domain.queries import among, equal_if_given, in_window

#: kinds each generic search returns (the order_type lists of the two pages; no sales documents)
SEARCH_KINDS = {
    "in": frozenset({OrderType.TRANSFER, OrderType.STOCK_COUNT, OrderType.PROCESS, OrderType.PROCESS_FINISHED_IN,
                     OrderType.DEFECT_CHANGE, OrderType.PURCHASE_IN, OrderType.JIT_RETURN_IN, OrderType.OTHER_IN,
                     OrderType.ADJUST_IN, OrderType.INIT_IN}),
    "out": frozenset({OrderType.TRANSFER, OrderType.STOCK_COUNT, OrderType.PROCESS, OrderType.DEFECT_CHANGE,
                      OrderType.JIT_OUT, OrderType.PURCHASE_RETURN_OUT, OrderType.OTHER_OUT, OrderType.ADJUST_OUT,
                      OrderType.INIT_OUT}),
}


@dataclass
class Facts:
    specs: dict[int, Spec] = field(default_factory=dict)
    goods: dict[int, Goods] = field(default_factory=dict)
    brands: dict[int, Brand] = field(default_factory=dict)
    positions: dict[int, Position] = field(default_factory=dict)
    batches: dict[str, Batch] = field(default_factory=dict)
    warehouses: dict[int, Warehouse] = field(default_factory=dict)
    logistics: dict[int, Logistics] = field(default_factory=dict)
    flags: dict[str, Flag] = field(default_factory=dict)
    employees: dict[str, Employee] = field(default_factory=dict)

    def spec_fields(self, spec_id: int) -> dict[str, Any]:
        """Goods and spec fields of a line, named as the pages name them."""
        spec = self.specs[spec_id]
        goods = self.goods[spec.goods_id]
        brand = self.brands.get(goods.brand_id)
        return {
            "spec_id": spec.spec_id, "spec_no": spec.spec_no, "spec_name": spec.spec_name,
            "spec_code": spec.spec_code, "barcode": spec.barcode, "goods_id": goods.goods_id,
            "goods_no": goods.goods_no, "goods_name": goods.goods_name, "short_name": goods.short_name,
            "goods_type": goods.goods_type, "brand_no": brand.brand_no if brand else "",
            "brand_name": brand.brand_name if brand else "", "unit_name": spec.unit_name or goods.unit_name,
            "aux_unit_name": spec.aux_unit_name or goods.aux_unit_name, "validity_days": spec.validity_days,
            "prop2": spec.prop2, "unit_weight": spec.weight,
        }

    def position_no(self, position_id: int | None) -> str:
        position = self.positions.get(position_id or 0)
        return position.position_no if position else ""

    def batch(self, batch_no: str) -> tuple[int, str]:
        batch = self.batches.get(batch_no) if batch_no else None
        return (batch.batch_id, batch.remark) if batch else (0, "")

    def warehouse(self, warehouse_id: int) -> Warehouse:
        return self.warehouses[warehouse_id]

    def carrier(self, logistics_id: int) -> tuple[str, str, int]:
        """(logistics code, name, logistics_type) of a carrier id; ("", "", 0) for none."""
        found = self.logistics.get(logistics_id)
        return (found.logistics_no, found.logistics_name, found.logistics_type) if found else ("", "", 0)

    def flag_id(self, name: str) -> int:
        flag = self.flags.get(name) if name else None
        return flag.flag_id if flag else 0

    def employee_id(self, name: str) -> int:
        employee = self.employees.get(name) if name else None
        return employee.employee_id if employee else 0


def load(session: Session, tenant_id: int, *, spec_ids: Iterable[int] = (), position_ids: Iterable[int | None] = (),
         batch_nos: Iterable[str] = (), warehouse_ids: Iterable[int] = (), logistics_ids: Iterable[int] = (),
         flag_names: Iterable[str] = (), operators: Iterable[str] = ()) -> Facts:
    facts = Facts()
    ids = sorted(set(spec_ids))
    if ids:
        facts.specs = {s.spec_id: s for s in session.scalars(select(Spec).where(Spec.spec_id.in_(ids)))}
        goods_ids = sorted({s.goods_id for s in facts.specs.values()})
        facts.goods = {g.goods_id: g for g in session.scalars(select(Goods).where(Goods.goods_id.in_(goods_ids)))}
        brand_ids = sorted({g.brand_id for g in facts.goods.values() if g.brand_id})
        if brand_ids:
            facts.brands = {b.brand_id: b for b in session.scalars(select(Brand).where(Brand.brand_id.in_(brand_ids)))}
    pids = sorted({p for p in position_ids if p})
    if pids:
        facts.positions = {p.position_id: p for p in session.scalars(
            select(Position).where(Position.position_id.in_(pids)))}
    nos = sorted({b for b in batch_nos if b})
    if nos:
        facts.batches = {b.batch_no: b for b in session.scalars(
            select(Batch).where(Batch.tenant_id == tenant_id, Batch.batch_no.in_(nos)))}
    wids = sorted(set(warehouse_ids))
    if wids:
        facts.warehouses = {w.warehouse_id: w for w in session.scalars(
            select(Warehouse).where(Warehouse.warehouse_id.in_(wids)))}
    lids = sorted({i for i in logistics_ids if i})
    if lids:
        facts.logistics = {x.logistics_id: x for x in session.scalars(
            select(Logistics).where(Logistics.logistics_id.in_(lids)))}
    names = sorted({n for n in flag_names if n})
    if names:
        facts.flags = {x.flag_name: x for x in session.scalars(
            select(Flag).where(Flag.tenant_id == tenant_id, Flag.flag_name.in_(names)))}
    ops = sorted({n for n in operators if n})
    if ops:
        facts.employees = {e.employee_no: e for e in session.scalars(
            select(Employee).where(Employee.tenant_id == tenant_id, Employee.employee_no.in_(ops)))}
    return facts


def for_documents(session: Session, tenant_id: int, docs: Iterable[StockDocument]) -> Facts:
    docs = list(docs)
    lines = [line for doc in docs for line in doc.lines]
    return load(session, tenant_id, spec_ids=[x.spec_id for x in lines], position_ids=[x.position_id for x in lines],
                batch_nos=[x.batch_no for x in lines], warehouse_ids=[d.warehouse_id for d in docs],
                logistics_ids=[d.logistics_id for d in docs], flag_names=[d.flag_name for d in docs],
                operators=[d.operator_name for d in docs])


def base_query(tenant_id: int, direction: str, f: dict[str, Any], permitted: frozenset[str] | None) -> Select[Any]:
    """Stockins/stockouts of every non-sales kind, by modified time (Base.search)."""
    stmt = (select(StockDocument).join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
            .where(StockDocument.tenant_id == tenant_id, StockDocument.direction == direction,
                   StockDocument.order_type.in_(sorted(SEARCH_KINDS[direction])))
            .order_by(StockDocument.modified, StockDocument.doc_id))
    number = f.get("stockin_no") if direction == "in" else f.get("stockout_no")
    stmt = equal_if_given(stmt, [(StockDocument.order_type, f.get("order_type")),
                                 (StockDocument.status, f.get("status")),
                                 (Warehouse.warehouse_no, f.get("warehouse_no")),
                                 (StockDocument.src_order_no, f.get("src_order_no")),
                                 (StockDocument.doc_no, number)])
    stmt = in_window(stmt, StockDocument.modified, f.get("start_time"), f.get("end_time"))
    allowed = among(Warehouse.warehouse_no, permitted)
    return stmt if allowed is None else stmt.where(allowed)
