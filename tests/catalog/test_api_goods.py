"""goods.ApiGoods.upload / search (matching, stock-sync flags), goods.Category.search."""

from __future__ import annotations

from catalogtools import PUSH, add_shop, goods, query, spec
from sqlalchemy import select

from helpers import documented, expect, op, window
from support import TenantHandle
from wdterp.domain.catalog.listings import mark_stock_changed, save_category
from wdterp.domain.catalog.models import ApiGoods, Spec
from wdterp.domain.masterdata.service import find_shop

UPLOAD = "goods.ApiGoods.upload"
SEARCH = "goods.ApiGoods.search"


def _listings(tenant: TenantHandle) -> dict[str, ApiGoods]:
    with tenant.db.transaction() as session:
        rows = session.scalars(select(ApiGoods).where(ApiGoods.tenant_id == tenant.tenant_id)).all()
        session.expunge_all()
        return {r.spec_id: r for r in rows}


def test_upload_matches_by_code_and_search_shows_every_field(tenant: TenantHandle) -> None:
    add_shop(tenant)
    tenant.caller.ok(PUSH, goods("G1", brand_name="牌", auto_create_bc=True), [spec("S1", spec_code="C1")])
    data = tenant.caller.ok(UPLOAD, {"shop_no": "mall", "goods_list": [
        {"goods_id": "p1", "spec_id": "k1", "goods_no": "G1", "spec_no": "S1", "price": 9.9, "goods_name": "商品"},
        {"goods_id": "p1", "spec_id": "k2", "spec_no": "LATER", "status": 2},
    ]})
    assert data["status"] == 0 and len(data["rec_ids"]) == 2
    rows = {r["spec_id"]: r for r in query(tenant, SEARCH, shop_no="mall", **window(days=1))["goods_list"]}
    assert set(rows["k1"]) >= documented(SEARCH, "goods_list")
    k1 = rows["k1"]
    assert (k1["match_target_type"], k1["merchant_no"], k1["merchant_code"], k1["goods_no"]) == (1, "S1", "C1", "G1")
    assert k1["outer_id"] == "G1" and k1["spec_outer_id"] == "S1" and k1["price"] == 9.9 and k1["shop_no"] == "mall"
    assert k1["platform_id"] == 127 and k1["is_auto_match"] == 1 and k1["last_syn_num"] == -1 and k1["brand_id"] > 0
    assert rows["k2"]["match_target_type"] == 0 and rows["k2"]["status"] == 2
    # a spec with the listing's code appears: the listing gets matched
    tenant.caller.ok(PUSH, goods("G2"), [spec("LATER")])
    assert _listings(tenant)["k2"].match_target_type == 1
    # uploading again overwrites by shop + goods_id + spec_id
    again = tenant.caller.ok(UPLOAD, {"shop_no": "mall", "goods_list": [{"goods_id": "p1", "spec_id": "k1",
                                                                         "status": 0}]})
    assert again["rec_ids"] == [k1["rec_id"]]
    assert (_listings(tenant)["k1"].status, _listings(tenant)["k1"].is_deleted) == (0, 1)


def test_stock_change_flags_listings_of_specs_and_suites(tenant: TenantHandle) -> None:
    add_shop(tenant)
    tenant.caller.ok(PUSH, goods("G1"), [spec("S1"), spec("S2")])
    tenant.caller.ok("goods.Suite.upload2", {"suite_no": "SU", "suite_name": "组", "goods_label_name": ""},
                     [{"spec_no": "S1", "num": 2}])
    tenant.caller.ok(UPLOAD, {"shop_no": "mall", "goods_list": [
        {"goods_id": "a", "spec_id": "1", "spec_no": "S1"}, {"goods_id": "a", "spec_id": "2", "spec_no": "SU"},
        {"goods_id": "a", "spec_id": "3", "spec_no": "S2"}]})
    before = _listings(tenant)
    with tenant.db.transaction() as session:
        s1 = session.scalar(select(Spec.spec_id).where(Spec.tenant_id == tenant.tenant_id, Spec.spec_no == "S1"))
        assert mark_stock_changed(session, tenant.tenant_id, [s1]) == 2
    after = _listings(tenant)
    assert after["1"].stock_change_count == before["1"].stock_change_count + 1
    assert after["2"].stock_change_count == before["2"].stock_change_count + 1 and after["2"].is_stock_changed
    assert after["3"].stock_change_count == before["3"].stock_change_count
    assert after["1"].modified == before["1"].modified
    # deleting the suite unmatches its listing
    op(tenant, "suite.delete", suite_no="SU")
    assert _listings(tenant)["2"].match_target_type == 0
    op(tenant, "api_goods.match", shop_no="mall", goods_id="a", spec_id="2", merchant_no="S2")
    assert (_listings(tenant)["2"].match_target_type, _listings(tenant)["2"].is_auto_match) == (1, False)


def test_upload_rows(tenant: TenantHandle) -> None:
    add_shop(tenant, "tmall", platform_id=1)
    expect(tenant.caller.call(UPLOAD, {"shop_no": "nope", "goods_list": [{"goods_id": "1"}]}), "E20")
    expect(tenant.caller.call(UPLOAD, {"shop_no": "tmall", "goods_list": [{"goods_id": "1"}]}), "E22")
    expect(tenant.caller.call(UPLOAD, {"shop_no": "tmall", "goods_list": [{"goods_id": "1" * 41}]}), "E78",
           field="goods_id")
    expect(tenant.caller.call(SEARCH, {"shop_no": "tmall"}, page=(10, 0)), "E23")
    expect(tenant.caller.call(SEARCH, {"start_time": "2024-01-01 00:00:00", "end_time": "2024-02-10 00:00:00"},
                              page=(10, 0)), "E24")


def test_category_search(tenant: TenantHandle) -> None:
    add_shop(tenant)
    add_shop(tenant, "other")
    with tenant.db.transaction() as session:
        for shop_no in ("mall", "other"):
            shop = find_shop(session, tenant.tenant_id, shop_no)
            assert shop is not None
            save_category(session, tenant.tenant_id, shop, {"cid": "30", "parent_id": "0", "category_name": "女装",
                                                             "is_leaf": 0})
    rows = query(tenant, "goods.Category.search", shop_no="mall", **window(days=1))["category_list"]
    assert len(rows) == 1 and set(rows[0]) >= documented("goods.Category.search", "category_list")
    assert (rows[0]["cid"], rows[0]["path"], rows[0]["shop_no"], rows[0]["is_leaf"]) == ("30", "0,30,", "mall", 0)
    assert query(tenant, "goods.Category.search", **window(days=1))["total_count"] == 2
    expect(tenant.caller.call("goods.Category.search", {}, page=(10, 0)), "E23")
