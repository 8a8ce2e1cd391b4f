"""Helpers of the inventory tests: master data seeded through the ORM, stock moved through the service."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Stock, StockDetail, StockLedger
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Warehouse

_seq = itertools.count(1)


@dataclass
class Seeded:
    warehouses: dict[str, int]
    specs: dict[str, int]


def seed(tenant: Any, warehouses: tuple[str, ...] = ("WH1",), specs: tuple[str, ...] = ("S1",)) -> Seeded:
    """Warehouses and specs (one goods per spec, one brand) for the tenant."""
    with tenant.db.transaction() as session:
        brand = session.scalar(select(Brand).where(Brand.tenant_id == tenant.tenant_id))
        if brand is None:
            brand = Brand(tenant_id=tenant.tenant_id, brand_no=f"B{next(_seq)}", brand_name="品牌甲")
            session.add(brand)
            session.flush()
        wh = {}
        for no in warehouses:
            w = Warehouse(tenant_id=tenant.tenant_id, warehouse_no=no, name=f"仓库{no}", type=1)
            session.add(w)
            session.flush()
            wh[no] = w.warehouse_id
        sp = {}
        for no in specs:
            g = Goods(tenant_id=tenant.tenant_id, goods_no=f"G-{no}", goods_name=f"货品{no}", short_name=no,
                      brand_id=brand.brand_id, unit_name="件")
            session.add(g)
            session.flush()
            s = Spec(tenant_id=tenant.tenant_id, goods_id=g.goods_id, spec_no=no, spec_code=f"C{no}",
                     spec_name=f"规格{no}", barcode=f"BC{no}", weight=Decimal("0.5"))
            session.add(s)
            session.flush()
            sp[no] = s.spec_id
        return Seeded(wh, sp)


def move(tenant: Any, warehouse_id: int, spec_id: int, num: int | str | Decimal, *, order_type: int = 20,
         doc_no: str = "", price: str | None = None, defect: bool = False, **extra: Any) -> None:
    with tenant.db.transaction() as session:
        inventory.apply_moves(session, tenant.tenant_id, [Move(
            warehouse_id, spec_id, Decimal(str(num)), defect, price=Decimal(price) if price else None, **extra)],
            DocumentRef(order_type, doc_no or f"DOC{next(_seq)}", operator_name="tester"))


def stock_of(tenant: Any, warehouse_id: int, spec_id: int, defect: bool = False) -> dict[str, Decimal]:
    with tenant.db.transaction() as session:
        row = inventory.stock_row(session, warehouse_id, spec_id, defect)
        ledger = inventory.ledger_total(session, warehouse_id, spec_id, defect)
        if row is None:
            return {"stock": Decimal(0), "lock": Decimal(0), "ledger": ledger, "details": Decimal(0)}
        details = session.scalar(select(func.coalesce(func.sum(StockDetail.stock_num), 0))
                                 .where(StockDetail.stock_id == row.rec_id))
        return {"stock": row.stock_num, "lock": row.lock_num, "ledger": ledger, "details": Decimal(details or 0)}


def ledger_count(tenant: Any) -> int:
    with tenant.db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(StockLedger)
                                  .where(StockLedger.tenant_id == tenant.tenant_id)) or 0)


def stock_rec_id(tenant: Any, warehouse_id: int, spec_id: int) -> int:
    with tenant.db.transaction() as session:
        rec = session.scalar(select(Stock.rec_id).where(Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id))
        assert rec is not None
        return int(rec)
