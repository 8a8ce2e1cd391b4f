"""A tenant's whole state to a portable file and back, generic over the SQLAlchemy metadata.

A table belongs to a tenant when it has a `tenant_id` column, or a foreign key to a table that
belongs to one (document lines, ...). Tables are read and written in foreign-key order, so a table
added by any domain is covered without changes here. Values are written as JSON and read back by
their column's type (decimals as strings, times as ISO text, bytes as base64), so a restore is exact.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Date,
    DateTime,
    Float,
    LargeBinary,
    MetaData,
    Numeric,
    Table,
    Time,
    delete,
    select,
    text,
)
from sqlalchemy.sql.elements import ColumnElement

FORMAT = "wdterp-snapshot"
VERSION = 1
TENANT_TABLE = "tenant"
INSERT_BATCH = 1000
#: tables a reset keeps: the tenant itself and its apps (keys and secrets stay valid)
KEPT_ON_RESET = frozenset({TENANT_TABLE, "app"})


class SnapshotError(ValueError):
    """A snapshot file that cannot be restored here, or a tenant that does not exist."""


@dataclass(frozen=True)
class Scope:
    """How the rows of one table that belong to the tenant are selected."""

    table: Table
    parent: Scope | None = None
    column: str = "tenant_id"
    parent_key: str = ""

    def condition(self, tenant_id: int) -> ColumnElement[bool]:
        if self.parent is None:
            key = "id" if self.table.name == TENANT_TABLE else "tenant_id"
            return self.table.c[key] == tenant_id
        parent_ids = select(self.parent.table.c[self.parent_key]).where(self.parent.condition(tenant_id))
        return self.table.c[self.column].in_(parent_ids)


def tenant_scopes(metadata: MetaData) -> list[Scope]:
    """The tenant's tables in foreign-key order (parents first), each with how its rows are found."""
    scopes: dict[str, Scope] = {}
    for table in metadata.sorted_tables:
        if table.name == TENANT_TABLE or "tenant_id" in table.c:
            scopes[table.name] = Scope(table)
            continue
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.nullable or False):
            parent = scopes.get(fk.column.table.name)
            if parent is not None:
                scopes[table.name] = Scope(table, parent, fk.parent.name, fk.column.name)
                break
    return list(scopes.values())


# ---------------------------------------------------------------------------- values


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _decoder(column_type: Any) -> Any:
    if isinstance(column_type, JSON):
        return None
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat
    if isinstance(column_type, Date):
        return date.fromisoformat
    if isinstance(column_type, Time):
        return time.fromisoformat
    if isinstance(column_type, Numeric) and not isinstance(column_type, Float):
        return Decimal
    if isinstance(column_type, LargeBinary):
        return base64.b64decode
    return None


def _decode_rows(table: Table, columns: list[str], rows: list[list[Any]]) -> Iterator[dict[str, Any]]:
    decoders = [_decoder(table.c[name].type) for name in columns]
    for row in rows:
        yield {name: (fn(value) if fn is not None and value is not None else value)
               for name, fn, value in zip(columns, decoders, row, strict=True)}


# ---------------------------------------------------------------------------- operations


def tenant_id_of(conn: Connection, metadata: MetaData, sid: str) -> int:
    tenant = metadata.tables[TENANT_TABLE]
    found = conn.scalar(select(tenant.c.id).where(tenant.c.sid == sid))
    if found is None:
        raise SnapshotError(f"no tenant with sid {sid!r}")
    return int(found)


def take(conn: Connection, metadata: MetaData, sid: str, revision: str | None) -> dict[str, Any]:
    """Every row of the tenant, table by table, as a JSON-ready document."""
    tenant_id = tenant_id_of(conn, metadata, sid)
    tables: dict[str, Any] = {}
    for scope in tenant_scopes(metadata):
        table = scope.table
        columns = [c.name for c in table.columns]
        order = [table.c[c.name] for c in table.primary_key.columns]
        result = conn.execute(select(*table.columns).where(scope.condition(tenant_id)).order_by(*order))
        tables[table.name] = {"columns": columns, "rows": [[_encode(v) for v in row] for row in result]}
    return {"format": FORMAT, "version": VERSION, "revision": revision, "sid": sid, "tables": tables}


def clear(conn: Connection, metadata: MetaData, tenant_id: int, keep: frozenset[str] = frozenset()) -> None:
    """Delete the tenant's rows, children first; tables named in `keep` stay."""
    for scope in reversed(tenant_scopes(metadata)):
        if scope.table.name not in keep:
            conn.execute(delete(scope.table).where(scope.condition(tenant_id)))


def restore(conn: Connection, metadata: MetaData, document: dict[str, Any], revision: str | None) -> str:
    """Replace the tenant's state by the snapshot's (the tenant is created when it does not exist)."""
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise SnapshotError("not a wdterp snapshot file (format/version)")
    if document.get("revision") != revision:
        raise SnapshotError(f"the snapshot is of schema revision {document.get('revision')!r}, the database "
                            f"is at {revision!r}: restore it into a database at the same revision")
    sid = str(document["sid"])
    tenant_rows = document["tables"][TENANT_TABLE]["rows"]
    snapshot_id = int(tenant_rows[0][document["tables"][TENANT_TABLE]["columns"].index("id")])
    tenant = metadata.tables[TENANT_TABLE]
    holder = conn.scalar(select(tenant.c.sid).where(tenant.c.id == snapshot_id))
    if holder is not None and holder != sid:
        raise SnapshotError(f"tenant id {snapshot_id} is taken by tenant {holder!r} in this database")
    existing = conn.scalar(select(tenant.c.id).where(tenant.c.sid == sid))
    if existing is not None:
        clear(conn, metadata, int(existing))
    for scope in tenant_scopes(metadata):
        stored = document["tables"].get(scope.table.name)
        if stored is None:
            raise SnapshotError(f"the snapshot has no table {scope.table.name!r}")
        rows = list(_decode_rows(scope.table, stored["columns"], stored["rows"]))
        for start in range(0, len(rows), INSERT_BATCH):
            conn.execute(scope.table.insert(), rows[start:start + INSERT_BATCH])
    _advance_sequences(conn, metadata)
    return sid


def _advance_sequences(conn: Connection, metadata: MetaData) -> None:
    """PostgreSQL: rows were inserted with their ids, so each id sequence moves past the largest."""
    if conn.dialect.name != "postgresql":
        return
    for scope in tenant_scopes(metadata):
        keys = list(scope.table.primary_key.columns)
        if len(keys) != 1 or not keys[0].autoincrement or keys[0].foreign_keys:
            continue
        name, column = scope.table.name, keys[0].name
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), "
            f"COALESCE((SELECT MAX(\"{column}\") FROM \"{name}\"), 0) + 1, false) "
            f"WHERE pg_get_serial_sequence('\"{name}\"', '{column}') IS NOT NULL"))


def write_file(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), "utf-8")


def read_file(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"cannot read {path}: {exc}") from exc
    if not isinstance(document, dict):
        raise SnapshotError(f"{path} is not a wdterp snapshot file")
    return document
