"""wms.stockin/stockout.Base.* (generic search, SNs), wms.GoodsSN.queryWithDetail, wms.GoodsPack.upload,
and the document operations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from docseed import day_window, seed, short_window, stock

from helpers import expect, expect_business, op, window
from wdterp.api.ops import OperationError
from wdterp.protocol.clock import now_china

IN_CREATE = "wms.stockin.Other.createOtherOrder"
OUT_CREATE = "wms.stockout.Other.createOther"


def _in(outer_no: str, num: Any = 2, spec_no: str = "S3", **extra: Any) -> dict[str, Any]:
    return {"outer_no": outer_no, "warehouse_no": "WH1", "goods_list": [{"spec_no": spec_no, "num": num, **extra}]}


def test_base_search_lists_every_kind_with_details(tenant: Any) -> None:
    ids = seed(tenant)
    tenant.caller.ok(IN_CREATE, {**_in("B-IN", 3, "S1", position_no="A-01", batch_no="B1"), "is_check": 1})
    tenant.caller.ok(OUT_CREATE, {**_in("B-OUT", 1, "S2"), "is_check": 1, "logistics_code": "SF"})
    page = tenant.caller.ok("wms.stockin.Base.search", day_window(), page=(10, 0))
    assert page["total_count"] == 1
    row = page["order_list"][0]
    assert row["stockin_no"] == "B-IN" and row["src_order_type"] == 20 and row["status"] == 80
    assert row["warehouse_id"] == ids["WH1"] and row["goods_type_count"] == 1
    line = row["detail_list"][0]
    assert line["spec_no"] == "S1" and line["num"] == 3 and line["position_no"] == "A-01" and line["batch_id"] > 0
    assert line["brand_no"] == "BR" and line["goods_unit_name"] == "件"
    out = tenant.caller.ok("wms.stockout.Base.search", short_window(), page=(10, 0))
    assert [r["stockout_no"] for r in out["order_list"]] == ["B-OUT"]
    assert out["order_list"][0]["logistics_name"] == "顺丰" and out["order_list"][0]["warehouse_type"] == 1
    assert out["order_list"][0]["detail_list"][0]["checked_cost_price"] == 2
    assert tenant.caller.ok("wms.stockout.Base.search", {"stockout_no": "B-OUT"}, page=(10, 0))["total_count"] == 1
    assert tenant.caller.ok("wms.stockin.Base.search", {**day_window(), "order_type": 10},
                            page=(10, 0))["total_count"] == 0
    expect(tenant.caller.call("wms.stockout.Base.search", {"warehouse_no": "WH1"}, page=(10, 0)), "E23")
    expect(tenant.caller.call("wms.stockout.Base.search", window(days=1), page=(10, 0)), "E25")
    envelope = tenant.caller.call("wms.stockin.Base.search", window(days=3), page=(10, 0))
    expect_business(envelope, "您的查询时间过宽,查询时间不能大于1天")
    tenant.update_app(warehouses=["WH2"])
    assert tenant.caller.ok("wms.stockin.Base.search", day_window(), page=(10, 0))["total_count"] == 0


def test_serial_numbers_follow_their_documents(tenant: Any) -> None:
    seed(tenant)
    call, ok = tenant.caller.call, tenant.caller.ok
    ok(IN_CREATE, {**_in("SN-IN"), "is_check": 2})
    upload_in = "wms.stockin.Base.uploadSN"
    assert ok(upload_in, {"stockin_no": "SN-IN", "order_type": 20},
              [{"spec_no": "S3", "sn_list": ["SN1"]}]) == {"message": "OK"}
    assert ok(upload_in, {"stockin_no": "SN-IN", "order_type": 20},
              [{"spec_no": "S3", "sn_new_list": [{"sn_no": "SN2", "sn_suite_no": "BOX1"}]}])["message"] == "OK"
    expect_business(call(upload_in, {"stockin_no": "SN-IN", "order_type": 20},
                         [{"spec_no": "S3", "sn_list": ["SN1"]}]), "序列号SN1重复")
    expect_business(call(upload_in, {"stockin_no": "SN-IN", "order_type": 20},
                         [{"spec_no": "S3", "sn_list": ["SN3"]}]), "序列号个数要与数量保持一致")
    expect(call(upload_in, {"stockin_no": "SN-IN", "order_type": 20}, [{"spec_no": "S1", "sn_list": ["X"]}]), "E45")
    expect(call(upload_in, {"stockin_no": "SN-IN", "order_type": 20}, [{"spec_no": "S3"}]), "E71",
           field="sn_list")
    expect(call(upload_in, {"stockin_no": "NOPE", "order_type": 20}, [{"spec_no": "S3", "sn_list": ["X"]}]), "E26")
    expect_business(call(upload_in, {"stockin_no": "SN-IN", "order_type": 10},
                         [{"spec_no": "S3", "sn_list": ["X"]}]), "单据类型10不支持推送SN")
    expect(call(upload_in, {"stockin_no": "SN-IN", "order_type": 30}, [{"spec_no": "S3", "sn_list": ["X"]}]),
           "E69", field="order_type", max=20)
    expect(call(upload_in, {"order_type": 20}, [{"spec_no": "S3", "sn_list": ["X"]}]), "E71", field="stockin_no")
    assert call("wms.stockin.Base.searchSN", window(days=1), page=(10, 0))["data"]["total_count"] == 0  # not in yet

    assert op(tenant, "stockin.check", doc_no="SN-IN")["status"] == 80
    expect_business(call(upload_in, {"stockin_no": "SN-IN", "order_type": 20},
                         [{"spec_no": "S3", "sn_list": ["SN9"]}]), "单据状态不是编辑中，不能推送SN")
    found = ok("wms.stockin.Base.searchSN", {**window(days=1), "stockin_no": "SN-IN"}, page=(10, 0))
    assert sorted((r["sn"], r["second_sn"]) for r in found["detail_list"]) == [("SN1", ""), ("SN2", "BOX1")]
    assert found["detail_list"][0]["stockin_no"] == "SN-IN" and found["detail_list"][0]["spec_no"] == "S3"
    register = ok("wms.GoodsSN.queryWithDetail", {"order_type": 1, "order_no": "SN-IN"}, page=(10, 0))
    assert {(r["sn"], r["status"], r["warehouse_no"]) for r in register["sn_list"]} == {
        ("SN1", 20, "WH1"), ("SN2", 20, "WH1")}

    ok(OUT_CREATE, {**_in("SN-OUT", 1), "is_check": 2})
    upload_out = "wms.stockout.Base.uploadSN"
    expect_business(call(upload_out, {"stockout_no": "SN-OUT", "order_type": 21},
                         [{"spec_no": "S3", "sn_list": ["SN9"]}]), "序列号SN9不在库")
    ok(upload_out, {"stockout_no": "SN-OUT", "order_type": 21}, [{"spec_no": "S3", "sn_list": ["SN1"]}])
    held = ok("wms.GoodsSN.queryWithDetail", {"sn": "SN1"}, page=(10, 0))["sn_list"][0]
    assert held["status"] == 30 and held["stockout_no"] == "SN-OUT"
    op(tenant, "stockout.check", doc_no="SN-OUT")
    out = ok("wms.stockout.Base.searchSN", {**window(days=1), "stockout_no": "SN-OUT"}, page=(10, 0))
    assert [r["sn"] for r in out["detail_list"]] == ["SN1"]
    # createOther with SNs: gone at once
    ok(OUT_CREATE, {**_in("SN-OUT2", 1, is_enable_sn=1, sn_list="SN2"), "is_check": 1})
    gone = ok("wms.GoodsSN.queryWithDetail", {**window(days=1), "status": 40}, page=(10, 0))
    assert sorted(r["sn"] for r in gone["sn_list"]) == ["SN1", "SN2"]
    expect(call("wms.GoodsSN.queryWithDetail", {"spec_no": "S3"}, page=(10, 0)), "E23")


def test_create_with_sns_and_cancel_gives_them_back(tenant: Any) -> None:
    ids = seed(tenant)
    expect_business(tenant.caller.call(IN_CREATE, _in("SNC-1", 2, sn_list=["A1"])), "序列号个数要与数量保持一致")
    tenant.caller.ok(IN_CREATE, {**_in("SNC-2", 2, sn_list=["A1", "A2"]), "is_check": 1})
    assert stock(tenant, ids["WH1"], ids["S3"]) == (Decimal(2), Decimal(0))
    expect_business(tenant.caller.call(IN_CREATE, _in("SNC-3", 1, sn_list=["A1"])), "序列号A1已存在")
    tenant.caller.ok(OUT_CREATE, {**_in("SNC-OUT", 1, is_enable_sn=1, sn_list="A1"), "is_check": 2})
    result = op(tenant, "stockout.cancel", doc_no="SNC-OUT")
    assert result["status"] == 5
    back = tenant.caller.ok("wms.GoodsSN.queryWithDetail", {"sn": "A1", "order_type": 1}, page=(10, 0))
    assert back["sn_list"][0]["status"] == 20


def test_document_operations(tenant: Any) -> None:
    ids = seed(tenant)
    tenant.caller.ok(IN_CREATE, _in("OP-IN", 2, "S1"))
    assert op(tenant, "stockin.check", doc_no="OP-IN") == {"doc_no": "OP-IN", "order_type": 20, "status": 80,
                                                           "src_order_no": op_src(tenant, "OP-IN")}
    assert stock(tenant, ids["WH1"], ids["S1"]) == (Decimal(12), Decimal(0))
    with pytest.raises(OperationError):
        op(tenant, "stockin.check", doc_no="OP-IN")
    with pytest.raises(OperationError):
        op(tenant, "stockout.check", doc_no="OP-IN")
    tenant.caller.ok(OUT_CREATE, _in("OP-OUT", 2, "S1"))
    assert op(tenant, "stockout.cancel", doc_no="OP-OUT", force=True)["status"] == 5
    tenant.caller.ok(IN_CREATE, _in("OP-IN2", 1, "S1"))
    assert op(tenant, "stockin.cancel", doc_no="OP-IN2", force="true")["status"] == 10


def op_src(tenant: Any, doc_no: str) -> str:
    page = tenant.caller.ok("wms.stockin.Other.queryWithDetail", {"stockin_no": doc_no}, page=(10, 0))
    return str(page["order"][0]["src_order_no"])


def test_box_codes(tenant: Any) -> None:
    seed(tenant)
    ok, call = tenant.caller.ok, tenant.caller.call
    method = "wms.GoodsPack.upload"
    first = ok(method, {"warehouse_no": "WH1", "src_spec_no": "S1", "num": 1, "status": 0})
    assert first == f"Z{now_china():%Y%m%d}0001"
    assert ok(method, {"warehouse_no": "WH1", "src_spec_no": "S1", "num": 6, "status": 2, "pack_barcode": "BOX-9",
                       "batch_no": "B1", "expire_date": "2030-01-01"}) == "BOX-9"
    expect_business(call(method, {"warehouse_no": "WH1", "src_spec_no": "S1", "num": 1, "status": 0,
                                  "pack_barcode": "BOX-9"}), "箱码BOX-9已存在")
    expect(call(method, {"warehouse_no": "WH1", "src_spec_no": "S1", "num": 1, "status": 0,
                         "pack_barcode": "BCS1"}), "E73")
    expect_business(call(method, {"warehouse_no": "WH1", "src_spec_no": "S1", "num": 1, "status": 1}), "状态错误")
    expect(call(method, {"warehouse_no": "WH1", "src_spec_no": "NOPE", "num": 1, "status": 0}), "E45")
    expect(call(method, {"warehouse_no": "WH1", "src_spec_no": "S1", "num": 0, "status": 0}), "E56")
    expect(call(method, {"warehouse_no": "WH1", "src_spec_no": "S1", "num": 1, "status": 0, "batch_no": "NOB"}),
           "E53", batch_no="NOB")
    expect(call(method, {"src_spec_no": "S1", "num": 1, "status": 0}), "E31")
