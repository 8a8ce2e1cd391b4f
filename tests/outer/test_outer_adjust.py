"""Outsourced-warehouse adjust in/out over HTTP: stock, ledger and the pages' statuses; outer transfers
between an external and an own warehouse; their refusals."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "transfer"))

from xfertools import figures, ledger, seed  # noqa: E402

from helpers import expect, expect_business, window  # noqa: E402

IN_CREATE, OUT_CREATE = "wms.outer.OuterIn.createOrder", "wms.outer.OuterOut.createOrder"
IN_QUERY, OUT_QUERY = "wms.outer.OuterIn.queryWithDetail", "wms.outer.OuterOut.queryWithDetail"
OUTER_TRANSFER = "wms.outer.OuterTransfer.createByApi"


def test_adjust_in_and_out_of_an_external_warehouse(tenant: Any) -> None:
    ids = seed(tenant)
    ext, s1 = ids["EXT"], ids["S1"]
    expect_business(tenant.caller.call(IN_CREATE, {"warehouse_no": "WH1"}, [{"spec_no": "S1", "num": 1}], True),
                    "仓库不是外部仓库")
    made = tenant.caller.ok(IN_CREATE, {"warehouse_no": "EXT", "order_no": "WI-OUTER-1", "reason": "盘盈",
                                        "src_order_type": 0},
                            [{"spec_no": "S1", "num": 5, "batch_no": "NEW-BATCH"}], True)
    assert made == {"status": 0, "message": "WI-OUTER-1"}
    assert figures(tenant, ext, s1)["stock_num"] == 5
    expect(tenant.caller.call(IN_CREATE, {"warehouse_no": "EXT", "order_no": "WI-OUTER-1"},
                              [{"spec_no": "S1", "num": 1}], False), "E39")
    expect(tenant.caller.call(IN_CREATE, {"warehouse_no": "EXT"}, [{"spec_no": "NOPE", "num": 1}], False), "E45")
    expect(tenant.caller.call(IN_CREATE, {"warehouse_no": "EXT"}, [{"spec_no": "S1", "num": 0}], False), "E56")
    expect(tenant.caller.call(IN_CREATE, {"warehouse_no": "EXT"}, [{"spec_no": "S1", "num": 1},
                                                                   {"spec_no": "S1", "num": 2}], False), "E67")
    no_source = tenant.caller.call(IN_CREATE, {"warehouse_no": "EXT", "src_order_type": 10},
                                   [{"spec_no": "S1", "num": 1}], False)
    expect_business(no_source, "源单类型为调拨、采购、退货时源单号不能为空")
    waiting = tenant.caller.ok(OUT_CREATE, {"warehouse_no": "EXT", "src_order_type": 0},
                               [{"spec_no": "S1", "num": 2}], False)["message"]
    assert waiting.startswith("WO") and figures(tenant, ext, s1)["stock_num"] == 5
    short = tenant.caller.ok(OUT_CREATE, {"warehouse_no": "EXT"}, [{"spec_no": "S1", "num": 9}], True)
    assert short == {"status": 20, "message": "审核失败: 商家编码S1库存不足"}
    out = tenant.caller.ok(OUT_CREATE, {"warehouse_no": "EXT", "src_order_type": 14, "src_order_no": "CR-1"},
                           [{"spec_no": "S1", "num": 3}], True)
    assert out["status"] == 0 and figures(tenant, ext, s1)["stock_num"] == 2
    assert ledger(tenant, ext, s1) == [(23, Decimal(5)), (24, Decimal(-3))]
    rows = tenant.caller.ok(IN_QUERY, window(days=1), page=(10, 0))["order"]
    assert [(r["outer_in_no"], r["status"], r["src_order_type"], r["reason"], r["warehouse_no"]) for r in rows] == [
        ("WI-OUTER-1", 50, 0, "盘盈", "EXT")]
    assert rows[0]["detail_list"][0]["batch_no"] == "NEW-BATCH" and rows[0]["detail_list"][0]["num"] == 5
    outs = tenant.caller.ok(OUT_QUERY, window(days=1), page=(10, 0))["order"]
    assert sorted((r["status"], r["src_order_type"]) for r in outs) == [(30, 0), (30, 0), (50, 14)]
    checked = tenant.caller.ok(OUT_QUERY, {**window(days=1), "status": "50"}, page=(10, 0))["order"]
    assert [(r["outer_out_no"], r["src_order_no"]) for r in checked] == [(out["message"], "CR-1")]
    assert tenant.caller.ok(OUT_QUERY, {**window(days=1), "order_type": 14}, page=(10, 0))["total_count"] == 1


def test_outer_transfer_between_external_and_own(tenant: Any) -> None:
    ids = seed(tenant)
    expect_business(tenant.caller.call(OUTER_TRANSFER, {"from_warehouse_no": "WH1", "to_warehouse_no": "WH2",
                                                        "mode": 1}, [{"spec_no": "S1", "num": 1}]),
                    "外仓调拨的调出仓库或调入仓库必须为外部仓库")
    expect(tenant.caller.call(OUTER_TRANSFER, {"from_warehouse_no": "WH1", "to_warehouse_no": "EXT", "mode": 1},
                              [{"spec_no": "S1", "num": 50}]), "E27", spec_no="S1")
    made = tenant.caller.ok(OUTER_TRANSFER, {"from_warehouse_no": "WH1", "to_warehouse_no": "EXT", "mode": 2,
                                             "create_mode": 2}, [{"spec_no": "S1", "num": 4, "defect": 0}])
    assert figures(tenant, ids["WH1"], ids["S1"])["stock_num"] == 6
    assert figures(tenant, ids["EXT"], ids["S1"])["stock_num"] == 4
    query = "wms.stocktransfer.Manage.queryWithDetail"
    row = tenant.caller.ok(query, {"transfer_no": made["transfer_no"]}, page=(10, 0))["order"][0]
    assert (row["mode"], row["status"], row["stock_out_in_status"]) == (14, 90, 60)
    saved = tenant.caller.ok(OUTER_TRANSFER, {"from_warehouse_no": "EXT", "to_warehouse_no": "WH1", "mode": 1,
                                              "create_mode": 1}, [{"spec_no": "S1", "num": 1}])
    row = tenant.caller.ok(query, {"transfer_no": saved["transfer_no"]}, page=(10, 0))["order"][0]
    assert (row["mode"], row["status"]) == (4, 30)
