"""What the document queries show besides the documents: the goods, brands, positions, batches,
warehouses and carriers of a page of documents, loaded in a few queries; and the generic
stockin/stockout searches (wms.stockin.Base.search, wms.stockout.Base.search)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute

from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory.models import Batch, Position
from wdterp.domain.masterdata.models import Employee, Flag, Logistics, Warehouse
from wdterp.domain.queries import Reader, among, by_key, equal_if_given, in_window

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


def _keyed(session: Reader, key: InstrumentedAttribute[Any], values: Iterable[Any],
           tenant_id: int | None = None) -> dict[Any, Any]:
    """Rows of `key`'s table whose `key` is one of `values` (empty ones left out), by that key; in one
    query, as Records (read-only facts of a page: no ORM instances)."""
    return by_key(session, key, values, tenant_id)


def load(session: Reader, tenant_id: int, *, spec_ids: Iterable[int] = (), position_ids: Iterable[int | None] = (),
         batch_nos: Iterable[str] = (), warehouse_ids: Iterable[int] = (), logistics_ids: Iterable[int] = (),
         flag_names: Iterable[str] = (), operators: Iterable[str] = ()) -> Facts:
    facts = Facts()
    facts.specs = _keyed(session, Spec.spec_id, spec_ids)
    facts.goods = _keyed(session, Goods.goods_id, [s.goods_id for s in facts.specs.values()])
    facts.brands = _keyed(session, Brand.brand_id, [g.brand_id for g in facts.goods.values()])
    facts.positions = _keyed(session, Position.position_id, position_ids)
    facts.batches = _keyed(session, Batch.batch_no, batch_nos, tenant_id)
    facts.warehouses = _keyed(session, Warehouse.warehouse_id, warehouse_ids)
    facts.logistics = _keyed(session, Logistics.logistics_id, logistics_ids)
    facts.flags = _keyed(session, Flag.flag_name, flag_names, tenant_id)
    facts.employees = _keyed(session, Employee.employee_no, operators, tenant_id)
    return facts


def for_documents(session: Reader, tenant_id: int, docs: Iterable[StockDocument]) -> Facts:
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
