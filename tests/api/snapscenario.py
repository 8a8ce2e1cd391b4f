"""The writes `readsnapshot.py` runs on the demo tenant before it reads: something for every query."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from support import Caller
from wdterp.protocol.clock import format_wire_time, now_china

Op = Callable[..., Any]


def _trade(tid: str, spec_nos: tuple[str, ...]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    now = format_wire_time(now_china())
    trade = {"tid": tid, "process_status": 10, "trade_status": 30, "refund_status": 0, "pay_status": 2,
             "order_count": len(spec_nos), "goods_count": 2 * len(spec_nos), "pay_method": 7, "trade_time": now,
             "pay_time": now, "end_time": None, "buyer_nick": "buyer1", "buyer_message": "尽快发货",
             "receiver_name": "张三", "receiver_area": "北京 北京市 朝阳区", "receiver_address": "春天街道1号",
             "receiver_mobile": "13888888888", "post_amount": 5, "discount": 0, "receivable": 45, "paid": 45,
             "delivery_term": 1, "is_auto_wms": False, "warehouse_no": ""}
    lines = [{"tid": tid, "oid": f"{tid}-{n}", "status": 30, "refund_status": 0, "goods_id": "10001",
              "spec_id": f"10001-{n}", "goods_no": "TS01", "spec_no": no, "goods_name": "T恤", "spec_name": no,
              "num": 2, "price": 20, "discount": 0, "share_discount": 0, "total_amount": 40, "adjust_amount": 0,
              "refund_amount": 0, "remark": "", "json": ""} for n, no in enumerate(spec_nos, 1)]
    return trade, lines


def _sales(caller: Caller, op: Op) -> None:
    for n, specs in enumerate((("TS01-WH-M", "MUG01-350"), ("TS01-WH-L",), ("SOCK01-WH", "TS01-BK-M")), 1):
        trade, lines = _trade(f"SNAP-{n}", specs)
        caller.ok("sales.RawTrade.pushSelf2", "demo-mall", [trade], lines)
    op("sales.consign", trade_no=_trade_no(caller, "SNAP-1"), logistics_no="SF", tracking_no="SF-SNAP-1")


def _trade_no(caller: Caller, tid: str) -> str:
    data = caller.ok("sales.TradeQuery.queryWithDetail", {"src_tid": tid}, page=(10, 0))
    return str(data["order"][0]["trade_no"])


def _documents(caller: Caller) -> None:
    caller.ok("wms.stockin.Other.createOtherOrder", {
        "outer_no": "SNAP-IN-1", "warehouse_no": "WH-SH", "is_check": 1,
        "goods_list": [{"spec_no": "MUG01-500", "num": 5}]})
    caller.ok("wms.stockout.Other.createOther", {
        "outer_no": "SNAP-OUT-1", "warehouse_no": "WH-SH", "is_check": 1,
        "goods_list": [{"spec_no": "SOCK01-BK", "num": 3}]})
    caller.ok("wms.stockother.In.push", {"warehouse_no": "WH-BJ", "outer_no": "SNAP-QR-1", "reason": "破损"},
              [{"spec_no": "MUG01-350", "num": 2}])
    caller.ok("wms.stockother.Out.push", {"warehouse_no": "WH-SH", "is_check": True, "receiver_name": "李四"},
              [{"spec_no": "TS01-WH-L", "num": 1}])
    caller.ok("wms.StockPd.stockSyncByPd", {"warehouse_no": "WH-BJ", "defect_mode": 0, "remark": ""},
              [{"spec_no": "SOCK01-BK", "remark": "", "new_num": "97", "defect": False}])


def _warehouse(op: Op) -> None:
    op("position.set_default", warehouse_no="WH-SH", spec_no="TS01-WH-M", position_no="B-01-01", capacity=2,
       zone_no="Z1")
    op("replenish.create", warehouse_no="WH-SH", lines=[{"spec_no": "TS01-WH-M"}])
    op("move.create", warehouse_no="WH-SH", lines=[{"spec_no": "MUG01-350", "num": 1, "from_position_no": "A-01-01",
                                                    "to_position_no": "ZANCUNQU"}])
    op("defect.convert", warehouse_no="WH-SH", lines=[{"spec_no": "TS01-BK-M", "num": 1}])


def _other(op: Op) -> None:
    op("jit.order.create", shop_no="demo-mall", warehouse_no="WH-SH", logistics_code="SF",
       details=[{"spec_no": "SOCK01-WH", "num": 2, "price": 10, "po_no": "PO-SNAP"}])
    payment = op("finance.payment.create", type=1, amount=10, object_name="客户", remark="snap")
    op("finance.payment.check", payment_no=payment["payment_no"])


def _purchase(caller: Caller, op: Op) -> None:
    """An apply, the demo order received in part (booked first), a return with its stockout, a settlement."""
    apply_no = caller.ok("purchase.PurchaseApply.upload", {"warehouse_no": "WH-SH", "detail_list": [
        {"spec_no": "MUG01-500", "num": 20, "provider_no": "P001"}]})["message"]
    caller.ok("purchase.PurchaseOrder.createOrder", {
        "purchase_no": "CG-SNAP-1", "provider_no": "P001", "receive_warehouse_nos": "WH-SH",
        "expect_warehouse_no": "WH-SH", "purchaser_name": "王采购", "apply_nos": apply_no, "is_check": True,
        "purchase_details": [{"spec_no": "MUG01-500", "num": 12}]})
    op("purchase.appoint", purchase_no="CG-DEMO-0001", deliver_name="司机", car_number="沪A12345")
    caller.ok("wms.stockin.Purchase.upload", {"purchase_no": "CG-DEMO-0001", "warehouse_no": "WH-SH",
                                              "create_mode": 2}, [{"spec_no": "TS01-WH-M", "num": 40}])
    caller.ok("purchase.PurchaseReturn.createOrder", {"outer_no": "CR-SNAP-1", "warehouse_no": "WH-SH",
                                                      "provider_no": "P002", "ref_purchase_nos": ["CG-DEMO-0001"]},
              [{"spec_no": "TS01-WH-M", "num": 3, "price": 22}], True)
    caller.ok("wms.stockout.PurchaseReturn.createOrder", {"return_no": "CR-SNAP-1", "warehouse_no": "WH-SH",
                                                          "create_mode": 2}, [{"spec_no": "TS01-WH-M", "num": 3}])
    caller.ok("finance.settle.Purchase.upload", {"purchase_no": "CG-DEMO-0001", "is_check": True},
              [{"spec_no": "TS01-WH-M", "settle_num": 30}])


def run_scenario(caller: Caller, op: Op) -> None:
    caller.ok("goods.Goods.push", {"goods_no": "SNAP-G", "goods_name": "快照货品"},
              [{"spec_no": "SNAP-S1"}, {"spec_no": "SNAP-S2", "barcode": "6909999999999"}])
    _sales(caller, op)
    _documents(caller)
    _warehouse(op)
    _other(op)
    _purchase(caller, op)
