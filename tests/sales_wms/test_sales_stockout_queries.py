"""Sales stockout queries, pick lists, packing lists, shipment, cancellation and history through HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from swmstools import HISTORY, QUERY, SF, WH, WH2, checked_stockout, seed, stockout, stockouts

from helpers import documented, expect, expect_business, op, window
from support import TenantHandle
from wdterp.api.ops import OperationError
from wdterp.protocol.clock import format_wire_time, now_china

PICK = "wms.stockout.SalesPick.pickListOverviewForApi"
PACK = "wms.stockout.Pack.search"
LOGISTICS = "wms.stockout.Sales.searchLogistics"
POSITIONS = "wms.stockout.Sales.searchPositionDetail"
CANCELLED = "wms.stockout.Sales.searchCancel"


def _all_fields(method: str, table: str, row: dict[str, Any]) -> None:
    assert set(row) == documented(method, table), set(row) ^ documented(method, table)


def test_pick_pack_ship_and_query(tenant: TenantHandle) -> None:
    seed(tenant)
    first = checked_stockout(tenant, "Q1")
    second = checked_stockout(tenant, "Q2", {"A": 1})
    pick = op(tenant, "pick.create", warehouse_no=WH)
    assert pick["order_count"] == 2 and pick["pick_no"].startswith("FJ")
    overview = tenant.caller.ok(PICK, pick["pick_no"])
    assert overview["status"] == 0
    data = overview["data"]
    assert (data["pick_no"], data["order_count"]) == (pick["pick_no"], 2)
    goods = {g["spec_no"]: g for g in data["pick_goods_data_list"]}
    assert goods["A"]["num"] == 3 and goods["B"]["num"] == 1
    assert [(s["stockout_no"], s["num"], s["index"]) for s in goods["A"]["stockout_list"]] == \
        [(first["stockout_no"], 2, 1), (second["stockout_no"], 1, 2)]
    assert goods["A"]["position_data"]["stock_detail_list"][0]["stock_num"] == 20
    _all_fields(PICK, "pick_goods_data_list", goods["A"])
    expect_business(tenant.caller.call(PICK, "FJ-NOPE"), "分拣单不存在")
    expect(tenant.new_caller(warehouses=[WH2]).call(PICK, pick["pick_no"]), "E34")

    op(tenant, "pick.finish", pick_no=pick["pick_no"], picker_no="P01")
    row = stockout(tenant, first["stockout_no"], status_type=2)
    assert (row["picklist_no"], row["picklist_seq"], row["consign_status"] & 16, row["picker_name"]) == \
        (pick["pick_no"], 1, 16, "打包员甲")
    with pytest.raises(OperationError, match="没有可拣货的出库单"):
        op(tenant, "pick.create", warehouse_no=WH)

    # a second package with its own tracking number holds one B; the main package the rest
    with pytest.raises(OperationError, match="不存在物流编码为 NOPE 的物流公司或业务类型错误!"):
        op(tenant, "pack.create", stockout_no=first["stockout_no"], logistics_code="NOPE")
    extra = op(tenant, "pack.create", stockout_no=first["stockout_no"], logistics_code=SF, tracking_no="SF-B",
               lines='[{"spec_no": "B", "num": 1}]', weight="1.1", packager_no="P01")
    assert extra["goods_count"] == 1.0
    tenant.caller.ok("wms.stockout.Sales.onceWeighing", first["stockout_no"], "", 1, 0, "", False)
    packs = tenant.caller.ok(PACK, window(stockout_no=first["stockout_no"]), page=(10, 0))["order_list"]
    assert sorted((p["logistics_no"], p["status"], p["weight"], p["goods_count"]) for p in packs) == \
        [("", 10, 1.0, 2.0), ("SF-B", 10, 1.1, 1.0)]
    _all_fields(PACK, "order_list", packs[0])
    _all_fields(PACK, "detail_list", packs[0]["detail_list"][0])
    expect(tenant.caller.call(PACK, {}, page=(10, 0)), "E23")

    op(tenant, "sales.consign", trade_no=first["trade_no"], logistics_no=SF, tracking_no="SF-MAIN")
    shipped = stockout(tenant, first["stockout_no"])
    assert (shipped["status"], shipped["logistics_no"], shipped["weight"]) == (95, "SF-MAIN", 2.1)
    assert shipped["consign_time"] and shipped["consigner_name"] == "ops"
    assert shipped["goods_total_cost"] == 9.0 and shipped["goods_total_amount"] > 0
    _all_fields(QUERY, "order", shipped)
    line = next(d for d in shipped["details_list"] if d["spec_no"] == "A")
    _all_fields(QUERY, "details_list", line)
    assert [(p["position_no"], p["position_goods_count"]) for p in line["position_details_list"]] == [("ZANCUNQU", 2)]
    assert (line["src_tid"], line["num"], line["cost_price"], line["is_package"]) == ("Q1", 2, 3.0, False)
    assert [s["order_no"] for s in stockouts(tenant)] == [first["stockout_no"]]  # status_type 0: shipped only

    parcels = tenant.caller.ok(LOGISTICS, window(status=20), page=(10, 0))["order_list"]
    assert sorted((p["logistics_no"], p["status"]) for p in parcels) == [("SF-B", 20), ("SF-MAIN", 20)]
    _all_fields(LOGISTICS, "order_list", parcels[0])
    assert tenant.caller.ok(LOGISTICS, window(status=10), page=(10, 0))["order_list"] == []
    packs = tenant.caller.ok(PACK, {"logistics_no": "SF-MAIN"}, page=(10, 0))["order_list"]
    assert [(p["status"], p["logistics_company_no"]) for p in packs] == [(16, SF)]

    found = tenant.caller.ok(POSITIONS, window(trade_no=first["trade_no"]), page=(10, 0))["order_list"]
    assert len(found) == 1 and found[0]["stockout_no"] == first["stockout_no"]
    detail = {d["spec_no"]: d for d in found[0]["detail_list"]}
    assert (detail["A"]["dis_num"], detail["A"]["position_no"], detail["A"]["stockin_no"]) == (2, "ZANCUNQU", "INIT")
    _all_fields(POSITIONS, "detail_list", detail["A"])


def test_cancel_history_windows_and_permissions(tenant: TenantHandle) -> None:
    seed(tenant)
    kept = checked_stockout(tenant, "H1")
    dropped = checked_stockout(tenant, "H2")
    op(tenant, "sales.cancel", trade_no=dropped["trade_no"])
    rows = tenant.caller.ok(CANCELLED, window(), page=(10, 0))["order_list"]
    assert [(r["stockout_no"], r["status"]) for r in rows] == [(dropped["stockout_no"], 5)]
    _all_fields(CANCELLED, "order_list", rows[0])
    assert [s["order_no"] for s in stockouts(tenant, status_type=1)] == [dropped["stockout_no"]]
    assert [s["order_no"] for s in stockouts(tenant, status_type=3, status="55")] == [kept["stockout_no"]]
    assert [s["order_no"] for s in stockouts(tenant, status_type=3, status="-1")] == [kept["stockout_no"]]

    now = now_china()
    wide = {"start_time": format_wire_time(now - timedelta(minutes=61)), "end_time": format_wire_time(now)}
    expect(tenant.caller.call(CANCELLED, {**wide, "start_time": format_wire_time(now - timedelta(hours=2))},
                              page=(10, 0)), "E25")
    expect(tenant.caller.call(QUERY, wide, page=(10, 0)), "E25")
    expect(tenant.caller.call(HISTORY, wide, page=(10, 0)), "E25")
    expect(tenant.caller.call(QUERY, {}, page=(10, 0)), "E23")
    expect(tenant.caller.call(QUERY, window(shop_nos="nope,none"), page=(10, 0)), "E80")
    assert tenant.caller.ok(QUERY, window(warehouse_no=WH, status_type=2), page=(10, 0))["total_count"] == 1
    expect(tenant.new_caller(warehouses=[WH2]).call(QUERY, window(warehouse_no=WH), page=(10, 0)), "E34")
    expect(tenant.caller.call(QUERY, window(bogus=1), page=(10, 0)), "E10", name="bogus")
    # without a window, a stockout number is enough
    assert tenant.caller.ok(QUERY, {"stockout_no": kept["stockout_no"], "status_type": 2},
                            page=(10, 0))["total_count"] == 1

    op(tenant, "sales.consign", trade_no=kept["trade_no"], logistics_no=SF)
    assert op(tenant, "sales.archive", days=0)["trades"] == 2
    history = stockouts(tenant, HISTORY)
    assert [(h["order_no"], h["status"], h["seq_no"]) for h in history] == [(kept["stockout_no"], 95, 1)]
    _all_fields(HISTORY, "order", history[0])
    _all_fields(HISTORY, "details_list", history[0]["details_list"][0])
    assert [h["order_no"] for h in stockouts(tenant, HISTORY, status_type=1)] == [dropped["stockout_no"]]
    assert stockouts(tenant) == []
