"""Bulk writes of the push: many rows of one table in one `executemany`, without SQLAlchemy's
per-row parameter handling (the column types' own bind processors are still applied, so the stored
values are those the ORM would write).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update
from sqlalchemy.engine import Dialect

Processor = Callable[[Any], Any]


@lru_cache(maxsize=64)
def _compiled(dialect: Dialect, table: Table, names: tuple[str, ...]) -> tuple[
        str, bool, tuple[str, ...], tuple[tuple[int, Processor], ...]]:
    """INSERT text for these columns in the dialect's paramstyle: (sql, positional, parameter names in
    order, (position, bind processor) of the parameters whose type has one)."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    keys = tuple(compiled.positiontup or ()) if compiled.positional else names
    assert set(keys) == set(names), (keys, names)
    processors = []
    for at, name in enumerate(keys):
        proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None:
            processors.append((at, proc))
    return compiled.string, compiled.positional, keys, tuple(processors)


@lru_cache(maxsize=64)
def _compiled_update(dialect: Dialect, table: Table, names: tuple[str, ...]) -> tuple[
        str, bool, tuple[str, ...], tuple[tuple[int, Processor], ...]]:
    """UPDATE ... WHERE key = :key_ text setting these columns, as `_compiled` gives an INSERT."""
    (key,) = table.primary_key.columns
    stmt = update(table).where(key == bindparam(f"{key.name}_")).values(
        {name: bindparam(name) for name in names if name != key.name})
    compiled = stmt.compile(dialect=dialect)
    keys = tuple(compiled.positiontup or ()) if compiled.positional else tuple(compiled.binds)
    processors = []
    for at, name in enumerate(keys):
        column = table.c[name.removesuffix("_")]
        proc = column.type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None:
            processors.append((at, proc))
    return compiled.string, compiled.positional, keys, tuple(processors)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (each with the same keys and every value given: column defaults are not applied)."""
    if not rows:
        return
    _execute_many(conn, _compiled(conn.dialect, table, tuple(rows[0])), rows)


def update_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Update rows by their key (each row: the key column and the columns it sets; rows may set
    different columns: one `executemany` per set)."""
    (key,) = table.primary_key.columns
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for names, group in groups.items():
        statement = _compiled_update(conn.dialect, table, names)
        _execute_many(conn, statement, [{**row, f"{key.name}_": row[key.name]} for row in group])


def _execute_many(conn: Connection, statement: tuple[str, bool, tuple[str, ...], tuple[tuple[int, Processor], ...]],
                  rows: Sequence[dict[str, Any]]) -> None:
    sql, positional, keys, processors = statement
    getter = itemgetter(*keys)
    params: list[Any] = []
    for row in rows:
        values = list(getter(row)) if len(keys) > 1 else [row[keys[0]]]
        for at, proc in processors:
            value = values[at]
            if value is not None:
                values[at] = proc(value)
        params.append(tuple(values) if positional else dict(zip(keys, values, strict=True)))
    conn.exec_driver_sql(sql, params)


def reserve_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """`count` new values of the table's integer key, so rows can be inserted with their key given
    (no RETURNING needed). PostgreSQL: from the column's sequence. SQLite: after the current maximum,
    which is what SQLite assigns itself; the caller holds the write lock (BEGIN IMMEDIATE)."""
    if count <= 0:
        return []
    (key,) = table.primary_key.columns
    if conn.dialect.name == "postgresql":
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                {"t": table.name, "c": key.name}).scalar_one()
        return list(conn.execute(text("SELECT nextval(:s) FROM generate_series(1, :n)"),
                                 {"s": sequence, "n": count}).scalars())
    top = conn.execute(select(func.max(key))).scalar() or 0
    return list(range(top + 1, top + count + 1))
