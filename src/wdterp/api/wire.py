"""Shaping rows for the wire: documented field names, times as `YYYY-MM-DD HH:MM:SS`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import DateTime, Float, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine

from wdterp.api.docs import doc
from wdterp.protocol.clock import format_wire_time
from wdterp.storage.rawtypes import RawDecimal, RawTime, read_columns  # noqa: F401  (re-exported)


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


def _time_text(value: Any) -> Any:
    """A DateTime column's raw value → wire text, as `_wire_datetime` of the datetime the DateTime
    type would read (SQLite's "YYYY-MM-DD HH:MM:SS[.ffffff]" is cut, anything else parsed)."""
    if type(value) is str:
        if (len(value) == 19 or (len(value) == 26 and value[19] == ".")) and value[10] == " " \
                and value[4] == value[7] == "-" and value[13] == value[16] == ":" and value[0] != "0":
            return value[:19]
        value = datetime.fromisoformat(value)
    return _wire_datetime(value)


def _column_converter(column: Any, dialect: Dialect | None = None) -> Callable[[Any], Any] | int | None:
    """The wire conversion of a column read by `read_columns`: None when its values are wire values,
    an int for a decimal: its scale, to which `Columns.rows` rounds `float(value)`. That is the float
    of the Decimal the Numeric type reads (`Decimal("%.{scale}f" % value)` of the float or int SQLite
    stores, PostgreSQL's Decimal of that scale): both roundings are correct ones.

    With a `dialect`, the column's values are the driver's own (rows of `storage/prepared.py`):
    other types first go through the result processor the type would have run (SQLite's 0/1 to a
    bool, its date text to a date, JSON text to its value)."""
    kind = column.type
    if isinstance(kind, Numeric) and kind.asdecimal and not isinstance(kind, Float):
        return int(kind._effective_decimal_return_scale)
    if isinstance(kind, DateTime):
        return _time_text
    no_python_type = type(kind).python_type is TypeEngine.python_type
    convert: Callable[[Any], Any] = wire_value if no_python_type else _converter(kind.python_type)
    process = kind._cached_result_processor(dialect, None) if dialect is not None else None
    if process is None:
        return None if convert is _same else convert
    if convert is _same:
        return cast(Callable[[Any], Any], process)
    return lambda value: convert(process(value))


def _via(column: Any, wire: Callable[[Any], Any], dialect: Dialect | None) -> Callable[[Any], Any]:
    """`wire` of the value the column's type reads from the driver's (see `Columns`' `via`)."""
    process = column.type._cached_result_processor(dialect, None) if dialect is not None else None
    if process is None:
        return wire
    return lambda value: wire(process(value))


#: (wire name, index in the row or None when computed, conversion, nullable)
_PlanItem = tuple[str, int | None, Callable[[Any], Any] | int | None, bool]


class Columns:
    """Core rows → wire rows, column by column, with a plan made once per (names, table columns).

    The rows are read with `select(*read_columns(columns), *more)`. Each documented name is filled
    from `constants` (one wire value for every row), from a computed column given to `rows` (wire
    values already), or else from the table's column of that name, converted once per column: the
    values `project` gives for an ORM instance of the same row (Decimal → float, datetime → wire
    text, None → ""), without a Decimal or datetime per value.
    """

    def __init__(self, names: Iterable[str], columns: Sequence[Any], computed: Iterable[str] = (),
                 constants: Mapping[str, Any] | None = None, nullable: Iterable[str] = (),
                 via: Mapping[str, Callable[[Any], Any]] | None = None) -> None:
        """`nullable`: keys of columns that may be None although their table says not (outer joins).
        `via`: names whose wire value is a function of the column's value as its type reads it
        (a datetime, a Decimal), not the usual conversion; None stays ""."""
        self.names = tuple(names)
        self.constants = dict(constants or {})
        self._via = dict(via or {})
        self._columns = tuple(columns)
        self._computed, self._nullable = set(computed), set(nullable)
        self._plans: dict[str | None, tuple[_PlanItem, ...]] = {}
        self._plan = self._plan_for(None)

    def _plan_for(self, dialect: Dialect | None) -> tuple[_PlanItem, ...]:
        key = None if dialect is None else dialect.name
        if key in self._plans:
            return self._plans[key]
        columns, computed, nullable = self._columns, self._computed, self._nullable
        index = {column.key: at for at, column in enumerate(columns)}
        plan: list[_PlanItem] = []
        for name in self.names:
            if name in computed or name in self.constants:
                plan.append((name, None, None, False))
                continue
            if name not in index:
                raise ValueError(f"{name!r} is neither computed nor a column of the select")
            column = columns[index[name]]
            via = self._via.get(name)
            convert = _column_converter(column, dialect) if via is None else _via(column, via, dialect)
            plan.append((name, index[name], convert,
                         name in nullable or bool(getattr(column, "nullable", True))))
        self._plans[key] = tuple(plan)
        return self._plans[key]

    def rows(self, rows: Sequence[Sequence[Any]], computed: Mapping[str, Sequence[Any]] | None = None,
             dialect: Dialect | None = None) -> list[dict[str, Any]]:
        """`computed`: name → a column of wire values, one per row. `dialect`: the rows are the
        driver's own tuples (a `storage/prepared.py` search run on that dialect's connection)."""
        if not rows:
            return []
        given = computed or {}
        by_column = list(zip(*rows, strict=True))
        columns: list[Sequence[Any]] = []
        for name, at, convert, nullable in (self._plan if dialect is None else self._plan_for(dialect)):
            if at is None:
                columns.append(given[name] if name in given else [self.constants[name]] * len(rows))
                continue
            values: Sequence[Any] = by_column[at]
            if convert is None:
                if nullable:
                    values = ["" if v is None else v for v in values]
            elif type(convert) is int:  # a decimal's scale (see `_column_converter`), rounded in C
                if nullable and None in values:
                    values = ["" if v is None else round(float(v), convert) for v in values]
                else:
                    values = list(map(round, map(float, values), repeat(convert)))
            elif nullable:
                values = ["" if v is None else convert(v) for v in values]  # type: ignore[operator]
            else:
                values = list(map(convert, values))  # type: ignore[arg-type]
            columns.append(values)
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def search_shape(method: str, table: str, columns: Sequence[Any], computed: Iterable[str] = (),
                 constants: Mapping[str, Any] | None = None,
                 via: Mapping[str, Callable[[Any], Any]] | None = None, nullable: Iterable[str] = ()) -> Columns:
    """The method's documented fields of `table` from a prepared search's columns (`Search.columns`),
    the `computed` ones given to `ctx.search` as columns of wire values (see `Columns`)."""
    return Columns(documented_fields(method, table), columns, computed, constants, nullable, via)


def wire_column(values: Iterable[Any]) -> list[Any]:
    """Values as `project` writes a computed one: None → "", else `wire_value`."""
    return ["" if v is None else wire_value(v) for v in values]


@dataclass
class Envelope:
    """A success response whose page puts fields beside `data` or instead of it.

    `{"status": 0, "total": 1, "data": [...]}` (sales.LogisticsSync.getSyncListExt) is
    `Envelope({"total": 1, "data": rows})`; the gateway writes `status` 0 and then these fields.
    """

    fields: dict[str, Any] = field(default_factory=dict)
