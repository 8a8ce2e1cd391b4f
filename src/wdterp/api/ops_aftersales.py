"""ERP-side actions on raw refunds and refunds (`wdterp ops run refund.*`): submit, check, receive, cancel."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.aftersales import autopilot, service
from wdterp.domain.aftersales.models import RawRefund, Refund

OPERATOR = "ops"


def _summary(refund: Refund, **more: Any) -> dict[str, Any]:
    return {"refund_no": refund.refund_no, "type": refund.type, "status": refund.status,
            "stockin_status": refund.stockin_status, **more}


@operation("refund.submit", help="递交: a raw refund (platform refund_no) becomes a refund (退换单)",
           params={"raw_refund_no": str})
def submit_refund(session: Session, tenant_id: int, raw_refund_no: str) -> dict[str, Any]:
    raw = session.scalar(select(RawRefund).where(RawRefund.tenant_id == tenant_id,
                                                 RawRefund.refund_no == raw_refund_no))
    if raw is None:
        raise OperationError(f"no raw refund {raw_refund_no!r}")
    refund = service.submit(session, raw, OPERATOR)
    if refund is None:
        return {"raw_refund_no": raw.refund_no, "process_status": raw.process_status}
    return _summary(refund, raw_refund_no=raw.refund_no)


@operation("refund.check", help="审核 a refund: a pre-ship refund cancels its lines, a return waits for its goods",
           params={"refund_no": str})
def check_refund(session: Session, tenant_id: int, refund_no: str) -> dict[str, Any]:
    refund = service.find_refund(session, tenant_id, refund_no)
    service.check(session, refund, OPERATOR)
    return _summary(refund)


@operation("refund.receive", help="Receive a return's goods still expected (a checked return stockin)",
           params={"refund_no": str, "defect": Param(bool, default=False, help="into defect stock")})
def receive_refund(session: Session, tenant_id: int, refund_no: str, defect: bool = False) -> dict[str, Any]:
    refund = service.receivable(session, tenant_id, refund_no)
    doc = service.receive(session, refund, OPERATOR, defect)
    return _summary(refund, stockin_no=doc.doc_no)


@operation("refund.cancel", help="Cancel a refund awaiting check", params={"refund_no": str})
def cancel_refund(session: Session, tenant_id: int, refund_no: str) -> dict[str, Any]:
    refund = service.find_refund(session, tenant_id, refund_no)
    service.cancel(refund)
    return _summary(refund)


@operation("refund.archive", help="归档: completed/cancelled refunds older than N days move to the History queries",
           params={"days": Param(int, default=30)})
def archive_refunds(session: Session, tenant_id: int, days: int = 30) -> dict[str, Any]:
    return {"archived": service.archive(session, tenant_id, days)}


@operation("autopilot.refunds", help="Autopilot of returns: receive a checked return's goods N seconds after its "
                                     "check (-1 = off); raw refunds follow auto_submit/auto_check (autopilot.set)",
           params={"receive_after_seconds": int})
def set_refund_autopilot(session: Session, tenant_id: int, receive_after_seconds: int) -> dict[str, Any]:
    return autopilot.set_receive_rule(session, tenant_id, receive_after_seconds)
