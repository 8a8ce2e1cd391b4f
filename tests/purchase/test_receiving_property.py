"""Random receipts of a purchase order (checked at once, left waiting then checked or cancelled, stop
waiting) keep stock, ledger, the order's figures and the buyer's counters consistent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from purchtools import ledger, order, seed, stock_row

from helpers import op
from support import make_tenant

OPS = ("receive", "arrive_check", "arrive_cancel", "stop")
step = st.tuples(st.sampled_from(OPS), st.integers(1, 6))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ordered=st.integers(1, 12), steps=st.lists(step, min_size=1, max_size=8))
def test_counters_follow_receipts(tenant: Any, ordered: int, steps: list[tuple[str, int]]) -> None:
    fresh = make_tenant(tenant.backend)
    ids = seed(fresh)
    wh, spec = ids["WH1"], ids["S1"]
    number = fresh.caller.ok("purchase.PurchaseOrder.createOrder", order(
        "", {"spec_no": "S1", "num": ordered, "price": 2}, is_check=True))["message"]
    received, stopped = 0, False
    head = {"purchase_no": number, "warehouse_no": "WH1"}
    for kind, n in steps:
        if kind == "stop":
            answer = fresh.caller.ok("purchase.PurchaseOrder.pending", [number])
            ok = not answer["error_info"]
            assert ok == (0 < received < ordered and not stopped)
            stopped = stopped or ok
            continue
        envelope = fresh.caller.call("wms.stockin.Purchase.upload", {**head, "create_mode": 2 if kind == "receive"
                                                                     else 0}, [{"spec_no": "S1", "num": n}])
        assert (envelope["status"] == 0) == (not stopped), envelope
        if envelope["status"] != 0:
            continue
        assert stock_row(fresh, wh, spec)["purchase_arrive_num"] == (0 if kind == "receive" else n)
        if kind == "arrive_check":
            op(fresh, "stockin.check", doc_no=envelope["data"])
        elif kind == "arrive_cancel":
            assert fresh.caller.call("wms.stockin.Purchase.cancel", envelope["data"]) == {"status": 0}
            continue
        received += n
    figures = stock_row(fresh, wh, spec)
    assert figures["stock_num"] == received == sum((x for _, _, x in ledger(fresh, spec)), Decimal(0))
    assert figures["purchase_arrive_num"] == 0
    assert figures["purchase_num"] == (0 if stopped else max(ordered - received, 0))
    row = fresh.caller.ok("purchase.PurchaseOrder.queryWithDetail", {"purchase_no": number}, page=(10, 0))["order"][0]
    assert row["goods_stockin_count"] == received
    want = (3 if stopped else 0 if not received else 1 if received < ordered else 2 if received == ordered else 4)
    assert row["stockin_status"] == want
