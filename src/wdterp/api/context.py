"""What a handler gets besides its arguments: the session of its transaction, the caller, the page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from wdterp.domain.tenancy.service import AppAccess
from wdterp.protocol.errors import ApiError


@dataclass(frozen=True)
class Page:
    size: int
    no: int
    calc_total: bool

    @property
    def offset(self) -> int:
        return self.size * self.no


@dataclass
class CallContext:
    session: Session
    access: AppAccess
    method: str
    request_id: str
    page: Page | None = None
    list_name: str | None = None

    @property
    def tenant_id(self) -> int:
        return self.access.tenant_id

    @property
    def settings(self) -> dict[str, Any]:
        return self.access.settings

    # ------------------------------------------------------------------ permissions

    def require_warehouse(self, warehouse_no: str | None) -> str:
        if not warehouse_no:
            raise ApiError("E31")
        if not self.access.may_use_warehouse(warehouse_no):
            raise ApiError("E34", f"app {self.access.key} has no access to warehouse {warehouse_no}")
        return warehouse_no

    def permitted_warehouses(self) -> frozenset[str] | None:
        return self.access.warehouses

    def permitted_shops(self) -> frozenset[str] | None:
        return self.access.shops

    # ------------------------------------------------------------------ paging

    def paginate(self, stmt: Select[Any], to_row: Callable[[Any], dict[str, Any]],
                 list_name: str | None = None, scalars: bool = True) -> dict[str, Any]:
        """Run a select one page at a time: {"total_count": N, <list_name>: rows}."""
        page = self.page or Page(size=1000, no=0, calc_total=True)
        total = self.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        result = self.session.execute(stmt.limit(page.size).offset(page.offset))
        rows: Iterable[Any] = result.scalars() if scalars else result
        return self.page_of([to_row(r) for r in rows], total or 0, list_name)

    def page_of(self, rows: list[dict[str, Any]], total: int, list_name: str | None = None) -> dict[str, Any]:
        return {"total_count": total, (list_name or self.list_name or "details"): rows}

    def slice(self, rows: list[dict[str, Any]], list_name: str | None = None) -> dict[str, Any]:
        """Page over rows already in memory (code tables)."""
        page = self.page or Page(size=1000, no=0, calc_total=True)
        return self.page_of(rows[page.offset: page.offset + page.size], len(rows), list_name)
