"""Helpers of the sales-stockout warehouse tests: master data, trades checked through the sales flow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from helpers import op, window
from support import TenantHandle
from wdterp.domain.catalog.models import Barcode, Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Employee, Logistics, Shop, Warehouse
from wdterp.protocol.clock import format_wire_time, now_china

MALL, WH, WH2, SF = "mall", "WH1", "WH2", "SF"
QUERY = "wms.stockout.Sales.queryWithDetail"
HISTORY = "wms.stockout.Sales.queryHistoryWithDetail"


def seed(tenant: TenantHandle) -> dict[str, int]:
    """A mall shop, two warehouses, a carrier (max 10 kg), specs A (0.5 kg) and B (1 kg), a packaging item BOX
    (barcode 69BOX, 0.2 kg) with stock, and a packer."""
    ids: dict[str, int] = {}
    with tenant.db.transaction() as session:
        t = tenant.tenant_id
        session.add_all([Shop(tenant_id=t, shop_no=MALL, shop_name="自有商城", platform_id=127),
                         Logistics(tenant_id=t, logistics_no=SF, logistics_name="顺丰速运",
                                   main_logistics_name="顺丰", max_weight=Decimal(10)),
                         Employee(tenant_id=t, employee_no="P01", name="打包员甲", shortname="甲")])
        warehouse = Warehouse(tenant_id=t, warehouse_no=WH, name="主仓", type=1)
        other = Warehouse(tenant_id=t, warehouse_no=WH2, name="二仓", type=1)
        goods = Goods(tenant_id=t, goods_no="G1", goods_name="T恤", short_name="T恤", goods_type=1)
        box = Goods(tenant_id=t, goods_no="BOXG", goods_name="纸箱", goods_type=3)
        session.add_all([warehouse, other, goods, box])
        session.flush()
        for no, gid, weight in (("A", goods.goods_id, "0.5"), ("B", goods.goods_id, "1"), ("BOX", box.goods_id, "0.2")):
            spec = Spec(tenant_id=t, goods_id=gid, spec_no=no, spec_name=f"规格{no}", barcode=f"69{no}",
                        weight=Decimal(weight))
            session.add(spec)
            session.flush()
            session.add(Barcode(tenant_id=t, barcode=f"69{no}", target_type=1, target_id=spec.spec_id, is_master=True))
            ids[no] = spec.spec_id
        ids["warehouse"], ids["warehouse2"] = warehouse.warehouse_id, other.warehouse_id
        moves = [Move(warehouse.warehouse_id, ids[no], Decimal(n), spec_no=no, price=Decimal(3))
                 for no, n in (("A", 20), ("B", 10), ("BOX", 5))]
        inventory.apply_moves(session, t, moves, DocumentRef(src_order_type=33, src_order_no="INIT"))
    return ids


def checked_stockout(tenant: TenantHandle, tid: str, lines: dict[str, int] | None = None) -> dict[str, Any]:
    """Push a raw trade, submit and check it: the trade summary with its sales stockout number."""
    lines = lines or {"A": 2, "B": 1}
    now = format_wire_time(now_china())
    trade = {"tid": tid, "process_status": 10, "trade_status": 30, "refund_status": 0, "pay_status": 2,
             "order_count": len(lines), "goods_count": sum(lines.values()), "pay_method": 7, "trade_time": now,
             "pay_time": now, "buyer_nick": "buyer1", "buyer_message": "尽快发货", "receiver_name": "张三",
             "receiver_area": "北京 北京市 朝阳区", "receiver_address": "春天街道1号",
             "receiver_mobile": "13888888888", "post_amount": 5, "discount": 0, "receivable": 25, "paid": 25,
             "delivery_term": 1, "is_auto_wms": False, "warehouse_no": WH, "cust_data": SF}
    orders = [{"tid": tid, "oid": f"{tid}-{i}", "status": 30, "refund_status": 0, "goods_id": "pg1",
               "spec_id": f"ps{no}", "goods_no": "G1", "spec_no": no, "goods_name": "T恤", "spec_name": f"规格{no}",
               "num": n, "price": 10, "discount": 0, "share_discount": 0, "total_amount": 10 * n,
               "adjust_amount": 0, "refund_amount": 0, "remark": "", "json": ""}
              for i, (no, n) in enumerate(lines.items())]
    tenant.caller.ok("sales.RawTrade.pushSelf2", MALL, [trade], orders)
    trade_no = op(tenant, "sales.submit", tid=tid)["trade_no"]
    return op(tenant, "sales.check", trade_no=trade_no)


def stockouts(tenant: TenantHandle, method: str = QUERY, **params: Any) -> list[dict[str, Any]]:
    return list(tenant.caller.ok(method, {**window(), **params}, page=(50, 0))["order"])


def stockout(tenant: TenantHandle, stockout_no: str, method: str = QUERY, **params: Any) -> dict[str, Any]:
    found = [s for s in stockouts(tenant, method, stockout_no=stockout_no, **params)]
    assert len(found) == 1, found
    return found[0]


def stock_num(tenant: TenantHandle, warehouse_id: int, spec_id: int) -> Decimal:
    with tenant.db.transaction() as session:
        stock = inventory.stock_row(session, warehouse_id, spec_id)
        return stock.stock_num if stock is not None else Decimal(0)


