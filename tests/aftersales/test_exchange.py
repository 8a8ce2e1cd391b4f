"""换货 end to end over HTTP (plus ops): an exchange of a shipped order makes its exchange-out trade at
check (same spec, to the buyer's address, from the original warehouse), the return stockin takes the goods
back, the exchange-out trade is checked (reserved) and ships; statuses, stock, ledger and counters on the way."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from refundtools import MALL, REFUNDS, UPLOAD, ledger, order, refund_row, seed
from sqlalchemy import select

from helpers import op, stock_figures, window
from wdterp.domain.sync.models import LogisticsSync

TRADES = "sales.TradeQuery.queryWithDetail"
COUNTERS = ("stock_num", "lock_num", "refund_onway_num", "refund_exch_num")


def _refund(tenant: Any, refund_no: str) -> dict[str, Any]:
    rows = tenant.caller.ok(REFUNDS, {"refund_no": refund_no}, page=(10, 0))["order"]
    assert len(rows) == 1, rows
    return rows[0]


def _trade(tenant: Any, trade_no: str) -> dict[str, Any]:
    rows = tenant.caller.ok(TRADES, {"trade_no": trade_no}, page=(10, 0))["order"]
    assert len(rows) == 1, rows
    return rows[0]


def _figures(tenant: Any, ids: dict[str, int]) -> dict[str, Decimal]:
    return stock_figures(tenant, ids["warehouse"], ids["A"], COUNTERS)


def test_exchange_sends_the_same_goods_out_on_a_trade_of_its_own(tenant: Any) -> None:
    ids = seed(tenant)
    original_no = order(tenant, "R-6", num=1)
    original = _trade(tenant, original_no)
    assert _figures(tenant, ids) == {"stock_num": 9, "lock_num": 0, "refund_onway_num": 0, "refund_exch_num": 0}
    tenant.caller.ok(UPLOAD, MALL, [refund_row("P-6", "R-6", 3, num=1)])
    number = op(tenant, "refund.submit", raw_refund_no="P-6")["refund_no"]
    row = _refund(tenant, number)
    assert (row["type"], row["status"], row["stockin_status"], row["swap_order"]) == (3, 20, 0, "")

    op(tenant, "refund.check", refund_no=number)
    row = _refund(tenant, number)
    assert (row["status"], row["stockin_status"]) == (30, 1)
    swap = row["swap_order"]
    assert (swap["tid"], swap["shop_no"], swap["warehouse_no"], swap["warehouse_id"]) == (
        number, MALL, "WH1", ids["warehouse"])
    assert (swap["swap_province"], swap["swap_city"], swap["swap_district"], swap["swap_area"]) == (
        original["receiver_province"], original["receiver_city"], original["receiver_district"],
        original["receiver_area"])
    assert (swap["post_amount"], swap["other_amount"]) == (0, 0)
    assert [(d["oid"], d["merchant_no"], d["target_id"], d["target_type"], d["num"], d["price"], d["total_amount"],
             d["defect"]) for d in swap["swap_order_detail_list"]] == [
        (f"{number}-1", "A", ids["A"], 1, 1, 10, 10, False)]
    assert _figures(tenant, ids) == {"stock_num": 9, "lock_num": 0, "refund_onway_num": 1, "refund_exch_num": 1}

    swaps = tenant.caller.ok(TRADES, {**window(), "src_tid": number}, page=(10, 0))["order"]
    assert len(swaps) == 1
    swap_no = swaps[0]["trade_no"]
    trade = _trade(tenant, swap_no)
    assert (trade["trade_status"], trade["trade_type"], trade["shop_no"], trade["warehouse_no"]) == (30, 3, MALL, "WH1")
    assert (trade["receiver_name"], trade["receiver_address"], trade["receiver_mobile"]) == (
        original["receiver_name"], original["receiver_address"], original["receiver_mobile"])
    assert [(d["spec_no"], d["num"], d["price"]) for d in trade["detail_list"]] == [("A", 1, 10)]
    assert trade["paid"] == 0 and trade["receivable"] == 0  # the goods are not paid again

    op(tenant, "sales.check", trade_no=swap_no)
    assert _trade(tenant, swap_no)["trade_status"] == 55
    assert _figures(tenant, ids) == {"stock_num": 9, "lock_num": 1, "refund_onway_num": 1, "refund_exch_num": 1}

    received = op(tenant, "refund.receive", refund_no=number)
    assert (received["status"], received["stockin_status"]) == (90, 3)
    assert _figures(tenant, ids) == {"stock_num": 10, "lock_num": 1, "refund_onway_num": 0, "refund_exch_num": 1}

    op(tenant, "sales.consign", trade_no=swap_no, logistics_no="SF", tracking_no="SF-SWAP-1")
    assert _trade(tenant, swap_no)["trade_status"] == 95
    assert _figures(tenant, ids) == {"stock_num": 9, "lock_num": 0, "refund_onway_num": 0, "refund_exch_num": 0}
    assert ledger(tenant, ids["warehouse"], ids["A"]) == [(33, 10), (1, -1), (12, 1), (1, -1)]
    with tenant.db.transaction() as session:  # the mall has no order of our own refund number to report to
        assert not session.scalars(select(LogisticsSync.trade_no).where(LogisticsSync.trade_no == swap_no)).all()
    row = _refund(tenant, number)
    assert (row["status"], row["stockin_status"], row["swap_order"]["tid"]) == (90, 3, number)


def test_exchange_on_autopilot_reserves_its_goods_at_once(tenant: Any) -> None:
    ids = seed(tenant)
    order(tenant, "R-7", num=2)
    op(tenant, "autopilot.set", auto_submit=True, auto_check=True)
    tenant.caller.ok(UPLOAD, MALL, [refund_row("P-7", "R-7", 3, num=2)])
    rows = tenant.caller.ok(REFUNDS, {"tid": "R-7"}, page=(10, 0))["order"]
    assert (rows[0]["status"], rows[0]["swap_order"]["swap_order_detail_list"][0]["num"]) == (30, 2)
    assert _figures(tenant, ids) == {"stock_num": 8, "lock_num": 2, "refund_onway_num": 2, "refund_exch_num": 2}


def test_a_cancelled_exchange_out_trade_owes_nothing(tenant: Any) -> None:
    ids = seed(tenant)
    order(tenant, "R-8", num=1)
    tenant.caller.ok(UPLOAD, MALL, [refund_row("P-8", "R-8", 3, num=1)])
    number = op(tenant, "refund.submit", raw_refund_no="P-8")["refund_no"]
    op(tenant, "refund.check", refund_no=number)
    swap_no = tenant.caller.ok(TRADES, {**window(), "src_tid": number}, page=(10, 0))["order"][0]["trade_no"]
    op(tenant, "sales.check", trade_no=swap_no)
    assert _figures(tenant, ids) == {"stock_num": 9, "lock_num": 1, "refund_onway_num": 1, "refund_exch_num": 1}
    op(tenant, "sales.cancel", trade_no=swap_no, reason="买家不要换了")
    assert _trade(tenant, swap_no)["trade_status"] == 5
    assert _figures(tenant, ids) == {"stock_num": 9, "lock_num": 0, "refund_onway_num": 1, "refund_exch_num": 0}
