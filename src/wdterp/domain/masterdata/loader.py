"""A tenant's data from a file (sandbox as code): `wdterp load FILE`, the demo, the admin API.

    sid: demo
    name: Demo shop
    settings: {decimal_quantity: 1}
    shops: [{shop_no: demo-mall, shop_name: 演示商城, platform_id: 127}]
    warehouses: [{warehouse_no: WH01, name: 主仓}]

Loading is idempotent: the tenant is created when missing, each row is created or updated by its
natural key. Entity fields are named as in the vendor's query response for the entity.

The file format is a small registry of sections: each context declares its own in a `SECTIONS`
tuple of (name, handler), which `wdterp.wiring` registers (`register_section`) in load order; this
module knows none of them. A handler gets (session, tenant_id, rows, section name) and returns a
`SectionResult`; `EntitySpec.load` does the usual work (field check, type coercion, upsert by
natural key) for a table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Boolean, DateTime, Integer, Numeric, String, select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata import service
from wdterp.domain.tenancy import service as tenancy
from wdterp.protocol.clock import parse_wire_time
from wdterp.protocol.errors import ApiError

HEADER_KEYS = ("sid", "name", "settings")


class LoadError(ValueError):
    """A file that cannot be loaded: unknown key or field, wrong type, missing natural key."""


@dataclass
class SectionResult:
    created: int = 0
    existing: int = 0


@dataclass
class LoadReport:
    sid: str
    tenant_created: bool
    sections: dict[str, SectionResult] = field(default_factory=dict)


SectionHandler = Callable[[Session, int, list[dict[str, Any]], str], SectionResult]
_SECTIONS: dict[str, SectionHandler] = {}


def register_section(name: str, handler: SectionHandler) -> None:
    """Add a top-level section to the file format; sections load in registration order."""
    if name in HEADER_KEYS:
        raise ValueError(f"{name!r} is a header key, not a section")
    _SECTIONS[name] = handler


def sections() -> dict[str, SectionHandler]:
    """The registered sections in load order (empty until `wdterp.wiring.wire()` ran)."""
    return dict(_SECTIONS)


def each_row(rows: list[dict[str, Any]], section: str, key: str,
             load_one: Callable[[dict[str, Any], str], bool]) -> SectionResult:
    """Run `load_one(row, where) -> existed` for every row; a contract refusal becomes a LoadError."""
    result = SectionResult()
    for index, raw in enumerate(rows):
        where = f"{section}[{index}]"
        if raw.get(key) in (None, ""):
            raise LoadError(f"{where}: '{key}' is required (it identifies the row)")
        try:
            existed = load_one(raw, where)
        except ApiError as err:
            raise LoadError(f"{where}: {err.explained}") from err
        if existed:
            result.existing += 1
        else:
            result.created += 1
    return result


# ---------------------------------------------------------------------------- reading files


def parse_document(text: str, suffix: str = ".yaml") -> dict[str, Any]:
    """A JSON (`.json`) or YAML document; its top level must be a mapping."""
    try:
        raw = json.loads(text) if suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise LoadError(f"cannot parse the file: {exc}") from exc
    if not isinstance(raw, dict):
        raise LoadError("the file must hold a mapping with a 'sid' at the top level")
    return raw


def read_document(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise LoadError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_document(text, path.suffix)


# ---------------------------------------------------------------------------- loading


def check_document(document: Mapping[str, Any]) -> None:
    """Reject unknown top-level keys and malformed headers before anything is written."""
    known = (*HEADER_KEYS, *sections())
    unknown = sorted(set(document) - set(known))
    if unknown:
        raise LoadError(f"unknown top-level key(s) {', '.join(map(repr, unknown))}; "
                        f"known keys: {', '.join(known)}")
    sid = document.get("sid")
    if not isinstance(sid, str) or not sid.strip():
        raise LoadError("'sid' must be given as a non-empty string")
    if not isinstance(document.get("name", ""), str):
        raise LoadError("'name' must be a string")
    if not isinstance(document.get("settings") or {}, dict):
        raise LoadError("'settings' must be a mapping of setting name to value")
    for name in sections():
        rows = document.get(name)
        if rows is not None and not (isinstance(rows, list) and all(isinstance(r, dict) for r in rows)):
            raise LoadError(f"'{name}' must be a list of mappings")


def load_document(session: Session, document: Mapping[str, Any]) -> LoadReport:
    """Create or update the tenant and every section's rows (in the caller's transaction)."""
    check_document(document)
    sid = str(document["sid"]).strip()
    tenant = tenancy.find_tenant(session, sid)
    report = LoadReport(sid, tenant_created=tenant is None)
    if tenant is None:
        tenant = tenancy.create_tenant(session, sid, name=str(document.get("name") or ""))
        service.seed_tenant(session, tenant.id)
    tenancy.update_tenant(session, sid, name=document.get("name") or None,
                          settings=dict(document.get("settings") or {}))
    for name, handler in sections().items():
        rows = document.get(name)
        if rows:
            report.sections[name] = handler(session, tenant.id, list(rows), name)
    session.flush()
    return report


# ---------------------------------------------------------------------------- entity tables


Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class EntitySpec:
    """A table loaded from a section: its natural key and the fields a row may carry."""

    model: Any
    key: str
    fields: tuple[str, ...]
    #: fields that are not columns of the model, with their converters (value -> Python value)
    converters: dict[str, Converter] = field(default_factory=dict)
    #: turns a converted row into column values, where the table keeps a field differently
    transform: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    #: computes values a new row needs but the file may leave out
    defaults: Callable[[Session, int, dict[str, Any]], dict[str, Any]] | None = None

    def load(self, session: Session, tenant_id: int, rows: list[dict[str, Any]],
             section: str) -> SectionResult:
        result = SectionResult()
        for index, raw in enumerate(rows):
            where = f"{section}[{index}]"
            values = self.convert(raw, where)
            column = getattr(self.model, self.key)
            exists = session.scalar(select(self.model).where(
                self.model.tenant_id == tenant_id, column == values[self.key])) is not None
            if not exists and self.defaults is not None:
                values = {**self.defaults(session, tenant_id, values), **values}
            service.upsert(session, self.model, tenant_id, self.key, values)
            if exists:
                result.existing += 1
            else:
                result.created += 1
        return result

    def convert(self, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        unknown = sorted(set(raw) - set(self.fields))
        if unknown:
            raise LoadError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}; "
                            f"known fields: {', '.join(self.fields)}")
        if raw.get(self.key) in (None, ""):
            raise LoadError(f"{where}: '{self.key}' is required (it identifies the row)")
        values: dict[str, Any] = {}
        for name, value in raw.items():
            try:
                values[name] = self._convert(name, value)
            except (TypeError, ValueError, InvalidOperation) as exc:
                raise LoadError(f"{where}.{name}: {exc}") from exc
        if self.transform is None:
            return values
        try:
            return self.transform(values)
        except ValueError as exc:
            raise LoadError(f"{where}: {exc}") from exc

    def _convert(self, name: str, value: Any) -> Any:
        if name in self.converters:
            return self.converters[name](value)
        return cast(self.model.__table__.columns[name].type, value)


def cast(column_type: Any, value: Any) -> Any:
    """A file value as the column's Python type; raises ValueError/TypeError with a readable text."""
    if value is None:
        return None
    if isinstance(column_type, Boolean):
        return _boolean(value)
    if isinstance(column_type, Integer):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"expected an integer, got {value!r}")
        return int(value)
    if isinstance(column_type, Numeric):
        if isinstance(value, bool):
            raise TypeError(f"expected a number, got {value!r}")
        return Decimal(str(value))
    if isinstance(column_type, DateTime):
        return _datetime(value)
    if isinstance(column_type, String):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise TypeError(f"expected text, got {value!r}")
        text = str(value)
        if column_type.length is not None and len(text) > column_type.length:
            raise ValueError(f"longer than {column_type.length} characters")
        return text
    return value


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("0", "1", "true", "false"):
        return value.strip().lower() in ("1", "true")
    raise ValueError(f"expected true/false or 0/1, got {value!r}")


def _datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_wire_time(value) if value.strip() else None
    raise TypeError(f"expected 'YYYY-MM-DD HH:MM:SS', got {value!r}")
