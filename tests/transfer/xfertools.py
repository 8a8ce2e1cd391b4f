"""Helpers of the transfer tests: the documents' seed (WH1 with stock, WH2, EXT) and stock figures."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent.parent / "documents"))

from docseed import seed, set_settings  # noqa: E402

from support import TenantHandle  # noqa: E402
from wdterp.domain.inventory import service as inventory  # noqa: E402
from wdterp.domain.inventory.models import StockLedger  # noqa: E402

__all__ = ["seed", "set_settings", "figures", "ledger"]


def figures(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> dict[str, Any]:
    """stock_num, lock_num and the transfer counters of one stock row (zeros when there is none)."""
    names = ("stock_num", "lock_num", "transfer_num", "wait_transfer_num", "refund_onway_num")
    with tenant.db.transaction() as session:
        row = inventory.stock_row(session, warehouse_id, spec_id, defect)
        return {n: Decimal(0) if row is None else getattr(row, n) for n in names}


def ledger(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> list[tuple[int, Decimal]]:
    """(src_order_type, num) of the stock row's ledger rows, oldest first; their sum is the stock."""
    with tenant.db.transaction() as session:
        rows = session.execute(select(StockLedger.src_order_type, StockLedger.num).where(
            StockLedger.tenant_id == tenant.tenant_id, StockLedger.warehouse_id == warehouse_id,
            StockLedger.spec_id == spec_id, StockLedger.defect.is_(defect)).order_by(StockLedger.rec_id))
        return [(t, Decimal(n)) for t, n in rows]
