"""Searches compiled once and run on the DBAPI connection: the read path without the ORM.

A `Search` is a Core select with optional filters, each a clause over a bound parameter of the
filter's name. Which filters a call gives (and how long its lists are) picks one statement, compiled
once per dialect with its page (LIMIT/OFFSET) and its count; a call only binds values, runs the
SQL text on the DBAPI cursor and reads tuples. That costs ~20 us where building, compiling (cache
key) and executing a select through SQLAlchemy costs ~150-600 us.

    WAREHOUSES = Search(
        select(*Warehouse.__table__.c).where(Warehouse.tenant_id == bindparam("tenant_id")),
        order_by=(Warehouse.warehouse_id,),
        filters={"warehouse_no": lambda p: Warehouse.warehouse_no == p,
                 "permitted": lambda ps: Warehouse.warehouse_no.in_(ps)})   # a list: one param each

    WAREHOUSES.bind(tenant_id=1, warehouse_no="W1")       # a `Bound` search, run by `fetch_page`

Values are converted by the column types' bind processors (SQLite's datetime text, booleans), so
the SQL compares exactly what SQLAlchemy would have sent. Rows come back as the driver gives them:
`read_plan` says how to turn each column into what the column's type would have read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, select
from sqlalchemy.engine import Dialect

Clause = Callable[[Any], Any]


#: compiled statements kept per search (one per filters given and list lengths, and dialect)
CACHE_LIMIT = 256


@dataclass(frozen=True)
class Compiled:
    sql: str
    names: tuple[str, ...]
    positional: bool
    processors: Mapping[str, Callable[[Any], Any]]
    #: values of parameters the statement itself binds (`column == 5` in the base select)
    defaults: Mapping[str, Any]

    def parameters(self, values: Mapping[str, Any]) -> Any:
        procs, defaults = self.processors, self.defaults
        out = []
        for name in self.names:
            value = values[name] if name in values else defaults[name]
            out.append(procs[name](value) if value is not None and name in procs else value)
        return tuple(out) if self.positional else dict(zip(self.names, out, strict=True))


def compile_for(stmt: Any, dialect: Dialect) -> Compiled:
    compiled = stmt.compile(dialect=dialect)
    names = tuple(compiled.positiontup or ()) if compiled.positional else tuple(compiled.binds)
    processors = {k: v for k, v in compiled._bind_processors.items() if v is not None}
    defaults = {name: b.effective_value for name, b in compiled.binds.items()}
    return Compiled(compiled.string, names, bool(compiled.positional), processors, defaults)


def run(conn: Connection, compiled: Compiled, values: Mapping[str, Any]) -> list[Any]:
    """The rows of compiled SQL, as tuples straight from the DBAPI cursor of the unit of work."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    parameters = compiled.parameters(values)
    # listeners of the engine's cursor events (statement capture in tests, tracing) still see it;
    # other events (the SQLite engine's BEGIN) make `_has_events` true: ask the cursor events
    observed = (conn._has_events or conn.engine._has_events) and (
        conn.dispatch.before_cursor_execute or conn.dispatch.after_cursor_execute)
    try:
        if observed:
            conn.dispatch.before_cursor_execute(conn, cursor, compiled.sql, parameters, None, False)
        cursor.execute(compiled.sql, parameters)
        rows = cursor.fetchall()
        if observed:
            conn.dispatch.after_cursor_execute(conn, cursor, compiled.sql, parameters, None, False)
        return rows
    finally:
        cursor.close()


class Search:
    """A select with optional filters, compiled once per (filters given, list lengths, dialect)."""

    def __init__(self, base: Select[*tuple[Any, ...]], order_by: Sequence[Any] = (),
                 filters: Mapping[str, Clause] | None = None) -> None:
        self.base = base
        self.order_by = tuple(order_by)
        self.filters = dict(filters or {})
        self._cache: dict[tuple[Any, ...], tuple[Compiled, Compiled]] = {}
        self._listings: dict[tuple[Any, ...], Compiled] = {}

    @property
    def columns(self) -> tuple[Any, ...]:
        return tuple(self.base.selected_columns)

    def index(self, key: str) -> int:
        """Where the column `key` is in the search's rows."""
        return [c.key for c in self.base.selected_columns].index(key)

    def bind(self, **values: Any) -> Bound:
        """This search with these values; a filter whose value is None (or not given) is left out."""
        return Bound(self, {k: v for k, v in values.items() if v is not None})

    def _shape(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple((name, len(values[name]) if isinstance(values[name], list | tuple) else -1)
                     for name in self.filters if name in values)

    def _build(self, shape: tuple[Any, ...]) -> Select[Any]:
        stmt = self.base
        for name, length in shape:
            param: Any = bindparam(name) if length < 0 else [bindparam(f"{name}__{i}") for i in range(length)]
            stmt = stmt.where(self.filters[name](param))
        return stmt

    def statements(self, values: Mapping[str, Any], dialect: Dialect) -> tuple[Compiled, Compiled]:
        """(page, count) for these values: the page takes `page_limit` and `page_offset`."""
        shape = self._shape(values)
        key = (dialect.name, shape)
        found = self._cache.get(key)
        if found is None:
            stmt = self._build(shape)
            page = stmt.order_by(*self.order_by).limit(bindparam("page_limit")).offset(bindparam("page_offset"))
            count = select(func.count()).select_from(stmt.subquery())
            found = (compile_for(page, dialect), compile_for(count, dialect))
            if len(self._cache) >= CACHE_LIMIT:  # list lengths are the caller's: bound what they can grow
                with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                    del self._cache[next(iter(self._cache))]
            self._cache[key] = found
        return found

    def listing(self, values: Mapping[str, Any], dialect: Dialect) -> Compiled:
        """Every row for these values, in order, without a page (lines of a page's documents)."""
        shape = self._shape(values)
        key = (dialect.name, shape)
        found = self._listings.get(key)
        if found is None:
            found = self._listings[key] = compile_for(self._build(shape).order_by(*self.order_by), dialect)
        return found


def _flatten(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, list | tuple):
            out.update({f"{name}__{i}": v for i, v in enumerate(value)})
        else:
            out[name] = value
    return out


@dataclass(frozen=True)
class Bound:
    """A search with the values of one call."""

    search: Search
    values: Mapping[str, Any]

    def page(self, conn: Connection, limit: int, offset: int) -> list[Any]:
        page, _ = self.search.statements(self.values, conn.dialect)
        return run(conn, page, {**_flatten(self.values), "page_limit": limit, "page_offset": offset})

    def count(self, conn: Connection) -> int:
        _, count = self.search.statements(self.values, conn.dialect)
        return int(run(conn, count, _flatten(self.values))[0][0])

    def all(self, conn: Connection) -> list[Any]:
        """Every row, no page: for lookups by the keys of a page (`keys`)."""
        return run(conn, self.search.listing(self.values, conn.dialect), _flatten(self.values))


# ---------------------------------------------------------------------------- filter clauses


def equal(column: Any) -> Clause:
    return lambda p: column == p


def since(column: Any) -> Clause:
    """The start of a half-open window [start, end): consecutive windows never return a row twice."""
    return lambda p: column >= p


def before(column: Any) -> Clause:
    return lambda p: column < p


def among(column: Any) -> Clause:
    """`column IN (...)`: the value is a list, one bound parameter per item."""
    return lambda ps: column.in_(ps)


def containing(column: Any) -> Clause:
    return lambda p: column.contains(p)


def keys(values: Iterable[Any]) -> list[Any]:
    """Keys for an `among` filter of a lookup: sorted, once each, padded to a power of two by
    repeating the last (the same rows): a page's lookups then compile a handful of statements,
    not one per number of keys."""
    out = sorted(set(values))
    if out:
        out += [out[-1]] * ((1 << (len(out) - 1).bit_length()) - len(out))
    return out


def given(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """The values of `names` that were given: neither None nor ""."""
    return {n: values[n] for n in names if values.get(n) is not None and values[n] != ""}


def permitted(allowed: frozenset[str] | None) -> list[str] | None:
    """A permission list as a filter value (None: everything is allowed)."""
    return None if allowed is None else sorted(allowed)
