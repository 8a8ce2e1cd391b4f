"""The warehouse side's rules around the sales stockout's own steps (run from every surface)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from wdterp.domain.documents.engine import KindHooks
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.sales.flow import SALES_STOCKOUT
from wdterp.domain.sales_wms import allocation, packing


def _before_ship(session: Session, doc: StockDocument) -> None:
    allocation.allocate(session, doc)


def _after_ship(session: Session, doc: StockDocument) -> None:
    packing.on_shipped(session, doc)


def _after_cancel(session: Session, doc: StockDocument) -> None:
    packing.on_cancelled(session, doc)


#: registered by `wdterp.wiring`
HOOKS = (KindHooks(SALES_STOCKOUT, before_check=_before_ship, after_check=_after_ship, after_cancel=_after_cancel),)
