"""Sales payments (销售收付单): a receipt when a raw trade is paid, a refund when it is cancelled after
payment; searched by sales.Payment.queryWithDetail."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.numbering.service import next_no, next_nos
from wdterp.domain.sales.models import RawTrade, SalesPayment
from wdterp.domain.sales.statuses import SYSTEM_OPERATOR, PaymentOrderType, PaymentStatus
from wdterp.protocol.clock import now_china

PAYMENT_PREFIX = "SF"
#: 收款账户 per pay_method (the push pages' list)
ACCOUNTS = {1: "在线转账", 2: "现金", 3: "银行转账", 4: "邮局汇款", 5: "预付款", 6: "刷卡", 7: "支付宝", 8: "微信支付"}


#: the raw trade's columns a payment is made from
_RAW_FIELDS = ("tenant_id", "shop_id", "tid", "rec_id", "pay_method", "buyer_nick", "pay_account", "pay_time",
               "paid", "receivable")


def raw_fields(raw: RawTrade) -> dict[str, Any]:
    """A stored raw trade as the row `payment_values` and `receipt_amount` read."""
    return {name: getattr(raw, name) for name in _RAW_FIELDS}


def payment_values(raw: Mapping[str, Any], is_refund: bool, amount: Decimal, remark: str, payment_no: str,
                   now: datetime) -> dict[str, Any]:
    """The columns of a payment of the raw trade `raw` (its row: `raw_fields`, or a bulk row)."""
    return dict(
        tenant_id=raw["tenant_id"], payment_no=payment_no,
        status=PaymentStatus.COMPLETED, shop_id=raw["shop_id"], sales_order_no=raw["tid"],
        sales_order_id=raw["rec_id"], raw_nos=raw["tid"], order_type=PaymentOrderType.RAW_TRADE,
        refund_type="退款" if is_refund else "货款", account_id=raw["pay_method"],
        account_name=ACCOUNTS.get(raw["pay_method"], ""), buyer_nick=raw["buyer_nick"],
        pay_account=raw["pay_account"], account_bank="", is_refund=is_refund,
        refund_amount=amount if is_refund else Decimal(0), receive_amount=Decimal(0) if is_refund else amount,
        real_amount=amount, verify_amount=amount, operator_name=SYSTEM_OPERATOR, checker_name=SYSTEM_OPERATOR,
        pay_time=(raw["pay_time"] or now) if not is_refund else now, remark=remark, created=now, modified=now)


def _payment(session: Session, raw: RawTrade, is_refund: bool, amount: Decimal, remark: str) -> SalesPayment:
    now = now_china()
    row = SalesPayment(**payment_values(raw_fields(raw), is_refund, amount, remark,
                                        next_no(session, raw.tenant_id, PAYMENT_PREFIX), now))
    session.add(row)
    return row


def receipt_amount(raw: Mapping[str, Any]) -> Decimal:
    amount: Decimal = raw["paid"] if raw["paid"] else raw["receivable"]
    return amount


def receipt_remark(raw: Mapping[str, Any], amount: Decimal) -> str:
    return f"原始单{raw['tid']}付款{amount:.4f}元"


def payment_nos(session: Session, tenant_id: int, count: int) -> list[str]:
    """`count` payment numbers in one step of the day's counter."""
    return next_nos(session, tenant_id, PAYMENT_PREFIX, count)


def record_receipt(session: Session, raw: RawTrade) -> SalesPayment:
    fields = raw_fields(raw)
    amount = receipt_amount(fields)
    return _payment(session, raw, False, amount, receipt_remark(fields, amount))


def _balance(session: Session, raw: RawTrade) -> Decimal:
    """What the raw trade's payments received and did not refund yet."""
    received = session.scalars(select(SalesPayment).where(
        SalesPayment.tenant_id == raw.tenant_id, SalesPayment.sales_order_id == raw.rec_id,
        SalesPayment.order_type == PaymentOrderType.RAW_TRADE)).all()
    return sum((p.receive_amount - p.refund_amount for p in received), Decimal(0))


def record_refund(session: Session, raw: RawTrade) -> SalesPayment | None:
    """A refund for a cancelled raw trade that had been paid (none when nothing was received)."""
    balance = _balance(session, raw)
    if balance <= 0:
        return None
    return _payment(session, raw, True, balance, f"原始单{raw.tid}退款{balance:.4f}元")


def record_part_refund(session: Session, raw: RawTrade, amount: Decimal, remark: str) -> SalesPayment | None:
    """A refund of part of a paid raw trade (a completed refund 退换单), at most what it still holds."""
    refunded = min(amount, _balance(session, raw))
    if refunded <= 0:
        return None
    return _payment(session, raw, True, refunded, remark)

