"""Production through HTTP: BOM → order → materials out → finished goods in, stock and cost checked."""

from __future__ import annotations

from typing import Any

from proctools import process_order, seed, stock

from helpers import op, window

UPLOAD = "process.Process.upload"
SEARCH = "process.Process.search"
OUT_QUERY = "wms.stockout.Process.queryWithDetail"
IN_QUERY = "wms.stockin.Process.queryWithDetail"
SETTLE = "finance.settle.process.search"


def test_bom_upload_and_search(tenant: Any) -> None:
    seed(tenant)
    bom = {"bom_name": "套装", "fee": "5", "remark": "r", "detail_list": [
        {"spec_no": "FIN1", "num": 1, "is_product": True}, {"spec_no": "RAW1", "num": 2},
        {"spec_no": "RAW2", "num": 1, "remark": "x"}]}
    assert tenant.caller.ok("process.Bom.upload", bom) == {"status": 0}
    page = tenant.caller.ok("process.Bom.search", window(), page=(10, 0))
    assert page["total_count"] == 1
    row = page["order_list"][0]
    assert row["bom_name"] == "套装" and row["bom_no"].startswith("GP") and row["fee"] == 5
    assert row["is_disabled"] is False
    assert [x["spec_no"] for x in row["product_list"]] == ["FIN1"]
    materials = {x["spec_no"]: x for x in row["material_list"]}
    assert materials["RAW1"]["num"] == 2 and materials["RAW1"]["cost"] == 2 and materials["RAW1"]["all_cost"] == 4
    assert materials["RAW2"]["remark"] == "x" and materials["RAW2"]["goods_no"] == "G-RAW2"
    by_no = tenant.caller.ok("process.Bom.search", {"bom_no": row["bom_no"]}, page=(10, 0))
    assert by_no["total_count"] == 1


def test_quick_production_completes_at_once(tenant: Any) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(UPLOAD, process_order(type=1, is_check=True, total_fee="4"))
    assert data["status"] == 0 and data["message"] == "" and data["process_no"].startswith("PS")
    assert data["process_id"] > 0
    # 2 runs: 4 RAW1 (cost 2) + 2 RAW2 (cost 3) = 14, plus the fee 4 → 2 FIN1 at 9
    assert stock(tenant, ids["WH1"], ids["RAW1"])["stock_num"] == 16
    assert stock(tenant, ids["WH1"], ids["RAW2"])["stock_num"] == 28
    fin = stock(tenant, ids["WH1"], ids["FIN1"])
    assert fin["stock_num"] == 2 and fin["cost_price"] == 9 and fin["process_onway_num"] == 0
    order = tenant.caller.ok(SEARCH, {"process_no": data["process_no"]}, page=(10, 0))["order"][0]
    assert order["status"] == 70 and order["reality_count"] == 2 and order["process_type"] is False
    assert order["settle_status"] == 1 and order["producer_name"] == "一号生产商"
    lines = {x["spec_no"]: x for x in order["detail_list"]}
    assert lines["RAW1"]["out_num"] == 4 and lines["RAW1"]["process_num"] == 4
    assert lines["FIN1"]["in_num"] == 2 and lines["FIN1"]["is_product"] is True
    out = tenant.caller.ok(OUT_QUERY, {"process_no": data["process_no"]}, page=(10, 0))["order"]
    assert [(x["status"], x["src_order_type"]) for x in out] == [(110, 5)]
    assert out[0]["checked_goods_total_cost"] == 14 and out[0]["producer_name"] == "一号生产商"
    assert out[0]["detail_list"][0]["position_details_list"][0]["position_goods_count"] == 4
    came = tenant.caller.ok(IN_QUERY, {"process_no": data["process_no"]}, page=(10, 0))["order"]
    assert [(x["status"], x["src_order_type"]) for x in came] == [(80, 6)]
    settle = tenant.caller.ok(SETTLE, {"process_no": data["process_no"]}, page=(10, 0))["order"][0]
    assert settle["material_amount"] == "14.0000" and settle["process_fee"] == "4.0000" and settle["status"] == 20
    assert settle["detail_list"][0]["stockin_price"] == 9 and settle["detail_list"][0]["settle_num"] == 2
    op(tenant, "process.settle", settle_no=settle["settle_no"])
    order = tenant.caller.ok(SEARCH, {"process_no": data["process_no"]}, page=(10, 0))["order"][0]
    assert order["settle_status"] == 3


def test_stepwise_production_reserves_produces_in_part_and_finishes(tenant: Any) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(UPLOAD, process_order(process_count=4, is_check=True, detail_list=[
        {"spec_no": "RAW1", "num": 2}, {"spec_no": "FIN1", "num": 1, "is_product": True},
        {"spec_no": "FIN2", "num": 1, "is_product": True}]))
    number = data["process_no"]
    # checked: 8 RAW1 reserved, 4 FIN1 + 4 FIN2 on the way
    raw = stock(tenant, ids["WH1"], ids["RAW1"])
    assert raw["stock_num"] == 20 and raw["lock_num"] == 8
    assert stock(tenant, ids["WH1"], ids["FIN1"])["process_onway_num"] == 4
    figures = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": ["RAW1"], "warehouse_no": "WH1"}, page=(10, 0))
    assert figures["detail_list"][0]["to_process_out_num"] == 8
    finished = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": ["FIN1"], "warehouse_no": "WH1"},
                                page=(10, 0))["detail_list"][0]
    assert finished["to_process_in_num"] == 4 and finished["process_onway_num"] == 4
    assert tenant.caller.ok(SEARCH, {"process_no": number}, page=(10, 0))["order"][0]["status"] == 40
    op(tenant, "process.pick", process_no=number)
    raw = stock(tenant, ids["WH1"], ids["RAW1"])
    assert raw["stock_num"] == 12 and raw["lock_num"] == 0
    produced = op(tenant, "process.produce", process_no=number, runs=1)
    assert produced["status"] == 50 and produced["reality_count"] == 1
    # one run: 2 RAW1 at 2 = 4, shared by retail value 30:10 → FIN1 3, FIN2 1
    assert stock(tenant, ids["WH1"], ids["FIN1"]) == {"stock_num": 1, "lock_num": 0, "cost_price": 3,
                                                      "process_onway_num": 3}
    assert stock(tenant, ids["WH1"], ids["FIN2"])["cost_price"] == 1
    finished = op(tenant, "process.finish", process_no=number)
    assert finished["status"] == 70
    # the 6 RAW1 of the 3 runs not made come back; nothing is announced any more
    assert stock(tenant, ids["WH1"], ids["RAW1"])["stock_num"] == 18
    assert stock(tenant, ids["WH1"], ids["FIN1"])["process_onway_num"] == 0
    came = tenant.caller.ok(IN_QUERY, {"process_no": number}, page=(10, 0))["order"]
    assert sorted((x["src_order_type"], x["status"]) for x in came) == [(5, 80), (6, 10), (6, 80)]


def test_cancel_gives_back_the_reservation(tenant: Any) -> None:
    ids = seed(tenant)
    number = tenant.caller.ok(UPLOAD, process_order(is_check=True))["process_no"]
    assert stock(tenant, ids["WH1"], ids["RAW1"])["lock_num"] == 4
    cancelled = op(tenant, "process.cancel", process_no=number)
    assert cancelled["status"] == 10
    assert stock(tenant, ids["WH1"], ids["RAW1"])["lock_num"] == 0
    assert stock(tenant, ids["WH1"], ids["FIN1"])["process_onway_num"] == 0
    out = tenant.caller.ok(OUT_QUERY, {"process_no": number, "status": "5"}, page=(10, 0))["order"]
    assert [x["status"] for x in out] == [5]


def test_failed_check_leaves_the_order_awaiting_check(tenant: Any) -> None:
    ids = seed(tenant)
    data = tenant.caller.ok(UPLOAD, process_order(process_count=50, is_check=True))
    assert data["status"] == 20 and data["process_id"] == 0 and "库存不足" in data["message"]
    assert stock(tenant, ids["WH1"], ids["RAW1"])["lock_num"] == 0
    order = tenant.caller.ok(SEARCH, {"process_no": data["process_no"]}, page=(10, 0))["order"][0]
    assert order["status"] == 30
    assert tenant.caller.ok(OUT_QUERY, {"process_no": data["process_no"]}, page=(10, 0))["total_count"] == 0


def test_producers_come_from_a_load_file(tenant: Any) -> None:
    from wdterp.domain.masterdata.loader import load_document

    seed(tenant)
    with tenant.db.transaction() as session:
        report = load_document(session, {"sid": tenant.sid, "producers": [
            {"producer_no": "SC002", "producer_name": "二号生产商"}, {"producer_no": "SC001", "is_disabled": True}]})
    assert (report.sections["producers"].created, report.sections["producers"].existing) == (1, 1)
    assert tenant.caller.ok(UPLOAD, process_order(producer_no="SC002"))["status"] == 0
    refused = tenant.caller.call(UPLOAD, process_order())
    assert refused == {"status": 100, "message": "生产商SC001不存在或已停用"}
