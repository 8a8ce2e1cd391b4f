"""wms.StockPd.stockSyncByPd: a one-step count that overwrites stock, seen through the StockPd queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from whopstools import ledger, seed, stock, stock_row

from helpers import expect, expect_business, op, window
from support import TenantHandle
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import Move

SYNC = "wms.StockPd.stockSyncByPd"


def _line(spec_no: str, new_num: str, defect: bool = False, remark: str = "PD") -> dict[str, object]:
    return {"spec_no": spec_no, "remark": remark, "new_num": new_num, "defect": defect}


def _order(**over: object) -> dict[str, object]:
    return {"warehouse_no": "WH1", "defect_mode": 0, "remark": "API TEST", **over}


def test_sync_overwrites_stock_and_splits_gains_and_losses(tenant: TenantHandle) -> None:
    ids = seed(tenant)  # WH1: S1 10, S2 5, S3 none
    data = tenant.caller.ok(SYNC, _order(), [_line("S1", "12.0000"), _line("S2", "3"), _line("S3", "0")])
    pd_no = data["pd_no"]
    assert pd_no.startswith("PD") and data["skip_spec_no"] == ""
    assert [v for k, v in data.items() if k not in ("pd_no", "skip_spec_no")] == ["ok"]

    assert stock(tenant, ids["WH1"], ids["S1"]) == 12
    assert stock(tenant, ids["WH1"], ids["S2"]) == 3
    assert stock_row(tenant, ids["WH1"], ids["S1"])["last_pd_time"] is not None
    moved = ledger(tenant, pd_no)
    assert sorted((r["spec_id"], r["num"], r["type"]) for r in moved) == sorted(
        [(ids["S1"], Decimal(2), 4), (ids["S2"], Decimal(-2), 4)])
    assert all(r["stockio_no"][:2] in ("RK", "CK") for r in moved)
    with tenant.db.transaction() as session:
        assert inventory.ledger_total(session, ids["WH1"], ids["S1"]) == 12

    counts = tenant.caller.ok("wms.StockPd.queryStockPd", {**window(days=1), "pd_no": pd_no}, page=(10, 0))
    assert counts["total_count"] == 1
    count = counts["pd_list"][0]
    assert (count["pd_no"], count["warehouse_no"], count["status"], count["mode"]) == (pd_no, "WH1", 40, 0)
    assert count["creator_no"] == tenant.caller.key and count["remark"] == "API TEST"

    envelope = tenant.caller.call("wms.StockPd.queryStockPdDetail", {"pd_no": pd_no}, page=(10, 0))
    assert envelope["status"] == 0 and envelope["total"] == 3
    lines = {x["spec_no"]: x for x in envelope["data"]["pd_detail_list"]}
    assert (lines["S1"]["old_num"], lines["S1"]["new_num"]) == (10, 12)
    assert (lines["S2"]["old_num"], lines["S2"]["new_num"]) == (5, 3)
    assert (lines["S3"]["old_num"], lines["S3"]["new_num"]) == (0, 0)
    assert lines["S1"]["pd_id"] == count["rec_id"] and lines["S1"]["goods_no"] == "G-S1"
    assert lines["S1"]["brand_name"] == "品牌" and lines["S1"]["defect"] == 0 and lines["S1"]["remark"] == "PD"

    gains = tenant.caller.ok("wms.StockPd.queryStockPdInDetail", {"src_order_no": pd_no}, page=(10, 0))
    assert gains["total_count"] == 1
    stockin = gains["order"][0]
    assert stockin["status"] == 80 and stockin["src_order_no"] == pd_no and stockin["remark"] == "盘盈入库"
    assert stockin["pd_order_remark"] == "API TEST" and stockin["goods_count"] == 2
    (gain,) = stockin["detail_list"]
    assert (gain["spec_no"], gain["goods_count"], gain["right_num"], gain["defect"]) == ("S1", 2, 12, False)
    assert gain["total_cost"] == 4 and gain["goods_unit"] == "件" and gain["prop2"] == "p2-S1"

    losses = tenant.caller.ok("wms.StockPd.queryStockPdOutDetail", {"src_order_no": pd_no}, page=(10, 0))
    stockout = losses["order"][0]
    assert (stockout["order_type"], stockout["status"], stockout["goods_count"]) == (4, 110, 2)
    assert stockout["remark"] == "盘亏出库" and stockout["consign_time"]
    (loss,) = stockout["detail_list"]
    assert (loss["spec_no"], loss["goods_count"], loss["weight"], loss["goods_type"]) == ("S2", 2, 1.0, 1)
    assert loss["cost_price"] == 2 and stockout["goods_total_cost"] == 4


def test_sync_skips_unknown_specs_and_other_defect_lines_unless_strict(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(SYNC, _order(defect_mode=1), [_line("S1", "7"), _line("NOPE", "1"),
                                                          _line("S2", "9", defect=True)])
    assert data["skip_spec_no"] == "NOPE,S2"
    assert stock(tenant, ids["WH1"], ids["S1"]) == 7
    assert stock(tenant, ids["WH1"], ids["S2"], defect=True) == 0

    strict = tenant.caller.call(SYNC, _order(is_post_error=1), [_line("S1", "1"), _line("NOPE", "1")])
    expect_business(strict, "商家编码NOPE不存在或已删除")
    assert stock(tenant, ids["WH1"], ids["S1"]) == 7  # nothing of the failed call stayed

    expect_business(tenant.caller.call(SYNC, _order(), [_line("NOPE", "1")]), "商家编码全不存在或都已删除")


def test_sync_counts_defective_stock_separately(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    tenant.caller.ok(SYNC, _order(defect_mode=2), [_line("S1", "4", defect=True)])
    assert stock(tenant, ids["WH1"], ids["S1"], defect=True) == 4
    assert stock(tenant, ids["WH1"], ids["S1"]) == 10


def test_sync_may_count_below_reserved_stock(tenant: TenantHandle) -> None:
    ids = seed(tenant)
    with tenant.db.transaction() as session:
        inventory.reserve(session, tenant.tenant_id, [Move(ids["WH1"], ids["S1"], Decimal(8))])
    tenant.caller.ok(SYNC, _order(), [_line("S1", "3")])
    assert stock_row(tenant, ids["WH1"], ids["S1"])["stock_num"] == 3
    assert stock_row(tenant, ids["WH1"], ids["S1"])["lock_num"] == 8


@pytest.mark.parametrize("new_num", ["-1", "abc", "1.5"])
def test_sync_rejects_bad_counted_quantities_e56(sqlite_tenant: TenantHandle, new_num: str) -> None:
    seed(sqlite_tenant)
    expect(sqlite_tenant.caller.call(SYNC, _order(), [_line("S1", new_num)]), "E56")


def test_sync_decimal_counts_with_the_tenant_setting(sqlite_tenant: TenantHandle) -> None:
    ids = seed(sqlite_tenant)
    op(sqlite_tenant, "tenant.settings", decimal_quantity=1)
    sqlite_tenant.caller.ok(SYNC, _order(), [_line("S1", "1.5")])
    assert stock(sqlite_tenant, ids["WH1"], ids["S1"]) == Decimal("1.5")


def test_sync_warehouse_rows(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    lines = [_line("S1", "1")]
    no_warehouse = {"defect_mode": 0, "remark": ""}
    expect(sqlite_tenant.caller.call(SYNC, no_warehouse, lines), "E31")
    expect(sqlite_tenant.caller.call(SYNC, {**no_warehouse, "warehouse_no": ""}, lines), "E31")
    expect(sqlite_tenant.caller.call(SYNC, _order(warehouse_no="NOWH"), lines), "E34")
    sqlite_tenant.update_app(warehouses=["WH2"])
    expect(sqlite_tenant.caller.call(SYNC, _order(), lines), "E34")


def test_sync_other_rows(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    expect(sqlite_tenant.caller.call(SYNC, _order(), [_line("S1", "1"), _line("S1", "2")]), "E67")
    expect(sqlite_tenant.caller.call(SYNC, _order(defect_mode=3), [_line("S1", "1")]), "E69",
               field="defect_mode", max=2)
    missing = sqlite_tenant.caller.call(SYNC, {"warehouse_no": "WH1", "remark": ""}, [_line("S1", "1")])
    expect(missing, "E71", field="defect_mode")


def test_sync_with_an_empty_list_creates_a_finished_count(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    data = sqlite_tenant.caller.ok(SYNC, _order(), [])
    found = sqlite_tenant.caller.ok("wms.StockPd.queryStockPd", {**window(days=1), "status": 40}, page=(10, 0))
    assert [x["pd_no"] for x in found["pd_list"]] == [data["pd_no"]]
    with sqlite_tenant.db.transaction() as session:
        from wdterp.domain.warehouse_ops.models import StockCount

        assert session.scalar(select(StockCount.status).where(StockCount.tenant_id == sqlite_tenant.tenant_id,
                                                              StockCount.pd_no == data["pd_no"])) == 40
