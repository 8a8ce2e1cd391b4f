"""finance.*: platform bills, payments, account checks, invoices, waybills."""

from __future__ import annotations

from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import Envelope, search_shape
from wdterp.domain.finance import invoices, payments, searches
from wdterp.protocol.clock import wire_millis as millis

# ---------------------------------------------------------------------------- platform bills


@declare("finance.RawPayment.push")
def push_raw_payment(ctx: CallContext, detail_list: list[dict[str, Any]]) -> Envelope:
    errors = payments.push_raw_payments(ctx.session, ctx.tenant_id, detail_list, ctx.permitted_shops())
    return Envelope({"total": len(errors), "data": errors} if errors else {"data": []})


RAW_PAYMENT_ROWS = search_shape("finance.RawPayment.search", "detail_list", searches.RAW_PAYMENTS.columns,
                                via={"create_time": millis, "created": millis, "modified": millis})


@declare("finance.RawPayment.search", list_name="detail_list")
def search_raw_payment(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.raw_payments(ctx.connection, ctx.tenant_id, params, ctx.permitted_shops()),
                      RAW_PAYMENT_ROWS)


# ---------------------------------------------------------------------------- payments


PAYMENT_ROWS = search_shape("finance.Payment.search", "order", searches.PAYMENTS.columns, ("detail_list",))
PAYMENT_LINE_ROWS = search_shape("finance.Payment.search", "detail_list", searches.PAYMENT_LINES.columns)
_PAYMENT_ID = searches.PAYMENTS.index("rec_id")
_PAYMENT_OF_LINE = searches.PAYMENT_LINES.index("payment_order_id")


@declare("finance.Payment.search", list_name="order")
def search_payment(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    def lines(rows: list[Any]) -> dict[str, list[Any]]:
        ids = [r[_PAYMENT_ID] for r in rows]
        return {"detail_list": ctx.children(searches.payment_lines(ids), PAYMENT_LINE_ROWS, _PAYMENT_OF_LINE, ids)}
    return ctx.search(searches.payments(ctx.tenant_id, params), PAYMENT_ROWS, lines)


ACCOUNT_CHECK_ROWS = search_shape("finance.AlipayAccountCheck.search", "order", searches.ACCOUNT_CHECKS.columns)


@declare("finance.AlipayAccountCheck.search", list_name="order")
def search_account_check(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.account_checks(ctx.tenant_id, params, ctx.permitted_shops()), ACCOUNT_CHECK_ROWS)


# ---------------------------------------------------------------------------- invoices


INVOICE_ROWS = search_shape("finance.invoice.InvoiceOrder.search", "order", searches.INVOICES.columns,
                            ("detail_list",), via={"created": millis})
INVOICE_LINE_ROWS = search_shape("finance.invoice.InvoiceOrder.search", "detail_list", searches.INVOICE_LINES.columns)
_INVOICE_ID = searches.INVOICES.index("rec_id")
_INVOICE_OF_LINE = searches.INVOICE_LINES.index("invoice_id")


@declare("finance.invoice.InvoiceOrder.search", list_name="order", window_unless=("invoice_order_no",))
def search_invoice(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    def lines(rows: list[Any]) -> dict[str, list[Any]]:
        ids = [r[_INVOICE_ID] for r in rows]
        return {"detail_list": ctx.children(searches.invoice_lines(ids), INVOICE_LINE_ROWS, _INVOICE_OF_LINE, ids)}
    return ctx.search(searches.invoices(ctx.tenant_id, params, ctx.permitted_shops()), INVOICE_ROWS, lines)


UPDATE_INVOICE = "finance.invoice.InvoiceOrder.updateInvoice"
#: file_url may be left out for status 85 (the page's only argument is unnamed: its table is `_arg0`)
@declare(UPDATE_INVOICE, optional=("file_url",))
def update_invoice(ctx: CallContext, rows: list[dict[str, Any]]) -> Envelope:
    return Envelope({"error_info": invoices.update_invoices(ctx.session, ctx.tenant_id, rows,
                                                            ctx.permitted_shops())})


# ---------------------------------------------------------------------------- waybills


WAYBILL_ROWS = search_shape("finance.settle.Logistics.search", "detail_list", searches.WAYBILLS.columns)


@declare("finance.settle.Logistics.search", list_name="detail_list")
def search_waybill(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.waybills(ctx.tenant_id, params), WAYBILL_ROWS)
