"""Generic reads of a tenant's tables for the console's document pages: list with equality filters
and paging, one row with its child rows (every table with a foreign key to it), counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from wdterp.storage.base import Base

#: every model's table: the entry points import all models (`wdterp.wiring`) before anything runs
metadata = Base.metadata


@dataclass(frozen=True)
class RowPage:
    columns: list[str]
    rows: list[dict[str, Any]]
    total: int


def table(name: str) -> Table:
    return metadata.tables[name]


def _key(t: Table) -> str:
    return next(iter(t.primary_key.columns)).name


def _conditions(t: Table, tenant_id: int, filters: dict[str, Any],
                fixed: dict[str, Any] | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [t.c.tenant_id == tenant_id]
    conditions += [t.c[name] == value for name, value in (fixed or {}).items()]
    for name, value in filters.items():
        if name in t.c and value not in (None, ""):
            column = t.c[name]
            python_type = getattr(column.type, "python_type", str)
            if python_type is str:
                conditions.append(column.contains(str(value), autoescape=True))
            elif python_type is bool:
                conditions.append(column == (str(value).strip().lower() in ("1", "true", "yes", "on")))
            else:
                conditions.append(column == python_type(value))
    return conditions


def list_rows(session: Session, name: str, tenant_id: int, filters: dict[str, Any], page_size: int,
              page_no: int, fixed: dict[str, Any] | None = None) -> RowPage:
    """Newest first (by primary key); string filters match a part, others the exact value;
    `fixed` columns must equal their value (a view's own condition, e.g. direction)."""
    t = table(name)
    conditions = _conditions(t, tenant_id, filters, fixed)
    total = session.scalar(select(func.count()).select_from(t).where(*conditions)) or 0
    stmt = (select(t).where(*conditions).order_by(t.c[_key(t)].desc())
            .limit(page_size).offset(page_size * page_no))
    rows = [dict(row._mapping) for row in session.execute(stmt)]
    return RowPage([c.name for c in t.columns], rows, int(total))


def children(name: str) -> list[tuple[Table, str]]:
    """(child table, its column referring to `name`) of every table with a foreign key to it."""
    t = table(name)
    found = []
    for child in metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is t and child is not t:
                found.append((child, fk.parent.name))
    return found


def row_detail(session: Session, name: str, tenant_id: int, key: int) -> tuple[dict[str, Any] | None,
                                                                              dict[str, RowPage]]:
    """One row of the tenant, and the rows of each child table that refer to it."""
    t = table(name)
    found = session.execute(select(t).where(t.c.tenant_id == tenant_id, t.c[_key(t)] == key)).first()
    if found is None:
        return None, {}
    lines: dict[str, RowPage] = {}
    for child, column in children(name):
        rows = [dict(r._mapping) for r in session.execute(
            select(child).where(child.c[column] == key).order_by(child.c[_key(child)]).limit(500))]
        if rows:
            lines[child.name] = RowPage([c.name for c in child.columns], rows, len(rows))
    return dict(found._mapping), lines


def key_of(name: str) -> str:
    return _key(table(name))


def _label_column(t: Table) -> str | None:
    return next((c.name for c in t.columns if c.name.endswith("_no") and c.name != "tenant_id"), None)


def labels(session: Session, name: str, rows: list[dict[str, Any]]) -> dict[str, dict[Any, str]]:
    """For each foreign-key column of the rows, the referenced rows' number (warehouse_no, spec_no...)."""
    t = table(name)
    found: dict[str, dict[Any, str]] = {}
    for fk in t.foreign_keys:
        target = fk.column.table
        label = _label_column(target)
        ids = {row[fk.parent.name] for row in rows if row.get(fk.parent.name) is not None}
        if label is None or not ids or target.name == "tenant":
            continue
        stmt = select(fk.column, target.c[label]).where(fk.column.in_(ids))
        found[fk.parent.name] = {key: str(value) for key, value in session.execute(stmt)}
    return found


def document_tables(exclude: set[str]) -> list[str]:
    """Tenant tables that look like documents: a number column and lines referring to them."""
    names = []
    for t in metadata.sorted_tables:
        if t.name in exclude or "tenant_id" not in t.c or _label_column(t) is None:
            continue
        if children(t.name):
            names.append(t.name)
    return sorted(names)
