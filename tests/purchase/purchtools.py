"""Seeding of the purchase tests: warehouses, goods, providers, purchasers (through the ORM)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from support import TenantHandle
from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Stock, StockLedger
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Employee, Flag, Logistics, Provider, Warehouse
from wdterp.domain.tenancy import service as tenancy

SPECS = ("S1", "S2", "S3")
BUYER = "采购小王"


def seed(tenant: TenantHandle, opening: dict[str, int] | None = None) -> dict[str, int]:
    """WH1, WH2 (ordinary), EXT (outsourced); specs S1..S3; providers P1, P2; employees 采购小王 (512
    采购员), 质检小李 (1024 质检员), 离职 (deleted); carrier SF; flag 加急; opening stock in WH1."""
    ids: dict[str, int] = {}
    with tenant.db.transaction() as session:
        tid = tenant.tenant_id
        brand = Brand(tenant_id=tid, brand_no="BR", brand_name="品牌")
        session.add(brand)
        for no, kind, external in (("WH1", 1, False), ("WH2", 1, False), ("EXT", 11, True)):
            w = Warehouse(tenant_id=tid, warehouse_no=no, name=f"仓库{no}", type=kind, is_external=external)
            session.add(w)
            session.flush()
            ids[no] = w.warehouse_id
        for no in SPECS:
            g = Goods(tenant_id=tid, goods_no=f"G-{no}", goods_name=f"货品{no}", brand_id=brand.brand_id,
                      unit_name="件")
            session.add(g)
            session.flush()
            s = Spec(tenant_id=tid, goods_id=g.goods_id, spec_no=no, spec_name=f"规格{no}", barcode=f"BC{no}",
                     weight=Decimal("0.5"), retail_price=Decimal(20))
            session.add(s)
            session.flush()
            ids[no] = s.spec_id
        for no, name in (("P1", "一号供应商"), ("P2", "二号供应商")):
            p = Provider(tenant_id=tid, provider_no=no, provider_name=name, contact="陈", telno="021-1",
                         address="供应商地址", follower_name=BUYER)
            session.add(p)
            session.flush()
            ids[no] = p.provider_id
        session.add_all([
            Employee(tenant_id=tid, employee_no="E1", name=BUYER, shortname=BUYER, roles_mask=512 | 1),
            Employee(tenant_id=tid, employee_no="E2", name="质检小李", shortname="质检小李", roles_mask=1024),
            Employee(tenant_id=tid, employee_no="E3", name="离职", shortname="离职", roles_mask=512, deleted=1),
            Logistics(tenant_id=tid, logistics_no="SF", logistics_name="顺丰", logistics_type=3),
            Flag(tenant_id=tid, flag_name="加急")])
        session.flush()
        moves = [Move(ids["WH1"], ids[no], Decimal(num), spec_no=no, price=Decimal(2))
                 for no, num in (opening or {}).items()]
        if moves:
            inventory.apply_moves(session, tid, moves, DocumentRef(33, "INIT-1"))
    return ids


def set_settings(tenant: TenantHandle, **settings: Any) -> None:
    with tenant.db.transaction() as session:
        tenancy.update_tenant(session, tenant.sid, settings=settings)
    tenant.backend.server.gateway.cache.invalidate()


def stock_row(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> dict[str, Decimal]:
    """The figures of one stock row (zeros when there is none)."""
    names = ("stock_num", "lock_num", "purchase_num", "to_purchase_num", "purchase_arrive_num", "return_num",
             "cost_price")
    with tenant.db.transaction() as session:
        found = inventory.stock_row(session, warehouse_id, spec_id, defect)
        return {n: Decimal(0) if found is None else Decimal(getattr(found, n)) for n in names}


def ledger(tenant: TenantHandle, spec_id: int) -> list[tuple[int, str, Decimal]]:
    """(src_order_type, stockio_no, num) of a spec's ledger rows, oldest first."""
    with tenant.db.transaction() as session:
        return [(t, no, Decimal(n)) for t, no, n in session.execute(
            select(StockLedger.src_order_type, StockLedger.stockio_no, StockLedger.num)
            .where(StockLedger.tenant_id == tenant.tenant_id, StockLedger.spec_id == spec_id)
            .order_by(StockLedger.rec_id))]


def stock_total(tenant: TenantHandle, spec_id: int) -> Decimal:
    with tenant.db.transaction() as session:
        rows = session.scalars(select(Stock.stock_num).where(Stock.spec_id == spec_id)).all()
        return sum((Decimal(r) for r in rows), Decimal(0))


def order(purchase_no: str = "", *lines: dict[str, Any], **header: Any) -> dict[str, Any]:
    """A createOrder params map: P1, into WH1, by the purchaser."""
    values = {"provider_no": "P1", "receive_warehouse_nos": "WH1", "expect_warehouse_no": "WH1",
              "purchaser_name": BUYER, "purchase_details": list(lines or [{"spec_no": "S1", "num": 10, "price": 5}]),
              **header}
    if purchase_no:
        values["purchase_no"] = purchase_no
    return values
