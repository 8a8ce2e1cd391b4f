"""Small query-building helpers shared by every context's searches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select


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


def split_list(value: str | None, sep: str = ",") -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]
