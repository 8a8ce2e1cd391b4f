"""goods.Goods.push / push2 and queryWithSpec: upserts, the push rows E29/E30/E54/E73/E74, field rows."""

from __future__ import annotations

from typing import Any

import pytest
from catalogtools import PUSH, QUERY, goods, push, query, spec

from helpers import documented, expect, expect_business, op, window
from support import TenantHandle


def test_push_creates_goods_visible_through_query_with_every_field(tenant: TenantHandle) -> None:
    goods_id = tenant.caller.ok(PUSH, goods("G1", brand_name="新品牌", class_name="新分类", auto_create_bc=True,
                                            unit_name="个", goods_type=1, prop1="P1"),
                                [spec("G1-red", barcode="690001", retail_price=12.5, weight=0.25),
                                 spec("G1-blue", spec_code="B")])
    data = query(tenant, **window(days=1))
    assert data["total_count"] == 1
    row = data["goods_list"][0]
    assert set(row) >= documented(QUERY, "goods_list")
    assert row["goods_id"] == goods_id and row["goods_no"] == "G1" and row["spec_count"] == 2
    assert (row["brand_name"], row["class_name"]) == ("新品牌", "新分类")
    assert (row["unit_name"], row["flag_name"]) == ("个", "无")
    assert row["brand_no"].startswith("BD") and row["deleted"] == 0 and row["prop1"] == "P1"
    assert isinstance(row["goods_modified"], int)
    red = next(s for s in row["spec_list"] if s["spec_no"] == "G1-red")
    assert set(red) >= documented(QUERY, "spec_list")
    assert red["retail_price"] == 12.5 and red["weight"] == 0.25 and red["goods_id"] == goods_id
    assert red["barcode"] == "690001" and red["barcode_count"] == 1
    assert red["barcode_list"][0]["barcode"] == "690001" and red["barcode_list"][0]["is_master"] == 1
    assert set(red["barcode_list"][0]) == documented(QUERY, "barcode_list")


def test_push_upserts_goods_by_goods_no_and_specs_by_spec_no(tenant: TenantHandle) -> None:
    first = push(tenant, "G1", "S1")
    second = tenant.caller.ok(PUSH, goods("G1", goods_name="改名"), [spec("S1", spec_name="改规格"), spec("S2")])
    assert first == second
    row = query(tenant, goods_no="G1")["goods_list"][0]
    assert row["goods_name"] == "改名" and row["spec_count"] == 2
    assert {s["spec_no"]: s["spec_name"] for s in row["spec_list"]} == {"S1": "改规格", "S2": "规格S2"}


def test_push2_answers_goods_and_spec_ids(tenant: TenantHandle) -> None:
    data = tenant.caller.ok("goods.Goods.push2", goods("G2"), [spec("G2-a"), spec("G2-b")])
    assert set(data) == {"goods_id", "goods_no", "spec_info_list"} and data["goods_no"] == "G2"
    assert [s["spec_no"] for s in data["spec_info_list"]] == ["G2-a", "G2-b"]
    listed = query(tenant, goods_no="G2")["goods_list"][0]["spec_list"]
    assert {s["spec_id"] for s in listed} == {s["spec_id"] for s in data["spec_info_list"]}


def test_push_without_specs_is_e54(tenant: TenantHandle) -> None:
    expect(tenant.caller.call(PUSH, goods("G1"), []), "E54")


def test_spec_of_another_goods_is_e74(tenant: TenantHandle) -> None:
    push(tenant, "G1", "S1")
    expect(tenant.caller.call(PUSH, goods("G2"), [spec("S1")]), "E74")


def test_spec_no_of_a_deleted_spec_is_e29(tenant: TenantHandle) -> None:
    push(tenant, "G1", "S1", "S2")
    assert op(tenant, "goods.delete", goods_no="G1", spec_no="S1")["deleted"] > 0
    expect(tenant.caller.call(PUSH, goods("G1"), [spec("S1")]), "E29", spec_no="S1")
    row = query(tenant, goods_no="G1")["goods_list"][0]
    assert [s["spec_no"] for s in row["spec_list"]] == ["S2"] and row["spec_count"] == 1


def test_spec_no_of_a_deleted_goods_is_e30(tenant: TenantHandle) -> None:
    push(tenant, "G1", "S1")
    op(tenant, "goods.delete", goods_no="G1")
    expect(tenant.caller.call(PUSH, goods("G9"), [spec("S1")]), "E30", spec_no="S1", goods_no="G1")
    assert query(tenant, goods_no="G1")["total_count"] == 0
    shown = query(tenant, goods_no="G1", hide_deleted=0)["goods_list"]
    assert shown[0]["deleted"] > 0


def test_barcode_of_another_spec_is_e73(tenant: TenantHandle) -> None:
    tenant.caller.ok(PUSH, goods("G1"), [spec("S1", barcode="BC1")])
    expect(tenant.caller.call(PUSH, goods("G2"), [spec("S2", barcode="BC1")]), "E73")
    expect(tenant.caller.call(PUSH, goods("G3"), [spec("S3", barcode="BC3"), spec("S4", barcode="BC3")]), "E73")
    assert query(tenant, goods_no="G3")["total_count"] == 0  # nothing of the failed call is kept


def test_deleted_spec_frees_its_barcode(tenant: TenantHandle) -> None:
    tenant.caller.ok(PUSH, goods("G1"), [spec("S1", barcode="BC1"), spec("S2")])
    op(tenant, "goods.delete", goods_no="G1", spec_no="S1")
    tenant.caller.ok(PUSH, goods("G2"), [spec("S9", barcode="BC1")])
    assert query(tenant, barcode="BC1", **window(days=1))["goods_list"][0]["goods_no"] == "G2"


def test_unknown_brand_without_auto_create_is_refused(tenant: TenantHandle) -> None:
    expect_business(tenant.caller.call(PUSH, goods("G1", brand_name="没有"), [spec("S1")]), "品牌没有不存在")
    expect_business(tenant.caller.call(PUSH, goods("G1", class_name="没有"), [spec("S1")]), "分类没有不存在")


@pytest.mark.parametrize(("info", "specs", "row_id", "field"), [
    (goods("G" * 41), [spec("S1")], "E78", "goods_no"),
    (goods("G1"), [spec("S" * 41)], "E78", "spec_no"),
    ({"goods_name": "x"}, [spec("S1")], "E71", "goods_no"),
    (goods("G1", goods_name=""), [spec("S1")], "E70", "goods_name"),
    (goods("G1"), [{"spec_name": "x"}], "E71", "spec_no"),
    (goods("G1", goods_type=11), [spec("S1")], "E69", "goods_type"),
])
def test_field_rows(sqlite_tenant: TenantHandle, info: dict[str, object], specs: list[dict[str, object]],
                    row_id: str, field: str) -> None:
    envelope = sqlite_tenant.caller.call(PUSH, info, specs)
    if row_id == "E69":
        expect(envelope, row_id, field=field, max=10)
    else:
        expect(envelope, row_id, field=field)


def test_query_needs_a_window_or_a_code(tenant: TenantHandle) -> None:
    expect(tenant.caller.call(QUERY, {}, page=(10, 0)), "E44")
    expect(tenant.caller.call(QUERY, {"start_time": "2024-01-01 00:00:00", "end_time": "2024-03-01 00:00:00"},
                              page=(10, 0)), "E24")
    expect(tenant.caller.call(QUERY, {"start_time": "2020-01-01 00:00:00"}, page=(10, 0)), "E24")
    expect(tenant.caller.call(QUERY, {"goods_no": "x"}), "E19", method=QUERY)
    expect(tenant.caller.call(QUERY, {"nope": 1}, page=(10, 0)), "E10", name="nope")


def test_query_window_finds_goods_whose_spec_changed(tenant: TenantHandle) -> None:
    push(tenant, "G1", "S1")
    push(tenant, "G2", "S2")
    assert query(tenant, **window(days=1))["total_count"] == 2
    old: dict[str, Any] = {"start_time": "2020-01-01 00:00:00", "end_time": "2020-01-20 00:00:00"}
    assert query(tenant, **old) == {"total_count": 0, "goods_list": []}
    page = query(tenant, page=(1, 1), **window(days=1))
    assert page["total_count"] == 2 and [g["goods_no"] for g in page["goods_list"]] == ["G2"]
    assert query(tenant, spec_no="S2")["goods_list"][0]["goods_no"] == "G2"
