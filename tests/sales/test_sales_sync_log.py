"""Trade log 135 物流同步: written when the mall reports a logistics-sync row as successful."""

from __future__ import annotations

from salestools import MALL, SF, push2, seed

from helpers import op
from support import TenantHandle

LIST, UPDATE, LOG = "sales.LogisticsSync.getSyncListExt", "sales.LogisticsSync.update", "sales.TradeQuery.getLog"


def _log_types(tenant: TenantHandle, trade_no: str) -> list[int]:
    return [row["type"] for row in tenant.caller.ok(LOG, {"trade_no": trade_no})["detail_list"]]


def test_successful_sync_writes_log_135_once(tenant: TenantHandle) -> None:
    seed(tenant)
    push2(tenant, "L1")
    push2(tenant, "L2")
    shipped = {}
    for tid in ("L1", "L2"):
        trade_no = op(tenant, "sales.submit", tid=tid)["trade_no"]
        op(tenant, "sales.check", trade_no=trade_no)
        op(tenant, "sales.consign", trade_no=trade_no, logistics_no=SF, tracking_no=f"SF-{tid}")
        shipped[tid] = trade_no
    listed = tenant.caller.call(LIST, {"shop_no": MALL}, page=(10, 0))
    rows = {r["tid"]: r for r in listed["data"]}
    assert set(rows) == {"L1", "L2"}
    assert 135 not in _log_types(tenant, shipped["L1"])

    assert tenant.caller.ok(UPDATE, [{"sync_id": rows["L1"]["sync_id"], "status": 0, "error_msg": ""},
                                     {"sync_id": rows["L2"]["sync_id"], "status": 2, "error_msg": "商城拒绝"}]) == []
    log = tenant.caller.ok(LOG, {"trade_no": shipped["L1"]})["detail_list"]
    assert [row["type"] for row in log].count(135) == 1, log
    assert log[0]["type"] == 135 and len(log[0]["created"]) == 19  # newest first
    assert 135 not in _log_types(tenant, shipped["L2"])  # a failure is no sync

    # a repeated success report changes nothing, so it writes no second row
    assert tenant.caller.ok(UPDATE, [{"sync_id": rows["L1"]["sync_id"], "status": 0}]) == []
    assert _log_types(tenant, shipped["L1"]).count(135) == 1
