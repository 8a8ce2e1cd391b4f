"""`wdterp load` sections goods / suites / api_goods / categories, and the demo catalog."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from catalogtools import query

from helpers import documented, window
from support import Caller, TenantHandle
from wdterp.cli.demo import demo_document
from wdterp.domain.masterdata.loader import LoadError, load_document
from wdterp.domain.tenancy import service as tenancy


def _load(tenant: TenantHandle, **sections: Any) -> dict[str, tuple[int, int]]:
    with tenant.db.transaction() as session:
        report = load_document(session, {"sid": tenant.sid, **sections})
    return {name: (r.created, r.existing) for name, r in report.sections.items()}


CATALOG: dict[str, Any] = {
    "shops": [{"shop_no": "mall", "shop_name": "商城", "platform_id": 127}],
    "goods": [{"goods_no": "G1", "goods_name": "T恤", "brand_name": "牌", "unit_name": "件", "spec_list": [
        {"spec_no": "G1-M", "spec_name": "M", "retail_price": 59, "barcode": "B1", "barcode_list": ["B1-box"]},
        {"spec_no": "G1-L", "spec_name": "L", "retail_price": "59.5"}]}],
    "suites": [{"suite_no": "SET", "suite_name": "套装", "detail_list": [{"spec_no": "G1-M", "num": 2}]}],
    "categories": [{"shop_no": "mall", "cid": "16", "category_name": "服装", "parent_id": "0"}],
    "api_goods": [{"shop_no": "mall", "goods_id": "1", "spec_id": "1-1", "spec_outer_id": "G1-L", "cid": "16"},
                  {"shop_no": "mall", "goods_id": "2", "spec_id": "", "outer_id": "x", "merchant_no": "SET"}],
}


def test_load_sections_are_idempotent_and_visible_through_the_api(tenant: TenantHandle) -> None:
    counts = _load(tenant, **CATALOG)
    assert {k: counts[k] for k in ("goods", "suites", "categories", "api_goods")} == {
        "goods": (1, 0), "suites": (1, 0), "categories": (1, 0), "api_goods": (2, 0)}
    again = _load(tenant, **CATALOG)
    assert again["goods"] == (0, 1) and again["api_goods"] == (0, 2)
    row = query(tenant, goods_no="G1")["goods_list"][0]
    assert row["brand_name"] == "牌" and row["spec_count"] == 2
    medium = next(s for s in row["spec_list"] if s["spec_no"] == "G1-M")
    assert {c["barcode"] for c in medium["barcode_list"]} == {"B1", "B1-box"}
    assert query(tenant, "goods.Suite.search", suite_no="SET")["suite_list"][0]["detail_list"][0]["num"] == 2
    listings = {r["goods_id"]: r for r in query(tenant, "goods.ApiGoods.search", **window(days=1))["goods_list"]}
    assert listings["1"]["merchant_no"] == "G1-L" and listings["2"]["merchant_no"] == "SET"
    assert listings["2"]["match_target_type"] == 2 and listings["2"]["is_auto_match"] == 0
    assert query(tenant, "goods.Category.search", **window(days=1))["category_list"][0]["cid"] == "16"


@pytest.mark.parametrize(("sections", "message"), [
    ({"goods": [{"goods_no": "G1", "goods_name": "x", "colour": "red", "spec_list": []}]}, "unknown field(s) 'colour'"),
    ({"goods": [{"goods_no": "G1", "goods_name": "x", "spec_list": []}]}, "最少包含一个规格！"),
    ({"goods": [{"goods_name": "x"}]}, "'goods_no' is required"),
    ({"api_goods": [{"shop_no": "nope", "goods_id": "1"}]}, "unknown shop_no 'nope'"),
    ({"suites": [{"suite_no": "S", "suite_name": "x", "detail_list": [{"spec_no": "none", "num": 1}]}]},
     "商家编码:none 单品不存在"),
])
def test_bad_rows_are_load_errors(sqlite_tenant: TenantHandle, sections: dict[str, Any], message: str) -> None:
    with pytest.raises(LoadError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _load(sqlite_tenant, **sections)


def test_demo_catalog_answers_query_with_spec(sqlite_tenant: TenantHandle) -> None:
    document = {**demo_document(), "sid": f"demo{uuid.uuid4().hex[:6]}"}
    with sqlite_tenant.db.transaction() as session:
        load_document(session, document)
        app = tenancy.create_app(session, document["sid"])
        caller = Caller(sqlite_tenant.backend.server.url, document["sid"], app.key, app.secret, app.salt)
    data = caller.ok("goods.Goods.queryWithSpec", window(days=1), page=(50, 0))
    assert data["total_count"] >= 3
    assert all(len(g["spec_list"]) >= 2 for g in data["goods_list"])
    assert set(data["goods_list"][0]) >= documented("goods.Goods.queryWithSpec", "goods_list")
    suites = caller.ok("goods.Suite.search", {"suite_no": "GIFT01"}, page=(10, 0))["suite_list"]
    assert len(suites[0]["detail_list"]) == 2
