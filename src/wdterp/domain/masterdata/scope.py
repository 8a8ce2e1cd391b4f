"""An app's shop and warehouse rights, checked in one place.

Arguments that name a shop or a warehouse are checked before the handler runs (`api/scope.py`,
derived from each method's declaration). A write that finds its row by id or number (a trade, a
stock document) checks the row's shop and warehouse here. Reads filter by the same sets in their
searches (`permitted=`). Rows: a shop the app may not use answers E20 (as an unknown or disabled
one), a warehouse E34; a list of shops of which none is permitted E80.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.models import Shop, Warehouse
from wdterp.domain.queries import by_id
from wdterp.protocol.errors import ApiError


@dataclass(frozen=True)
class Rights:
    """The shops and warehouses an app may use; None: all of them."""

    shops: frozenset[str] | None = None
    warehouses: frozenset[str] | None = None

    @property
    def unlimited(self) -> bool:
        return self.shops is None and self.warehouses is None

    def may_use_shop(self, shop_no: str) -> bool:
        return self.shops is None or shop_no in self.shops

    def may_use_warehouse(self, warehouse_no: str) -> bool:
        return self.warehouses is None or warehouse_no in self.warehouses

    def require_shop(self, shop_no: str, what: str = "shop") -> None:
        if not self.may_use_shop(shop_no):
            raise ApiError("E20", f"{what} {shop_no!r}: the app has no right to this shop")

    def require_warehouse(self, warehouse_no: str, row: str = "E34", what: str = "warehouse") -> None:
        if not self.may_use_warehouse(warehouse_no):
            raise ApiError(row, f"{what} {warehouse_no!r}: the app has no right to this warehouse")

    def require_row(self, session: Session, shop_id: int | None, warehouse_id: int | None, what: str) -> None:
        """A row found by id or number (a trade, a document): its shop's and warehouse's rights."""
        if self.shops is not None and shop_id is not None:
            shop = by_id(session, Shop, [shop_id]).get(shop_id)
            self.require_shop(shop.shop_no if shop else "", what)
        if self.warehouses is not None and warehouse_id is not None:
            warehouse = by_id(session, Warehouse, [warehouse_id]).get(warehouse_id)
            self.require_warehouse(warehouse.warehouse_no if warehouse else "", what=what)


ALL = Rights()

#: one row a write names: (shop_id, warehouse_id, what), an id None (or 0) where the row has none
Owned = tuple[int | None, int | None, str]


@dataclass(frozen=True)
class RowsByNumber:
    """The rows of `model` a write names by their `number` column, with the shop and warehouse(s)
    they belong to. A row with two warehouses (a transfer, a process order) is owned by both."""

    model: type[Any]
    number: str
    warehouses: tuple[str, ...] = ("warehouse_id",)
    shop: str | None = None
    what: str = "document"

    def owners(self, session: Session, tenant_id: int, numbers: list[str]) -> list[Owned]:
        model = self.model
        names = [self.number, *self.warehouses, *([self.shop] if self.shop else [])]
        stmt = select(*(getattr(model, n) for n in names)).where(
            model.tenant_id == tenant_id, getattr(model, self.number).in_(numbers))
        found: list[Owned] = []
        for number, *ids in session.execute(stmt).all():
            shop = (ids.pop() or None) if self.shop else None
            for warehouse in [i or None for i in ids] or [None]:
                found.append((shop, warehouse, f"{self.what} {number}"))
        return found

    def check(self, session: Session, tenant_id: int, numbers: list[str], rights: Rights) -> None:
        """E20 (shop) / E34 (warehouse) for a named row outside the app's rights; numbers that name
        no row are left to the handler's not-found row."""
        if rights.unlimited or not numbers:
            return
        for shop_id, warehouse_id, what in self.owners(session, tenant_id, numbers):
            rights.require_row(session, shop_id, warehouse_id, what)
