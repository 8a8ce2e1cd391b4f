"""Stock sync: stock changes of a matched listing → listed → figure → success / cancel."""

from __future__ import annotations

from typing import Any

from sync_seed import move_stock, seed_listing, seed_sync

from support import TenantHandle
from wdterp.api.wire import documented_fields

WAIT = "sales.StockSync.getSelfWaitSyncIdListOpen"
CALC = "sales.StockSync.calcStock"
BATCH = "sales.StockSync.batchCalcStock"
SUCCESS = "sales.StockSync.syncSuccess"
FAIL = "sales.StockSync.syncFail"
CANCEL = "sales.StockSync.cancelSync"


def _wait(tenant: TenantHandle, position: int = 0) -> list[int]:
    return list(tenant.caller.ok(WAIT, 100, position)["id_list"])


def _success(tenant: TenantHandle, rec_id: int, calc: dict[str, Any]) -> None:
    info = {k: calc[k] for k in ("syn_stock", "stock_change_count", "stock_syn_rule_id", "stock_syn_rule_no",
                                 "stock_syn_warehouses", "stock_syn_mask", "stock_syn_percent", "stock_syn_plus",
                                 "stock_syn_min", "stock_syn_max", "is_auto_listing", "is_auto_delisting")}
    assert tenant.caller.call(SUCCESS, rec_id, info) == {"status": 0}


def test_lifecycle(tenant: TenantHandle) -> None:
    seeded = seed_sync(tenant)
    spec_id, rec_id = seed_listing(tenant, seeded.mall_shop_id)
    move_stock(tenant, seeded.warehouse_id, spec_id, 7)
    move_stock(tenant, seeded.warehouse2_id, spec_id, 3)
    assert _wait(tenant) == [rec_id]

    calc = tenant.caller.ok(CALC, rec_id, False)
    assert set(calc) == set(documented_fields(CALC, "data"))
    assert calc["syn_stock"] == 10 and calc["rec_id"] == rec_id and calc["platform_id"] == 127
    assert calc["match_target_type"] == 1 and calc["match_target_id"] == spec_id
    assert calc["stock_syn_rule_id"] == -10000 and calc["stock_syn_percent"] == 100
    assert calc["stock_syn_warehouses"] == f"{seeded.warehouse_id},{seeded.warehouse2_id}"
    assert calc["last_syn_num"] == -1 and calc["last_syn_time"] == "" and calc["shop_id"] == seeded.mall_shop_id
    count = calc["stock_change_count"]
    assert count >= 1

    _success(tenant, rec_id, calc)
    assert _wait(tenant) == []
    again = tenant.caller.ok(CALC, rec_id, False)
    assert again["last_syn_num"] == 10 and again["stock_change_count"] == count and len(again["last_syn_time"]) == 19

    # a stock change after the sync lists it again, with a higher change count
    move_stock(tenant, seeded.warehouse_id, spec_id, -4)
    assert _wait(tenant) == [rec_id]
    calc = tenant.caller.ok(CALC, rec_id, False)
    assert calc["syn_stock"] == 6 and calc["stock_change_count"] == count + 1

    # a failure keeps it pending; cancelSync with a stale count is refused, the current one clears it
    assert tenant.caller.call(FAIL, rec_id, {"syn_stock": 6, "stock_change_count": count + 1,
                                             "syn_result": "商城超时"}) == {"status": 0}
    assert _wait(tenant) == [rec_id]
    assert tenant.caller.call(CANCEL, rec_id, count) == {"status": 100, "message": "取消失败"}
    assert tenant.caller.call(CANCEL, rec_id, count + 1) == {"status": 0}
    assert _wait(tenant) == []


def test_suite_rule_batch_and_cursor(tenant: TenantHandle) -> None:
    seeded = seed_sync(tenant)
    spec_id, suite_listing = seed_listing(tenant, seeded.mall_shop_id, suite=True, code="B")
    other_spec, plain = seed_listing(tenant, seeded.mall_shop_id, code="C")
    move_stock(tenant, seeded.warehouse_id, spec_id, 9)
    move_stock(tenant, seeded.warehouse2_id, other_spec, 50)
    with tenant.db.transaction() as session:
        from decimal import Decimal

        from wdterp.domain.sync.stock import set_rule
        set_rule(session, tenant.tenant_id, "R1", {"warehouse_ids": str(seeded.warehouse2_id),
                                                   "stock_syn_percent": 50, "stock_syn_plus": Decimal(1),
                                                   "stock_syn_max": Decimal(20)})
    data = tenant.caller.ok(BATCH, [{"api_goods_id": suite_listing, "force_sync": False},
                                    {"api_goods_id": plain, "force_sync": False},
                                    {"api_goods_id": 987654, "force_sync": False}])
    by_id = {row["rec_id"]: row for row in data["success_date"]}
    # the rule counts only warehouse 2: the suite's spec has nothing there; 50 × 50% + 1 capped at 20
    assert by_id[suite_listing]["syn_stock"] == 1 and by_id[suite_listing]["match_target_type"] == 2
    assert by_id[plain]["syn_stock"] == 20 and by_id[plain]["stock_syn_rule_no"] == "R1"
    assert data["error_date"] == [{"rec_id": 987654, "err_msg": "平台货品不存在"}]
    # cursor: 10 is the minimum count; position continues after the last id returned
    first = tenant.caller.ok(WAIT, 10, 0)
    assert first["id_list"] == [suite_listing, plain] and first["position"] == plain
    assert tenant.caller.ok(WAIT, 10, plain) == {"id_list": [], "position": 0}


def test_errors(tenant: TenantHandle) -> None:
    seeded = seed_sync(tenant)
    spec_id, rec_id = seed_listing(tenant, seeded.mall_shop_id, code="D")
    _, foreign = seed_listing(tenant, seeded.other_shop_id, code="E")
    call = tenant.caller.call
    assert call(CALC, foreign, False) == {"status": 100, "message": "店铺平台不是自有平台"}
    assert call(CANCEL, foreign, -1) == {"status": 100, "message": "店铺平台不是自有平台"}
    assert call(WAIT, 5001, 0) == {"status": 100, "message": "countmust be less than or equal to 5000"}
    assert call(SUCCESS, rec_id, {"stock_change_count": 1}) == {"status": 100, "message": "syn_stock不能为空"}
    assert call(CALC, rec_id) == {"status": 1, "message": "invalid argument count"}
    with tenant.db.transaction() as session:
        from wdterp.domain.catalog.models import ApiGoods
        from wdterp.domain.masterdata.models import Shop
        listing = session.get(ApiGoods, rec_id)
        assert listing is not None
        listing.is_disable_syn = True
        shop = session.get(Shop, seeded.mall_shop_id)
        assert shop is not None
    assert call(CALC, rec_id, False) == {"status": 100, "message": "货品id:pgD规格Id:psD 已停用或者未开启同步"}
    assert tenant.caller.ok(CALC, rec_id, True)["syn_stock"] == 0
    with tenant.db.transaction() as session:
        shop = session.get(Shop, seeded.mall_shop_id)
        assert shop is not None
        shop.is_disabled = True
    assert call(CALC, rec_id, True) == {"status": 100, "message": "店铺编号不存在或已停用"}
