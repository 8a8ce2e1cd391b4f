"""Helpers for parts of one unit of work: items each in its own savepoint, inserts that skip rows
already there (the same statement text on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

Item = TypeVar("Item")
Value = TypeVar("Value")
Failure = TypeVar("Failure", bound=Exception)


def each_in_savepoint(session: Session, items: Iterable[Item], work: Callable[[Item], Value],
                      expected: type[Failure]) -> Iterator[tuple[Item, Value | None, Failure | None]]:
    """(item, work's value, None), or (item, None, the `expected` error) when work failed: what that
    item wrote is rolled back, the rest of the unit of work is kept. Other errors propagate."""
    for item in items:
        savepoint = session.begin_nested()
        try:
            value = work(item)
        except expected as err:
            savepoint.rollback()
            yield item, None, err
            continue
        savepoint.commit()
        yield item, value, None


def insert_missing(session: Session, model: Any, rows: Sequence[dict[str, Any]] | dict[str, Any],
                   keys: Sequence[str]) -> None:
    """INSERT the rows, skipping those whose unique `keys` are already there (ON CONFLICT DO NOTHING)."""
    if not rows:
        return
    maker: Any = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(maker(model).values(rows).on_conflict_do_nothing(index_elements=list(keys)))
