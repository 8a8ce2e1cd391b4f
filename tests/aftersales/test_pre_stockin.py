"""Pre-stockins (退货预入库单) over HTTP: create, check into stock (ops), cancel; search on the internal
channel only (E32 for ordinary apps)."""

from __future__ import annotations

from typing import Any

from refundtools import figures, ledger, seed

from helpers import documented, expect, expect_business, op, window

CREATE, CANCEL, SEARCH = ("wms.stockin.PreStockin.createExt", "wms.stockin.PreStockin.cancel",
                          "wms.stockin.PreStockin.search")


def test_pre_stockin_create_check_cancel_and_search(tenant: Any) -> None:
    ids = seed(tenant)
    wh, spec = ids["warehouse"], ids["A"]
    made = tenant.caller.ok(CREATE, {"warehouse_no": "WH1", "stockin_no": "YR-1", "remark": "",
                                     "logistics_no": "SF-BACK"},
                            [{"spec_no": "A", "remark": "", "num": 2, "defect": False},
                             {"spec_no": "B", "remark": "破损", "num": 1, "defect": True}])
    assert isinstance(made, int)
    expect(tenant.caller.call(CREATE, {"warehouse_no": "WH1", "stockin_no": "YR-1", "remark": ""},
                              [{"spec_no": "A", "remark": "", "num": 1, "defect": False}]), "E39")
    expect(tenant.caller.call(CREATE, {"warehouse_no": "WH1", "stockin_no": "YR-2", "remark": ""},
                              [{"spec_no": "A", "remark": "", "num": 1.5, "defect": False}]), "E56")
    expect(tenant.caller.call(SEARCH, {}), "E32", method=SEARCH)
    assert op(tenant, "stockin.check", doc_no="YR-1")["status"] == 80
    assert figures(tenant, wh, spec)["stock_num"] == 12 and figures(tenant, wh, ids["B"], True)["stock_num"] == 1
    assert ledger(tenant, wh, spec)[-1] == (22, 2)
    expect_business(tenant.caller.call(CANCEL, "YR-1"), "单据状态不正确")
    tenant.caller.ok(CREATE, {"warehouse_no": "WH1", "stockin_no": "YR-3", "remark": ""},
                     [{"spec_no": "A", "remark": "", "num": 1, "defect": False}])
    assert tenant.caller.call(CANCEL, "YR-3") == {"status": 0}
    expect(tenant.caller.call(CANCEL, "YR-3"), "E26")
    expect(tenant.caller.call(CANCEL, "YR-NOPE"), "E26")
    tenant.update_app(internal=True)
    rows = tenant.caller.ok(SEARCH, {"mt_from": window()["start_time"], "mt_to": window()["end_time"]},
                            page=(10, 0))["order"]
    assert [(r["stockin_no"], r["status"], r["src_order_type"]) for r in rows] == [("YR-1", 80, 22), ("YR-3", 10, 22)]
    assert [d["defect"] for d in rows[0]["detail_list"]] == [False, True]
    assert set(rows[0]) == documented(SEARCH, "order")
    assert set(rows[0]["detail_list"][0]) == documented(SEARCH, "detail_list")
    assert tenant.caller.ok(SEARCH, {"spec_no": "B"}, page=(10, 0))["total_count"] == 1
    assert tenant.caller.ok(SEARCH, {"buyer_nick": "someone"}, page=(10, 0))["total_count"] == 0
