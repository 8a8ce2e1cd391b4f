"""Shaping rows for the wire: documented field names, times as `YYYY-MM-DD HH:MM:SS`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import Any

from wdterp.api.docs import doc
from wdterp.protocol.clock import format_wire_time


def _wire_datetime(value: datetime) -> str:
    # isoformat is ~3x faster than strftime and gives the same text for naive datetimes of years
    # 1000..9999 (aware ones would get an offset appended, older years zero padding)
    if value.tzinfo is None and value.year >= 1000:
        return value.isoformat(" ", "seconds")
    return format_wire_time(value)


def _same(value: Any) -> Any:
    return value


def _converter(kind: type) -> Callable[[Any], Any]:
    if issubclass(kind, datetime):
        return _wire_datetime
    if issubclass(kind, date):
        return date.isoformat
    if issubclass(kind, Decimal):
        return float
    return _same


#: the conversion of each value type met so far (the isinstance chain runs once per type)
_CONVERTERS: dict[type, Callable[[Any], Any]] = {str: _same, int: _same, float: _same, bool: _same}


def wire_value(value: Any) -> Any:
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _CONVERTERS[type(value)] = _converter(type(value))
    return convert(value)


@cache
def documented_fields(method: str, table: str) -> tuple[str, ...]:
    """The field names the method's doc lists for one response table."""
    return tuple(f.name for f in doc(method).response_tables.get(table, ()))


@cache
def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """Reads the keys `names` of a mapping as a tuple, in C."""
    if not names:
        return lambda _mapping: ()
    if len(names) == 1:
        single = itemgetter(names[0])
        return lambda mapping: (single(mapping),)
    return itemgetter(*names)


#: (type, names) whose instances lacked some of the names in their `__dict__` last time
_MIXED: set[tuple[type, tuple[str, ...]]] = set()


def _read(obj: Any, names: tuple[str, ...]) -> Any:
    """The attributes `names` of `obj`, as `getattr` gives them.

    A loaded column of an ORM instance (and a plain attribute of any object) is in the instance's
    `__dict__`, where the class's attribute descriptor would read it from: reading the dict is ~5x
    faster than going through the descriptors. Anything else (a property, an unloaded or expired
    attribute, an object without `__dict__`) goes through `getattr`.
    """
    attrs = getattr(obj, "__dict__", None)
    if attrs is None:
        return [getattr(obj, name) for name in names]
    kind = (type(obj), names)
    if kind not in _MIXED:
        try:
            return _getter(names)(attrs)
        except KeyError:
            _MIXED.add(kind)
    return [attrs[name] if name in attrs else getattr(obj, name) for name in names]


def project(obj: Any, names: tuple[str, ...], **computed: Any) -> dict[str, Any]:
    """A wire row: each documented name from `computed` if given there, else from `obj`'s attribute."""
    converters = _CONVERTERS
    row: dict[str, Any] = {}
    if type(names) is not tuple:
        names = tuple(names)
    if computed:
        values = iter(_read(obj, tuple(n for n in names if n not in computed)))
        for name in names:
            value = computed[name] if name in computed else next(values)
            row[name] = "" if value is None else wire_value(value)
        return row
    for name, value in zip(names, _read(obj, names), strict=True):
        if value is None:
            row[name] = ""
        else:
            convert = converters.get(type(value))
            row[name] = value if convert is _same else (convert or wire_value)(value)
    return row


@dataclass
class Envelope:
    """A success response whose page puts fields beside `data` or instead of it.

    `{"status": 0, "total": 1, "data": [...]}` (sales.LogisticsSync.getSyncListExt) is
    `Envelope({"total": 1, "data": rows})`; the gateway writes `status` 0 and then these fields.
    """

    fields: dict[str, Any] = field(default_factory=dict)
