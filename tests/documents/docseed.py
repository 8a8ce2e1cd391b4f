"""Helpers of the document tests: master data and opening stock seeded through the ORM / inventory service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from helpers import window
from support import TenantHandle
from wdterp.domain.catalog.models import Barcode, Brand, Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Batch, Position, StockLedger
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Flag, Logistics, Warehouse
from wdterp.domain.tenancy import service as tenancy

SPECS = ("S1", "S2", "S3")
#: opening stock of WH1
OPENING = {"S1": Decimal(10), "S2": Decimal(5)}


def seed(tenant: TenantHandle) -> dict[str, int]:
    """WH1 (ordinary), EXT (external WMS), specs S1..S3, carrier SF, flag 加急, batch B1, position A-01,
    and opening stock in WH1; returns ids by code."""
    ids: dict[str, int] = {}
    with tenant.db.transaction() as session:
        tid = tenant.tenant_id
        brand = Brand(tenant_id=tid, brand_no="BR", brand_name="品牌")
        session.add(brand)
        for no, kind, external in (("WH1", 1, False), ("EXT", 11, True), ("WH2", 1, False)):
            w = Warehouse(tenant_id=tid, warehouse_no=no, name=f"仓库{no}", type=kind, is_external=external)
            session.add(w)
            session.flush()
            ids[no] = w.warehouse_id
        for no in SPECS:
            g = Goods(tenant_id=tid, goods_no=f"G-{no}", goods_name=f"货品{no}", short_name=no,
                      brand_id=brand.brand_id, unit_name="件")
            session.add(g)
            session.flush()
            s = Spec(tenant_id=tid, goods_id=g.goods_id, spec_no=no, spec_code=f"C{no}", spec_name=f"规格{no}",
                     barcode=f"BC{no}", weight=Decimal("0.5"))
            session.add(s)
            session.flush()
            ids[no] = s.spec_id
            session.add(Barcode(tenant_id=tid, barcode=f"BC{no}", target_type=1, target_id=s.spec_id, is_master=True))
        session.add_all([
            Logistics(tenant_id=tid, logistics_no="SF", logistics_name="顺丰", logistics_type=3),
            Flag(tenant_id=tid, flag_name="加急"), Flag(tenant_id=tid, flag_name="停用标记", is_disabled=True),
            Batch(tenant_id=tid, batch_no="B1"),
            Position(tenant_id=tid, warehouse_id=ids["WH1"], position_no="A-01"),
        ])
        session.flush()
        moves = [Move(ids["WH1"], ids[no], num, spec_no=no, price=Decimal(2)) for no, num in OPENING.items()]
        inventory.apply_moves(session, tid, moves, DocumentRef(33, "INIT-1"))
    return ids


def set_settings(tenant: TenantHandle, **settings: Any) -> None:
    with tenant.db.transaction() as session:
        tenancy.update_tenant(session, tenant.sid, settings=settings)
    tenant.backend.server.gateway.cache.invalidate()


def stock(tenant: TenantHandle, warehouse_id: int, spec_id: int) -> tuple[Decimal, Decimal]:
    """(stock_num, lock_num) of a good-stock row."""
    with tenant.db.transaction() as session:
        found = inventory.stock_row(session, warehouse_id, spec_id)
        return (Decimal(0), Decimal(0)) if found is None else (found.stock_num, found.lock_num)


def ledger_rows(tenant: TenantHandle) -> int:
    with tenant.db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(StockLedger)
                                  .where(StockLedger.tenant_id == tenant.tenant_id)) or 0)


def day_window() -> dict[str, str]:
    return window(hours=23)


def short_window() -> dict[str, str]:
    return window(minutes=50)


