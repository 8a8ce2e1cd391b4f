"""Writing and reading the call log."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from wdterp.domain.calllog.models import CallLog
from wdterp.protocol.errors import ErrorRow, find_rows

#: the code-100 row whose template is the bare message: it matches every business error
GENERIC_ROW = "E18"


def write_batch(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(CallLog), [_storable(r) for r in rows])


def _storable(row: dict[str, Any]) -> dict[str, Any]:
    """A row every backend can store: a NUL a caller sent (in a method name, a reason quoting its
    input, a captured body) becomes U+FFFD; PostgreSQL refuses NUL in text, and one such row
    once kept its whole batch from ever being written."""
    return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for k, v in row.items()}


def search(session: Session, *, method: str | None = None, status: int | None = None,
           sid: str | None = None, key: str | None = None, after_id: int | None = None,
           limit: int = 50) -> list[CallLog]:
    """Newest first; `after_id` gives only the calls logged after that row (live views)."""
    stmt = select(CallLog).order_by(CallLog.id.desc()).limit(limit)
    if method:
        stmt = stmt.where(CallLog.method == method)
    if status is not None:
        stmt = stmt.where(CallLog.status == status)
    if sid:
        stmt = stmt.where(CallLog.sid == sid)
    if key:
        stmt = stmt.where(CallLog.key == key)
    if after_id is not None:
        stmt = stmt.where(CallLog.id > after_id)
    return list(session.scalars(stmt))


def find(session: Session, request_id: str) -> CallLog | None:
    return session.scalar(select(CallLog).where(CallLog.request_id == request_id))


def error_rows(row: CallLog) -> list[ErrorRow]:
    """The catalog rows that answer with this call's status and message (none for a success);
    the generic row E18 (`{message}`) only when no specific row matches."""
    if row.status == 0:
        return []
    rows = find_rows(row.status, row.message)
    return [r for r in rows if r.row != GENERIC_ROW] or rows


def calls_per_minute(session: Session, since: datetime) -> list[tuple[str, int, int]]:
    """(minute, calls, failed calls) of every minute since `since` that had calls, oldest first."""
    counts: dict[str, list[int]] = {}
    for time, status in session.execute(select(CallLog.time, CallLog.status).where(CallLog.time >= since)):
        minute = time.strftime("%Y-%m-%d %H:%M")
        entry = counts.setdefault(minute, [0, 0])
        entry[0] += 1
        entry[1] += status != 0
    return [(minute, c[0], c[1]) for minute, c in sorted(counts.items())]


def errors_by_row(session: Session, since: datetime) -> list[tuple[str, str, int]]:
    """(row, name, failed calls) since `since`, the most frequent first."""
    tally: Counter[tuple[str, str]] = Counter()
    stmt = (select(CallLog.status, CallLog.message, func.count()).where(CallLog.time >= since, CallLog.status != 0)
            .group_by(CallLog.status, CallLog.message))
    for status, message, count in session.execute(stmt):
        probe = CallLog(status=status, message=message)
        matches = error_rows(probe)
        tally[(matches[0].row, matches[0].name) if matches else ("?", message)] += count
    return [(row, name, count) for (row, name), count in tally.most_common()]


def recent_window(now: datetime, minutes: int = 30) -> datetime:
    return now - timedelta(minutes=minutes)
