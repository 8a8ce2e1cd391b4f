"""Lines of a page of prepared-search rows: one statement for the whole page, shaped column by
column like the page (`wire.Columns`), grouped by their parent's key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.wire import Columns
from wdterp.storage.prepared import Bound, Search

#: lines of many parents in one statement: no page of their own
ALL = 1_000_000_000


def by_parent(ctx: CallContext, search: Search, bound: Bound, shape: Columns, parent_key: str,
              computed: Callable[[list[Any]], dict[str, list[Any]]] | None = None,
              ) -> dict[Any, list[dict[str, Any]]]:
    """The shaped lines of `bound` (a lines search of one page's parents) by `parent_key`."""
    conn = ctx.connection
    rows = bound.page(conn, ALL, 0)
    shaped = shape.rows(rows, computed(rows) if computed and rows else None, dialect=conn.dialect)
    at = search.index(parent_key)
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for raw, row in zip(rows, shaped, strict=True):
        out[raw[at]].append(row)
    return out


def column(rows: Sequence[Any], search: Search, key: str) -> list[Any]:
    """One column of a page's rows, by its key in the search."""
    at = search.index(key)
    return [row[at] for row in rows]
