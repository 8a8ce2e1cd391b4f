"""ERP-side actions on stock documents and other-in/out business orders (`wdterp ops run NAME`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.documents import engine
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import StockinStatus, StockoutStatus
from wdterp.domain.stockother import service as orders
from wdterp.domain.stockother import stockio

#: the states a document is checked from, per direction (sales stockouts are checked by their own flow)
CHECKABLE = {"in": (StockinStatus.EDITING, StockinStatus.AWAITING_CHECK),
             "out": (StockoutStatus.UNCONFIRMED, StockoutStatus.AWAITING_CHECK)}
OPERATOR = "ops"


def _doc(session: Session, tenant_id: int, direction: str, doc_no: str) -> StockDocument:
    doc = engine.find(session, tenant_id, None, doc_no)
    if doc.direction != direction:
        raise OperationError(f"{doc_no} is not a stock{direction}")
    return doc


def _summary(doc: StockDocument) -> dict[str, Any]:
    return {"doc_no": doc.doc_no, "order_type": doc.order_type, "status": doc.status,
            "src_order_no": doc.src_order_no}


def _check(session: Session, tenant_id: int, direction: str, doc_no: str) -> dict[str, Any]:
    doc = _doc(session, tenant_id, direction, doc_no)
    if doc.status not in CHECKABLE[direction]:
        raise OperationError(f"{doc_no} is in status {doc.status}; only {CHECKABLE[direction]} can be checked")
    engine.check(session, doc, OPERATOR)
    return _summary(doc)


def _cancel(session: Session, tenant_id: int, direction: str, doc_no: str, force: bool) -> dict[str, Any]:
    doc = _doc(session, tenant_id, direction, doc_no)
    stockio.cancel(session, doc, force)
    return _summary(doc)


FORCE = Param(bool, default=False, help="also cancel a document awaiting check")


@operation("stockin.check", help="Check (审核) a stockin: its stock comes in", params={"doc_no": str})
def check_stockin(session: Session, tenant_id: int, doc_no: str) -> dict[str, Any]:
    return _check(session, tenant_id, "in", doc_no)


@operation("stockout.check", help="Check (审核) a non-sales stockout: its stock goes out", params={"doc_no": str})
def check_stockout(session: Session, tenant_id: int, doc_no: str) -> dict[str, Any]:
    return _check(session, tenant_id, "out", doc_no)


@operation("stockin.cancel", help="Cancel a stockin (编辑中; with force also 待审核)",
           params={"doc_no": str, "force": FORCE})
def cancel_stockin(session: Session, tenant_id: int, doc_no: str, force: bool = False) -> dict[str, Any]:
    return _cancel(session, tenant_id, "in", doc_no, force)


@operation("stockout.cancel", help="Cancel a non-sales stockout (未确认; with force also 待审核)",
           params={"doc_no": str, "force": FORCE})
def cancel_stockout(session: Session, tenant_id: int, doc_no: str, force: bool = False) -> dict[str, Any]:
    return _cancel(session, tenant_id, "out", doc_no, force)


DIRECTION = Param(str, help="in (其它入库业务单 QR…) or out (其它出库业务单 QC…)")


@operation("stockother.check", help="Check an other-in/out business order (an other-out one reserves stock)",
           params={"direction": DIRECTION, "order_no": str})
def check_other_order(session: Session, tenant_id: int, direction: str, order_no: str) -> dict[str, Any]:
    if direction not in ("in", "out"):
        raise OperationError("direction must be in or out")
    order = orders.find(session, tenant_id, direction, order_no)
    short = orders.shortfall(session, order) if direction == "out" else None
    if short:
        raise OperationError(short)
    orders.check(session, order)
    return {"order_no": order.order_no, "status": order.status, "is_reserved": order.is_reserved}
