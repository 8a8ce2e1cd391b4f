"""The stock sync's available-stock formula takes the counters the tenant setting names: goods on a
checked purchase order (采购在途量) can be sold before they arrive."""

from __future__ import annotations

from sync_seed import move_stock, seed_listing, seed_sync

from helpers import expect_business, op
from support import TenantHandle
from wdterp.domain.masterdata.models import Provider

CALC = "sales.StockSync.calcStock"


def test_formula_adds_the_named_counters(tenant: TenantHandle) -> None:
    seeded = seed_sync(tenant)
    spec_id, rec_id = seed_listing(tenant, seeded.mall_shop_id)
    move_stock(tenant, seeded.warehouse_id, spec_id, 7)
    with tenant.db.transaction() as session:
        session.add(Provider(tenant_id=tenant.tenant_id, provider_no="P1", provider_name="供应商"))
    created = tenant.caller.ok("purchase.PurchaseOrder.createOrder", {
        "provider_no": "P1", "receive_warehouse_nos": "WH1", "expect_warehouse_no": "WH1", "is_check": True,
        "purchase_details": [{"spec_no": "SA", "num": 5, "price": 1}]})
    assert created["status"] == 0
    assert tenant.caller.ok(CALC, rec_id, False)["syn_stock"] == 7  # by default stock_num − lock_num only
    op(tenant, "tenant.settings", stock_sync_counters={"plus": ["purchase_num"]})
    assert tenant.caller.ok(CALC, rec_id, False)["syn_stock"] == 12
    op(tenant, "tenant.settings", stock_sync_counters={"plus": ["purchase_num"], "minus": ["purchase_num"]})
    assert tenant.caller.ok(CALC, rec_id, False)["syn_stock"] == 7
    op(tenant, "tenant.settings", stock_sync_counters={"plus": ["no_such_num"]})
    expect_business(tenant.caller.call(CALC, rec_id, False), "库存同步公式中的库存量不存在")
