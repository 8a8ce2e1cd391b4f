"""Seeding helpers of the sync tests: own-mall and other-platform shops, a logistics company."""

from __future__ import annotations

from dataclasses import dataclass

from support import TenantHandle
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse


@dataclass
class Seeded:
    mall_shop_id: int
    other_shop_id: int
    logistics_id: int
    warehouse_id: int
    warehouse2_id: int


def seed_sync(tenant: TenantHandle) -> Seeded:
    with tenant.db.transaction() as session:
        mall = Shop(tenant_id=tenant.tenant_id, shop_no="mall", shop_name="自有商城", platform_id=127)
        other = Shop(tenant_id=tenant.tenant_id, shop_no="tb", shop_name="淘宝店", platform_id=1)
        company = Logistics(tenant_id=tenant.tenant_id, logistics_no="YZBK", logistics_name="中国邮政",
                            logistics_type=2)
        wh = Warehouse(tenant_id=tenant.tenant_id, warehouse_no="WH1", name="主仓")
        wh2 = Warehouse(tenant_id=tenant.tenant_id, warehouse_no="WH2", name="二仓")
        session.add_all([mall, other, company, wh, wh2])
        session.flush()
        return Seeded(mall.shop_id, other.shop_id, company.logistics_id, wh.warehouse_id, wh2.warehouse_id)


def seed_listing(tenant: TenantHandle, shop_id: int, *, suite: bool = False, code: str = "A") -> tuple[int, int]:
    """A spec (and, with `suite`, a suite of 2 of it) and a mall listing matched to it: (spec_id, rec_id)."""
    from decimal import Decimal

    from wdterp.domain.catalog.models import ApiGoods, Goods, Spec, Suite, SuiteDetail

    with tenant.db.transaction() as session:
        goods = Goods(tenant_id=tenant.tenant_id, goods_no=f"G{code}", goods_name=f"货品{code}")
        session.add(goods)
        session.flush()
        spec = Spec(tenant_id=tenant.tenant_id, goods_id=goods.goods_id, spec_no=f"S{code}", spec_name="默认")
        session.add(spec)
        session.flush()
        target_type, target_id = 1, spec.spec_id
        if suite:
            bundle = Suite(tenant_id=tenant.tenant_id, suite_no=f"SU{code}", suite_name="两件装")
            session.add(bundle)
            session.flush()
            session.add(SuiteDetail(suite_id=bundle.suite_id, spec_id=spec.spec_id, num=Decimal(2)))
            target_type, target_id = 2, bundle.suite_id
        listing = ApiGoods(tenant_id=tenant.tenant_id, shop_id=shop_id, goods_id=f"pg{code}",
                           spec_id=f"ps{code}", outer_id=f"G{code}", spec_outer_id=f"S{code}",
                           match_target_type=target_type, match_target_id=target_id, match_code=f"S{code}")
        session.add(listing)
        session.flush()
        return spec.spec_id, listing.rec_id


def move_stock(tenant: TenantHandle, warehouse_id: int, spec_id: int, num: int) -> None:
    from decimal import Decimal

    from wdterp.domain.inventory.service import DocumentRef, Move, apply_moves

    with tenant.db.transaction() as session:
        apply_moves(session, tenant.tenant_id, [Move(warehouse_id, spec_id, Decimal(num))],
                    DocumentRef(src_order_type=20, src_order_no="QR-test"))
