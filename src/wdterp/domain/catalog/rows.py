"""Writing pushed values onto catalog rows: only known columns, lengths checked against the table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import String

from wdterp.protocol.errors import ApiError


def check_lengths(model: Any, values: Mapping[str, Any]) -> None:
    """E78 for a text longer than its column (for fields whose page states no length)."""
    columns = model.__table__.columns
    for name, value in values.items():
        column = columns.get(name)
        if column is None or not isinstance(column.type, String) or not isinstance(value, str):
            continue
        limit = column.type.length
        if limit is not None and len(value) > limit:
            raise ApiError("E78", f"{name}: {len(value)} characters, column holds {limit}", field=name)


def assign(row: Any, values: Mapping[str, Any], names: Iterable[str]) -> None:
    """Set the given attributes of `row` from `values` where they were sent (not None)."""
    model = type(row)
    picked = {n: values[n] for n in names if values.get(n) is not None}
    check_lengths(model, picked)
    for name, value in picked.items():
        setattr(row, name, value)
