"""Sandbox operations on a whole tenant: snapshot, restore, reset (CLI `wdterp snapshot|restore|reset`,
console page `sandbox`). Every model of every domain is covered through the complete metadata."""

from __future__ import annotations

from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.service import seed_tenant
from wdterp.storage import snapshot
from wdterp.storage.base import Base
from wdterp.storage.snapshot import SnapshotError

#: every model's table: the entry points import all models (`wdterp.wiring`) before anything runs
metadata = Base.metadata

__all__ = ["SnapshotError", "reset_tenant", "restore_tenant", "snapshot_tenant", "tenant_tables"]


def _revision(session: Session) -> str | None:
    return MigrationContext.configure(session.connection()).get_current_revision()


def tenant_tables() -> list[str]:
    """The names of the tables a snapshot holds, parents first."""
    return [scope.table.name for scope in snapshot.tenant_scopes(metadata)]


def snapshot_tenant(session: Session, sid: str) -> dict[str, Any]:
    return snapshot.take(session.connection(), metadata, sid, _revision(session))


def restore_tenant(session: Session, document: dict[str, Any]) -> str:
    """Replace the tenant's state by the snapshot's; returns its sid."""
    return snapshot.restore(session.connection(), metadata, document, _revision(session))


def reset_tenant(session: Session, sid: str) -> int:
    """Delete everything of the tenant but the tenant and its apps, then seed it as a new tenant."""
    tenant_id = snapshot.tenant_id_of(session.connection(), metadata, sid)
    snapshot.clear(session.connection(), metadata, tenant_id, keep=snapshot.KEPT_ON_RESET)
    session.expire_all()
    seed_tenant(session, tenant_id)
    session.flush()
    return tenant_id
