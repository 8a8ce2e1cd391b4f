"""Seeding of the virtual-warehouse tests: the demo data, a second own mall, a virtual warehouse for
demo-mall over WH-SH (loaded through the `virtual_warehouses` section)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

import wdterp
from helpers import demo_order, op
from support import TenantHandle
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata.loader import load_document
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.virtual_warehouse.models import VirtualStock

DEMO = Path(wdterp.__file__).parent / "data" / "demo.yaml"
TEE = "TS01-WH-M"  # 200 in WH-SH
VW = "VW-MALL"


def seed(tenant: TenantHandle) -> None:
    document = {k: v for k, v in yaml.safe_load(DEMO.read_text("utf-8")).items() if k not in ("sid", "settings")}
    document["shops"] = [*document["shops"], {"shop_no": "other-mall", "shop_name": "另一商城", "platform_id": 127}]
    document["virtual_warehouses"] = [{"virtual_warehouse_no": VW, "virtual_warehouse_name": "商城虚拟仓",
                                       "sys_warehouse_list": [{"warehouse_no": "WH-SH"}],
                                       "shop_list": [{"shop_no": "demo-mall"}]}]
    with tenant.db.transaction() as session:
        load_document(session, {**document, "sid": tenant.sid})


def real(tenant: TenantHandle, spec_no: str = TEE, warehouse_no: str = "WH-SH") -> dict[str, Decimal]:
    """stock_num and lock_num of the real stock row."""
    from wdterp.domain.catalog.lookup import specs_by_no

    with tenant.db.transaction() as session:
        warehouse = session.scalar(select(Warehouse).where(Warehouse.tenant_id == tenant.tenant_id,
                                                           Warehouse.warehouse_no == warehouse_no))
        spec = specs_by_no(session, tenant.tenant_id, [spec_no])[spec_no]
        assert warehouse is not None
        row = inventory.stock_row(session, warehouse.warehouse_id, spec.spec_id)
        assert row is not None
        return {"stock_num": row.stock_num, "lock_num": row.lock_num}


def held(tenant: TenantHandle) -> Decimal:
    """What the virtual warehouses hold in all (their ledger's sum equals it)."""
    with tenant.db.transaction() as session:
        rows = session.scalars(select(VirtualStock).where(VirtualStock.tenant_id == tenant.tenant_id))
        return sum((r.now_lock_num for r in rows), Decimal(0))


def order_from(tenant: TenantHandle, shop_no: str, tid: str, num: int) -> dict[str, Any]:
    """A mall order pushed, submitted and checked (its stockout holds the stock); the check's answer."""
    trades, lines = demo_order(tid, TEE, num)
    trades[0]["warehouse_no"] = "WH-SH"
    tenant.caller.ok("sales.RawTrade.pushSelf2", shop_no, trades, lines)
    trade_no = op(tenant, "sales.submit", tid=tid)["trade_no"]
    return op(tenant, "sales.check", trade_no=trade_no)
