"""The next number of a prefix: prefix + YYYYMMDD + 4-digit daily sequence, one counter row per day."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from wdterp.domain.numbering.models import DocumentCounter
from wdterp.protocol.clock import now_china
from wdterp.storage.units import insert_missing


def _step(tenant_id: int, prefix: str, day: str, count: int) -> Any:
    return (update(DocumentCounter)
            .where(DocumentCounter.tenant_id == tenant_id, DocumentCounter.prefix == prefix,
                   DocumentCounter.day == day)
            .values(value=DocumentCounter.value + count).returning(DocumentCounter.value))


def next_no(session: Session, tenant_id: int, prefix: str, when: datetime | None = None) -> str:
    """The next document number of a prefix: prefix + YYYYMMDD + 4-digit daily sequence."""
    return next_nos(session, tenant_id, prefix, 1, when)[0]


def next_nos(session: Session, tenant_id: int, prefix: str, count: int, when: datetime | None = None) -> list[str]:
    """`count` consecutive numbers of a prefix in one step of its counter (on PostgreSQL the counter
    row stays locked until commit, so concurrent callers get disjoint ranges)."""
    if count <= 0:
        return []
    day = (when or now_china()).strftime("%Y%m%d")
    last = session.execute(_step(tenant_id, prefix, day, count)).scalar()
    if last is None:
        # the day's first number: concurrent calls may both get here, so insert-if-absent, then count
        insert_missing(session, DocumentCounter, {"tenant_id": tenant_id, "prefix": prefix, "day": day, "value": 0},
                       ("tenant_id", "prefix", "day"))
        last = session.execute(_step(tenant_id, prefix, day, count)).scalar_one()
    return [f"{prefix}{day}{value:04d}" for value in range(last - count + 1, last + 1)]
