"""ERP-side actions of the sales core: submit, check, consign, cancel, exceptions, merge, labels,
archive, imports, and the per-tenant autopilot."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.queries import split_list
from wdterp.domain.sales import autopilot, edits, service, tradelog
from wdterp.protocol.clock import now_china

OPERATOR = "ops"


@operation("sales.submit", help="递交: turn a raw trade (tid) into a trade", params={"tid": str})
def submit(session: Session, tenant_id: int, tid: str) -> dict[str, Any]:
    return service.trade_summary(service.submit(session, tenant_id, tid, OPERATOR))


@operation("sales.check", help="审核: reserve stock and create the sales stockout", params={"trade_no": str})
def check(session: Session, tenant_id: int, trade_no: str) -> dict[str, Any]:
    return service.trade_summary(service.check(session, tenant_id, trade_no, OPERATOR))


@operation("sales.consign", help="发货: ship a checked trade (tracking number generated when omitted)",
           params={"trade_no": str,
                   "logistics_no": Param(str, default="", help="logistics company code (setting.Logistics)"),
                   "tracking_no": Param(str, default="", help="tracking number (generated when empty)")})
def consign(session: Session, tenant_id: int, trade_no: str, logistics_no: str, tracking_no: str) -> dict[str, Any]:
    trade = service.consign(session, tenant_id, trade_no, logistics_no or None, tracking_no or None, OPERATOR)
    return service.trade_summary(trade)


@operation("sales.cancel", help="Cancel an unshipped trade (releases its reserved stock)",
           params={"trade_no": str, "reason": Param(str, default="客户取消")})
def cancel(session: Session, tenant_id: int, trade_no: str, reason: str) -> dict[str, Any]:
    return service.trade_summary(service.cancel(session, tenant_id, trade_no, reason, OPERATOR))


@operation("sales.to_exception", help="转异常: move an unchecked trade to 23 异常订单", params={"trade_no": str})
def to_exception(session: Session, tenant_id: int, trade_no: str) -> dict[str, Any]:
    failure = edits.to_exception(session, tenant_id, trade_no, OPERATOR)
    if failure:
        raise OperationError(failure)
    return service.trade_summary(tradelog.get_trade(session, tenant_id, trade_no))


@operation("sales.clear_exception", help="清除异常: an exception trade goes back to 待客审", params={"trade_no": str})
def clear_exception(session: Session, tenant_id: int, trade_no: str) -> dict[str, Any]:
    return service.trade_summary(edits.clear_exception(session, tenant_id, trade_no, OPERATOR))


@operation("sales.merge", help="合并: merge trades of one buyer/address into the main trade",
           params={"main_trade_no": str, "trade_nos": Param(str, help="comma-separated trades to merge")})
def merge(session: Session, tenant_id: int, main_trade_no: str, trade_nos: str) -> dict[str, Any]:
    return service.trade_summary(edits.merge(session, tenant_id, main_trade_no, split_list(trade_nos), OPERATOR))


@operation("sales.label", help="Mark a trade with trade labels (setting.CustomAttr names, comma-separated)",
           params={"trade_no": str, "labels": str})
def label(session: Session, tenant_id: int, trade_no: str, labels: str) -> dict[str, Any]:
    return service.trade_summary(service.add_labels(session, tenant_id, trade_no, split_list(labels), OPERATOR))


@operation("sales.archive", help="归档: finished trades older than N days move to the History queries",
           params={"days": Param(int, default=0)})
def archive(session: Session, tenant_id: int, days: int) -> dict[str, Any]:
    return edits.archive(session, tenant_id, days)


@operation("sales.complete_import", help="历史订单导入转完成: an imported trade (7) becomes 110",
           params={"trade_no": str})
def complete_import(session: Session, tenant_id: int, trade_no: str) -> dict[str, Any]:
    return service.trade_summary(edits.complete_imported(session, tenant_id, trade_no, OPERATOR))


@operation("autopilot.set", help="Autopilot rules: auto_submit, auto_check, auto_consign_after_seconds "
                                 "(-1 = off), logistics_no (company code used for auto-consign)",
           params={"auto_submit": Param(bool, default=None), "auto_check": Param(bool, default=None),
                   "auto_consign_after_seconds": Param(int, default=None),
                   "logistics_no": Param(str, default=None)})
def set_autopilot(session: Session, tenant_id: int, auto_submit: bool | None, auto_check: bool | None,
                  auto_consign_after_seconds: int | None, logistics_no: str | None) -> dict[str, Any]:
    return autopilot.set_rules(session, tenant_id, auto_submit=auto_submit, auto_check=auto_check,
                               auto_consign_after_seconds=auto_consign_after_seconds, logistics_no=logistics_no)


@operation("autopilot.run", help="Run one autopilot round now (auto-consign due trades of every tenant)")
def run_autopilot(session: Session, tenant_id: int) -> dict[str, Any]:
    return {"consigned": autopilot.run_autopilot(session, now_china())}
