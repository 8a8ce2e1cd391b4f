"""finance.*: platform bills, payments, account checks, invoices, waybills."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import Envelope, documented_fields, project
from wdterp.domain.finance import account_checks, invoices, payments, waybills
from wdterp.protocol.clock import CHINA_TZ


def millis(value: datetime | None) -> int | str:
    """The pages' 毫秒级时间戳 (server time UTC+8)."""
    return "" if value is None else int(value.replace(tzinfo=CHINA_TZ).timestamp() * 1000)


# ---------------------------------------------------------------------------- platform bills


@declare("finance.RawPayment.push")
def push_raw_payment(ctx: CallContext, detail_list: list[dict[str, Any]]) -> Envelope:
    errors = payments.push_raw_payments(ctx.session, ctx.tenant_id, detail_list, ctx.permitted_shops())
    return Envelope({"total": len(errors), "data": errors} if errors else {"data": []})


@declare("finance.RawPayment.search", list_name="detail_list")
def search_raw_payment(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    names = documented_fields(ctx.method, "detail_list")
    stmt = payments.raw_payments_query(ctx.session, ctx.tenant_id, params, ctx.permitted_shops())
    return ctx.paginate(stmt, lambda row: project(
        row[0], names, shop_no=row[1].shop_no, create_time=millis(row[0].create_time),
        created=millis(row[0].created), modified=millis(row[0].modified)), scalars=False)


# ---------------------------------------------------------------------------- payments


@declare("finance.Payment.search", list_name="order")
def search_payment(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    head, lines = documented_fields(ctx.method, "order"), documented_fields(ctx.method, "detail_list")
    page = ctx.paginate(payments.payments_query(ctx.tenant_id, params), lambda p: {"_obj": p})
    shops = payments.shop_names(ctx.session, {d.shop_id for r in page["order"] for d in r["_obj"].details})
    page["order"] = [project(r["_obj"], head, detail_list=[
        project(d, lines, shop_name=shops.get(d.shop_id, "") if d.src_order_type == 1 else "")
        for d in r["_obj"].details]) for r in page["order"]]
    return page


@declare("finance.AlipayAccountCheck.search", list_name="order")
def search_account_check(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    names = documented_fields(ctx.method, "order")
    stmt = account_checks.checks_query(ctx.tenant_id, params, ctx.permitted_shops())
    return ctx.paginate(stmt, lambda row: project(row[0], names, shop_no=row[1].shop_no,
                                                  shop_name=row[1].shop_name), scalars=False)


# ---------------------------------------------------------------------------- invoices


@declare("finance.invoice.InvoiceOrder.search", list_name="order", window_unless=("invoice_order_no",))
def search_invoice(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    head, lines = documented_fields(ctx.method, "order"), documented_fields(ctx.method, "detail_list")
    stmt = invoices.invoices_query(ctx.tenant_id, params, ctx.permitted_shops())
    return ctx.paginate(stmt, lambda row: project(
        row[0], head, shop_no=row[1].shop_no, shop_name=row[1].shop_name, created=millis(row[0].created),
        detail_list=[project(d, lines) for d in row[0].details]), scalars=False)


UPDATE_INVOICE = "finance.invoice.InvoiceOrder.updateInvoice"
#: file_url may be left out for status 85 (the page's only argument is unnamed: its table is `_arg0`)
@declare(UPDATE_INVOICE, optional=("file_url",))
def update_invoice(ctx: CallContext, rows: list[dict[str, Any]]) -> Envelope:
    return Envelope({"error_info": invoices.update_invoices(ctx.session, ctx.tenant_id, rows,
                                                            ctx.permitted_shops())})


# ---------------------------------------------------------------------------- waybills


@declare("finance.settle.Logistics.search", list_name="detail_list")
def search_waybill(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    names = documented_fields(ctx.method, "detail_list")
    return ctx.paginate(waybills.waybills_query(ctx.tenant_id, params),
                        lambda w: project(w, names, satus=w.status))
