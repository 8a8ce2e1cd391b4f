"""Concurrent receipts of one purchase order: with over-receipt forbidden, no more than was ordered
comes in, and stock, ledger and the order agree (both backends)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from purchtools import ledger, order, seed, set_settings, stock_row


def test_concurrent_receipts_never_over_receive(tenant: Any) -> None:
    ids = seed(tenant)
    set_settings(tenant, purchase_forbid_over_receipt=True)
    number = tenant.caller.ok("purchase.PurchaseOrder.createOrder", order("", {"spec_no": "S1", "num": 10,
                                                                               "price": 5}, is_check=True))["message"]
    callers = [tenant.new_caller() for _ in range(5)]

    def receive(caller: Any) -> int:
        envelope = caller.call("wms.stockin.Purchase.upload", {"purchase_no": number, "warehouse_no": "WH1",
                                                               "create_mode": 2}, [{"spec_no": "S1", "num": 4}])
        return int(envelope["status"])

    with ThreadPoolExecutor(5) as pool:
        outcomes = list(pool.map(receive, callers))
    assert sorted(outcomes) == [0, 0, 100, 100, 100]
    figures = stock_row(tenant, ids["WH1"], ids["S1"])
    assert figures["stock_num"] == 8 and figures["purchase_num"] == 2
    assert sum((n for _, _, n in ledger(tenant, ids["S1"])), Decimal(0)) == 8
    row = tenant.caller.ok("purchase.PurchaseOrder.queryWithDetail", {"purchase_no": number}, page=(10, 0))["order"][0]
    assert row["goods_stockin_count"] == 8 and row["status"] == 50
