"""Small query-building helpers shared by every context's searches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.protocol.numbers import INT32_MAX, INT32_MIN


def in_window(stmt: Select[Any], column: Any, start: datetime | None, end: datetime | None) -> Select[Any]:
    """Half-open [start, end): consecutive incremental windows never return a row twice."""
    if start is not None:
        stmt = stmt.where(column >= start)
    if end is not None:
        stmt = stmt.where(column < end)
    return stmt


def equal_if_given(stmt: Select[Any], pairs: Iterable[tuple[Any, Any]]) -> Select[Any]:
    """Add `column == value` for every pair whose value was given (not None, not "")."""
    for column, value in pairs:
        if value is not None and value != "":
            stmt = stmt.where(column == value)
    return stmt


def among(column: Any, allowed: frozenset[str] | None) -> ColumnElement[bool] | None:
    """`column IN allowed` for a permission list; None when everything is allowed."""
    return None if allowed is None else column.in_(sorted(allowed))


def storable_key(value: int) -> bool:
    """Whether an id can name a row: our keys are 32-bit, a documented Long may be larger (no such
    row, rather than PostgreSQL's "integer out of range")."""
    return INT32_MIN <= value <= INT32_MAX


def by_id(session: Session, model: Any, ids: Iterable[int]) -> dict[int, Any]:
    """Rows of `model` by primary key, read in one statement."""
    wanted = sorted({i for i in ids if i is not None and storable_key(i)})
    if not wanted:
        return {}
    key = model.__mapper__.primary_key[0]
    return {getattr(row, key.key): row for row in session.scalars(select(model).where(key.in_(wanted)))}


def split_list(value: str | None, sep: str = ",") -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def find_by_number(session: Session, tenant_id: int, number: InstrumentedAttribute[str], value: str,
                   what: str, cancelled: int | None = None) -> Any:
    """A tenant's document by its number column, e.g. `StockCount.pd_no`: E26 when there is none
    (or, given `cancelled`, when it is in that status)."""
    model = number.class_
    found = session.scalar(select(model).where(model.tenant_id == tenant_id, number == value))
    if found is None or (cancelled is not None and found.status == cancelled):
        raise ApiError("E26", f"{what} {value!r} not found" + (" or cancelled" if cancelled is not None else ""))
    return found


def cancel_document(doc: Any, number: str, cancelled: int, cancellable: Iterable[int], name_zh: str) -> None:
    """Cancel a document in one of the `cancellable` states (E26 when it already is; 「…状态不正确」 else)."""
    if doc.status == cancelled:
        raise ApiError("E26", f"{number} is already cancelled")
    if doc.status not in set(cancellable):
        raise business_error(f"{name_zh}状态不正确", f"{number} is in status {doc.status}, cannot cancel")
    doc.status = cancelled
    doc.modified = now_china()
