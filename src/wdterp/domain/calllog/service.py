"""Writing and reading the call log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from wdterp.domain.calllog.models import CallLog


def write_batch(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(CallLog), list(rows))


def search(session: Session, *, method: str | None = None, status: int | None = None,
           sid: str | None = None, limit: int = 50) -> list[CallLog]:
    stmt = select(CallLog).order_by(CallLog.id.desc()).limit(limit)
    if method:
        stmt = stmt.where(CallLog.method == method)
    if status is not None:
        stmt = stmt.where(CallLog.status == status)
    if sid:
        stmt = stmt.where(CallLog.sid == sid)
    return list(session.scalars(stmt))


def find(session: Session, request_id: str) -> CallLog | None:
    return session.scalar(select(CallLog).where(CallLog.request_id == request_id))
