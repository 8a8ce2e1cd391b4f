"""Counts made ERP-side (count.start / enter / finish / cancel), seen through the wms.StockPd.* queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from whopstools import details, put, seed, stock

from helpers import expect, op, window
from support import TenantHandle
from wdterp.api.ops import OperationError
from wdterp.protocol.clock import format_wire_time, now_china


def test_count_by_spec_from_start_to_finish(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    started = op(tenant, "count.start", warehouse_no="WH1", remark="月末盘点")
    pd_no = started["pd_no"]
    assert (started["status"], started["mode"], started["lines"]) == (30, 0, 2)  # S1 and S2 have stock

    listed = tenant.caller.ok("wms.StockPd.queryStockPd", {**window(days=1), "status": 30}, page=(10, 0))
    assert [x["pd_no"] for x in listed["pd_list"]] == [pd_no]

    entered = op(tenant, "count.enter", pd_no=pd_no, lines=[{"spec_no": "S1", "new_num": 8},
                                                             {"spec_no": "S3", "new_num": 2}])
    assert (entered["status"], entered["lines"], entered["counted"]) == (31, 3, 2)
    assert stock(tenant, ids["WH1"], ids["S1"]) == 10  # nothing moves before the count is executed

    put(tenant, ids["WH1"], ids["S2"], 1)  # S2 changes meanwhile: not counted, so it keeps its stock
    finished = op(tenant, "count.finish", pd_no=pd_no)
    assert finished["status"] == 40 and finished["stockin_no"] and finished["stockout_no"]
    assert stock(tenant, ids["WH1"], ids["S1"]) == 8
    assert stock(tenant, ids["WH1"], ids["S2"]) == 6
    assert stock(tenant, ids["WH1"], ids["S3"]) == 2

    by_spec = tenant.caller.ok("wms.StockPd.queryStockPd", {**window(days=1), "spec_no": "S3"}, page=(10, 0))
    assert [x["pd_no"] for x in by_spec["pd_list"]] == [pd_no]
    assert by_spec["pd_list"][0]["status"] == 40 and by_spec["pd_list"][0]["creator_no"] == "ops"
    detail = tenant.caller.call("wms.StockPd.queryStockPdDetail", {"pd_no": pd_no}, page=(10, 0))
    lines = {x["spec_no"]: (x["old_num"], x["new_num"]) for x in detail["data"]["pd_detail_list"]}
    assert lines == {"S1": (10, 8), "S2": (6, 6), "S3": (0, 2)}

    gains = tenant.caller.ok("wms.StockPd.queryStockPdInDetail",
                             {**window(days=1), "warehouse_no": "WH1", "status": "80"}, page=(10, 0))
    assert [(o["order_no"], o["src_order_no"]) for o in gains["order"]] == [(finished["stockin_no"], pd_no)]
    assert gains["order"][0]["pd_order_remark"] == "月末盘点"
    losses = tenant.caller.ok("wms.StockPd.queryStockPdOutDetail",
                              {**window(days=1), "time_type": 2, "stockout_no": finished["stockout_no"]}, page=(10, 0))
    assert [d["spec_no"] for o in losses["order"] for d in o["detail_list"]] == ["S1"]


def test_count_by_position_and_partial_execution(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    put(tenant, ids["WH1"], ids["S3"], 4, position_no="A-01")
    put(tenant, ids["WH1"], ids["S1"], 3, position_no="A-01")
    started = op(tenant, "count.start", warehouse_no="WH1", position_nos=["A-01"])
    assert (started["mode"], started["lines"]) == (1, 2)
    op(tenant, "count.enter", pd_no=started["pd_no"], lines=[{"spec_no": "S3", "new_num": 1,
                                                              "position_no": "A-01"}])
    partly = op(tenant, "count.finish", pd_no=started["pd_no"], partial=True)
    assert partly["status"] == 33
    assert details(tenant, ids["WH1"], ids["S3"]) == {"A-01": 1}
    assert stock(tenant, ids["WH1"], ids["S3"]) == 1
    assert details(tenant, ids["WH1"], ids["S1"])["A-01"] == 3

    op(tenant, "count.enter", pd_no=started["pd_no"], lines=[{"spec_no": "S1", "new_num": 5,
                                                              "position_no": "A-01"}])
    assert op(tenant, "count.finish", pd_no=started["pd_no"])["status"] == 40
    assert details(tenant, ids["WH1"], ids["S1"])["A-01"] == 5
    assert stock(tenant, ids["WH1"], ids["S1"]) == 15
    detail = tenant.caller.call("wms.StockPd.queryStockPdDetail", {"pd_no": started["pd_no"]}, page=(10, 0))
    assert {x["position_no"] for x in detail["data"]["pd_detail_list"]} == {"A-01"}


def test_count_cancel_and_refusals(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    pd_no = op(sqlite_tenant, "count.start", warehouse_no="WH1", spec_nos=["S1"])["pd_no"]
    assert op(sqlite_tenant, "count.cancel", pd_no=pd_no)["status"] == 10
    with pytest.raises(OperationError, match="单据不存在"):
        op(sqlite_tenant, "count.cancel", pd_no=pd_no)
    with pytest.raises(OperationError, match="盘点单状态不正确"):
        op(sqlite_tenant, "count.enter", pd_no=pd_no, lines=[{"spec_no": "S1", "new_num": 1}])
    with pytest.raises(OperationError, match="数量不合法"):
        other = op(sqlite_tenant, "count.start", warehouse_no="WH1")["pd_no"]
        op(sqlite_tenant, "count.enter", pd_no=other, lines=[{"spec_no": "S1", "new_num": -3}])
    done = op(sqlite_tenant, "count.start", warehouse_no="WH1")["pd_no"]
    op(sqlite_tenant, "count.finish", pd_no=done)
    with pytest.raises(OperationError, match="盘点单状态不正确"):
        op(sqlite_tenant, "count.cancel", pd_no=done)
    cancelled = sqlite_tenant.caller.ok("wms.StockPd.queryStockPd", {**window(days=1), "status": 10}, page=(10, 0))
    assert [x["pd_no"] for x in cancelled["pd_list"]] == [pd_no]


def test_count_document_query_rows(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    caller = sqlite_tenant.caller
    for method in ("wms.StockPd.queryStockPdInDetail", "wms.StockPd.queryStockPdOutDetail"):
        expect(caller.call(method, {"warehouse_no": "WH1"}, page=(10, 0)), "E23")
        now = now_china()
        wide = {"start_time": format_wire_time(now - timedelta(days=31)), "end_time": format_wire_time(now)}
        expect(caller.call(method, wide, page=(10, 0)), "E24")
        assert caller.ok(method, {"src_order_no": "PD-NONE"}, page=(10, 0)) == {"total_count": 0, "order": []}
    expect(caller.call("wms.StockPd.queryStockPd", {"pd_no": "X"}, page=(10, 0)), "E23")
    expect(caller.call("wms.StockPd.queryStockPd", {**window(days=1), "bogus": 1}, page=(10, 0)), "E10", name="bogus")
    sqlite_tenant.update_app(warehouses=["WH2"])
    expect(caller.call("wms.StockPd.queryStockPd", {**window(days=1), "warehouse_no": "WH1"}, page=(10, 0)), "E34")
