"""Helpers of the sales tests: master data, raw trade payloads, operations, error assertions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from helpers import window
from support import TenantHandle
from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.protocol.clock import format_wire_time, now_china

PUSH2 = "sales.RawTrade.pushSelf2"
PUSH = "sales.RawTrade.pushSelf"
QUERY = "sales.TradeQuery.queryWithDetail"
MALL, SHOP_TB, WH, SF = "mall", "tb", "WH1", "SF"


def seed(tenant: TenantHandle, stock: dict[str, int] | None = None) -> dict[str, int]:
    """An own-mall shop, a Taobao shop, a warehouse, a logistics company, specs A/B with stock."""
    stock = {"A": 10, "B": 5} if stock is None else stock
    ids: dict[str, int] = {}
    with tenant.db.transaction() as session:
        t = tenant.tenant_id
        session.add_all([Shop(tenant_id=t, shop_no=MALL, shop_name="自有商城", platform_id=127),
                         Shop(tenant_id=t, shop_no=SHOP_TB, shop_name="淘宝店", platform_id=1),
                         Logistics(tenant_id=t, logistics_no=SF, logistics_name="顺丰速运",
                                   main_logistics_name="顺丰速运")])
        warehouse = Warehouse(tenant_id=t, warehouse_no=WH, name="主仓", type=1)
        goods = Goods(tenant_id=t, goods_no="G1", goods_name="T恤", short_name="T恤")
        session.add_all([warehouse, goods])
        session.flush()
        for no in ("A", "B"):
            spec = Spec(tenant_id=t, goods_id=goods.goods_id, spec_no=no, spec_name=f"规格{no}", barcode=f"69{no}")
            session.add(spec)
            session.flush()
            ids[no] = spec.spec_id
        ids["warehouse"] = warehouse.warehouse_id
        moves = [Move(warehouse.warehouse_id, ids[no], Decimal(n), spec_no=no, price=Decimal(3))
                 for no, n in stock.items() if n]
        inventory.apply_moves(session, t, moves, DocumentRef(src_order_type=33, src_order_no="INIT"))
    return ids


def raw_trade(tid: str, **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "tid": tid, "process_status": 10, "trade_status": 30, "refund_status": 0, "pay_status": 2,
        "order_count": 1, "goods_count": 2, "pay_method": 7, "trade_time": format_wire_time(now_china()),
        "pay_time": format_wire_time(now_china()), "end_time": None, "buyer_nick": "buyer1",
        "buyer_message": "尽快发货", "receiver_name": "张三", "receiver_area": "北京 北京市 朝阳区",
        "receiver_address": "春天街道1号", "receiver_mobile": "13888888888", "post_amount": 5, "discount": 0,
        "receivable": 25, "paid": 25, "delivery_term": 1, "is_auto_wms": False, "warehouse_no": "",
    }
    values.update(extra)
    return values


def raw_line(tid: str, oid: str, spec_no: str = "A", num: int = 2, **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "tid": tid, "oid": oid, "status": 30, "refund_status": 0, "goods_id": "pg1", "spec_id": f"ps{spec_no}",
        "goods_no": "G1", "spec_no": spec_no, "goods_name": "T恤", "spec_name": f"规格{spec_no}", "num": num,
        "price": 10, "discount": 0, "share_discount": 0, "total_amount": 10 * num, "adjust_amount": 0,
        "refund_amount": 0, "remark": "", "json": "",
    }
    values.update(extra)
    return values


def push2(tenant: TenantHandle, tid: str, lines: list[dict[str, Any]] | None = None, shop: str = MALL,
          **extra: Any) -> dict[str, Any]:
    return dict(tenant.caller.ok(PUSH2, shop, [raw_trade(tid, **extra)], lines or [raw_line(tid, f"{tid}-1")]))


def trades(tenant: TenantHandle, method: str = QUERY, **params: Any) -> list[dict[str, Any]]:
    data = tenant.caller.ok(method, {**window(), **params}, page=(100, 0))
    return list(data["order"])


def trade_of(tenant: TenantHandle, tid: str, method: str = QUERY) -> dict[str, Any]:
    found = [t for t in trades(tenant, method, src_tid=tid)]
    assert len(found) == 1, found
    return found[0]


def stock_of(tenant: TenantHandle, warehouse_id: int, spec_id: int) -> tuple[Decimal, Decimal]:
    with tenant.db.transaction() as session:
        stock = inventory.stock_row(session, warehouse_id, spec_id)
        assert stock is not None
        return stock.stock_num, stock.lock_num


