"""Platform account checks (平台对账单): an order's shipped and refunded amounts against its bills."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.finance.models import AccountCheck, RawPayment
from wdterp.domain.finance.statuses import AccountCheckStatus, RawPaymentStatus
from wdterp.domain.masterdata.service import active_shop
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import find_by_number
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)
PREFIX = "DZ"


def import_check(session: Session, tenant_id: int, *, shop_no: str, tid: str, send_amount: Decimal,
                 refund_amount: Decimal = ZERO, cost_amount: Decimal = ZERO, send_num: Decimal = ZERO,
                 refund_num: Decimal = ZERO, consign_time: datetime | None = None,
                 confirm_time: datetime | None = None) -> AccountCheck:
    """Create (or refresh) the order's check and match it against the shop's bills for the tid."""
    shop = active_shop(session, tenant_id, shop_no)
    check = session.scalar(select(AccountCheck).where(AccountCheck.tenant_id == tenant_id,
                                                      AccountCheck.shop_id == shop.shop_id, AccountCheck.tid == tid))
    if check is None:
        check = AccountCheck(tenant_id=tenant_id, shop_id=shop.shop_id, platform_id=shop.platform_id, tid=tid,
                             account_check_no=next_no(session, tenant_id, PREFIX))
        session.add(check)
    check.send_amount, check.refund_amount, check.cost_amount = send_amount, refund_amount, cost_amount
    check.send_num, check.refund_num = send_num, refund_num
    check.consign_time = consign_time or check.consign_time
    check.confirm_time = confirm_time or check.confirm_time
    reconcile(session, check)
    return check


def reconcile(session: Session, check: AccountCheck) -> None:
    bills = list(session.scalars(select(RawPayment).where(
        RawPayment.tenant_id == check.tenant_id, RawPayment.shop_id == check.shop_id,
        RawPayment.order_no == check.tid)))
    check.receivable = check.send_amount - check.refund_amount - check.cost_amount
    check.received = sum((b.in_amount - b.out_amount for b in bills), ZERO)
    check.pay_amount = sum((b.in_amount + b.out_amount for b in bills), ZERO)
    check.payment_num = sum((b.num for b in bills), ZERO)
    check.check_ratio = (check.received / check.receivable).quantize(Decimal("0.0001")) if check.receivable else ZERO
    now = now_china()
    if not bills:
        check.status = AccountCheckStatus.UNCONFIRMED
    elif check.received == check.receivable:
        check.status = AccountCheckStatus.SUCCESS
        check.check_time = now
        for bill in bills:
            bill.status = RawPaymentStatus.CHECKED
            bill.modified = now
    elif check.received < check.receivable:
        check.status = AccountCheckStatus.PARTLY
    else:
        check.status = AccountCheckStatus.FAILED
    check.modified = now
    session.flush()


def confirm_check(session: Session, tenant_id: int, account_check_no: str) -> AccountCheck:
    """设置对账成功: accept a check that did not balance."""
    check: AccountCheck = find_by_number(session, tenant_id, AccountCheck.account_check_no, account_check_no,
                                         "account check")
    if check.status in (AccountCheckStatus.SUCCESS, AccountCheckStatus.SET_SUCCESS):
        raise business_error("对账单已对账成功", f"{account_check_no} is in status {check.status}")
    check.status = AccountCheckStatus.SET_SUCCESS
    check.check_time = check.modified = now_china()
    session.flush()
    return check
