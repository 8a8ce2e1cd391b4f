"""ERP-side operations of money and syncing: payments, account checks, invoices, waybills, sync queues."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.finance import account_checks, invoices, payments, waybills
from wdterp.domain.masterdata.service import active_logistics, active_shop
from wdterp.domain.sync import logistics, stock


def _dec(value: float | int | str | None) -> Decimal:
    return Decimal(str(value or 0))


@operation("finance.payment.create", help="Create a payment (收付款单) awaiting check; details: "
           '[{"src_order_type":1,"src_order_no":"JY..","fee_type":1,"amount":10,"shop_no":".."}]',
           params={"type": Param(int, help="1 收款 2 付款 3 其它收款 4 其他付款"), "amount": float,
                   "object_no": Param(str, ""), "object_name": Param(str, ""),
                   "pay_no": Param(str, ""), "account_no": Param(str, ""),
                   "remark": Param(str, ""), "teller_name": Param(str, ""),
                   "receipt_name": Param(str, ""), "details": Param(list, None),
                   "submit": Param(bool, True)})
def create_payment(session: Session, tenant_id: int, type: int, amount: float, details: list[Any] | None,
                   **rest: Any) -> dict[str, Any]:
    payment = payments.create_payment(session, tenant_id, type=type, amount=_dec(amount), details=details, **rest)
    return {"payment_no": payment.payment_no, "status": payment.status}


@operation("finance.payment.check", help="Check (审核) a payment", params={"payment_no": str})
def check_payment(session: Session, tenant_id: int, payment_no: str) -> dict[str, Any]:
    payment = payments.check_payment(session, tenant_id, payment_no)
    return {"payment_no": payment.payment_no, "status": payment.status}


@operation("finance.payment.cancel", help="Cancel a payment not yet checked", params={"payment_no": str})
def cancel_payment(session: Session, tenant_id: int, payment_no: str) -> dict[str, Any]:
    payment = payments.cancel_payment(session, tenant_id, payment_no)
    return {"payment_no": payment.payment_no, "status": payment.status}


@operation("finance.account_check.import", help="Import a platform account check for an order and match "
           "it against the shop's bills (finance.RawPayment.push)",
           params={"shop_no": str, "tid": str, "send_amount": float, "refund_amount": Param(float, 0.0),
                   "cost_amount": Param(float, 0.0), "send_num": Param(float, 0.0),
                   "refund_num": Param(float, 0.0)})
def import_account_check(session: Session, tenant_id: int, shop_no: str, tid: str, send_amount: float,
                         refund_amount: float, cost_amount: float, send_num: float,
                         refund_num: float) -> dict[str, Any]:
    check = account_checks.import_check(session, tenant_id, shop_no=shop_no, tid=tid,
                                        send_amount=_dec(send_amount), refund_amount=_dec(refund_amount),
                                        cost_amount=_dec(cost_amount), send_num=_dec(send_num),
                                        refund_num=_dec(refund_num))
    return {"account_check_no": check.account_check_no, "status": check.status,
            "receivable": float(check.receivable), "received": float(check.received)}


@operation("finance.account_check.confirm", help="Set an account check successful (设置对账成功)",
           params={"account_check_no": str})
def confirm_account_check(session: Session, tenant_id: int, account_check_no: str) -> dict[str, Any]:
    check = account_checks.confirm_check(session, tenant_id, account_check_no)
    return {"account_check_no": check.account_check_no, "status": check.status}


@operation("invoice.create", extra=True, help="Request an invoice (线下待开票 45 unless status=..); lines: "
           '[{"item_name":"..","item_no":"..","num":1,"price":100,"tax_rate":0.13}]; any other key=value '
           "sets a header field (payer_name, trade_no, invoice_type ...)",
           params={"shop_no": str, "lines": list, "status": Param(int, 45)})
def create_invoice(session: Session, tenant_id: int, shop_no: str, lines: list[dict[str, Any]], status: int,
                   **header: Any) -> dict[str, Any]:
    shop = active_shop(session, tenant_id, shop_no)
    unknown = sorted(set(header) - set(invoices.HEADER_FIELDS))
    if unknown:
        raise OperationError(f"invoice.create: unknown field(s) {', '.join(unknown)}")
    invoice = invoices.request_invoice(session, tenant_id, shop_id=shop.shop_id, lines=lines, status=status,
                                       **header)
    return {"invoice_order_no": invoice.invoice_order_no, "status": invoice.status,
            "invoice_amount": float(invoice.invoice_amount)}


@operation("waybill.assign", help="Record a tracking number obtained for a trade (电子面单 已分配)",
           params={"trade_no": str, "logistics_code": Param(str, help="the logistics company's code"),
                   "logistics_no": str})
def assign_waybill(session: Session, tenant_id: int, trade_no: str, logistics_code: str,
                   logistics_no: str) -> dict[str, Any]:
    company = active_logistics(session, tenant_id, logistics_code)
    bill = waybills.assign_waybill(session, tenant_id, trade_no=trade_no, logistics_id=company.logistics_id,
                                   logistics_no=logistics_no)
    return {"rec_id": bill.rec_id, "status": bill.status}


_WAYBILL_STEPS = {"complete": waybills.complete_waybill, "recycle": waybills.request_recycle,
                  "void": waybills.void_waybill}


@operation("waybill.step", help="Move a waybill: step=complete (shipped) | recycle (待回收) | void (作废) | "
           "recycled | recycle_failed", params={"logistics_no": str, "step": str})
def waybill_step(session: Session, tenant_id: int, logistics_no: str, step: str) -> dict[str, Any]:
    if step in ("recycled", "recycle_failed"):
        bill = waybills.finish_recycle(session, tenant_id, logistics_no, ok=step == "recycled")
    elif step in _WAYBILL_STEPS:
        bill = _WAYBILL_STEPS[step](session, tenant_id, logistics_no)
    else:
        raise OperationError(f"waybill.step: unknown step {step!r}")
    return {"logistics_no": bill.logistics_no, "status": bill.status}


@operation("logistics_sync.retry", help="Put a logistics-sync row back on the pending list (重新同步)",
           params={"sync_id": int})
def retry_logistics_sync(session: Session, tenant_id: int, sync_id: int) -> dict[str, Any]:
    row = logistics.requeue(session, tenant_id, sync_id)
    return {"sync_id": row.sync_id, "sync_status": row.sync_status}


@operation("stock_sync.rule.set", extra=True, help="Create or change a stock-sync rule: shop_ids, warehouse_ids "
           "(comma-separated ids, empty = all), stock_syn_percent, stock_syn_plus, stock_syn_min, stock_syn_max, "
           "priority, is_disabled", params={"rule_no": str})
def set_stock_sync_rule(session: Session, tenant_id: int, rule_no: str, **values: Any) -> dict[str, Any]:
    for key in ("stock_syn_plus", "stock_syn_min", "stock_syn_max"):
        if key in values:
            values[key] = _dec(values[key])
    for key in ("shop_ids", "warehouse_ids"):
        if key in values:
            values[key] = str(values[key])
    rule = stock.set_rule(session, tenant_id, rule_no, values)
    return {"rule_id": rule.rule_id, "rule_no": rule.rule_no}
