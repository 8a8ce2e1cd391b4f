"""goods.GoodsBrand.*, goods.GoodsClass.* and goods.Goods.batchPush."""

from __future__ import annotations

from catalogtools import goods, query, spec

from helpers import documented, expect, expect_business, window
from support import TenantHandle

BATCH = "goods.Goods.batchPush"


def test_brand_upload_creates_updates_and_reports_duplicates(tenant: TenantHandle) -> None:
    data = tenant.caller.ok("goods.GoodsBrand.upload", [{"brand_name": "甲"}, {"brand_no": "B2", "brand_name": "乙"},
                                                        {"brand_name": "甲"}])
    assert data == {"error_info": [{"brand_name": "甲", "name": "甲", "err_msg": "甲:品牌名称重复"}]}
    tenant.caller.ok("goods.GoodsBrand.upload", {"brand_no": "B2", "brand_name": "乙二", "is_disabled": 1})
    rows = query(tenant, "goods.GoodsBrand.search", **window(days=1))["detail_list"]
    assert set(rows[0]) >= documented("goods.GoodsBrand.search", "detail_list")
    by_name = {r["brand_name"]: r for r in rows}
    assert by_name["甲"]["brand_no"].startswith("BD") and by_name["甲"]["is_disabled"] == 0
    assert by_name["乙二"]["brand_no"] == "B2" and by_name["乙二"]["is_disabled"] == 1
    assert query(tenant, "goods.GoodsBrand.search", brand_no="B2")["total_count"] == 1
    expect(tenant.caller.call("goods.GoodsBrand.upload", {"brand_name": "x" * 65}), "E78", field="brand_name")
    expect(tenant.caller.call("goods.GoodsBrand.upload", {"brand_name": "x", "is_disabled": 2}), "E69",
           field="is_disabled", max=1)


def test_class_upload_builds_the_tree(tenant: TenantHandle) -> None:
    group = tenant.caller.ok("goods.GoodsClass.upload", {"class_name": "服装", "is_leaf": False})["class_id"]
    leaf = tenant.caller.ok("goods.GoodsClass.upload",
                            {"class_name": "T恤", "parent_class_name": "服装", "is_leaf": True})["class_id"]
    rows = {r["class_name"]: r for r in query(tenant, "goods.GoodsClass.search")["order_list"]}
    assert set(rows["T恤"]) >= documented("goods.GoodsClass.search", "order_list")
    assert rows["服装"]["parent_id"] == -1 and rows["服装"]["path"] == f"-1,{group}"
    assert rows["T恤"]["parent_id"] == group and rows["T恤"]["path"] == f"-1,{group},{leaf}"
    assert rows["T恤"]["is_leaf"] is True
    expect_business(tenant.caller.call("goods.GoodsClass.upload",
                                       {"class_name": "x", "parent_class_name": "T恤", "is_leaf": True}),
                    "父分类T恤不存在或不是分组")
    expect_business(tenant.caller.call("goods.GoodsClass.upload", {"class_name": "服装", "is_leaf": False}),
                    "分类服装已存在")
    expect(tenant.caller.call("goods.GoodsClass.upload", {"class_name": "x"}), "E71", field="is_leaf")
    tenant.caller.ok("goods.Goods.push", goods("G1", class_name="T恤"), [spec("S1")])
    assert query(tenant, "goods.Goods.queryWithSpec", class_name="T恤", **window(days=1))["total_count"] == 1


def test_batch_push_reports_failing_goods_and_keeps_the_rest(tenant: TenantHandle) -> None:
    tenant.caller.ok("goods.Goods.push", goods("OLD"), [spec("TAKEN")])
    data = tenant.caller.ok(BATCH, [
        {**goods("B1"), "spec_list": [spec("B1-1"), spec("B1-2")]},
        {**goods("B2"), "spec_list": []},
        {**goods("B3"), "spec_list": [spec("TAKEN")]},
        {**goods("B4"), "spec_list": [spec(f"B4-{i}") for i in range(501)]},
    ])
    assert data == {"error_list": [
        {"no": "B2", "error": "单品条数不得超过500条或为空"},
        {"no": "B3", "error": "商家编码和货品编号不匹配"},
        {"no": "B4", "error": "单品条数不得超过500条或为空"},
    ]}
    found = query(tenant, "goods.Goods.queryWithSpec", **window(days=1))["goods_list"]
    assert sorted(g["goods_no"] for g in found) == ["B1", "OLD"]


def test_batch_push_limits(sqlite_tenant: TenantHandle) -> None:
    too_many = [{**goods(f"G{i}"), "spec_list": [spec(f"S{i}")]} for i in range(51)]
    expect_business(sqlite_tenant.caller.call(BATCH, too_many), "货品条数不得超过50条")
    expect(sqlite_tenant.caller.call(BATCH, [{**goods("G" * 41), "spec_list": [spec("S")]}]), "E78", field="goods_no")
    expect(sqlite_tenant.caller.call(BATCH, [goods("G1")]), "E71", field="spec_list")
