"""Wire rows of the document queries of transfers, refunds and outer documents: a page's headers from a
prepared search (shaped column by column), their lines from one Core statement per page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.wire import Columns, documented_fields, wire_value
from wdterp.storage.prepared import Bound, Search

Computed = Callable[[CallContext, list[Any]], dict[str, list[Any]]]


@cache
def head_shape(method: str, table: str, search: Search, own: tuple[str, ...] = ()) -> Columns:
    """The documented fields of `table` from the search's columns; the others, and `own` (columns the
    page writes its own way), are computed per page."""
    names = documented_fields(method, table)
    keys = {c.key for c in search.columns} - set(own)
    # every column may be None: the searches outer-join what a document points to
    return Columns(names, search.columns, computed=[n for n in names if n not in keys], nullable=keys)


def page(ctx: CallContext, bound: Bound, table: str, compute: Computed, own: tuple[str, ...] = ()) -> dict[str, Any]:
    """One page of `bound` shaped as `table` of the method's page; `compute(ctx, rows)` gives the
    computed fields (those it leaves out are "": fields no document of ours carries)."""
    shape = head_shape(ctx.method, table, bound.search, own)
    missing = [n for n, at, _, _ in shape._plan if at is None and n not in shape.constants]

    def computed(rows: list[Any]) -> dict[str, list[Any]]:
        given = compute(ctx, rows)
        return {name: given.get(name) or [""] * len(rows) for name in missing}

    return ctx.search(bound, shape, computed)


def column(search: Search, rows: Sequence[Any], key: str) -> list[Any]:
    at = search.index(key)
    return [row[at] for row in rows]


def pick(row: Any, names: Sequence[str], **computed: Any) -> dict[str, Any]:
    """A wire row from a Core row: each name from `computed`, else the row's column of that name
    (a name the row has not is "": a field no document of ours carries)."""
    values: Mapping[str, Any] = row._mapping
    out: dict[str, Any] = {}
    for name in names:
        value = computed[name] if name in computed else values.get(name)
        out[name] = "" if value is None else wire_value(value)
    return out


def as_datetime(raw: Any) -> datetime | None:
    """A time column as the driver gives it (SQLite text, a datetime elsewhere)."""
    if raw is None or raw == "":
        return None
    return raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))




def wire_time(raw: Any) -> str:
    when = as_datetime(raw)
    return "" if when is None else str(wire_value(when))
