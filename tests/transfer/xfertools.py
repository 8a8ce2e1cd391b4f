"""Helpers of the transfer tests: the documents' seed (WH1 with stock, WH2, EXT) and stock figures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "documents"))

from docseed import seed, set_settings  # noqa: E402

from helpers import ledger, stock_figures  # noqa: E402
from support import TenantHandle  # noqa: E402

__all__ = ["seed", "set_settings", "figures", "ledger"]


def figures(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> dict[str, Any]:
    """stock_num, lock_num and the transfer counters of one stock row (zeros when there is none)."""
    names = ("stock_num", "lock_num", "transfer_num", "wait_transfer_num", "refund_onway_num")
    return stock_figures(tenant, warehouse_id, spec_id, names, defect)
