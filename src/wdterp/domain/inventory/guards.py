"""Inventory's say in other contexts' changes: specs with stock on hand cannot be deleted."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wdterp.domain.inventory.models import Stock
from wdterp.protocol.errors import business_error


def refuse_if_stocked(session: Session, spec_ids: Sequence[int], what: str) -> None:
    """A catalog deletion guard: refuse when any of the specs has stock on hand in any warehouse."""
    stocked = session.scalar(select(func.count()).select_from(Stock).where(
        Stock.spec_id.in_(spec_ids), Stock.stock_num != 0))
    if stocked:
        raise business_error(f"{what}有库存,不能删除", f"{what}: stock on hand in {stocked} rows")
