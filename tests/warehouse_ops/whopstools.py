"""Helpers of the warehouse-work tests: master data and opening stock seeded through the ORM and the
inventory service, ERP-side actions through the operations registry, stock read back from the tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from support import TenantHandle
from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Position, Stock, StockDetail, StockLedger
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Warehouse

SPECS = ("S1", "S2", "S3")
#: opening stock of WH1 (good), with the price it came in at
OPENING = {"S1": Decimal(10), "S2": Decimal(5)}


def seed(tenant: TenantHandle) -> dict[str, int]:
    """Warehouses WH1, WH2; specs S1..S3 (brand BR, unit 件, weight 0.5); opening stock in WH1."""
    ids: dict[str, int] = {}
    with tenant.db.transaction() as session:
        tid = tenant.tenant_id
        brand = Brand(tenant_id=tid, brand_no="BR", brand_name="品牌")
        session.add(brand)
        for no in ("WH1", "WH2"):
            w = Warehouse(tenant_id=tid, warehouse_no=no, name=f"仓库{no}", type=1)
            session.add(w)
            session.flush()
            ids[no] = w.warehouse_id
        for no in SPECS:
            g = Goods(tenant_id=tid, goods_no=f"G-{no}", goods_name=f"货品{no}", short_name=f"简{no}",
                      brand_id=brand.brand_id, unit_name="件", goods_type=1)
            session.add(g)
            session.flush()
            s = Spec(tenant_id=tid, goods_id=g.goods_id, spec_no=no, spec_code=f"C{no}", spec_name=f"规格{no}",
                     barcode=f"BC{no}", weight=Decimal("0.5"), prop2=f"p2-{no}")
            session.add(s)
            session.flush()
            ids[no] = s.spec_id
        inventory.apply_moves(session, tid, [Move(ids["WH1"], ids[no], num, price=Decimal(2), spec_no=no)
                                             for no, num in OPENING.items()],
                              DocumentRef(20, "OPENING", operator_name="seed"))
    return ids


def put(tenant: TenantHandle, warehouse_id: int, spec_id: int, num: int, position_no: str | None = None,
        defect: bool = False) -> None:
    """Bring stock in (to a position when named, creating it)."""
    with tenant.db.transaction() as session:
        position_id = None
        if position_no:
            position_id = inventory.position(session, tenant.tenant_id, warehouse_id, position_no,
                                             create=True).position_id
        inventory.apply_moves(session, tenant.tenant_id, [Move(warehouse_id, spec_id, Decimal(num), defect,
                                                               position_id=position_id)],
                              DocumentRef(20, "PUT", operator_name="seed"))


def stock(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> Decimal:
    with tenant.db.transaction() as session:
        found = inventory.stock_row(session, warehouse_id, spec_id, defect)
        return Decimal(0) if found is None else Decimal(found.stock_num)


def stock_row(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> dict[str, Any]:
    with tenant.db.transaction() as session:
        found = session.scalar(select(Stock).where(Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id,
                                                   Stock.defect.is_(defect)))
        assert found is not None
        return {"stock_num": Decimal(found.stock_num), "lock_num": Decimal(found.lock_num),
                "last_pd_time": found.last_pd_time}


def details(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> dict[str, Decimal]:
    """Stock of a spec by position_no (non-zero detail rows)."""
    with tenant.db.transaction() as session:
        stmt = (select(Position.position_no, StockDetail.stock_num)
                .join(StockDetail, StockDetail.position_id == Position.position_id)
                .join(Stock, Stock.rec_id == StockDetail.stock_id)
                .where(Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id, Stock.defect.is_(defect)))
        out: dict[str, Decimal] = {}
        for no, num in session.execute(stmt):
            if num:
                out[no] = out.get(no, Decimal(0)) + Decimal(num)
        return out


def ledger(tenant: TenantHandle, src_order_no: str) -> list[dict[str, Any]]:
    with tenant.db.transaction() as session:
        rows = session.scalars(select(StockLedger).where(StockLedger.tenant_id == tenant.tenant_id,
                                                         StockLedger.src_order_no == src_order_no)
                               .order_by(StockLedger.rec_id))
        return [{"type": r.src_order_type, "spec_id": r.spec_id, "defect": r.defect, "num": Decimal(r.num),
                 "stockio_no": r.stockio_no, "before": Decimal(r.stock_before), "after": Decimal(r.stock_after)}
                for r in rows]


