"""Stock figures computed from documents and the ledger for one page of stock rows.

- 待出/待入 buckets come from stock documents that exist but have not moved stock yet (neither
  completed nor cancelled): 其他待出库量 other-out (21), 其他待入库量 other-in (20), 待调出量 transfer
  stockouts (2), 生产待出库量 process stockouts (5), 生产待入库量 process stockins (5, 6).
- Sales figures (销量) are sales-stockout quantities (ledger rows of type 1, net of nothing else) by
  day in server time: today (from 00:00), yesterday, the last 7/14/30 (月)/60/90 days including today,
  and all time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import DateTime, and_, bindparam, case, func, or_, select

from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.inventory.models import StockLedger
from wdterp.domain.queries import Reader, connection_of
from wdterp.protocol.clock import now_china

ZERO = Decimal(0)
StockKey = tuple[int, int, bool]

#: bucket name → (direction, order types)
PENDING_BUCKETS: dict[str, tuple[str, tuple[int, ...]]] = {
    "to_other_out_num": ("out", (OrderType.OTHER_OUT,)),
    "to_other_in_num": ("in", (OrderType.OTHER_IN,)),
    "to_transfer_num": ("out", (OrderType.TRANSFER,)),
    "to_process_out_num": ("out", (OrderType.PROCESS,)),
    "to_process_in_num": ("in", (OrderType.PROCESS, OrderType.PROCESS_FINISHED_IN)),
}
_DONE = {"in": (StockinStatus.CANCELLED, StockinStatus.COMPLETED),
         "out": (StockoutStatus.CANCELLED, StockoutStatus.COMPLETED)}

#: sales figure name → days back from today's 00:00 (None = all time); yesterday is special
SALES_FIGURES: dict[str, int | None] = {
    "today_num": 0, "num_7days": 6, "num_14days": 13, "num_month": 29, "num_60days": 59, "num_90days": 89,
    "num_all": None,
}


@cache
def _pending_statement() -> Any:
    conditions = [and_(StockDocument.direction == direction, StockDocument.order_type.in_(types),
                       StockDocument.status.not_in(_DONE[direction]))
                  for direction, types in PENDING_BUCKETS.values()]
    return (select(StockDocument.warehouse_id, StockDocumentLine.spec_id, StockDocumentLine.defect,
                   StockDocument.direction, StockDocument.order_type, func.sum(StockDocumentLine.num))
            .join(StockDocument, StockDocument.doc_id == StockDocumentLine.doc_id)
            .where(StockDocumentLine.spec_id.in_(bindparam("spec_ids", expanding=True)),
                   StockDocument.tenant_id == bindparam("tenant_id"), or_(*conditions))
            .group_by(StockDocument.warehouse_id, StockDocumentLine.spec_id, StockDocumentLine.defect,
                      StockDocument.direction, StockDocument.order_type))


def pending_quantities(session: Reader, tenant_id: int,
                       keys: Iterable[StockKey]) -> dict[StockKey, dict[str, Decimal]]:
    """Quantities of not-yet-executed documents per stock row and bucket."""
    keys = set(keys)
    out: dict[StockKey, dict[str, Decimal]] = defaultdict(dict)
    if not keys:
        return out
    rows = connection_of(session).execute(_pending_statement(), {
        "spec_ids": sorted({k[1] for k in keys}), "tenant_id": tenant_id})
    for warehouse_id, spec_id, defect, direction, order_type, total in rows:
        key = (warehouse_id, spec_id, bool(defect))
        if key not in keys:
            continue
        for bucket, (bucket_direction, types) in PENDING_BUCKETS.items():
            if direction == bucket_direction and order_type in types:
                out[key][bucket] = out[key].get(bucket, ZERO) + Decimal(total or 0)
    return out


@cache
def _sales_statement() -> Any:
    sold = -StockLedger.num
    since = {name: bindparam(f"since_{name}", type_=DateTime()) for name in SALES_FIGURES}
    columns = [func.sum(case((StockLedger.created >= since[name], sold), else_=0)) if days is not None
               else func.sum(sold) for name, days in SALES_FIGURES.items()]
    yesterday = func.sum(case((and_(StockLedger.created >= bindparam("yesterday", type_=DateTime()),
                                    StockLedger.created < bindparam("today", type_=DateTime())), sold), else_=0))
    return (select(StockLedger.warehouse_id, StockLedger.spec_id, StockLedger.defect, yesterday, *columns)
            .where(StockLedger.tenant_id == bindparam("tenant_id"),
                   StockLedger.spec_id.in_(bindparam("spec_ids", expanding=True)),
                   StockLedger.src_order_type == OrderType.SALES_OUT)
            .group_by(StockLedger.warehouse_id, StockLedger.spec_id, StockLedger.defect))


def sales_figures(session: Reader, tenant_id: int, keys: Iterable[StockKey],
                  now: datetime | None = None) -> dict[StockKey, dict[str, Decimal]]:
    """销量 per stock row: sales-stockout quantities over the documented periods."""
    keys = set(keys)
    out: dict[StockKey, dict[str, Decimal]] = defaultdict(dict)
    if not keys:
        return out
    today = (now or now_china()).replace(hour=0, minute=0, second=0, microsecond=0)
    params: dict[str, Any] = {f"since_{name}": today - timedelta(days=days or 0)
                              for name, days in SALES_FIGURES.items()}
    params.update(tenant_id=tenant_id, spec_ids=sorted({k[1] for k in keys}), today=today,
                  yesterday=today - timedelta(days=1))
    for warehouse_id, spec_id, defect, num_yesterday, *values in connection_of(session).execute(
            _sales_statement(), params):
        key = (warehouse_id, spec_id, bool(defect))
        if key in keys:
            figures = {name: Decimal(v or 0) for name, v in zip(SALES_FIGURES, values, strict=True)}
            figures["num_yesterday"] = Decimal(num_yesterday or 0)
            out[key] = figures
    return out
