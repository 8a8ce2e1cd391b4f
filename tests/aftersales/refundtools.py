"""Helpers of the aftersales tests: the sales seed (own mall, WH1 with A/B), a shipped or checked order,
raw refund rows as the mall pushes them, stock figures and ledger."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "sales"))

from salestools import MALL, push2, raw_line, seed  # noqa: E402

from helpers import ledger, op, stock_figures  # noqa: E402
from support import TenantHandle  # noqa: E402
from wdterp.protocol.clock import format_wire_time, now_china  # noqa: E402

__all__ = ["MALL", "push2", "raw_line", "seed", "order", "refund_row", "figures", "ledger", "UPLOAD", "UPLOAD2",
           "RAW_QUERY", "REFUNDS", "STOCKIN", "STOCKINS"]

UPLOAD = "aftersales.refund.RawRefund.upload"
UPLOAD2 = "aftersales.refund.RawRefund.upload2"
RAW_QUERY = "aftersales.refund.RawRefund.search"
REFUNDS = "aftersales.refund.Refund.search"
STOCKIN = "wms.stockin.Refund.createOrder"
STOCKINS = "wms.stockin.Refund.queryWithDetail"


def order(tenant: TenantHandle, tid: str, num: int = 2, ship: bool = True, spec_no: str = "A") -> str:
    """An own-mall order of `num` x spec, submitted, checked and (unless `ship` is false) shipped: its trade_no."""
    push2(tenant, tid, [raw_line(tid, f"{tid}-1", spec_no=spec_no, num=num)])
    trade_no = str(op(tenant, "sales.submit", tid=tid)["trade_no"])
    op(tenant, "sales.check", trade_no=trade_no)
    if ship:
        op(tenant, "sales.consign", trade_no=trade_no, logistics_no="SF", tracking_no=f"SF-{tid}")
    return trade_no


def refund_row(refund_no: str, tid: str, kind: int, num: int = 2, status: int = 3, **extra: Any) -> dict[str, Any]:
    """One line (the order's first) of a raw refund as RawRefund.upload takes it."""
    return {"refund_no": refund_no, "num": num, "tid": tid, "oid": f"{tid}-1", "type": kind, "status": status,
            "refund_version": "1", "refund_amount": 10 * num, "actual_refund_amount": 10 * num, "title": "T恤",
            "logistics_name": "顺丰", "logistics_no": f"SFR-{refund_no}", "buyer_nick": "buyer1",
            "refund_time": format_wire_time(now_china()), "is_aftersale": 1 if kind > 1 else 0, "reason": "不想要了",
            "price": 10, "total_amount": 10 * num, **extra}


def figures(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> dict[str, Decimal]:
    return stock_figures(tenant, warehouse_id, spec_id, ("stock_num", "lock_num", "refund_onway_num"), defect)
