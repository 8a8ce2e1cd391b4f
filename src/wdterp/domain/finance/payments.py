"""Platform bills (平台账单, pushed by the mall) and payments (收付款单, made in the ERP)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.finance.models import Payment, PaymentDetail, RawPayment
from wdterp.domain.finance.statuses import PaymentStatus, RawPaymentStatus
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.masterdata.service import active_shop
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import find_by_number
from wdterp.domain.sales.models import RawTrade
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
OWN_PLATFORM = 127
PAYMENT_PREFIX = "SF"

# ---------------------------------------------------------------------------- platform bills


def push_raw_payments(session: Session, tenant_id: int, rows: list[dict[str, Any]],
                      permitted: frozenset[str] | None) -> list[dict[str, str]]:
    """Store the mall's bills; a bill whose order_no is no raw trade of the shop is refused (per row).

    A bill already pushed (same shop, order_no, pay_order_no, type, raw_order_no) is updated.
    Shops: unknown/disabled/not permitted E20, not the own mall E22, for the whole call.
    """
    shops: dict[str, Shop] = {}
    for row in rows:
        shop = shops.get(row["shop_no"]) or active_shop(session, tenant_id, row["shop_no"], permitted)
        if shop.platform_id != OWN_PLATFORM:
            raise ApiError("E22", f"shop {shop.shop_no} is on platform {shop.platform_id}")
        shops[shop.shop_no] = shop
    errors: list[dict[str, str]] = []
    for row in rows:
        shop = shops[row["shop_no"]]
        linked = session.scalar(select(RawTrade.rec_id).where(
            RawTrade.tenant_id == tenant_id, RawTrade.shop_id == shop.shop_id, RawTrade.tid == row["order_no"]))
        if linked is None:
            errors.append({"order_no": row["order_no"], "error": "关联单号不存在"})
            continue
        _store_bill(session, tenant_id, shop, row)
    session.flush()
    return errors


def _store_bill(session: Session, tenant_id: int, shop: Shop, row: dict[str, Any]) -> RawPayment:
    key = {"pay_order_no": row.get("pay_order_no", ""), "type": int(row.get("type") or 0),
           "raw_order_no": row.get("raw_order_no", "")}
    bill = session.scalar(select(RawPayment).where(
        RawPayment.tenant_id == tenant_id, RawPayment.shop_id == shop.shop_id,
        RawPayment.order_no == row["order_no"], *[getattr(RawPayment, k) == v for k, v in key.items()]))
    if bill is None:
        bill = RawPayment(tenant_id=tenant_id, shop_id=shop.shop_id, platform_id=shop.platform_id,
                          order_no=row["order_no"], status=RawPaymentStatus.UNCONFIRMED, **key)
        session.add(bill)
    for name in ("in_amount", "out_amount", "num", "balance"):
        if row.get(name) is not None:
            setattr(bill, name, Decimal(str(row[name])))
    for name in ("opt_pay_account", "remark"):
        if row.get(name) is not None:
            setattr(bill, name, str(row[name]))
    if row.get("is_guarantee") is not None:
        bill.is_guarantee = bool(row["is_guarantee"])
    bill.create_time = row.get("create_time") or bill.create_time or now_china()
    bill.item = {1: "收款", 2: "退款"}.get(bill.type, "其他")
    bill.description = (bill.remark or "")[:128]
    bill.modified = now_china()
    return bill


# ---------------------------------------------------------------------------- payments


def create_payment(session: Session, tenant_id: int, *, type: int, amount: Decimal, object_no: str = "",
                   object_name: str = "", pay_no: str = "", account_no: str = "", remark: str = "",
                   teller_name: str = "", receipt_name: str = "", use_amount: Decimal = ZERO,
                   details: list[dict[str, Any]] | None = None, submit: bool = True) -> Payment:
    """A payment in 20 待审核 (or 10 编辑中 when not submitted); details name the documents it settles."""
    if type not in (1, 2, 3, 4):
        raise business_error("收付单类型不正确", f"payment type {type}")
    payment = Payment(tenant_id=tenant_id, payment_no=next_no(session, tenant_id, PAYMENT_PREFIX), type=type,
                      status=PaymentStatus.AWAITING_CHECK if submit else PaymentStatus.EDITING,
                      amount=amount, use_amount=use_amount, object_no=object_no, object_name=object_name,
                      pay_no=pay_no, account_no=account_no, remark=remark, teller_name=teller_name,
                      receipt_name=receipt_name)
    for d in details or []:
        shop_id = 0
        if d.get("shop_no"):
            shop_id = active_shop(session, tenant_id, str(d["shop_no"])).shop_id
        payment.details.append(PaymentDetail(
            src_order_type=int(d.get("src_order_type", 1)), src_order_no=str(d.get("src_order_no", "")),
            fee_type=int(d.get("fee_type", 1)), amount=Decimal(str(d.get("amount", amount))), shop_id=shop_id))
    session.add(payment)
    session.flush()
    return payment


def find_payment(session: Session, tenant_id: int, payment_no: str) -> Payment:
    payment: Payment = find_by_number(session, tenant_id, Payment.payment_no, payment_no, "payment",
                                      cancelled=PaymentStatus.CANCELLED)
    return payment


def check_payment(session: Session, tenant_id: int, payment_no: str, when: datetime | None = None) -> Payment:
    payment = find_payment(session, tenant_id, payment_no)
    if payment.status == PaymentStatus.CHECKED:
        raise business_error("收付单已审核", f"{payment_no} already checked")
    payment.status = PaymentStatus.CHECKED
    payment.check_time = when or now_china()
    payment.modified = now_china()
    session.flush()
    return payment


def cancel_payment(session: Session, tenant_id: int, payment_no: str) -> Payment:
    payment = find_payment(session, tenant_id, payment_no)
    if payment.status == PaymentStatus.CHECKED:
        raise business_error("收付单已审核,不能取消", f"{payment_no} is checked")
    payment.status = PaymentStatus.CANCELLED
    payment.modified = now_china()
    session.flush()
    return payment
