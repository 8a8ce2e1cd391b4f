"""Completed stock documents with their cost (statistic.StockinCollect / StockoutCollect).

Stockins count once completed (80), stockouts once completed (110). A stockin's window is on its
created or check time (`time_type` 1/2); a stockout's is on its consign (发货) time, which the
document engine sets when a stockout moves its stock. Line costs are the ledger's cost at check
(瞬时成本, kept on the line by the engine); planned costs come from `stock_cost`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select

from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import StockinStatus, StockoutStatus
from wdterp.domain.inventory.models import DEFAULT_POSITION_NO, Position
from wdterp.domain.inventory.queries import Found, Window, run_page
from wdterp.domain.masterdata.models import Flag, Logistics, Warehouse
from wdterp.domain.paging import Page
from wdterp.domain.queries import Reader, in_window

#: time_type of StockinCollect: 1 created (default), 2 check time
TIME_CREATED, TIME_CHECKED = 1, 2


def _documents(tenant_id: int, direction: str, status: int, time_column: Any, window: Window,
               doc_nos: Sequence[str], warehouse_ids: Sequence[int] | None) -> Any:
    stmt = select(*StockDocument.__table__.c).where(
        StockDocument.tenant_id == tenant_id, StockDocument.direction == direction, StockDocument.status == status)
    stmt = in_window(stmt, time_column, window.start, window.end)
    if doc_nos:
        stmt = stmt.where(StockDocument.doc_no.in_(sorted(set(doc_nos))))
    if warehouse_ids is not None:
        stmt = stmt.where(StockDocument.warehouse_id.in_(sorted(set(warehouse_ids))))
    return stmt


def _with_header_info(stmt: Any) -> Any:
    return (stmt.add_columns(Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"),
                             Logistics.logistics_name, Flag.flag_id)
            .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
            .outerjoin(Logistics, Logistics.logistics_id == StockDocument.logistics_id)
            .outerjoin(Flag, (Flag.tenant_id == StockDocument.tenant_id)
                       & (Flag.flag_name == StockDocument.flag_name) & (StockDocument.flag_name != "")))


def completed_stockins(session: Reader, tenant_id: int, page: Page, window: Window, *,
                       time_type: int = TIME_CREATED, doc_nos: Sequence[str] = (),
                       warehouse_ids: Sequence[int] | None = None) -> Found:
    column = StockDocument.check_time if time_type == TIME_CHECKED else StockDocument.created
    stmt = _documents(tenant_id, "in", StockinStatus.COMPLETED, column, window, doc_nos, warehouse_ids)
    return run_page(session, stmt, StockDocument.doc_id, page, (column, StockDocument.doc_id), _with_header_info)


def completed_stockouts(session: Reader, tenant_id: int, page: Page, window: Window, *,
                        doc_nos: Sequence[str] = (), warehouse_ids: Sequence[int] | None = None) -> Found:
    column = StockDocument.consign_time
    stmt = _documents(tenant_id, "out", StockoutStatus.COMPLETED, column, window, doc_nos, warehouse_ids)
    return run_page(session, stmt, StockDocument.doc_id, page, (column, StockDocument.doc_id), _with_header_info)


def document_lines(session: Reader, doc_ids: Sequence[int]) -> dict[int, list[Row[Any]]]:
    """Lines of the given documents (the line's columns) with spec, goods, brand and position, by doc_id."""
    if not doc_ids:
        return {}
    default_position = (select(Position.position_id, Position.position_no, Position.warehouse_id)
                        .where(Position.position_no == DEFAULT_POSITION_NO).subquery())
    stmt = (select(*StockDocumentLine.__table__.c, StockDocument.warehouse_id, Spec.spec_no, Spec.spec_name,
                   Spec.spec_code, Spec.barcode, Spec.weight, Spec.validity_days,
                   Spec.unit_name.label("spec_unit_name"),
                   Goods.goods_id, Goods.goods_no, Goods.goods_name, Goods.short_name,
                   Goods.unit_name.label("goods_unit_name"), Goods.brand_id, Brand.brand_name,
                   Position.position_no, default_position.c.position_id.label("default_position_id"),
                   default_position.c.position_no.label("default_position_no"))
            .join(StockDocument, StockDocument.doc_id == StockDocumentLine.doc_id)
            .join(Spec, Spec.spec_id == StockDocumentLine.spec_id)
            .join(Goods, Goods.goods_id == Spec.goods_id)
            .outerjoin(Brand, Brand.brand_id == Goods.brand_id)
            .outerjoin(Position, Position.position_id == StockDocumentLine.position_id)
            .outerjoin(default_position, default_position.c.warehouse_id == StockDocument.warehouse_id)
            .where(StockDocumentLine.doc_id.in_(sorted(set(doc_ids))))
            .order_by(StockDocumentLine.doc_id, StockDocumentLine.rec_id))
    out: dict[int, list[Row[Any]]] = {}
    row: Any
    for row in session.execute(stmt):
        out.setdefault(row.doc_id, []).append(row)
    return out
