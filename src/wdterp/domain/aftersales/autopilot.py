"""The tenant's autopilot (`autopilot` setting, as for raw trades) on aftersales: `auto_submit` submits
each uploaded raw refund at once, `auto_check` also checks its refund, in the upload's transaction;
`auto_receive_refund_after_seconds` receives a checked return's goods (good stock) that long after its
check, in the server's background round."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.aftersales import service
from wdterp.domain.aftersales.models import RawRefund, Refund
from wdterp.domain.aftersales.statuses import GOODS_BACK, RawProcess, RefundStatus, StockinState
from wdterp.domain.sales.autopilot import AUTOPILOT_OPERATOR, BATCH, SETTING, rules_of
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.errors import ApiError
from wdterp.storage.units import each_in_savepoint

RECEIVE_RULE = "auto_receive_refund_after_seconds"


def after_upload(session: Session, tenant_id: int, raws: Sequence[RawRefund]) -> None:
    rules = rules_of(session.get(Tenant, tenant_id))
    if not rules.get("auto_submit"):
        return
    due = [raw for raw in raws if raw.process_status == RawProcess.NEW]

    def submit(raw: RawRefund) -> object:
        refund = service.submit(session, raw, AUTOPILOT_OPERATOR)
        if refund is not None and rules.get("auto_check"):
            service.check(session, refund, AUTOPILOT_OPERATOR)
        return refund

    for raw, _, err in each_in_savepoint(session, due, submit, ApiError):
        if err is not None:
            # the savepoint's rollback expired what the submit set: record the failure again
            raw.process_status = RawProcess.FAILED
            raw.bad_reason = f"自动递交失败: {err.message}"[:255]


def set_receive_rule(session: Session, tenant_id: int, after_seconds: int) -> dict[str, Any]:
    """Receive checked returns `after_seconds` after their check (negative: off)."""
    tenant = session.get(Tenant, tenant_id)
    assert tenant is not None
    rules = rules_of(tenant)
    rules[RECEIVE_RULE] = None if after_seconds < 0 else after_seconds
    tenant.settings = {**(tenant.settings or {}), SETTING: rules}
    session.flush()
    return rules


def receive_due(session: Session, now: datetime) -> int:
    """One background round: every tenant's checked returns older than its delay are received."""
    received = 0
    for tenant in session.scalars(select(Tenant).where(Tenant.enabled.is_(True))):
        delay = rules_of(tenant).get(RECEIVE_RULE)
        if delay is None or delay == "":
            continue
        refunds = session.scalars(select(Refund).where(
            Refund.tenant_id == tenant.id, Refund.status == RefundStatus.CHECKED, Refund.type.in_(list(GOODS_BACK)),
            Refund.stockin_status.in_([StockinState.AWAITING, StockinState.PARTIAL]),
            Refund.check_time <= now - timedelta(seconds=int(delay))).order_by(Refund.refund_id).limit(BATCH)).all()
        receive = lambda refund: service.receive(session, refund, AUTOPILOT_OPERATOR)  # noqa: E731
        received += sum(1 for _, _, err in each_in_savepoint(session, refunds, receive, ApiError) if err is None)
    return received
