"""ERP-side actions on transfers (`wdterp ops run transfer.*`): check, ship, receive, stop waiting."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.tenancy.service import settings_of
from wdterp.domain.transfer import service as transfers
from wdterp.domain.transfer.models import TransferOrder

OPERATOR = "ops"


def _transfer(session: Session, tenant_id: int, transfer_no: str) -> TransferOrder:
    order = transfers.find(session, tenant_id, transfer_no)
    if order is None:
        raise OperationError(f"no transfer {transfer_no!r}")
    return order


def _summary(order: TransferOrder, **more: Any) -> dict[str, Any]:
    return {"transfer_no": order.transfer_no, "status": order.status,
            "stock_out_in_status": order.stock_out_in_status, **more}


@operation("transfer.check", help="Check (审核) a transfer: two-step waits for its stockouts, one-step moves at once",
           params={"transfer_no": str})
def check_transfer(session: Session, tenant_id: int, transfer_no: str) -> dict[str, Any]:
    order = _transfer(session, tenant_id, transfer_no)
    transfers.check(session, order, OPERATOR, settings_of(session, tenant_id))
    return _summary(order)


@operation("transfer.ship", help="Send what a checked transfer has still to send (a checked transfer stockout)",
           params={"transfer_no": str})
def ship_transfer(session: Session, tenant_id: int, transfer_no: str) -> dict[str, Any]:
    order = _transfer(session, tenant_id, transfer_no)
    doc = transfers.ship(session, order, OPERATOR)
    return _summary(order, stockout_no=doc.doc_no)


@operation("transfer.receive", help="Receive what a transfer has in transit (a checked transfer stockin)",
           params={"transfer_no": str})
def receive_transfer(session: Session, tenant_id: int, transfer_no: str) -> dict[str, Any]:
    order = _transfer(session, tenant_id, transfer_no)
    doc = transfers.receive(session, order, OPERATOR)
    return _summary(order, stockin_no=doc.doc_no)


@operation("transfer.stop", help="Stop waiting (停止等待); with back_fill what is in transit returns to the source",
           params={"transfer_no": str, "back_fill": Param(bool, default=False, help="回补库存")})
def stop_transfer(session: Session, tenant_id: int, transfer_no: str, back_fill: bool = False) -> dict[str, Any]:
    order = _transfer(session, tenant_id, transfer_no)
    transfers.stop_waiting(session, order, back_fill, OPERATOR)
    return _summary(order)
