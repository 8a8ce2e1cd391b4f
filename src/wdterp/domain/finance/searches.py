"""The finance.* queries as prepared searches (storage/prepared.py): bills, payments, checks,
invoices, waybills, and the lines of a page of payments or invoices."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, case, func, select

from wdterp.domain.finance.models import (
    AccountCheck,
    Invoice,
    InvoiceDetail,
    Payment,
    PaymentDetail,
    RawPayment,
    Waybill,
)
from wdterp.domain.finance.statuses import InvoiceStatus
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.masterdata.searches import active_shop_id
from wdterp.storage.prepared import Bound, Search, among, before, equal, given, keys, permitted, since


def _window(column: Any, name: str) -> dict[str, Any]:
    """Filters `<name>_start` / `<name>_end`: the window on one of several time columns."""
    return {f"{name}_start": since(column), f"{name}_end": before(column)}


def _at(name: str, f: dict[str, Any]) -> dict[str, Any]:
    return {f"{name}_start": f.get("start_time"), f"{name}_end": f.get("end_time")}


def _of_tenant(model: Any, *more: Any) -> Any:
    return select(*model.__table__.c, *more).where(model.tenant_id == bindparam("tenant_id"))


RAW_PAYMENTS = Search(
    _of_tenant(RawPayment, Shop.shop_no.label("shop_no")).join(Shop, Shop.shop_id == RawPayment.shop_id),
    order_by=(RawPayment.rec_id,), filters={
        "shop_id": equal(RawPayment.shop_id), "permitted": among(Shop.shop_no),
        **_window(RawPayment.created, "created"), **_window(RawPayment.create_time, "create_time"),
        "order_no": equal(RawPayment.order_no), "type": equal(RawPayment.type)})

PAYMENTS = Search(_of_tenant(Payment), order_by=(Payment.rec_id,), filters={
    **_window(Payment.modified, "modified"), **_window(Payment.created, "created"),
    "type": equal(Payment.type), "status": equal(Payment.status)})

#: a payment line names its shop when it settles a sales order (src_order_type 1)
PAYMENT_LINES = Search(
    select(*PaymentDetail.__table__.c,
           case((PaymentDetail.src_order_type == 1, func.coalesce(Shop.shop_name, "")), else_="").label("shop_name"))
    .outerjoin(Shop, Shop.shop_id == PaymentDetail.shop_id),
    order_by=(PaymentDetail.payment_order_id, PaymentDetail.rec_id),
    filters={"ids": among(PaymentDetail.payment_order_id)})

#: time_type 1 modified · 2 consign_time · 3 check_time · 4 confirm_time (anything else: modified)
CHECK_TIMES = {1: "modified", 2: "consign_time", 3: "check_time", 4: "confirm_time"}
ACCOUNT_CHECKS = Search(
    _of_tenant(AccountCheck, Shop.shop_no.label("shop_no"), Shop.shop_name.label("shop_name"))
    .join(Shop, Shop.shop_id == AccountCheck.shop_id),
    order_by=(AccountCheck.rec_id,), filters={
        "permitted": among(Shop.shop_no),
        **{k: v for name in CHECK_TIMES.values() for k, v in _window(getattr(AccountCheck, name), name).items()},
        "platform_id": equal(AccountCheck.platform_id), "status": equal(AccountCheck.status)})

INVOICES = Search(
    _of_tenant(Invoice, Shop.shop_no.label("shop_no"), Shop.shop_name.label("shop_name"))
    .join(Shop, Shop.shop_id == Invoice.shop_id),
    order_by=(Invoice.rec_id,), filters={
        "permitted": among(Shop.shop_no), **_window(Invoice.modified, "modified"),
        "invoice_order_no": equal(Invoice.invoice_order_no), "status": equal(Invoice.status),
        "platform_type": equal(Invoice.platform_type)})

INVOICE_LINES = Search(select(*InvoiceDetail.__table__.c), order_by=(InvoiceDetail.invoice_id, InvoiceDetail.rec_id),
                       filters={"ids": among(InvoiceDetail.invoice_id)})

WAYBILLS = Search(_of_tenant(Waybill, Waybill.status.label("satus")), order_by=(Waybill.rec_id,), filters={
    **_window(Waybill.modified, "modified"), "status": equal(Waybill.status)})


def raw_payments(conn: Connection, tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    """time_type 2: the download time (created), else the time the money moved."""
    shop_id = active_shop_id(conn, tenant_id, f["shop_no"], allowed) if f.get("shop_no") else None
    return RAW_PAYMENTS.bind(tenant_id=tenant_id, shop_id=shop_id,
                             permitted=permitted(allowed) if shop_id is None else None,
                             **_at("created" if f.get("time_type") == 2 else "create_time", f),
                             **given(f, "order_no", "type"))


def payments(tenant_id: int, f: dict[str, Any]) -> Bound:
    return PAYMENTS.bind(tenant_id=tenant_id, **_at("modified" if f.get("time_type") == 2 else "created", f),
                         **given(f, "type", "status"))


def payment_lines(payment_ids: list[int]) -> Bound:
    return PAYMENT_LINES.bind(ids=keys(payment_ids))


def account_checks(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    column = CHECK_TIMES.get(int(f.get("time_type") or 1), "modified")
    return ACCOUNT_CHECKS.bind(tenant_id=tenant_id, permitted=permitted(allowed), **_at(column, f),
                               **given(f, "platform_id", "status"))


def invoices(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    """Default: only invoices to issue offline (45); `mode` 1 honours the status/provider filters."""
    chosen = given(f, "status", "platform_type") if f.get("mode") == 1 else {
        "status": int(InvoiceStatus.TO_ISSUE_OFFLINE)}
    return INVOICES.bind(tenant_id=tenant_id, permitted=permitted(allowed), **_at("modified", f),
                         **given(f, "invoice_order_no"), **chosen)


def invoice_lines(invoice_ids: list[int]) -> Bound:
    return INVOICE_LINES.bind(ids=keys(invoice_ids))


def waybills(tenant_id: int, f: dict[str, Any]) -> Bound:
    return WAYBILLS.bind(tenant_id=tenant_id, **_at("modified", f), **given(f, "status"))
