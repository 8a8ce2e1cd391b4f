"""The searches behind the warehouse-work query methods (filters named as the methods' arguments)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory.models import Position
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.queries import Reader, among, equal_if_given, in_window, scalars_of, split_list
from wdterp.domain.warehouse_ops.models import (
    DefectChange,
    MoveOrder,
    MoveOrderLine,
    PositionCapacity,
    StockCount,
    StockCountLine,
    StockShelve,
    StockShelveLine,
)


def _permitted(stmt: Select[Any], permitted: frozenset[str] | None) -> Select[Any]:
    allowed = among(Warehouse.warehouse_no, permitted)
    return stmt if allowed is None else stmt.where(allowed)


def _spec_ids(spec_no: str | None = None, goods_no: str | None = None) -> Select[Any]:
    stmt = select(Spec.spec_id)
    if spec_no:
        stmt = stmt.where(Spec.spec_no == spec_no)
    if goods_no:
        stmt = stmt.join(Goods, Goods.goods_id == Spec.goods_id).where(Goods.goods_no == goods_no)
    return stmt


def _statuses(value: Any) -> list[int]:
    return [int(v) for v in split_list(str(value))] if value not in (None, "") else []


# ---------------------------------------------------------------------------- counts


def counts(tenant_id: int, f: dict[str, Any], permitted: frozenset[str] | None) -> Select[Any]:
    stmt: Any = (select(StockCount, Warehouse)
            .join(Warehouse, Warehouse.warehouse_id == StockCount.warehouse_id)
            .where(StockCount.tenant_id == tenant_id).order_by(StockCount.modified, StockCount.rec_id))
    stmt = equal_if_given(stmt, [(Warehouse.warehouse_no, f.get("warehouse_no")), (StockCount.pd_no, f.get("pd_no")),
                                 (StockCount.status, f.get("status")), (StockCount.creator_no, f.get("employee_no"))])
    if f.get("spec_no") or f.get("goods_no"):
        stmt = stmt.where(StockCount.rec_id.in_(select(StockCountLine.pd_id).where(
            StockCountLine.spec_id.in_(_spec_ids(f.get("spec_no"), f.get("goods_no"))))))
    stmt = in_window(stmt, StockCount.modified, f.get("start_time"), f.get("end_time"))
    return _permitted(stmt, permitted)


def count_lines(tenant_id: int, f: dict[str, Any], permitted: frozenset[str] | None) -> Select[Any]:
    stmt: Any = (select(StockCountLine, StockCount).join(StockCount, StockCount.rec_id == StockCountLine.pd_id)
            .join(Warehouse, Warehouse.warehouse_id == StockCount.warehouse_id)
            .where(StockCount.tenant_id == tenant_id).order_by(StockCountLine.rec_id))
    stmt = equal_if_given(stmt, [(StockCount.pd_no, f.get("pd_no"))])
    return _permitted(stmt, permitted)


def count_documents(tenant_id: int, direction: str, f: dict[str, Any],
                    permitted: frozenset[str] | None) -> Select[Any]:
    """盘盈 stockins (direction "in") or 盘亏 stockouts ("out") of counts."""
    stmt: Any = (select(StockDocument, Warehouse)
            .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
            .where(StockDocument.tenant_id == tenant_id, StockDocument.direction == direction,
                   StockDocument.order_type == OrderType.STOCK_COUNT)
            .order_by(StockDocument.modified, StockDocument.doc_id))
    number = f.get("stockin_no") if direction == "in" else f.get("stockout_no")
    stmt = equal_if_given(stmt, [(Warehouse.warehouse_no, f.get("warehouse_no")), (StockDocument.doc_no, number),
                                 (StockDocument.src_order_no, f.get("src_order_no"))])
    statuses = _statuses(f.get("status"))
    if statuses:
        stmt = stmt.where(StockDocument.status.in_(statuses))
    if f.get("time_type", 1) == 2:
        column = StockDocument.check_time if direction == "in" else StockDocument.consign_time
    else:
        column = StockDocument.modified
    stmt = in_window(stmt, column, f.get("start_time"), f.get("end_time"))
    return _permitted(stmt, permitted)


def lines_by_document(session: Reader, doc_ids: list[int]) -> dict[int, list[StockDocumentLine]]:
    """The lines of these documents, by document, in rec_id order (one statement)."""
    by_doc: dict[int, list[StockDocumentLine]] = {doc_id: [] for doc_id in doc_ids}
    if doc_ids:
        for line in scalars_of(session, select(StockDocumentLine).where(StockDocumentLine.doc_id.in_(doc_ids))
                                    .order_by(StockDocumentLine.rec_id)):
            by_doc[line.doc_id].append(line)
    return by_doc


def count_remarks(session: Reader, tenant_id: int, pd_nos: list[str]) -> dict[str, str]:
    """The remark of each of these stock counts, by number."""
    if not pd_nos:
        return {}
    stmt = select(StockCount.pd_no, StockCount.remark).where(StockCount.tenant_id == tenant_id,
                                                             StockCount.pd_no.in_(sorted(set(pd_nos))))
    return {str(no): str(remark) for no, remark in session.execute(stmt)}


# ---------------------------------------------------------------------------- default positions


def capacities(tenant_id: int, f: dict[str, Any], permitted: frozenset[str] | None) -> Select[Any]:
    stmt: Any = (select(PositionCapacity, Warehouse, Position)
            .join(Warehouse, Warehouse.warehouse_id == PositionCapacity.warehouse_id)
            .join(Position, Position.position_id == PositionCapacity.position_id)
            .where(PositionCapacity.tenant_id == tenant_id)
            .order_by(PositionCapacity.modified, PositionCapacity.rec_id))
    stmt = equal_if_given(stmt, [(Warehouse.warehouse_no, f.get("warehouse_no"))])
    if f.get("spec_no") or f.get("goods_no"):
        stmt = stmt.where(PositionCapacity.spec_id.in_(_spec_ids(f.get("spec_no"), f.get("goods_no"))))
    stmt = in_window(stmt, PositionCapacity.modified, f.get("start_time"), f.get("end_time"))
    return _permitted(stmt, permitted)


# ---------------------------------------------------------------------------- moves and replenishment


def shelves(tenant_id: int, warehouse_id: int, f: dict[str, Any]) -> Select[Any]:
    stmt = (select(StockShelve).where(StockShelve.tenant_id == tenant_id, StockShelve.warehouse_id == warehouse_id)
            .order_by(StockShelve.modified, StockShelve.rec_id))
    stmt = equal_if_given(stmt, [(StockShelve.order_no, f.get("order_no")), (StockShelve.type, f.get("type"))])
    if f.get("spec_no"):
        stmt = stmt.where(StockShelve.rec_id.in_(select(StockShelveLine.order_id).where(
            StockShelveLine.spec_id.in_(_spec_ids(f["spec_no"])))))
    return in_window(stmt, StockShelve.modified, f.get("start_time"), f.get("end_time"))


def moves(tenant_id: int, warehouse_id: int, f: dict[str, Any]) -> Select[Any]:
    stmt = (select(MoveOrder).where(MoveOrder.tenant_id == tenant_id, MoveOrder.warehouse_id == warehouse_id)
            .order_by(MoveOrder.modified, MoveOrder.rec_id))
    stmt = equal_if_given(stmt, [(MoveOrder.order_no, f.get("order_no")), (MoveOrder.type, f.get("type")),
                                 (MoveOrder.status, f.get("status"))])
    if f.get("spec_no"):
        stmt = stmt.where(MoveOrder.rec_id.in_(select(MoveOrderLine.order_id).where(
            MoveOrderLine.spec_id.in_(_spec_ids(f["spec_no"])))))
    return in_window(stmt, MoveOrder.modified, f.get("start_time"), f.get("end_time"))


def defect_changes(tenant_id: int, f: dict[str, Any], permitted: frozenset[str] | None) -> Select[Any]:
    stmt: Any = (select(DefectChange, Warehouse)
            .join(Warehouse, Warehouse.warehouse_id == DefectChange.warehouse_id)
            .where(DefectChange.tenant_id == tenant_id).order_by(DefectChange.modified, DefectChange.rec_id))
    stmt = equal_if_given(stmt, [(DefectChange.change_no, f.get("change_no")), (DefectChange.status, f.get("status"))])
    if f.get("type") is not None:
        stmt = stmt.where(DefectChange.type.is_(bool(f["type"])))
    stmt = in_window(stmt, DefectChange.modified, f.get("start_time"), f.get("end_time"))
    return _permitted(stmt, permitted)
