"""wms.StockSpec.* through HTTP: figures, filters, permissions, the errors each page's rules give."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from invtools import move, seed, stock_rec_id

from helpers import window
from wdterp.api.wire import documented_fields
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, LineSpec
from wdterp.domain.documents.statuses import StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import Move
from wdterp.protocol.clock import format_wire_time, now_china

E44 = {"status": 100, "message": "您的查询条件太过宽，请增加查询条件"}
E23 = {"status": 100, "message": "参数中必须包含起止时间"}
E24 = {"status": 100, "message": "您的查询时间过宽,查询时间不能大于30天"}
E25 = {"status": 100, "message": "您的查询时间过宽,查询时间不能大于60分钟"}
E34 = {"status": 100, "message": "无仓库访问权限"}
OTHER_OUT = Kind("out", 21, "CK", duplicate_row="E45")


def test_search2_figures_and_every_documented_field(tenant):
    s = seed(tenant, ("WH1", "WH2"), ("A1", "A2"))
    move(tenant, s.warehouses["WH1"], s.specs["A1"], 10, price="2.5")
    move(tenant, s.warehouses["WH2"], s.specs["A1"], 4)
    move(tenant, s.warehouses["WH1"], s.specs["A2"], 7)
    move(tenant, s.warehouses["WH1"], s.specs["A1"], -3, order_type=1)  # a sale
    with tenant.db.transaction() as session:
        inventory.reserve(session, tenant.tenant_id, [Move(s.warehouses["WH1"], s.specs["A1"], Decimal(2))])
        inventory.adjust_counters(session, tenant.tenant_id, s.warehouses["WH1"], s.specs["A1"],
                                  purchase_num=Decimal(5), order_num=Decimal(1))
    data = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": ["A1"]}, page=(100, 0))
    assert data["total_count"] == 2
    rows = {r["warehouse_no"]: r for r in data["detail_list"]}
    main = rows["WH1"]
    assert set(main) == set(documented_fields("wms.StockSpec.search2", "detail_list"))
    assert (main["stock_num"], main["lock_num"], main["available_send_stock"]) == (7, 2, 5)
    assert (main["purchase_num"], main["order_num"], main["cost_price"]) == (5, 1, 2.5)
    assert (main["today_num"], main["num_7days"], main["num_all"], main["num_yesterday"]) == (3, 3, 3, 0)
    assert main["defect"] is False and main["spec_no"] == "A1" and main["goods_no"] == "G-A1"
    assert main["brand_name"] == "品牌甲" and main["warehouse_type"] == 0 and main["flag_name"] == "无"
    assert main["unit_name"] == "件" and main["rec_id"] == stock_rec_id(tenant, s.warehouses["WH1"], s.specs["A1"])
    assert rows["WH2"]["stock_num"] == 4 and rows["WH2"]["available_send_stock"] == 4


def test_search_v1_envelope_has_total_beside_data(tenant):
    s = seed(tenant, ("WH1",), ("V1",))
    move(tenant, s.warehouses["WH1"], s.specs["V1"], 3)
    envelope = tenant.caller.call("wms.StockSpec.search", {"spec_nos": ["V1"]}, page=(10, 0))
    assert envelope["status"] == 0 and envelope["total"] == 1
    (row,) = envelope["data"]
    assert set(row) == set(documented_fields("wms.StockSpec.search", "data"))
    assert row["defect"] == 0 and row["stock_num"] == 3 and row["available_send_stock"] == 3


def test_search_by_time_window_pages_in_modified_order(tenant):
    s = seed(tenant, ("WH1",), ("T1", "T2", "T3"))
    for no in ("T1", "T2", "T3"):
        move(tenant, s.warehouses["WH1"], s.specs[no], 1)
    seen = []
    for page_no in range(3):
        data = tenant.caller.ok("wms.StockSpec.search2", window(ahead_minutes=30), page=(1, page_no))
        assert data["total_count"] == 3
        seen += [r["spec_no"] for r in data["detail_list"]]
    assert sorted(seen) == ["T1", "T2", "T3"]
    past = {"start_time": "2020-01-01 00:00:00", "end_time": "2020-01-02 00:00:00"}
    assert tenant.caller.ok("wms.StockSpec.search2", past, page=(10, 0)) == {"total_count": 0, "detail_list": []}


def test_search_errors(tenant):
    s = seed(tenant, ("WH1", "WH2"), ("E1",))
    move(tenant, s.warehouses["WH1"], s.specs["E1"], 1)
    call = tenant.caller.call
    for method in ("wms.StockSpec.search", "wms.StockSpec.search2"):
        assert call(method, {}, page=(10, 0)) == E44
        assert call(method, {"warehouse_no": "WH1"}, page=(10, 0)) == E44
        assert call(method, {"start_time": "2024-01-01 00:00:00"}, page=(10, 0)) == E23
        assert call(method, {"start_time": "2024-01-01 00:00:00", "end_time": "2024-02-15 00:00:00"},
                    page=(10, 0)) == E24
        assert call(method, {"spec_nos": ["E1"]}, page=(1001, 0)) == {
            "status": 100, "message": "page_sizemust be less than or equal to 1000"}
        assert call(method, {"spec_nos": ["E1"], "bogus": 1}, page=(10, 0)) == {"status": 2, "message": "bogus"}
    assert call("wms.StockSpec.search", {"spec_nos": ["E1"], "warehouse_no": "NOPE"}, page=(10, 0)) == {
        "status": 100, "message": "仓库不存在 仓库编号: NOPE"}
    assert call("wms.StockSpec.search2", {"spec_nos": ["E1"], "warehouse_no": "NOPE"}, page=(10, 0)) == {
        "status": 100, "message": "仓库不存在  仓库编号: NOPE"}


def test_warehouse_permission(tenant):
    s = seed(tenant, ("P1", "P2"), ("W1",))
    move(tenant, s.warehouses["P1"], s.specs["W1"], 1)
    move(tenant, s.warehouses["P2"], s.specs["W1"], 2)
    tenant.update_app(warehouses=["P1"])
    for method, list_name in (("wms.StockSpec.search2", "detail_list"),
                              ("wms.StockSpec.queryAvailableStock", "stocks")):
        spec_filter = {"spec_nos": ["W1"]} if method.endswith("2") else {"spec_no": "W1"}
        data = tenant.caller.ok(method, spec_filter, page=(10, 0))
        assert [r["warehouse_no"] for r in data[list_name]] == ["P1"]
        assert tenant.caller.call(method, {**spec_filter, "warehouse_no": "P2"}, page=(10, 0)) == E34
    w = window(ahead_minutes=30)
    dates = {"start_date": w["start_time"], "end_date": w["end_time"]}
    history = tenant.caller.ok("wms.StockSpec.queryChangeHistory", dates, page=(10, 0))
    assert [r["warehouse_no"] for r in history["data"]] == ["P1"]
    assert tenant.caller.call("wms.StockSpec.queryChangeHistory", {**dates, "warehouse_no": "P2"},
                              page=(10, 0)) == E34


def test_query_available_stock(tenant):
    s = seed(tenant, ("WH1",), ("Q1", "Q2"))
    move(tenant, s.warehouses["WH1"], s.specs["Q1"], 5)
    move(tenant, s.warehouses["WH1"], s.specs["Q2"], 1)
    with tenant.db.transaction() as session:
        inventory.reserve(session, tenant.tenant_id, [Move(s.warehouses["WH1"], s.specs["Q1"], Decimal(2)),
                                                      Move(s.warehouses["WH1"], s.specs["Q2"], Decimal(1))])
    data = tenant.caller.ok("wms.StockSpec.queryAvailableStock", window(ahead_minutes=30), page=(10, 0))
    rows = {r["spec_no"]: r for r in data["stocks"]}
    assert set(rows["Q1"]) == set(documented_fields("wms.StockSpec.queryAvailableStock", "stocks"))
    assert (rows["Q1"]["num"], rows["Q1"]["status"], rows["Q2"]["num"], rows["Q2"]["status"]) == (3, 0, 0, 1)
    by_goods = tenant.caller.ok("wms.StockSpec.queryAvailableStock", {"spec_no": "Q1", "goods_no": "G-Q1"},
                                page=(10, 0))
    assert [r["spec_no"] for r in by_goods["stocks"]] == ["Q1"]
    assert tenant.caller.call("wms.StockSpec.queryAvailableStock", {"goods_no": "G-Q1"}, page=(10, 0)) == E44


def test_change_history(tenant):
    s = seed(tenant, ("WH1",), ("H1",))
    move(tenant, s.warehouses["WH1"], s.specs["H1"], 10, doc_no="RK1")
    move(tenant, s.warehouses["WH1"], s.specs["H1"], -4, order_type=21, doc_no="CK1")
    move(tenant, s.warehouses["WH1"], s.specs["H1"], 2, defect=True, doc_no="RK2")
    w = window(ahead_minutes=30)
    dates = {"start_date": w["start_time"], "end_date": w["end_time"]}
    method = "wms.StockSpec.queryChangeHistory"
    data = tenant.caller.ok(method, dates, page=(10, 0))
    assert data["total_count"] == 2  # good stock only unless defect is asked for
    first, second = data["data"]
    assert set(first) == set(documented_fields(method, "data#2"))
    assert (first["type"], first["num"], first["stock_num_old"], first["stock_num_new"]) == (1, 10, 0, 10)
    assert (second["type"], second["num"], second["stock_num_old"], second["stock_num_new"]) == (2, 4, 10, 6)
    assert (second["src_order_type"], second["stockio_no"], second["operator_name"]) == (21, "CK1", "tester")
    assert tenant.caller.ok(method, {**dates, "type": 2}, page=(10, 0))["total_count"] == 1
    assert [r["num"] for r in tenant.caller.ok(method, {**dates, "defect": True}, page=(10, 0))["data"]] == [2]
    now = now_china()
    wide = {"start_date": format_wire_time(now - timedelta(days=2)), "end_date": format_wire_time(now + timedelta(1))}
    assert tenant.caller.call(method, wide, page=(10, 0)) == E25
    assert tenant.caller.ok(method, {**wide, "spec_no": "H1"}, page=(10, 0))["total_count"] == 2
    too_wide = {**wide, "start_date": format_wire_time(now - timedelta(days=40)), "spec_no": "H1"}
    assert tenant.caller.call(method, too_wide, page=(10, 0)) == E24
    assert tenant.caller.call(method, {"spec_no": "H1"}, page=(10, 0)) == E23
    assert tenant.caller.call(method, dates) == {"status": 100, "message": f"此方法仅支持分页查询：{method}"}


def test_stock_detail_search(tenant):
    s = seed(tenant, ("WH1",), ("D1",))
    wh, spec = s.warehouses["WH1"], s.specs["D1"]
    move(tenant, wh, spec, 5)
    with tenant.db.transaction() as session:
        bin_a = inventory.position(session, tenant.tenant_id, wh, "A-01", create=True).position_id
    move(tenant, wh, spec, 3, position_id=bin_a, batch_no="L1")
    with tenant.db.transaction() as session:
        inventory.reserve(session, tenant.tenant_id, [Move(wh, spec, Decimal(6))])
    rec = stock_rec_id(tenant, wh, spec)
    method = "wms.StockSpec.stockDetailSearch"
    data = tenant.caller.ok(method, {"stock_spec_id": rec})
    assert data["total_count"] == 2
    rows = {r["position_no"]: r for r in data["detail_list"]}
    assert set(rows["A-01"]) == set(documented_fields(method, "detail_list"))
    assert rows["ZANCUNQU"]["stock_num"] == "5.0000" and rows["A-01"]["stock_num"] == "3.0000"
    assert sorted(r["reserve_num"] for r in rows.values()) == ["1.0000", "5.0000"]
    assert rows["A-01"]["batch_no"] == "L1" and rows["A-01"]["stock_spec_id"] == rec
    assert tenant.caller.ok(method, {"stock_spec_id": 1, "stock_spec_id_list": f"{rec}"})["total_count"] == 2
    assert tenant.caller.call(method, {}) == {"status": 100, "message": "stock_spec_id不能为空"}
    with tenant.db.transaction() as session:
        inventory.release(session, [Move(wh, spec, Decimal(6))])
    move(tenant, wh, spec, -7)  # 1 left: details follow the stock figure
    assert sum(float(r["stock_num"]) for r in tenant.caller.ok(method, {"stock_spec_id": rec})["detail_list"]) == 1


def test_pending_documents_feed_the_to_buckets(tenant):
    s = seed(tenant, ("WH1",), ("O1",))
    wh, spec = s.warehouses["WH1"], s.specs["O1"]
    move(tenant, wh, spec, 10)
    with tenant.db.transaction() as session:
        from wdterp.domain.catalog.models import Spec
        from wdterp.domain.masterdata.models import Warehouse

        warehouse, spec_row = session.get(Warehouse, wh), session.get(Spec, spec)
        assert warehouse is not None and spec_row is not None
        doc = engine.create(session, tenant.tenant_id, OTHER_OUT, warehouse, [LineSpec(spec_row, Decimal(4))],
                            StockoutStatus.AWAITING_CHECK)
        engine.reserve(session, doc)
    row = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": ["O1"]}, page=(10, 0))["detail_list"][0]
    assert (row["to_other_out_num"], row["lock_num"], row["available_send_stock"]) == (4, 4, 6)
