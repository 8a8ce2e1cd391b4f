"""Outsourced-warehouse adjustments (外仓调整入/出库单, states.md §15): stock documents of kinds 23/24 in an
external warehouse, created and checked through the document engine.

Decisions: the documents keep the engine's statuses; the pages' own codes (10 已取消 · 20 编辑中 · 30 待审核 ·
40 待结算 · 50 已完成) are `WIRE_STATUS` of them (40 is never produced: no settlement step is kept).
src_order_type is the pages' own table (0 = adjust, not the generic code 0), src_order_no required for
the non-adjust ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.outer.models import OuterAdjust
from wdterp.protocol.errors import business_error

OUTER_IN = Kind("in", OrderType.ADJUST_IN, "WI")
OUTER_OUT = Kind("out", OrderType.ADJUST_OUT, "WO")
SRC_TYPES = {"in": frozenset({0, 2, 10, 12}), "out": frozenset({0, 2, 14})}
#: engine status → the pages' code, per direction
WIRE_STATUS: dict[str, dict[int, int]] = {
    "in": {StockinStatus.CANCELLED: 10, StockinStatus.EDITING: 20, StockinStatus.AWAITING_CHECK: 30,
           StockinStatus.COMPLETED: 50},
    "out": {StockoutStatus.CANCELLED: 10, StockoutStatus.UNCONFIRMED: 20, StockoutStatus.AWAITING_CHECK: 30,
            StockoutStatus.COMPLETED: 50}}
#: the pages' code → engine statuses (for the status filter)
STATUS_OF_WIRE: dict[str, dict[int, list[int]]] = {
    d: {wire: [s for s, w in table.items() if w == wire] for wire in set(table.values())}
    for d, table in WIRE_STATUS.items()}


@dataclass
class Created:
    doc: StockDocument
    check_error: str | None = None


def kind_of(direction: str) -> Kind:
    return OUTER_IN if direction == "in" else OUTER_OUT


def create(session: Session, tenant_id: int, direction: str, warehouse: Warehouse, values: dict[str, Any],
           details: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str, check: bool) -> Created:
    """OuterIn/OuterOut.createOrder: an unchecked document (待审核), checked at once when asked; a stockout
    short of stock stays unchecked (status 20 审核失败)."""
    if not engine.is_external(warehouse):
        raise business_error("仓库不是外部仓库", f"{warehouse.warehouse_no} is not an external warehouse")
    src_type = int(values.get("src_order_type") or 0)
    if src_type not in SRC_TYPES[direction]:
        raise business_error("源单类型不正确", f"src_order_type {src_type} not in {sorted(SRC_TYPES[direction])}")
    if src_type and not values.get("src_order_no"):
        raise business_error("源单类型为调拨、采购、退货时源单号不能为空", f"type {src_type}: no src_order_no")
    kind = kind_of(direction)
    for row in details:  # an unknown batch is created (the pages), in and out
        if row.get("batch_no"):
            inventory.ensure_batch(session, tenant_id, str(row["batch_no"]))
    lines = engine.resolve_lines(session, tenant_id, warehouse, kind, details, settings)
    number = str(values.get("order_no") or "")
    status = StockinStatus.AWAITING_CHECK if direction == "in" else StockoutStatus.AWAITING_CHECK
    doc = engine.create(session, tenant_id, kind, warehouse, lines, status,
                        doc_no=number or next_no(session, tenant_id, kind.prefix), outer_no=number,
                        src_order_no=str(values.get("src_order_no") or ""), reason=str(values.get("reason") or ""),
                        remark=str(values.get("remark") or ""), operator_name=operator)
    session.add(OuterAdjust(doc_id=doc.doc_id, tenant_id=tenant_id, src_order_type=src_type, note_count=0))
    if not check:
        return Created(doc)
    short = next((line.spec.spec_no for line in lines if direction == "out" and inventory.available(
        session, warehouse.warehouse_id, line.spec.spec_id, line.defect) < line.num), None)
    if short is not None:
        return Created(doc, f"商家编码{short}库存不足")
    engine.check(session, doc, operator)
    return Created(doc)
