"""Small query-building helpers shared by every context's searches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.protocol.numbers import INT32_MAX, INT32_MIN

#: what a read of Core statements runs on: a call's connection (the read path, no ORM session made)
#: or a session (writes that read on the way); both have `execute`, `scalar` and `scalars`
Reader = Session | Connection
#: a select of any row shape (`Select[Spec, Goods]` as well as `Select[Any]`)
AnySelect = Select[*tuple[Any, ...]]


def connection_of(reader: Reader) -> Connection:
    return reader if isinstance(reader, Connection) else reader.connection()


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


def by_id(session: Reader, model: Any, ids: Iterable[int]) -> dict[int, Any]:
    """Rows of `model` by primary key, read in one statement: ORM instances from a session,
    `Record`s from a connection (a read that makes no session)."""
    wanted = sorted({i for i in ids if i is not None and storable_key(i)})
    if not wanted:
        return {}
    key = model.__mapper__.primary_key[0]
    if isinstance(session, Connection):
        found = record_rows(session, model, session.execute(select(*columns_of(model)).where(key.in_(wanted))))
        return {getattr(row, key.key): row for row in found}
    return {getattr(row, key.key): row for row in session.scalars(select(model).where(key.in_(wanted)))}


class Record(SimpleNamespace):
    """A table row read as Core (no ORM instance, no session): its columns as attributes, with the
    values the ORM would have loaded (the column types' own conversions); `project` reads it the
    same way. A one-to-many relationship of its model (`doc.lines`) is read on first use, for every
    Record of the same page at once (one query, as a `selectin` load would)."""

    def __getattr__(self, name: str) -> Any:
        page: _Page | None = self.__dict__.get("_page")
        if page is None or name.startswith("_"):
            raise AttributeError(name)
        relationship = inspect(page.model).relationships.get(name)
        if relationship is None or not relationship.uselist:
            raise AttributeError(name)
        with_children(page.reader, page.model, page.records, name)
        return self.__dict__[name]


@dataclass
class _Page:
    """The Records of one model read together, and what reads their relationships."""

    reader: Reader
    model: Any
    records: list[Record] = field(default_factory=list)


def page_records(reader: Reader, model: Any, mappings: Iterable[Mapping[str, Any]]) -> list[Record]:
    """Records of `model` from row mappings, their relationships read on first use."""
    page = _Page(reader, model)
    page.records = [Record(_page=page, **values) for values in mappings]
    return page.records


def records(reader: Reader, stmt: Any) -> list[Record]:
    """The rows of a select of table columns as `Record`s."""
    return [Record(**row._mapping) for row in reader.execute(stmt)]


def record_rows(reader: Reader, model: Any, rows: Iterable[Any]) -> list[Record]:
    """Core rows of `model`'s table columns (as `columns_of(model)` selects them) as `Record`s."""
    return page_records(reader, model, (row._mapping for row in rows))


def columns_of(model: Any) -> tuple[Any, ...]:
    return tuple(model.__table__.c)


def by_key(reader: Reader, key: InstrumentedAttribute[Any], values: Iterable[Any],
           tenant_id: int | None = None) -> dict[Any, Record]:
    """Rows of `key`'s table whose `key` is one of `values` (empty ones left out) as `Record`s, by
    that key; in one query."""
    wanted = sorted({v for v in values if v})
    if not wanted:
        return {}
    model = key.class_
    stmt = select(*columns_of(model)).where(key.in_(wanted))
    if tenant_id is not None:
        stmt = stmt.where(model.tenant_id == tenant_id)
    return {getattr(row, key.key): row for row in records(reader, stmt)}


def with_children(reader: Reader, model: Any, parents: list[Record], relationship: str = "lines") -> list[Record]:
    """`parents` (Records of `model`) with the Records of one of the model's one-to-many
    relationships as a list attribute, in the relationship's order: one query for the page."""
    rel = inspect(model).relationships[relationship]
    ((parent_column, child_column),) = rel.local_remote_pairs
    by_parent: dict[Any, list[Record]] = {getattr(p, parent_column.key): [] for p in parents}
    for parent in parents:
        setattr(parent, relationship, by_parent[getattr(parent, parent_column.key)])
    if by_parent:
        # the relationship's order; without one, the primary key (the order rows were written in)
        order = rel.order_by or tuple(rel.mapper.primary_key)
        stmt = (select(*columns_of(rel.mapper.class_)).where(child_column.in_(sorted(by_parent)))
                .order_by(child_column, *order))
        for child in record_rows(reader, rel.mapper.class_, reader.execute(stmt)):
            by_parent[getattr(child, child_column.key)].append(child)
    return parents


class CoreSelect:
    """An ORM select of entities and columns (`select(GoodsSN, Spec.spec_no, Warehouse)`) run as Core:
    each entity's table columns selected under labels of their own, each row turned back into what
    the ORM select gave (a `Record` per entity, None for an entity an outer join left empty; a
    column's value) without an ORM session or identity map."""

    def __init__(self, stmt: AnySelect) -> None:
        self._parts: list[tuple[Any, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = []
        columns: list[Any] = []
        for at, described in enumerate(stmt.column_descriptions):
            entity = described.get("entity")
            if entity is not None and described.get("expr") is entity:
                keys = tuple(c.key for c in entity.__table__.c)
                labels = tuple(f"_{at}_{key}" for key in keys)
                columns += [c.label(label) for c, label in zip(entity.__table__.c, labels, strict=True)]
                primary = tuple(f"_{at}_{c.key}" for c in entity.__table__.primary_key)
                self._parts.append((entity, keys, labels, primary))
            else:
                label = f"_{at}"
                columns.append(described["expr"].label(label))
                self._parts.append((None, (), (label,), ()))
        self.has_entities = any(model is not None for model, *_ in self._parts)
        # a select of columns only runs as it is (its Rows keep their attribute names)
        self.statement = stmt.with_only_columns(*columns) if self.has_entities else stmt

    def rows(self, reader: Reader, rows: Iterable[Any]) -> list[Any]:
        if not self.has_entities:
            return list(rows)
        found = [row._mapping for row in rows]
        columns: list[list[Any]] = []
        for model, keys, labels, primary in self._parts:
            if model is None:
                columns.append([values[labels[0]] for values in found])
                continue
            present = [values for values in found if any(values[p] is not None for p in primary)]
            made = iter(page_records(reader, model, (
                {k: values[label] for k, label in zip(keys, labels, strict=True)} for values in present)))
            columns.append([next(made) if any(values[p] is not None for p in primary) else None
                            for values in found])
        return list(zip(*columns, strict=True)) if columns else []


def entities(reader: Reader, stmt: AnySelect) -> list[Any]:
    """The rows of an ORM select of entities and columns: from a session as it gives them, from a
    connection as `CoreSelect` reads them (Records; no session made)."""
    if isinstance(reader, Connection):
        core = CoreSelect(stmt)
        return core.rows(reader, reader.execute(core.statement))
    return list(reader.execute(stmt))


def scalars_of(reader: Reader, stmt: AnySelect) -> list[Any]:
    """The first entity or column of each row of `entities`."""
    if isinstance(reader, Connection):
        return [row[0] for row in entities(reader, stmt)]
    return list(reader.scalars(stmt))


def first_of(reader: Reader, stmt: AnySelect) -> Any:
    """`session.scalar(stmt)` of a read: the first row's first entity or column, or None."""
    if not isinstance(reader, Connection):
        return reader.scalar(stmt)
    found = scalars_of(reader, stmt.limit(1))
    return found[0] if found else None


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
