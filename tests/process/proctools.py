"""Seeding of the production tests: warehouses, raw and finished specs, opening stock at a cost, a producer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from helpers import op
from support import TenantHandle
from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Employee, Warehouse

#: spec → (retail price, opening stock in WH1, its cost)
SPECS = {"RAW1": (Decimal(0), Decimal(20), Decimal(2)), "RAW2": (Decimal(0), Decimal(30), Decimal(3)),
         "FIN1": (Decimal(30), Decimal(0), Decimal(0)), "FIN2": (Decimal(10), Decimal(0), Decimal(0))}


def seed(tenant: TenantHandle) -> dict[str, int]:
    """WH1 and WH2, specs RAW1/RAW2 (in stock in WH1 at cost 2 and 3), FIN1/FIN2, producer SC001,
    employee 停用员 (disabled)."""
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
        for no, (retail, _, _) in SPECS.items():
            g = Goods(tenant_id=tid, goods_no=f"G-{no}", goods_name=f"货品{no}", short_name=no, unit_name="件",
                      brand_id=brand.brand_id)
            session.add(g)
            session.flush()
            s = Spec(tenant_id=tid, goods_id=g.goods_id, spec_no=no, spec_name=f"规格{no}", retail_price=retail,
                     weight=Decimal("0.5"))
            session.add(s)
            session.flush()
            ids[no] = s.spec_id
        session.add(Employee(tenant_id=tid, employee_no="E9", name="停用员", shortname="停用员", is_disabled=True))
        moves = [Move(ids["WH1"], ids[no], num, spec_no=no, price=cost)
                 for no, (_, num, cost) in SPECS.items() if num]
        inventory.apply_moves(session, tid, moves, DocumentRef(33, "INIT-1"))
    op(tenant, "producer.create", producer_no="SC001", producer_name="一号生产商")
    return ids


def stock(tenant: TenantHandle, warehouse_id: int, spec_id: int) -> dict[str, Decimal]:
    """stock_num, lock_num, cost_price and process_onway_num of a good-stock row."""
    with tenant.db.transaction() as session:
        row = inventory.stock_row(session, warehouse_id, spec_id)
        names = ("stock_num", "lock_num", "cost_price", "process_onway_num")
        return {n: Decimal(0) for n in names} if row is None else {n: getattr(row, n) for n in names}


def process_order(**values: Any) -> dict[str, Any]:
    """Process.upload's param: 2 runs of 1 FIN1 from 2 RAW1 + 1 RAW2, WH1 → WH1 (overridable)."""
    detail = [{"spec_no": "RAW1", "num": 2}, {"spec_no": "RAW2", "num": 1}, {"spec_no": "FIN1", "num": 1,
                                                                              "is_product": True}]
    return {"out_warehouse_no": "WH1", "in_warehouse_no": "WH1", "operator_name": "admin", "producer_no": "SC001",
            "process_count": 2, "detail_list": detail, **values}
