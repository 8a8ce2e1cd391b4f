"""The tenant's autopilot (`autopilot` setting, as for raw trades) on raw refunds: `auto_submit` submits
each uploaded raw refund at once, `auto_check` also checks its refund, in the upload's transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from wdterp.domain.aftersales import service
from wdterp.domain.aftersales.models import RawRefund
from wdterp.domain.aftersales.statuses import RawProcess
from wdterp.domain.sales.autopilot import AUTOPILOT_OPERATOR, rules_of
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.errors import ApiError
from wdterp.storage.units import each_in_savepoint


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
