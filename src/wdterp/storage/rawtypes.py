"""Columns read as the driver gives them: decimals and times without a Python object per value
(`wire.Columns` converts them once per column)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import DateTime, Float, Numeric, String, TypeDecorator, type_coerce


class RawDecimal(TypeDecorator[Any]):
    """A Numeric read as the driver gives it: no Decimal per value (`Columns` rounds it)."""

    impl = Float(asdecimal=False)
    cache_ok = True


class RawTime(TypeDecorator[Any]):
    """A DateTime read as the driver gives it (SQLite: its text; `Columns` writes it for the wire)."""

    impl = String
    cache_ok = True


def read_columns(columns: Iterable[Any]) -> tuple[Any, ...]:
    """Table columns to select for `Columns`: decimals and times as the driver gives them (their
    conversion to wire values then runs once per column, not through a type per value)."""
    out = []
    for column in columns:
        if isinstance(column.type, Numeric) and column.type.asdecimal and not isinstance(column.type, Float):
            out.append(type_coerce(column, RawDecimal()).label(column.key))
        elif isinstance(column.type, DateTime):
            out.append(type_coerce(column, RawTime()).label(column.key))
        else:
            out.append(column)
    return tuple(out)
