"""Waybill numbers (电子面单号): obtained for a trade, completed at shipping, recycled or voided."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.finance.models import Waybill
from wdterp.domain.finance.statuses import WaybillStatus
from wdterp.domain.masterdata.models import Logistics
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error


def assign_waybill(session: Session, tenant_id: int, *, trade_no: str, logistics_id: int,
                   logistics_no: str) -> Waybill:
    """A tracking number obtained for a trade (1 已分配); the sales flow calls it when a stockout
    gets its number. The same number again for the same company re-points it to the trade."""
    company = session.get(Logistics, logistics_id)
    if company is None or company.tenant_id != tenant_id:
        raise business_error("物流公司不存在", f"logistics id {logistics_id}")
    bill = _find(session, tenant_id, logistics_id, logistics_no)
    if bill is None:
        bill = Waybill(tenant_id=tenant_id, logistics_id=logistics_id, logistics_no=logistics_no)
        session.add(bill)
    elif bill.status in (WaybillStatus.RECYCLED, WaybillStatus.VOIDED, WaybillStatus.COMPLETED):
        raise business_error(f"物流单号{logistics_no}已使用或已作废", f"waybill in status {bill.status}")
    bill.trade_no = trade_no
    bill.status = WaybillStatus.ASSIGNED
    bill.logistics_type = company.logistics_type
    bill.ebill_api = company.ebill_api
    bill.modified = now_china()
    session.flush()
    return bill


def _find(session: Session, tenant_id: int, logistics_id: int | None, logistics_no: str) -> Waybill | None:
    stmt = select(Waybill).where(Waybill.tenant_id == tenant_id, Waybill.logistics_no == logistics_no)
    if logistics_id is not None:
        stmt = stmt.where(Waybill.logistics_id == logistics_id)
    return session.scalar(stmt.order_by(Waybill.rec_id.desc()))


def _move(session: Session, tenant_id: int, logistics_no: str, allowed: tuple[int, ...], to: int) -> Waybill:
    bill = _find(session, tenant_id, None, logistics_no)
    if bill is None:
        raise ApiError("E26", f"waybill {logistics_no!r} not found")
    if bill.status not in allowed:
        raise business_error("电子面单状态不正确", f"waybill {logistics_no} is in status {bill.status}")
    bill.status = to
    bill.modified = now_china()
    session.flush()
    return bill


def complete_waybill(session: Session, tenant_id: int, logistics_no: str) -> Waybill:
    """The parcel shipped (called at consign)."""
    return _move(session, tenant_id, logistics_no, (WaybillStatus.ASSIGNED,), WaybillStatus.COMPLETED)


def request_recycle(session: Session, tenant_id: int, logistics_no: str) -> Waybill:
    return _move(session, tenant_id, logistics_no, (WaybillStatus.ASSIGNED, WaybillStatus.RECYCLE_FAILED),
                 WaybillStatus.TO_RECYCLE)


def finish_recycle(session: Session, tenant_id: int, logistics_no: str, ok: bool = True) -> Waybill:
    to = WaybillStatus.RECYCLED if ok else WaybillStatus.RECYCLE_FAILED
    return _move(session, tenant_id, logistics_no, (WaybillStatus.TO_RECYCLE,), to)


def void_waybill(session: Session, tenant_id: int, logistics_no: str) -> Waybill:
    return _move(session, tenant_id, logistics_no,
                 (WaybillStatus.ASSIGNED, WaybillStatus.TO_RECYCLE, WaybillStatus.RECYCLE_FAILED),
                 WaybillStatus.VOIDED)
