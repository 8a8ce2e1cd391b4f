"""ERP-side stock actions that are not movements: alarm settings and the ledger audit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wdterp.domain.inventory.models import Stock, StockDetail, StockLedger
from wdterp.domain.inventory.service import _upsert_stock_rows, stock_row
from wdterp.protocol.clock import now_china

#: 警戒 settings of a stock row a user may set
ALARM_FIELDS = ("safe_stock", "safe_stock_upper", "alarm_type", "alarm_days", "alarm_days_upper", "cycle_days")


def set_alarm(session: Session, tenant_id: int, warehouse_id: int, spec_id: int, defect: bool = False,
              **values: Any) -> Stock:
    """Set 警戒库存 settings (lower/upper bound, refresh type, days) of one stock row."""
    unknown = set(values) - set(ALARM_FIELDS)
    if unknown:
        raise ValueError(f"not alarm settings: {sorted(unknown)}")
    _upsert_stock_rows(session, tenant_id, [(warehouse_id, spec_id, defect)])
    row = stock_row(session, warehouse_id, spec_id, defect)
    assert row is not None
    for name, value in values.items():
        if value is not None:
            setattr(row, name, int(value) if name == "alarm_type" else Decimal(str(value)))
    row.modified = now_china()
    session.flush()
    return row


def audit(session: Session, tenant_id: int) -> list[dict[str, Any]]:
    """Stock rows whose ledger or details do not add up to stock_num (the invariants of the service)."""
    ledger = (select(StockLedger.warehouse_id, StockLedger.spec_id, StockLedger.defect,
                     func.sum(StockLedger.num).label("total"))
              .where(StockLedger.tenant_id == tenant_id)
              .group_by(StockLedger.warehouse_id, StockLedger.spec_id, StockLedger.defect).subquery())
    details = (select(StockDetail.stock_id, func.sum(StockDetail.stock_num).label("total"))
               .where(StockDetail.tenant_id == tenant_id).group_by(StockDetail.stock_id).subquery())
    stmt = (select(Stock.rec_id, Stock.warehouse_id, Stock.spec_id, Stock.defect, Stock.stock_num,
                   Stock.lock_num, ledger.c.total.label("ledger"), details.c.total.label("details"))
            .outerjoin(ledger, (ledger.c.warehouse_id == Stock.warehouse_id) & (ledger.c.spec_id == Stock.spec_id)
                       & (ledger.c.defect == Stock.defect))
            .outerjoin(details, details.c.stock_id == Stock.rec_id)
            .where(Stock.tenant_id == tenant_id))
    problems = []
    for r in session.execute(stmt):
        stock, in_ledger, in_details = Decimal(r.stock_num), Decimal(r.ledger or 0), Decimal(r.details or 0)
        if stock != in_ledger or stock != in_details or stock < 0 or r.lock_num < 0:
            problems.append({"rec_id": r.rec_id, "warehouse_id": r.warehouse_id, "spec_id": r.spec_id,
                             "defect": bool(r.defect), "stock_num": float(stock), "lock_num": float(r.lock_num),
                             "ledger_total": float(in_ledger), "detail_total": float(in_details)})
    return problems
