"""The outsourced-warehouse adjustment queries as prepared searches (storage/prepared.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select

from wdterp.domain.documents.models import StockDocument
from wdterp.domain.masterdata.models import Logistics, Warehouse
from wdterp.domain.outer.models import OuterAdjust
from wdterp.domain.outer.service import STATUS_OF_WIRE, kind_of
from wdterp.domain.queries import split_list
from wdterp.storage.prepared import Bound, Search, among, before, equal, permitted, since


def _adjusts(direction: str, when: Any) -> Search:
    kind = kind_of(direction)
    return Search(
        select(*StockDocument.__table__.c, Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"),
               Logistics.logistics_name, OuterAdjust.src_order_type, OuterAdjust.note_count)
        .join(OuterAdjust, OuterAdjust.doc_id == StockDocument.doc_id)
        .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
        .outerjoin(Logistics, Logistics.logistics_id == StockDocument.logistics_id)
        .where(StockDocument.tenant_id == bindparam("tenant_id"), StockDocument.direction == direction,
               StockDocument.order_type == kind.order_type),
        order_by=(when, StockDocument.doc_id),
        filters={"doc_no": equal(StockDocument.doc_no), "warehouse_no": equal(Warehouse.warehouse_no),
                 "logistics_no": equal(StockDocument.logistics_no), "src_order_type": equal(OuterAdjust.src_order_type),
                 "status": among(StockDocument.status), "start_time": since(when), "end_time": before(when),
                 "permitted": among(Warehouse.warehouse_no)})


#: per direction, time_type 1 created (default) · 2 modified
ADJUSTS = {d: {1: _adjusts(d, StockDocument.created), 2: _adjusts(d, StockDocument.modified)} for d in ("in", "out")}


def _statuses(direction: str, value: Any) -> list[int] | None:
    wire = [int(v) for v in split_list(str(value))] if value not in (None, "") else []
    found = [s for code in wire for s in STATUS_OF_WIRE[direction].get(code, [-1])]
    return found or None


def adjusts(tenant_id: int, direction: str, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    search = ADJUSTS[direction].get(int(f.get("time_type") or 1), ADJUSTS[direction][1])
    number = f.get("outer_in_no") if direction == "in" else f.get("outer_out_no")
    src_type = f.get("src_order_type") if direction == "in" else f.get("order_type")
    return search.bind(tenant_id=tenant_id, doc_no=str(number).strip() if number else None,
                       warehouse_no=f.get("warehouse_no") or None, logistics_no=f.get("logistics_no") or None,
                       src_order_type=src_type, status=_statuses(direction, f.get("status")),
                       start_time=f.get("start_time"), end_time=f.get("end_time"), permitted=permitted(allowed))
