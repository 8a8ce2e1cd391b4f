"""Returned goods reach the mall's stock sync: the listing of a spec that came back through a return
stockin is listed again by sales.StockSync.getSelfWaitSyncIdListOpen with the new figure."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))
sys.path.insert(0, str(Path(__file__).parent.parent / "sales"))

from salestools import push2, raw_line  # noqa: E402
from sync_seed import move_stock, seed_listing, seed_sync  # noqa: E402

from helpers import op  # noqa: E402

WAIT, CALC, SUCCESS = ("sales.StockSync.getSelfWaitSyncIdListOpen", "sales.StockSync.calcStock",
                       "sales.StockSync.syncSuccess")
_SYNCED = ("syn_stock", "stock_change_count", "stock_syn_rule_id", "stock_syn_rule_no", "stock_syn_warehouses",
           "stock_syn_mask", "stock_syn_percent", "stock_syn_plus", "stock_syn_min", "stock_syn_max",
           "is_auto_listing", "is_auto_delisting")


def _synced(tenant: Any, rec_id: int) -> int:
    calc = tenant.caller.ok(CALC, rec_id, False)
    assert tenant.caller.call(SUCCESS, rec_id, {k: calc[k] for k in _SYNCED}) == {"status": 0}
    return int(calc["syn_stock"])


def test_returned_goods_are_listed_for_stock_sync(tenant: Any) -> None:
    seeded = seed_sync(tenant)
    spec_id, rec_id = seed_listing(tenant, seeded.mall_shop_id)
    move_stock(tenant, seeded.warehouse_id, spec_id, 5)
    push2(tenant, "SYNC-1", [raw_line("SYNC-1", "SYNC-1-1", spec_no="SA", num=2)], warehouse_no="WH1")
    trade_no = op(tenant, "sales.submit", tid="SYNC-1")["trade_no"]
    op(tenant, "sales.check", trade_no=trade_no)
    op(tenant, "sales.consign", trade_no=trade_no, logistics_no="YZBK", tracking_no="YZ-1")
    assert _synced(tenant, rec_id) == 3
    assert rec_id not in tenant.caller.ok(WAIT, 100, 0)["id_list"]
    tenant.caller.ok("aftersales.refund.RawRefund.upload", "mall", [{
        "refund_no": "SYNC-R1", "num": 2, "tid": "SYNC-1", "oid": "SYNC-1-1", "type": 2, "status": 3,
        "refund_version": "1", "refund_amount": 20, "actual_refund_amount": 20, "title": "T恤", "buyer_nick": "b",
        "is_aftersale": 1, "reason": ""}])
    number = op(tenant, "refund.submit", raw_refund_no="SYNC-R1")["refund_no"]
    op(tenant, "refund.check", refund_no=number)
    op(tenant, "refund.receive", refund_no=number)
    assert rec_id in tenant.caller.ok(WAIT, 100, 0)["id_list"]
    assert tenant.caller.ok(CALC, rec_id, False)["syn_stock"] == 5
