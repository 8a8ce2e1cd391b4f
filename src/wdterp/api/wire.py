"""Shaping rows for the wire: documented field names, times as `YYYY-MM-DD HH:MM:SS`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from wdterp.api.docs import doc
from wdterp.protocol.clock import format_wire_time


def wire_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_wire_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def documented_fields(method: str, table: str) -> tuple[str, ...]:
    """The field names the method's doc lists for one response table."""
    return tuple(f.name for f in doc(method).response_tables.get(table, ()))


def project(obj: Any, names: tuple[str, ...], **computed: Any) -> dict[str, Any]:
    """A wire row: each documented name from `computed` if given there, else from `obj`'s attribute."""
    row: dict[str, Any] = {}
    for name in names:
        value = computed[name] if name in computed else getattr(obj, name)
        row[name] = "" if value is None else wire_value(value)
    return row


@dataclass
class Envelope:
    """A success response whose page puts fields beside `data` or instead of it.

    `{"status": 0, "total": 1, "data": [...]}` (sales.LogisticsSync.getSyncListExt) is
    `Envelope({"total": 1, "data": rows})`; the gateway writes `status` 0 and then these fields.
    """

    fields: dict[str, Any] = field(default_factory=dict)
