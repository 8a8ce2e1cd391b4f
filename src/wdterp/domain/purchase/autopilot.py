"""Per-tenant autopilot of the purchase loop (tenant setting `purchase_autopilot`), so a supplier's or
a WMS's CI can run procure-to-stock unattended:

    {"auto_check": true, "auto_receive_after_seconds": 30}

auto_check checks every order createOrder makes (in the call's transaction: a failed check leaves
the order editing); auto-receive, in the server's background round, receives in full every order
checked at least N seconds ago (one checked purchase stockin into its expected warehouse).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.purchase import orders, receiving
from wdterp.domain.purchase.models import PurchaseOrder
from wdterp.domain.purchase.statuses import OrderStatus
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.errors import ApiError
from wdterp.storage.units import each_in_savepoint

SETTING = "purchase_autopilot"
OPERATOR = "自动流转"
#: orders received per tenant per background round
BATCH = 100


def rules_of(settings: dict[str, Any] | None) -> dict[str, Any]:
    return dict((settings or {}).get(SETTING) or {})


def set_rules(session: Session, tenant_id: int, *, auto_check: bool | None = None,
              auto_receive_after_seconds: int | None = None) -> dict[str, Any]:
    """Change the tenant's rules (only the given ones); a negative delay turns auto-receive off."""
    tenant = session.get(Tenant, tenant_id)
    assert tenant is not None
    rules = rules_of(tenant.settings)
    if auto_check is not None:
        rules["auto_check"] = bool(auto_check)
    if auto_receive_after_seconds is not None:
        rules["auto_receive_after_seconds"] = None if auto_receive_after_seconds < 0 else auto_receive_after_seconds
    tenant.settings = {**(tenant.settings or {}), SETTING: rules}
    session.flush()
    return rules


def after_create(session: Session, order: PurchaseOrder, settings: dict[str, Any]) -> str:
    """Check a new order when the tenant's rules say so: the reason it failed, or ""."""
    if not rules_of(settings).get("auto_check") or order.status != OrderStatus.EDITING:
        return ""
    return orders.check_or_report(session, order, OPERATOR, settings)


def run(session: Session, now: datetime) -> int:
    """One background round: receive the due orders of every tenant with auto-receive on."""
    received = 0
    for tenant in session.scalars(select(Tenant).where(Tenant.enabled.is_(True))):
        settings = dict(tenant.settings or {})
        delay = rules_of(settings).get("auto_receive_after_seconds")
        if delay is None or delay == "":
            continue
        due = session.scalars(select(PurchaseOrder).where(
            PurchaseOrder.tenant_id == tenant.id, PurchaseOrder.status.in_(
                (OrderStatus.CHECKED, OrderStatus.PART_ARRIVED)),
            PurchaseOrder.check_time <= now - timedelta(seconds=int(delay)))
            .order_by(PurchaseOrder.purchase_id).limit(BATCH)
            .with_for_update(skip_locked=True)).all()  # another worker's round skips what this one holds

        def receive(order: PurchaseOrder, settings: dict[str, Any] = settings) -> Any:
            return receiving.receive_due(session, order.tenant_id, order, settings, OPERATOR)

        received += sum(1 for _, doc, err in each_in_savepoint(session, due, receive, ApiError)
                        if err is None and doc is not None)
    return received
