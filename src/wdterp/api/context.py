"""What a handler gets besides its arguments: the session of its transaction, the caller, the page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.orm import Session

from wdterp.api.wire import Columns
from wdterp.domain.masterdata.scope import Rights
from wdterp.domain.paging import DEFAULT_PAGE, Page
from wdterp.domain.queries import CoreSelect
from wdterp.domain.tenancy.service import AppAccess
from wdterp.protocol.errors import ApiError
from wdterp.storage.db import Work
from wdterp.storage.prepared import Bound


@dataclass
class CallContext:
    work: Work
    access: AppAccess
    method: str
    request_id: str
    page: Page | None = None
    list_name: str | None = None

    @property
    def session(self) -> Session:
        """The ORM session of the call's transaction (made on first use)."""
        return self.work.session

    @property
    def connection(self) -> Connection:
        """The connection of the call's transaction, pending ORM changes flushed to it."""
        self.work.flush()
        return self.work.connection

    @property
    def paging(self) -> Page:
        """The call's page, or the default one of a call without paging parameters."""
        return self.page or DEFAULT_PAGE

    @property
    def tenant_id(self) -> int:
        return self.access.tenant_id

    @property
    def settings(self) -> dict[str, Any]:
        return self.access.settings

    # ------------------------------------------------------------------ permissions

    @property
    def rights(self) -> Rights:
        """The app's shops and warehouses (`domain/masterdata/scope.py`)."""
        return Rights(self.access.shops, self.access.warehouses)

    def require_warehouse(self, warehouse_no: str | None) -> str:
        if not warehouse_no:
            raise ApiError("E31")
        self.rights.require_warehouse(warehouse_no)
        return warehouse_no

    def permitted_warehouses(self) -> frozenset[str] | None:
        return self.access.warehouses

    def permitted_shops(self) -> frozenset[str] | None:
        return self.access.shops

    # ------------------------------------------------------------------ paging

    def paginate(self, stmt: Select[Any], to_row: Callable[[Any], dict[str, Any]],
                 list_name: str | None = None, scalars: bool = True) -> dict[str, Any]:
        """Run a select one page at a time: {"total_count": N, <list_name>: rows}."""
        rows, total = self.fetch_page(stmt, scalars)
        return self.page_of([to_row(r) for r in rows], total, list_name)

    def search(self, bound: Bound, shape: Columns,
               computed: Callable[[list[Any]], dict[str, list[Any]]] | None = None,
               list_name: str | None = None) -> dict[str, Any]:
        """One page of a prepared search, shaped column by column: {"total_count": N, <list>: rows}.

        `computed(rows)` gives the columns `shape` declares computed, one wire value per row.
        """
        rows, total = self.fetch_page(bound)
        shaped = shape.rows(rows, computed(rows) if computed and rows else None, dialect=self.work.connection.dialect)
        return self.page_of(shaped, total, list_name)

    def rows(self, bound: Bound, shape: Columns) -> list[dict[str, Any]]:
        """Every row of a prepared search (`Bound.all`, no page), shaped."""
        return shape.rows(bound.all(self.connection), dialect=self.work.connection.dialect)

    def children(self, bound: Bound, shape: Columns, parent: int, parents: Sequence[Any]) -> list[list[dict[str, Any]]]:
        """The rows of a lookup (`Bound.all`) shaped, one list per key of `parents` (in that order) of
        the rows whose column `parent` is that key: the lines of a page of documents."""
        rows = bound.all(self.connection)
        grouped: dict[Any, list[dict[str, Any]]] = {key: [] for key in parents}
        for row, shaped in zip(rows, shape.rows(rows, dialect=self.work.connection.dialect), strict=True):
            grouped[row[parent]].append(shaped)
        return [grouped[key] for key in parents]

    def fetch_page(self, stmt: Select[Any] | Bound, scalars: bool = True, core: bool = False) -> tuple[list[Any], int]:
        """One page of a select and the number of rows of all pages: (rows, total).

        `core`: a select of columns, its rows as Core rows. Otherwise the select's ORM entities come
        as `Record`s (their columns; no relationships): either way the call's connection runs it.

        The page is read with one row more than asked for: when that row is not there, this is
        the last page and the total is known without a count query (one round trip instead of
        two; most answers fit on one page). The total is right whatever `calc_total` says: some
        clients that send `calc_total=0` still stop paging on `total_count`.
        """
        page = self.page or DEFAULT_PAGE
        rows: list[Any]
        if isinstance(stmt, Bound):  # a prepared search: tuples from the DBAPI cursor
            rows = stmt.page(self.connection, page.size + 1, page.offset)
        elif core:
            rows = list(self.connection.execute(stmt.limit(page.size + 1).offset(page.offset)))
        else:  # an ORM select, run as Core: Records for its entities (no session)
            as_core = CoreSelect(stmt)
            rows = as_core.rows(self.connection, self.connection.execute(
                as_core.statement.limit(page.size + 1).offset(page.offset)))
            if scalars:
                rows = [row[0] for row in rows]
        more = len(rows) > page.size
        if more:
            del rows[page.size:]
        if not more and (rows or page.offset == 0):
            return rows, page.offset + len(rows)
        if isinstance(stmt, Bound):
            return rows, stmt.count(self.connection)
        total = self.connection.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        return rows, total or 0

    def page_of(self, rows: list[dict[str, Any]], total: int, list_name: str | None = None) -> dict[str, Any]:
        return {"total_count": total, (list_name or self.list_name or "details"): rows}

    def slice(self, rows: list[dict[str, Any]], list_name: str | None = None) -> dict[str, Any]:
        """Page over rows already in memory (code tables)."""
        page = self.page or DEFAULT_PAGE
        return self.page_of(rows[page.offset: page.offset + page.size], len(rows), list_name)
