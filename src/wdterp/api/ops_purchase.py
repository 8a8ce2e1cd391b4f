"""ERP-side purchase actions (`wdterp ops run NAME`, `POST /admin/ops/NAME`): confirm applies, check
orders and returns (and undo it), finance approval, stop waiting, receive, appointments, settle,
and the purchase autopilot."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.purchase import applies, appointments, autopilot, orders, receiving, returns, settlement
from wdterp.domain.purchase.models import PurchaseApply, PurchaseOrder, PurchaseReturn, PurchaseSettle
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.clock import now_china, parse_wire_time

OPERATOR = "ops"


def _settings(session: Session, tenant_id: int) -> dict[str, Any]:
    tenant = session.get(Tenant, tenant_id)
    return dict(tenant.settings or {}) if tenant else {}


def _apply(session: Session, tenant_id: int, apply_no: str) -> PurchaseApply:
    found = applies.find(session, tenant_id, apply_no)
    if found is None:
        raise OperationError(f"no purchase apply {apply_no!r}")
    return found


def _order(session: Session, tenant_id: int, purchase_no: str) -> PurchaseOrder:
    return orders.existing(session, tenant_id, purchase_no)


def _order_summary(order: PurchaseOrder) -> dict[str, Any]:
    return {"purchase_no": order.purchase_no, "status": order.status, "stockin_status": order.stockin_status,
            "settle_status": order.settle_status}


def _return_summary(ret: PurchaseReturn) -> dict[str, Any]:
    return {"return_no": ret.return_no, "status": ret.status, "stockout_status": ret.stockout_status,
            "settle_status": ret.settle_status}


# ---------------------------------------------------------------------------- applies


@operation("purchase_apply.check", help="Confirm (提交) a purchase apply: 编辑中/待确认 → 待引用",
           params={"apply_no": str})
def check_apply(session: Session, tenant_id: int, apply_no: str) -> dict[str, Any]:
    apply = _apply(session, tenant_id, apply_no)
    applies.confirm(session, apply)
    return {"apply_no": apply.apply_no, "status": apply.status}


@operation("purchase_apply.uncheck", help="Send a purchase apply back to 编辑中 (待引用, nothing referenced)",
           params={"apply_no": str})
def uncheck_apply(session: Session, tenant_id: int, apply_no: str) -> dict[str, Any]:
    apply = _apply(session, tenant_id, apply_no)
    applies.unconfirm(session, apply)
    return {"apply_no": apply.apply_no, "status": apply.status}


# ---------------------------------------------------------------------------- orders


@operation("purchase.submit", help="Submit a purchase order: 编辑中 → 待审核", params={"purchase_no": str})
def submit_order(session: Session, tenant_id: int, purchase_no: str) -> dict[str, Any]:
    order = _order(session, tenant_id, purchase_no)
    orders.submit(order)
    return _order_summary(order)


@operation("purchase.check", help="Check (审核) a purchase order: 已审核 (待财审 with purchase_finance_check on)",
           params={"purchase_no": str})
def check_order(session: Session, tenant_id: int, purchase_no: str) -> dict[str, Any]:
    order = _order(session, tenant_id, purchase_no)
    orders.check(session, order, OPERATOR, _settings(session, tenant_id))
    return _order_summary(order)


@operation("purchase.finance_check", help="Approve the finance check (财审) of a purchase order: 待财审 → 已审核",
           params={"purchase_no": str})
def finance_check_order(session: Session, tenant_id: int, purchase_no: str) -> dict[str, Any]:
    order = _order(session, tenant_id, purchase_no)
    orders.finance_check(session, order, OPERATOR)
    return _order_summary(order)


@operation("purchase.uncheck", help="Uncheck a purchase order back to 编辑中 (nothing received yet)",
           params={"purchase_no": str})
def uncheck_order(session: Session, tenant_id: int, purchase_no: str) -> dict[str, Any]:
    order = _order(session, tenant_id, purchase_no)
    orders.uncheck(session, order)
    return _order_summary(order)


@operation("purchase.stop_waiting", help="Stop waiting (停止等待) for the rest of a partly received order",
           params={"purchase_no": str})
def stop_waiting_order(session: Session, tenant_id: int, purchase_no: str) -> dict[str, Any]:
    order = _order(session, tenant_id, purchase_no)
    orders.stop_waiting(session, order)
    return _order_summary(order)


@operation("purchase.receive", help="Receive everything still due on a checked order (one checked stockin)",
           params={"purchase_no": str})
def receive_order(session: Session, tenant_id: int, purchase_no: str) -> dict[str, Any]:
    order = _order(session, tenant_id, purchase_no)
    doc = receiving.receive_due(session, tenant_id, order, _settings(session, tenant_id), OPERATOR)
    if doc is None:
        raise OperationError(f"{purchase_no}: nothing is due")
    return {**_order_summary(order), "stockin_no": doc.doc_no}


@operation("purchase.appoint", help="Book a stock-in appointment (预约入库单) for what is due on an order",
           params={"purchase_no": str, "deliver_time": Param(str, default="", help="YYYY-MM-DD HH:MM:SS"),
                   "deliver_name": Param(str, default=""), "car_number": Param(str, default=""),
                   "telno": Param(str, default=""), "check": Param(bool, default=True)})
def appoint(session: Session, tenant_id: int, purchase_no: str, deliver_time: str, deliver_name: str,
            car_number: str, telno: str, check: bool) -> dict[str, Any]:
    order = _order(session, tenant_id, purchase_no)
    when = parse_wire_time(deliver_time) if deliver_time else None
    pre = appointments.appoint(session, order, when, deliver_name, car_number, telno, check)
    return {"pre_order_no": pre.pre_order_no, "status": pre.status}


# ---------------------------------------------------------------------------- returns and settlements


@operation("purchase_return.check", help="Check a purchase return: its goods are held (已审核)",
           params={"return_no": str})
def check_return(session: Session, tenant_id: int, return_no: str) -> dict[str, Any]:
    ret = returns.find(session, tenant_id, return_no)
    returns.check(session, ret, OPERATOR)
    return _return_summary(ret)


@operation("purchase_return.uncheck", help="Uncheck a purchase return with nothing out: back to 编辑中",
           params={"return_no": str})
def uncheck_return(session: Session, tenant_id: int, return_no: str) -> dict[str, Any]:
    ret = returns.find(session, tenant_id, return_no)
    returns.uncheck(session, ret)
    return _return_summary(ret)


@operation("purchase_settle.check", help="Check (审核) a purchase settlement: its order or return counts it",
           params={"settle_no": str})
def check_settle(session: Session, tenant_id: int, settle_no: str) -> dict[str, Any]:
    settle: PurchaseSettle = settlement.find(session, tenant_id, settle_no)
    settlement.check(session, settle, OPERATOR)
    return {"settle_no": settle.settle_no, "status": settle.status, "src_no": settle.src_no}


# ---------------------------------------------------------------------------- autopilot


@operation("purchase_autopilot.set", help="Purchase autopilot: auto_check created orders; auto-receive checked "
           "ones after N seconds (negative turns it off)",
           params={"auto_check": Param(bool, default=None), "auto_receive_after_seconds": Param(int, default=None)})
def set_purchase_autopilot(session: Session, tenant_id: int, auto_check: bool | None,
                           auto_receive_after_seconds: int | None) -> dict[str, Any]:
    return autopilot.set_rules(session, tenant_id, auto_check=auto_check,
                               auto_receive_after_seconds=auto_receive_after_seconds)


@operation("purchase_autopilot.run", help="Run one purchase autopilot round now (auto-receive due orders)")
def run_purchase_autopilot(session: Session, tenant_id: int) -> dict[str, Any]:
    return {"received": autopilot.run(session, now_china())}
