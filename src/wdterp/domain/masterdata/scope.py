"""An app's shop and warehouse rights, checked in one place.

Arguments that name a shop or a warehouse are checked before the handler runs (`api/scope.py`,
derived from each method's declaration). A write that finds its row by id or number (a trade, a
stock document) checks the row's shop and warehouse here. Reads filter by the same sets in their
searches (`permitted=`). Rows: a shop the app may not use answers E20 (as an unknown or disabled
one), a warehouse E34; a list of shops of which none is permitted E80.
"""

from __future__ import annotations

from dataclasses import dataclass

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
