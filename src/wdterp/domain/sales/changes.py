"""A re-pushed raw trade carries its change to its trade: close/refund cancels, payment moves it on,
refunded lines leave it, a new address updates it (and its unshipped stockout)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from wdterp.domain.documents.statuses import StockoutStatus
from wdterp.domain.sales import payments
from wdterp.domain.sales.flow import RECEIVER, ZERO, cancel, recount, revert_to_cs_check, stockout_of
from wdterp.domain.sales.models import RawTrade, Trade
from wdterp.domain.sales.statuses import (
    LINE_REFUNDED,
    PLATFORM_CANCELLED,
    LogType,
    PayStatus,
    ProcessStatus,
    RawRefundStatus,
    StockState,
    TradeStatus,
)
from wdterp.domain.sales.tradelog import add_log, touch
from wdterp.protocol.clock import now_china

#: told of a re-pushed raw trade whose trade has shipped (aftersales makes the refund of refunded lines)
ShippedChangeListener = Callable[[Session, RawTrade, Trade], None]
_SHIPPED_CHANGE_LISTENERS: list[ShippedChangeListener] = []


def register_shipped_change_listener(listener: ShippedChangeListener) -> None:
    if listener not in _SHIPPED_CHANGE_LISTENERS:
        _SHIPPED_CHANGE_LISTENERS.append(listener)


def carry_raw_change(session: Session, raw: RawTrade, old: dict[str, Any]) -> None:
    """A re-pushed raw trade: cancel, pay, refund lines or change the address of its trade."""
    closed = raw.trade_status in PLATFORM_CANCELLED or raw.refund_status == RawRefundStatus.FULL
    trade = session.get(Trade, raw.trade_id) if raw.trade_id else None
    if trade is None:
        if closed and raw.process_status == ProcessStatus.NEW:
            raw.process_status = ProcessStatus.CANCELLED
            payments.record_refund(session, raw)
        return
    if trade.trade_status in (TradeStatus.SHIPPED, TradeStatus.COMPLETED):
        for listener in _SHIPPED_CHANGE_LISTENERS:
            listener(session, raw, trade)
        return
    if trade.trade_status == TradeStatus.CANCELLED:
        return
    if closed:
        cancel(session, trade, "平台订单已关闭或已退款", log_type=LogType.REFUNDED)
        return
    _carry_lines(session, raw, trade)
    if raw.pay_status == PayStatus.PAID and old.get("pay_status") != PayStatus.PAID:
        trade.pay_time, trade.paid = raw.pay_time, raw.paid
        for order in trade.orders:
            order.pay_status, order.pay_time = PayStatus.PAID, raw.pay_time
            if order.stock_state == StockState.UNPAID:
                order.stock_state = StockState.AWAITING_CHECK
        if trade.trade_status == TradeStatus.UNPAID:
            trade.trade_status = TradeStatus.AWAITING_CS_CHECK
        add_log(session, trade, LogType.PAID, f"付款 {raw.paid or raw.receivable:.2f}")
    if any(old.get(name) != getattr(raw, name) for name in RECEIVER):
        for name in RECEIVER:
            setattr(trade, name, getattr(raw, name))
        doc = stockout_of(session, trade)
        if doc is not None and doc.status == StockoutStatus.CHECKED:
            doc.extra = {**(doc.extra or {}), **{name: getattr(trade, name) for name in RECEIVER}}
            doc.modified = now_china()
        add_log(session, trade, LogType.RECEIVER_CHANGED, f"修改收件人信息 {raw.receiver_name} {raw.receiver_address}")
    touch(trade)


def _carry_lines(session: Session, raw: RawTrade, trade: Trade) -> None:
    """Lines refunded on the platform leave the trade; a checked trade goes back to CS check."""
    refunded = {o.oid for o in raw.orders if o.refund_status in LINE_REFUNDED}
    changed = [o for o in trade.orders if o.src_tid == raw.tid and o.src_oid in refunded and o.actual_num > 0]
    status_of = {o.oid: o.status for o in raw.orders}
    for order in trade.orders:
        if order.src_tid == raw.tid and order.src_oid in status_of:
            order.platform_status = status_of[order.src_oid]
    if not changed:
        return
    if trade.trade_status == TradeStatus.CHECKED:
        revert_to_cs_check(session, trade, "子订单退款")
    for order in changed:
        order.refund_num, order.actual_num, order.refund_status = order.num, ZERO, 5
    recount(trade)
    add_log(session, trade, LogType.REFUNDED, "子订单退款 " + ",".join(sorted(o.src_oid for o in changed)))
    if trade.goods_count == 0:
        cancel(session, trade, "全部子订单已退款", log_type=LogType.REFUNDED)

