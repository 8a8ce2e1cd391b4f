"""An order of the demo catalog as a mall pushes it (`sales.RawTrade.pushSelf2` arguments)."""

from __future__ import annotations

from typing import Any

from wdterp.protocol.clock import format_wire_time, now_china


def demo_order(tid: str, spec_no: str = "TS01-WH-M", num: int = 2) -> tuple[list[dict[str, Any]],
                                                                          list[dict[str, Any]]]:
    now = format_wire_time(now_china())
    amount = 59 * num
    trade = {"tid": tid, "process_status": 10, "trade_status": 30, "refund_status": 0, "pay_status": 2,
             "order_count": 1, "goods_count": num, "pay_method": 7, "trade_time": now, "pay_time": now,
             "end_time": None, "buyer_nick": "newcomer", "buyer_message": "", "receiver_name": "张三",
             "receiver_area": "上海 上海市 浦东新区", "receiver_address": "世纪大道 1 号",
             "receiver_mobile": "13888888888", "post_amount": 0, "discount": 0, "receivable": amount,
             "paid": amount, "delivery_term": 1, "is_auto_wms": False, "warehouse_no": ""}
    line = {"tid": tid, "oid": f"{tid}-1", "status": 30, "refund_status": 0, "goods_id": "10001",
            "spec_id": "10001-1", "goods_no": "TS01", "spec_no": spec_no, "goods_name": "纯棉圆领T恤",
            "spec_name": "白色 M", "num": num, "price": 59, "discount": 0, "share_discount": 0,
            "total_amount": amount, "adjust_amount": 0, "refund_amount": 0, "remark": "", "json": ""}
    return [trade], [line]
