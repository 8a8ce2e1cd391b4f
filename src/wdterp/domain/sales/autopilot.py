"""Per-tenant autopilot of the order loop (tenant setting `autopilot`).

    {"auto_submit": true, "auto_check": true, "auto_consign_after_seconds": 30, "logistics_no": "SF"}

Auto-submit and auto-check run right after a push, in the push's transaction; a trade that cannot
be checked (no stock...) stays in 待客审 with a 1014 订单审核失败 log row. Auto-consign runs in the
server's background task (`run_autopilot`), with a generated tracking number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from wdterp.domain.masterdata.service import active_logistics
from wdterp.domain.sales import edits, flow, tradelog
from wdterp.domain.sales.models import RawTrade, Trade
from wdterp.domain.sales.statuses import LogType, PayStatus, ProcessStatus, TradeStatus
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.errors import ApiError
from wdterp.storage.units import each_in_savepoint

SETTING = "autopilot"
AUTOPILOT_OPERATOR = "自动流转"
#: trades consigned per tenant per background round
BATCH = 200


def rules_of(tenant: Tenant | None) -> dict[str, Any]:
    return dict((tenant.settings or {}).get(SETTING) or {}) if tenant else {}


def set_rules(session: Session, tenant_id: int, *, auto_submit: bool | None = None, auto_check: bool | None = None,
              auto_consign_after_seconds: int | None = None, logistics_no: str | None = None) -> dict[str, Any]:
    """Change the tenant's rules (only the given ones); a negative delay turns auto-consign off."""
    tenant = session.get(Tenant, tenant_id)
    assert tenant is not None
    rules = rules_of(tenant)
    if logistics_no is not None:
        if logistics_no:
            active_logistics(session, tenant_id, logistics_no)
        rules["logistics_no"] = logistics_no
    for name, value in (("auto_submit", auto_submit), ("auto_check", auto_check)):
        if value is not None:
            rules[name] = bool(value)
    if auto_consign_after_seconds is not None:
        rules["auto_consign_after_seconds"] = None if auto_consign_after_seconds < 0 else auto_consign_after_seconds
    tenant.settings = {**(tenant.settings or {}), SETTING: rules}
    session.flush()
    return rules


def after_push(session: Session, tenant_id: int, raw_ids: Sequence[int]) -> None:
    """Auto-submit and auto-check the raw trades a push saved (by rec_id, in push order), when the
    tenant's rules say so."""
    if not raw_ids:
        return
    rules = rules_of(session.get(Tenant, tenant_id))
    if not rules.get("auto_submit"):
        return
    loaded: dict[int, RawTrade] = {}
    for at in range(0, len(raw_ids), 500):
        loaded.update((raw.rec_id, raw) for raw in session.scalars(
            select(RawTrade).where(RawTrade.rec_id.in_(raw_ids[at:at + 500])).options(selectinload(RawTrade.orders))))
    due = [raw for raw in (loaded[rec_id] for rec_id in raw_ids) if raw.process_status == ProcessStatus.NEW
           and (raw.pay_status == PayStatus.PAID or raw.delivery_term == 2)]
    submit = lambda raw: flow.submit(session, raw, AUTOPILOT_OPERATOR)  # noqa: E731
    for raw, trade, err in each_in_savepoint(session, due, submit, ApiError):
        if err is not None:
            # the savepoint's rollback expired what the submit set on the raw trade, its reason too
            raw.bad_reason = f"自动递交失败: {err.message}"[:255]
        elif trade is None:
            raw.bad_reason = raw.bad_reason or "自动递交失败"
        elif rules.get("auto_check"):
            try_check(session, trade)


def try_check(session: Session, trade: Trade) -> bool:
    for _, _, err in each_in_savepoint(session, [trade], lambda t: flow.check(session, t, AUTOPILOT_OPERATOR),
                                       ApiError):
        if err is not None:
            tradelog.add_log(session, trade, LogType.CHECK_FAILED, f"订单审核失败: {err.message}", AUTOPILOT_OPERATOR)
            return False
    return True


#: further steps of each background round (other contexts' autopilot rules; filled by `wdterp.wiring`)
RoundStep = Callable[[Session, datetime], int]
_ROUND_STEPS: list[RoundStep] = []


def register_round_step(step: RoundStep) -> None:
    if step not in _ROUND_STEPS:
        _ROUND_STEPS.append(step)


def run_autopilot(session: Session, now: datetime) -> int:
    """One background round: consign checked trades older than each tenant's delay; purge merge logs;
    then the registered steps (auto-receive of returns ...). Answers the number of trades consigned."""
    edits.purge_merge_logs(session, now)
    for step in _ROUND_STEPS:
        step(session, now)
    shipped = 0
    for tenant in session.scalars(select(Tenant).where(Tenant.enabled.is_(True))):
        rules = rules_of(tenant)
        delay = rules.get("auto_consign_after_seconds")
        if delay is None or delay == "":
            continue
        due = now - timedelta(seconds=int(delay))
        trades = session.scalars(select(Trade).where(
            Trade.tenant_id == tenant.id, Trade.trade_status == TradeStatus.CHECKED, Trade.check_time <= due)
            .order_by(Trade.trade_id).limit(BATCH)).all()
        carrier = rules.get("logistics_no") or None

        def consign(trade: Trade, carrier: str | None = carrier) -> Any:
            return flow.consign(session, trade, carrier, None, AUTOPILOT_OPERATOR)

        shipped += sum(1 for _, _, err in each_in_savepoint(session, trades, consign, ApiError) if err is None)
    return shipped
