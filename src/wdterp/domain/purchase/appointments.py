"""Stock-in appointments (预约入库单, purchase.StockInPreOrder.search): a provider books delivery of
(part of) a checked purchase order; receipts against the order fill the booking, a fully delivered
one is 已完成. Made and checked ERP-side (`wdterp ops run purchase.appoint`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.numbering.service import next_no
from wdterp.domain.purchase.models import PurchaseOrder, StockinPreOrder, StockinPreOrderLine
from wdterp.domain.purchase.statuses import RECEIVABLE, PreOrderStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)
OPEN = frozenset({PreOrderStatus.AWAITING_CHECK, PreOrderStatus.CHECKED})


def appoint(session: Session, order: PurchaseOrder, deliver_time: datetime | None, deliver_name: str,
            car_number: str, telno: str, check: bool) -> StockinPreOrder:
    """Book what is still due on the order."""
    if order.status not in RECEIVABLE:
        raise business_error("采购单状态不正确,不能预约", f"{order.purchase_no} is in status {order.status}")
    lines = [StockinPreOrderLine(src_line_id=line.rec_id, spec_id=line.spec_id, batch_no=line.batch_no,
                                 expire_date=line.expire_date,
                                 num=max(line.num - line.stockin_num - line.stopwait_num, ZERO))
             for line in order.lines]
    lines = [line for line in lines if line.num > 0]
    if not lines:
        raise business_error("采购单没有待到货的货品", f"{order.purchase_no} has nothing due")
    pre = StockinPreOrder(tenant_id=order.tenant_id, pre_order_no=next_no(session, order.tenant_id, "YD"),
                          busi_order_id=order.purchase_id, busi_order_no=order.purchase_no,
                          warehouse_id=order.warehouse_id, provider_id=order.provider_id,
                          deliver_time=deliver_time, deliver_name=deliver_name, car_number=car_number, telno=telno,
                          status=PreOrderStatus.AWAITING_CHECK, flag_name=order.flag_name)
    pre.lines = lines
    session.add(pre)
    if check:
        pre.status = PreOrderStatus.CHECKED
        pre.check_time = now_china()
    session.flush()
    return pre


def follow_receipts(session: Session, order: PurchaseOrder) -> None:
    """The open bookings of the order take the received quantities, oldest first."""
    pres = list(session.scalars(select(StockinPreOrder).where(
        StockinPreOrder.tenant_id == order.tenant_id, StockinPreOrder.busi_order_type == 1,
        StockinPreOrder.busi_order_id == order.purchase_id).order_by(StockinPreOrder.pre_order_id)))
    received = {line.rec_id: line.stockin_num for line in order.lines}
    for pre in pres:
        for line in pre.lines:
            line.arrived_num = min(line.num, received.get(line.src_line_id, ZERO))
            received[line.src_line_id] = received.get(line.src_line_id, ZERO) - line.arrived_num
        if pre.status in OPEN and all(line.arrived_num >= line.num for line in pre.lines):
            pre.status = PreOrderStatus.COMPLETED
        pre.modified = now_china()
