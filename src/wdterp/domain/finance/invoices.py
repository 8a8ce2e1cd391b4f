"""Invoices (发票): requested on a trade, issued offline, reported back with updateInvoice."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.finance.models import Invoice, InvoiceDetail
from wdterp.domain.finance.statuses import REPORTED_INVOICE, UPDATABLE_INVOICE, InvoiceStatus
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.numbering.service import next_no
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)
CENT = Decimal("0.01")
PREFIX = "FP"
#: header fields a request may set (payer, payee, type ...), as the search page names them
HEADER_FIELDS = (
    "trade_no", "platform_type", "provider_name", "is_red", "invoice_type", "business_type", "invoice_mask",
    "flag_name", "invoice_remark", "serial_no", "tax_control_no", "payer_name", "payer_email", "payer_phone",
    "payer_account", "payer_bank", "payer_address", "payer_register_no", "payee_name", "payee_register_no",
    "payee_address", "payee_telno", "payee_bank_name", "payee_bank_account", "payee_receiver", "payee_operator",
    "payee_checker", "payee_remark", "relation_invoice_no_out", "relation_invoice_code", "discount", "discount_tax",
)


def request_invoice(session: Session, tenant_id: int, *, shop_id: int, lines: list[dict[str, Any]],
                    status: int = InvoiceStatus.TO_ISSUE_OFFLINE, **header: Any) -> Invoice:
    """Create an invoice for a trade (the sales flow calls this when a trade asks for one).

    Each line: item_name, item_no, num, price (before tax), tax_rate (0.13 = 13%), and optionally
    unit_name, tax_code, tid, oid, remark, row_type. Amounts are derived: sum_price = num × price,
    tax = sum_price × tax_rate, invoice_amount = goods − discount + tax − discount_tax.
    """
    shop = session.get(Shop, shop_id)
    if shop is None:
        raise business_error("店铺不存在", f"shop id {shop_id}")
    if not lines:
        raise business_error("发票明细不能为空", "an invoice needs at least one line")
    invoice = Invoice(tenant_id=tenant_id, shop_id=shop_id, status=int(status),
                      invoice_order_no=next_no(session, tenant_id, PREFIX))
    for name in HEADER_FIELDS:
        if header.get(name) is not None:
            value = header[name]
            setattr(invoice, name, Decimal(str(value)) if name in ("discount", "discount_tax") else value)
    for raw in lines:
        num, price = Decimal(str(raw.get("num", 1))), Decimal(str(raw.get("price", 0)))
        rate = Decimal(str(raw.get("tax_rate", 0)))
        sum_price = (num * price).quantize(CENT, ROUND_HALF_UP)
        tax = (sum_price * rate).quantize(CENT, ROUND_HALF_UP)
        invoice.details.append(InvoiceDetail(
            item_name=str(raw.get("item_name", "")), item_no=str(raw.get("item_no", "")),
            row_type=int(raw.get("row_type", 0)), unit_name=str(raw.get("unit_name", "")), num=num,
            tax_code=str(raw.get("tax_code", "")), tax_rate=rate, price=price, sum_price=sum_price, tax=tax,
            sum_amount=sum_price + tax, remark=str(raw.get("remark", "")), tid=str(raw.get("tid", "")),
            oid=str(raw.get("oid", "")), trade_no=str(header.get("trade_no") or ""), platform_id=shop.platform_id))
    invoice.goods_amount = sum((d.sum_price for d in invoice.details), ZERO)
    invoice.goods_tax = sum((d.tax for d in invoice.details), ZERO)
    invoice.sum_price = invoice.goods_amount - (invoice.discount or ZERO)
    invoice.sum_tax = invoice.goods_tax - (invoice.discount_tax or ZERO)
    invoice.invoice_amount = invoice.sum_price + invoice.sum_tax
    invoice.invoice_outer_amount = invoice.invoice_amount
    session.add(invoice)
    session.flush()
    return invoice


def update_invoices(session: Session, tenant_id: int, rows: list[dict[str, Any]],
                    permitted: frozenset[str] | None) -> dict[str, str]:
    """Record offline issuing results; refused rows come back as {invoice_order_no: message}."""
    errors: dict[str, str] = {}
    for row in rows:
        no = row["invoice_order_no"]
        invoice = session.scalar(select(Invoice).where(Invoice.tenant_id == tenant_id,
                                                       Invoice.invoice_order_no == no))
        shop = session.get(Shop, invoice.shop_id) if invoice is not None else None
        if invoice is None or shop is None or (permitted is not None and shop.shop_no not in permitted):
            errors[no] = "发票不存在"
            continue
        message = _refusal(invoice, row)
        if message:
            errors[no] = message
            continue
        invoice.status = int(row["status"])
        invoice.invoice_no = row.get("invoice_no") or invoice.invoice_no
        invoice.invoice_code = row.get("invoice_code") or invoice.invoice_code
        for name in ("file_url", "ofd_url", "xml_url", "error_info"):
            if row.get(name) is not None:
                setattr(invoice, name, str(row[name]))
        if row.get("invoice_outer_amount") is not None:
            invoice.invoice_outer_amount = Decimal(str(row["invoice_outer_amount"]))
        if invoice.status == InvoiceStatus.ISSUED:
            invoice.invoice_time = row.get("invoice_time") or now_china()
            invoice.error_info = ""
        invoice.modified = now_china()
    session.flush()
    return errors


def _refusal(invoice: Invoice, row: dict[str, Any]) -> str:
    status = int(row["status"])
    if invoice.status not in UPDATABLE_INVOICE:
        return "发票状态不是线下待开票或线下开票失败,不能回传"
    if status not in REPORTED_INVOICE:
        return "状态只能为60(开票成功)或85(线下开票失败)"
    if status == InvoiceStatus.ISSUED and not row.get("file_url"):
        return "发票下载地址不能为空"
    return ""
