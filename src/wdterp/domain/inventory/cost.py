"""Inventory cost (存货成本): weighted average cost per spec, kept on each priced stock-in.

Two scopes are kept side by side: tenant-wide (warehouse_id 0) and per warehouse. The tenant setting
`multi_warehouse_cost` (多仓成本, off by default) says which one the finance queries answer with;
when it is off, their warehouse_no is "" as the vendor's pages say.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from wdterp.domain.inventory.models import Stock, StockCost
from wdterp.domain.queries import Reader
from wdterp.protocol.clock import now_china
from wdterp.storage.units import insert_missing

SETTING_MULTI_WAREHOUSE_COST = "multi_warehouse_cost"
ALL_WAREHOUSES = 0
ZERO = Decimal(0)
#: avg cost is kept to the column's 4 decimals
_PLACES = Decimal("0.0001")


def multi_warehouse(settings: dict[str, Any]) -> bool:
    return bool(settings.get(SETTING_MULTI_WAREHOUSE_COST))


def cost_scope(settings: dict[str, Any], warehouse_id: int) -> int:
    """The stock_cost.warehouse_id a query reads for a warehouse, by the tenant's setting."""
    return warehouse_id if multi_warehouse(settings) else ALL_WAREHOUSES


def _ensure_rows(session: Session, tenant_id: int, keys: Iterable[tuple[int, int, bool]]) -> None:
    now = now_china()
    values = [{"tenant_id": tenant_id, "warehouse_id": w, "spec_id": s, "defect": d, "created": now,
               "modified": now} for w, s, d in sorted(set(keys))]
    if not values:
        return
    insert_missing(session, StockCost, values, ("tenant_id", "warehouse_id", "spec_id", "defect"))


def record_stock_in(session: Session, tenant_id: int,
                    priced: Iterable[tuple[int, int, bool, Decimal, Decimal]]) -> None:
    """Update average costs after priced movements in: (warehouse_id, spec_id, defect, num, price).

    Called once per call after all stock rows moved, rows in (warehouse, spec, defect) order, so the
    lock order is always stock rows first, then cost rows.
    """
    by_spec: dict[tuple[int, bool], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    warehouses: set[tuple[int, int, bool]] = set()
    for warehouse_id, spec_id, defect, num, price in priced:
        acc = by_spec[(spec_id, defect)]
        acc[0] += num
        acc[1] += num * price
        warehouses.add((warehouse_id, spec_id, defect))
    if not by_spec:
        return
    keys = [(ALL_WAREHOUSES, s, d) for s, d in by_spec] + list(warehouses)
    _ensure_rows(session, tenant_id, keys)
    now = now_china()
    for (spec_id, defect), (qty_in, value_in) in sorted(by_spec.items()):
        row = session.execute(select(StockCost).where(
            StockCost.tenant_id == tenant_id, StockCost.warehouse_id == ALL_WAREHOUSES,
            StockCost.spec_id == spec_id, StockCost.defect.is_(defect)).with_for_update()).scalar_one()
        total_after = Decimal(session.scalar(select(func.coalesce(func.sum(Stock.stock_num), 0)).where(
            Stock.tenant_id == tenant_id, Stock.spec_id == spec_id, Stock.defect.is_(defect))) or 0)
        before = total_after - qty_in
        if before > 0 and total_after > 0:
            avg = (before * row.avg_cost + value_in) / total_after
        else:
            avg = value_in / qty_in if qty_in else row.avg_cost
        row.avg_cost = avg.quantize(_PLACES)
        row.modified = now
    for warehouse_id, spec_id, defect in sorted(warehouses):
        stock_cost = select(Stock.cost_price).where(
            Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id, Stock.defect.is_(defect)
        ).scalar_subquery()
        session.execute(update(StockCost).where(
            StockCost.tenant_id == tenant_id, StockCost.warehouse_id == warehouse_id,
            StockCost.spec_id == spec_id, StockCost.defect.is_(defect),
        ).values(avg_cost=stock_cost, modified=now))
    session.flush()


def set_planned_cost(session: Session, tenant_id: int, spec_id: int, planned_cost: Decimal,
                     warehouse_id: int = ALL_WAREHOUSES, defect: bool = False, remark: str | None = None) -> StockCost:
    """计划成本: what finance plans a spec to cost (per warehouse when multi-warehouse cost is on)."""
    _ensure_rows(session, tenant_id, [(warehouse_id, spec_id, defect)])
    row = session.execute(select(StockCost).where(
        StockCost.tenant_id == tenant_id, StockCost.warehouse_id == warehouse_id, StockCost.spec_id == spec_id,
        StockCost.defect.is_(defect))).scalar_one()
    row.planned_cost = planned_cost
    if remark is not None:
        row.remark = remark
    row.modified = now_china()
    session.flush()
    return row


def planned_costs(session: Reader, tenant_id: int, spec_ids: Iterable[int],
                  settings: dict[str, Any]) -> dict[tuple[int, int, bool], Decimal]:
    """Planned cost by (scope warehouse_id, spec_id, defect) for the given specs."""
    ids = sorted(set(spec_ids))
    if not ids:
        return {}
    stmt = select(StockCost.warehouse_id, StockCost.spec_id, StockCost.defect, StockCost.planned_cost).where(
        StockCost.tenant_id == tenant_id, StockCost.spec_id.in_(ids))
    if not multi_warehouse(settings):
        stmt = stmt.where(StockCost.warehouse_id == ALL_WAREHOUSES)
    return {(w, s, bool(d)): Decimal(p) for w, s, d, p in session.execute(stmt)}
