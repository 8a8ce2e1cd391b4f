"""The virtual-warehouse queries as prepared searches (storage/prepared.py), with lines searches
(`ids`: the parents of one page)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, bindparam, cast, exists, func, select
from sqlalchemy.orm import aliased

from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory.models import Stock
from wdterp.domain.masterdata.models import Shop, Warehouse
from wdterp.domain.queries import split_list
from wdterp.domain.virtual_warehouse.models import (
    VirtualLedger,
    VirtualOrder,
    VirtualOrderLine,
    VirtualStock,
    VirtualWarehouse,
    VirtualWarehouseMember,
    VirtualWarehouseShop,
)
from wdterp.protocol.clock import now_china
from wdterp.storage.prepared import Bound, Search, among, before, equal, given, permitted, since

Target = aliased(VirtualWarehouse, name="target_vw")
VW = VirtualWarehouse


def _member_no(vw_id: Any) -> Any:
    """A filter: the virtual warehouse has the real warehouse of that number."""
    def clause(p: Any) -> Any:
        return exists(select(VirtualWarehouseMember.rec_id)
                      .join(Warehouse, Warehouse.warehouse_id == VirtualWarehouseMember.warehouse_id)
                      .where(VirtualWarehouseMember.virtual_warehouse_id == vw_id, Warehouse.warehouse_no == p))
    return clause


_HEADER: tuple[Any, ...] = (
    VW.virtual_warehouse_id, VW.virtual_warehouse_no, VW.name, VW.name.label("virtual_warehouse_name"),
    VW.warehouse_type, cast(VW.is_disabled, Integer).label("is_disabled"), VW.remark, VW.modified, VW.created)

WAREHOUSES = Search(select(*_HEADER).where(VW.tenant_id == bindparam("tenant_id")),
                    order_by=(VW.virtual_warehouse_id,), filters={
                        "virtual_warehouse_no": equal(VW.virtual_warehouse_no),
                        "warehouse_no": _member_no(VW.virtual_warehouse_id),
                        "start_time": since(VW.modified), "end_time": before(VW.modified),
                        # a restricted app sees the virtual warehouses over a warehouse it may use
                        "permitted": lambda ps: exists(
                            select(VirtualWarehouseMember.rec_id)
                            .join(Warehouse, Warehouse.warehouse_id == VirtualWarehouseMember.warehouse_id)
                            .where(VirtualWarehouseMember.virtual_warehouse_id == VW.virtual_warehouse_id,
                                   Warehouse.warehouse_no.in_(ps)))})

MEMBERS = Search(
    select(*VirtualWarehouseMember.__table__.c, VirtualWarehouseMember.warehouse_id.label("sys_warehouse_id"),
           Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"))
    .join(Warehouse, Warehouse.warehouse_id == VirtualWarehouseMember.warehouse_id),
    order_by=(VirtualWarehouseMember.rec_id,), filters={"ids": among(VirtualWarehouseMember.virtual_warehouse_id)})

SHOPS = Search(
    select(*VirtualWarehouseShop.__table__.c, Shop.shop_no, Shop.shop_name)
    .join(Shop, Shop.shop_id == VirtualWarehouseShop.shop_id),
    order_by=(VirtualWarehouseShop.rec_id,), filters={"ids": among(VirtualWarehouseShop.virtual_warehouse_id)})

#: 销量 of a virtual warehouse: what its shops' orders took from it (sales ledger rows), since … until
SALES_PERIODS = ("num_day", "num_yesterday", "num_7days", "num_14days", "num_month")


def _sold(name: str) -> Any:
    taken = (select(func.coalesce(func.sum(-VirtualLedger.num), 0)).where(
        VirtualLedger.virtual_warehouse_id == VirtualStock.virtual_warehouse_id,
        VirtualLedger.warehouse_id == VirtualStock.warehouse_id, VirtualLedger.spec_id == VirtualStock.spec_id,
        VirtualLedger.src_order_type == OrderType.SALES_OUT,
        VirtualLedger.created >= bindparam(f"since_{name}", type_=VirtualLedger.created.type),
        VirtualLedger.created < bindparam(f"until_{name}", type_=VirtualLedger.created.type)))
    return taken.scalar_subquery().label(name)


def _real(column: Any, label: str) -> Any:
    return (select(func.coalesce(func.sum(column), 0)).where(
        Stock.warehouse_id == VirtualStock.warehouse_id, Stock.spec_id == VirtualStock.spec_id,
        Stock.defect.is_(False)).scalar_subquery().label(label))


STOCK = Search(
    select(*VirtualStock.__table__.c, Spec.spec_no, Spec.spec_name, Goods.goods_no, Goods.goods_name,
           VW.virtual_warehouse_id.label("vir_warehouse_id"), VW.virtual_warehouse_no.label("vir_warehouse_no"),
           VW.name.label("vir_warehouse_name"), Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"),
           VirtualStock.now_lock_num.label("can_use_lock_num"), VirtualStock.now_lock_num.label("can_use_num"),
           _real(Stock.stock_num - Stock.lock_num, "avaliable_num"), _real(Stock.cost_price, "avg_cost"),
           *(_sold(name) for name in SALES_PERIODS))
    .join(VW, VW.virtual_warehouse_id == VirtualStock.virtual_warehouse_id)
    .join(Warehouse, Warehouse.warehouse_id == VirtualStock.warehouse_id)
    .join(Spec, Spec.spec_id == VirtualStock.spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
    .where(VirtualStock.tenant_id == bindparam("tenant_id")),
    order_by=(VirtualStock.rec_id,), filters={
        "spec_nos": among(Spec.spec_no), "virtual_warehouse_no": equal(VW.virtual_warehouse_no),
        "warehouse_no": equal(Warehouse.warehouse_no), "start_time": since(VirtualStock.modified),
        "end_time": before(VirtualStock.modified), "permitted": among(Warehouse.warehouse_no)})

ORDERS = Search(
    select(*VirtualOrder.__table__.c, VW.virtual_warehouse_no,
           func.coalesce(Target.virtual_warehouse_no, "").label("to_virtual_warehouse_no"))
    .join(VW, VW.virtual_warehouse_id == VirtualOrder.virtual_warehouse_id)
    .outerjoin(Target, Target.virtual_warehouse_id == VirtualOrder.to_virtual_id)
    .where(VirtualOrder.tenant_id == bindparam("tenant_id")),
    order_by=(VirtualOrder.modified, VirtualOrder.order_id), filters={
        "virtual_warehouse_no": equal(VW.virtual_warehouse_no), "order_type": equal(VirtualOrder.order_type),
        "warehouse_no": lambda p: exists(select(VirtualOrderLine.rec_id).join(
            Warehouse, Warehouse.warehouse_id == VirtualOrderLine.warehouse_id).where(
            VirtualOrderLine.order_id == VirtualOrder.order_id, Warehouse.warehouse_no == p)),
        "start_time": since(VirtualOrder.modified), "end_time": before(VirtualOrder.modified),
        "permitted": lambda ps: exists(select(VirtualOrderLine.rec_id).join(
            Warehouse, Warehouse.warehouse_id == VirtualOrderLine.warehouse_id).where(
            VirtualOrderLine.order_id == VirtualOrder.order_id, Warehouse.warehouse_no.in_(ps)))})

ORDER_LINES = Search(
    select(*VirtualOrderLine.__table__.c, Spec.spec_no, Spec.spec_code, Goods.goods_no, Goods.goods_name,
           Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"))
    .join(Spec, Spec.spec_id == VirtualOrderLine.spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
    .join(Warehouse, Warehouse.warehouse_id == VirtualOrderLine.warehouse_id),
    order_by=(VirtualOrderLine.rec_id,), filters={"ids": among(VirtualOrderLine.order_id)})


def lines(search: Search, ids: list[int]) -> Bound:
    return search.bind(ids=sorted(set(ids)) or [0])


def warehouses(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None,
               member: str = "warehouse_no") -> Bound:
    """query (`sys_warehouse_no`) and warehouseSearch (`warehouse_no`, a window of modified)."""
    return WAREHOUSES.bind(tenant_id=tenant_id, **given(f, "virtual_warehouse_no"),
                           warehouse_no=f.get(member) or None, start_time=f.get("start_time"),
                           end_time=f.get("end_time"), permitted=permitted(allowed))


def _periods(now: datetime | None = None) -> dict[str, datetime]:
    today = (now or now_china()).replace(hour=0, minute=0, second=0, microsecond=0)
    far = today + timedelta(days=1)
    starts = {"num_day": (today, far), "num_yesterday": (today - timedelta(days=1), today),
              "num_7days": (today - timedelta(days=6), far), "num_14days": (today - timedelta(days=13), far),
              "num_month": (today - timedelta(days=29), far)}
    out: dict[str, datetime] = {}
    for name, (start, end) in starts.items():
        out[f"since_{name}"], out[f"until_{name}"] = start, end
    return out


def stock(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return STOCK.bind(tenant_id=tenant_id, spec_nos=split_list(str(f.get("spec_nos") or "")) or None,
                      **given(f, "virtual_warehouse_no", "warehouse_no"), start_time=f.get("start_time"),
                      end_time=f.get("end_time"), permitted=permitted(allowed), **_periods())


def orders(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return ORDERS.bind(tenant_id=tenant_id, **given(f, "virtual_warehouse_no", "warehouse_no", "order_type"),
                       start_time=f.get("start_time"), end_time=f.get("end_time"), permitted=permitted(allowed))
