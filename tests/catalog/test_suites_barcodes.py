"""goods.Suite.upload2 / search and goods.Barcode.upload."""

from __future__ import annotations

from catalogtools import PUSH, goods, push, query, spec

from helpers import documented, expect, expect_business, window
from support import TenantHandle

UPLOAD = "goods.Suite.upload2"
SEARCH = "goods.Suite.search"
BARCODES = "goods.Barcode.upload"


def _suite(suite_no: str = "SU1", **extra: object) -> dict[str, object]:
    return {"suite_no": suite_no, "suite_name": f"组合{suite_no}", "goods_label_name": "", **extra}


def _seed(tenant: TenantHandle) -> None:
    tenant.caller.ok(PUSH, goods("G1"), [spec("A", retail_price=30), spec("B", retail_price=10, unit_name="瓶")])


def test_upload_and_search_with_every_field(tenant: TenantHandle) -> None:
    _seed(tenant)
    suite_id = tenant.caller.ok(UPLOAD, _suite(barcode="SUBC", print_suite_mode=2, retail_price=35),
                                [{"spec_no": "A", "num": 1}, {"spec_no": "B", "num": 1.5}])
    data = query(tenant, SEARCH, suite_no="SU1")
    assert data["total_count"] == 1
    row = data["suite_list"][0]
    assert set(row) >= documented(SEARCH, "suite_list")
    assert row["suite_id"] == suite_id and row["barcode"] == "SUBC" and row["barcode_count"] == 1
    assert (row["brand_name"], row["class_name"], row["print_suite_mode"]) == ("无", "无", 2)
    details = {d["spec_no"]: d for d in row["detail_list"]}
    assert set(details["A"]) >= documented(SEARCH, "detail_list")
    # ratios from the amounts: 30×1 : 10×1.5
    assert details["A"]["ratio"] == 0.6667 and details["B"]["ratio"] == 0.3333
    assert details["B"]["num"] == 1.5 and details["B"]["goods_no"] == "G1" and details["B"]["unit"] > 0
    assert details["A"]["unit"] == 0


def test_update_replaces_the_whole_detail_list(tenant: TenantHandle) -> None:
    _seed(tenant)
    first = tenant.caller.ok(UPLOAD, _suite(), [{"spec_no": "A", "num": 1}, {"spec_no": "B", "num": 1}])
    second = tenant.caller.ok(UPLOAD, _suite(suite_name="改"), [{"spec_no": "B", "num": 2, "ratio": 1}])
    assert first == second
    row = query(tenant, SEARCH, **window(days=1))["suite_list"][0]
    assert row["suite_name"] == "改"
    assert [(d["spec_no"], d["num"], d["ratio"]) for d in row["detail_list"]] == [("B", 2, 1)]
    assert query(tenant, SEARCH, spec_no="A", **window(days=1))["total_count"] == 0


def test_suite_rows(tenant: TenantHandle) -> None:
    _seed(tenant)
    expect_business(tenant.caller.call(UPLOAD, _suite(), [{"spec_no": "nope", "num": 1}]), "商家编码:nope 单品不存在")
    expect(tenant.caller.call(UPLOAD, _suite(), [{"spec_no": "A", "num": 1}, {"spec_no": "A", "num": 1}]),
           "E52", spec_no="A")
    expect(tenant.caller.call(UPLOAD, _suite(), [{"spec_no": "A", "num": 0}]), "E56")
    tenant.caller.ok(PUSH, goods("G2"), [spec("C", barcode="TAKEN")])
    expect(tenant.caller.call(UPLOAD, _suite(barcode="TAKEN"), [{"spec_no": "A", "num": 1}]), "E73")
    expect_business(tenant.caller.call(UPLOAD, _suite("A"), [{"spec_no": "B", "num": 1}]), "商家编码A已存在")
    expect_business(tenant.caller.call(UPLOAD, _suite(goods_label_name="x"), [{"spec_no": "A", "num": 1}]),
                    "打印方式为明细时不允许设置标签")


def test_suite_field_rows(sqlite_tenant: TenantHandle) -> None:
    suite = {"suite_no": "SU1", "suite_name": "x"}
    expect(sqlite_tenant.caller.call(UPLOAD, suite, [{"spec_no": "A", "num": 1}]), "E71", field="goods_label_name")
    expect(sqlite_tenant.caller.call(UPLOAD, {**_suite(), "print_suite_mode": 3}, [{"spec_no": "A", "num": 1}]),
           "E69", field="print_suite_mode", max=2)
    expect(sqlite_tenant.caller.call(UPLOAD, _suite("S" * 41), [{"spec_no": "A", "num": 1}]), "E78",
           field="suite_no")
    expect(sqlite_tenant.caller.call(UPLOAD, _suite(), [{"num": 1}]), "E71", field="spec_no")
    expect(sqlite_tenant.caller.call(SEARCH, {}, page=(10, 0)), "E44")


def test_barcode_upload_adds_renames_and_reports(tenant: TenantHandle) -> None:
    push(tenant, "G1", "A")
    _seed_suite = tenant.caller.ok(UPLOAD, _suite(), [{"spec_no": "A", "num": 2}])
    assert _seed_suite
    data = tenant.caller.ok(BARCODES, [
        {"merchant_no": "A", "barcode": "A-1"},
        {"merchant_no": "A", "barcode": "A-2", "num": 6},
        {"merchant_no": "SU1", "barcode": "SU-1"},
        {"merchant_no": "A", "barcode": "SU-1"},
        {"merchant_no": "missing", "barcode": "M-1"},
    ])
    assert set(data) == {"error_list"}
    errors = data["error_list"]
    assert [set(e) for e in errors] == [documented(BARCODES, "error_list")] * 2
    assert errors[0] == {"barcode": "SU-1", "merchant_no": "A", "message": "单品或者组合装的条码不能重复"}
    assert errors[1]["merchant_no"] == "missing"
    spec_row = query(tenant, spec_no="A")["goods_list"][0]["spec_list"][0]
    assert spec_row["barcode"] == "A-1" and spec_row["barcode_count"] == 2
    assert tenant.caller.ok(BARCODES, [{"merchant_no": "A", "barcode": "A-1x", "old_barcode": "A-1", "type": 2}]) \
        == {"error_list": []}
    spec_row = query(tenant, spec_no="A")["goods_list"][0]["spec_list"][0]
    assert spec_row["barcode"] == "A-1x"
    assert {c["barcode"] for c in spec_row["barcode_list"]} == {"A-1x", "A-2"}
    assert query(tenant, SEARCH, barcode="SU-1", **window(days=1))["suite_list"][0]["suite_no"] == "SU1"
    expect_business(tenant.caller.call(BARCODES, [{"merchant_no": "A", "barcode": "Z"}] * 2), "包含重复数据")
