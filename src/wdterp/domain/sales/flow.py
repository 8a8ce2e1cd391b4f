"""The order flow: submit (递交) → check (审核, reserve + sales stockout) → consign (发货), and cancel.

Stock moves only through the document engine (reserve at check, check-from-reserved at consign,
cancel releases); every step writes a trade log row with the op codes of sales.TradeQuery.getLog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no, suite_by_no
from wdterp.domain.catalog.models import Spec, SuiteDetail
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, LineSpec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockoutStatus
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.masterdata.service import active_logistics, find_logistics, find_warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.sales import payments
from wdterp.domain.sales.models import RawTrade, RawTradeOrder, Trade, TradeOrder
from wdterp.domain.sales.statuses import (
    CHECKABLE,
    LINE_REFUNDED,
    SYSTEM_OPERATOR,
    LogType,
    PayStatus,
    ProcessStatus,
    StockState,
    TradeStatus,
)
from wdterp.domain.sales.tradelog import add_log, touch
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

SALES_STOCKOUT = Kind("out", OrderType.SALES_OUT, "CK", sales=True)
TRADE_PREFIX = "JY"
#: the tracking-number prefix when the carrier has no usable code
TRACKING_PREFIX = "YD"
#: tenant setting naming the warehouse trades ship from when the raw trade names none
SETTING_DEFAULT_WAREHOUSE = "default_warehouse_no"
ZERO = Decimal(0)
#: amounts are kept to 4 places (Decimal(19,4))
CENT = Decimal("0.0001")
RECEIVER = ("receiver_name", "receiver_area", "receiver_address", "receiver_zip", "receiver_mobile",
             "receiver_telno", "receiver_province", "receiver_city", "receiver_district")


def stockout_of(session: Session, trade: Trade) -> StockDocument | None:
    if not trade.stockout_no:
        return None
    return session.scalar(select(StockDocument).where(StockDocument.tenant_id == trade.tenant_id,
                                                      StockDocument.doc_no == trade.stockout_no))


# ---------------------------------------------------------------------------- submit


def _warehouse_for(session: Session, raw: RawTrade) -> Warehouse | None:
    if raw.warehouse_no:
        found = find_warehouse(session, raw.tenant_id, raw.warehouse_no)
        if found is None or found.is_disabled:
            raise business_error(f"仓库{raw.warehouse_no}不存在", f"warehouse {raw.warehouse_no!r} unknown")
        return found
    tenant = session.get(Tenant, raw.tenant_id)
    default = (tenant.settings or {}).get(SETTING_DEFAULT_WAREHOUSE) if tenant else None
    if default:
        found = find_warehouse(session, raw.tenant_id, str(default))
        if found is not None and not found.is_disabled:
            return found
    return session.scalar(select(Warehouse).where(Warehouse.tenant_id == raw.tenant_id,
                                                  Warehouse.is_disabled.is_(False), Warehouse.type == 1)
                          .order_by(Warehouse.warehouse_id).limit(1))


def _paid_share(raw: RawTrade, live: list[RawTradeOrder]) -> Decimal:
    """The part of each line's amount that is paid: all of it on a paid trade, none on an unpaid one,
    and on a part-paid one the paid amount spread over the lines by their amounts."""
    if raw.pay_status == PayStatus.PAID:
        return Decimal(1)
    total = sum((o.share_amount for o in live), ZERO)
    if raw.pay_status != PayStatus.PART_PAID or total <= 0 or raw.paid <= 0:
        return ZERO
    return min(raw.paid / total, Decimal(1))


def _common(raw: RawTrade, line: RawTradeOrder) -> dict[str, Any]:
    """The columns every system line of a platform line shares."""
    return dict(
        tenant_id=raw.tenant_id, raw_order_id=line.rec_id, platform_id=raw.platform_id, src_tid=raw.tid,
        src_oid=line.oid, gift_type=line.gift_type, pay_status=raw.pay_status, refund_status=line.refund_status,
        guarantee_mode=raw.guarantee_mode, platform_status=line.status, delivery_term=raw.delivery_term,
        api_goods_name=line.goods_name, api_spec_name=line.spec_name, api_goods_id=line.api_goods_id,
        api_spec_id=line.api_spec_id, bind_oid=line.bind_oid, cid=line.cid, remark=line.remark,
        invoice_content=raw.invoice_content, pay_time=raw.pay_time, discount=line.discount,
        commission=line.commission, adjust=line.adjust_amount,
        stock_state=StockState.AWAITING_CHECK if raw.pay_status == PayStatus.PAID else StockState.UNPAID)


def _trade_lines(session: Session, raw: RawTrade, line: RawTradeOrder, spec: Spec | None,
                 paid_share: Decimal) -> list[TradeOrder]:
    """System lines of one platform line: its spec (when `spec_no` names one), or the specs of the
    suite it names; each is paid `paid_share` of its amount."""
    common = _common(raw, line)
    if spec is not None:
        share_price = line.share_amount / line.num if line.num else ZERO
        return [TradeOrder(spec_id=spec.spec_id, goods_id=spec.goods_id, num=line.num, actual_num=line.num,
                           price=line.price, order_price=share_price, share_price=share_price,
                           share_amount=line.share_amount, paid=_paid(line.share_amount, paid_share), **common)]
    suite = suite_by_no(session, raw.tenant_id, line.spec_no)
    if suite is None:
        raise business_error(f"商家编码{line.spec_no}未匹配到系统货品", f"{raw.tid}/{line.oid}: spec_no unknown")
    details = session.execute(select(SuiteDetail, Spec.goods_id).join(Spec, Spec.spec_id == SuiteDetail.spec_id)
                              .where(SuiteDetail.suite_id == suite.suite_id).order_by(SuiteDetail.rec_id)).all()
    weights = [d.ratio if d.ratio else d.num for d, _goods_id in details]
    total_weight = sum(weights, ZERO) or Decimal(1)
    out = []
    for (detail, goods_id), weight in zip(details, weights, strict=True):
        num = detail.num * line.num
        amount = (line.share_amount * weight / total_weight).quantize(CENT)
        out.append(TradeOrder(
            spec_id=detail.spec_id, goods_id=goods_id, suite_id=suite.suite_id, suite_no=suite.suite_no,
            suite_name=suite.suite_name, suite_num=line.num, suite_amount=line.share_amount,
            suite_discount=line.discount, num=num, actual_num=num, price=amount / num if num else ZERO,
            order_price=amount / num if num else ZERO, share_price=amount / num if num else ZERO,
            share_amount=amount, paid=_paid(amount, paid_share), **common))
    return out


def _paid(amount: Decimal, share: Decimal) -> Decimal:
    return (amount * share).quantize(CENT)


def submit(session: Session, raw: RawTrade, operator: str = SYSTEM_OPERATOR) -> Trade:
    """递交: turn a new raw trade into a trade (30 待客审, or 10 未付款 when not paid yet)."""
    if raw.process_status != ProcessStatus.NEW:
        raise business_error("原始单状态不正确", f"raw trade {raw.tid} is in process_status {raw.process_status}")
    shop = session.get(Shop, raw.shop_id)
    assert shop is not None
    live = [o for o in raw.orders if o.refund_status not in LINE_REFUNDED]
    oids = [o.oid for o in live]
    clash = session.scalar(select(RawTradeOrder.tid).where(
        RawTradeOrder.tenant_id == raw.tenant_id, RawTradeOrder.oid.in_(oids),
        RawTradeOrder.raw_trade_id != raw.rec_id).limit(1)) if oids else None
    if not live or clash is not None:
        raw.bad_reason = f"订单货品数量不一致{raw.tid}"
        raise business_error(raw.bad_reason, f"{raw.tid}: no live lines or oid shared with {clash}")
    try:
        specs, paid_share = specs_by_no(session, raw.tenant_id, [o.spec_no for o in live]), _paid_share(raw, live)
        lines = [t for o in live for t in _trade_lines(session, raw, o, specs.get(o.spec_no), paid_share)]
        warehouse = _warehouse_for(session, raw)
    except ApiError as err:
        raw.bad_reason = err.message[:255]
        raise
    paid = raw.pay_status == PayStatus.PAID or raw.delivery_term == 2
    logistics = find_logistics(session, raw.tenant_id, raw.cust_data) if raw.cust_data else None
    trade = Trade(
        tenant_id=raw.tenant_id, trade_no=next_no(session, raw.tenant_id, TRADE_PREFIX), shop_id=shop.shop_id,
        platform_id=shop.platform_id, warehouse_id=warehouse.warehouse_id if warehouse else None,
        trade_status=TradeStatus.AWAITING_CS_CHECK if paid else TradeStatus.UNPAID, trade_type=1,
        trade_from=raw.trade_from, delivery_term=raw.delivery_term, src_tids=raw.tid,
        refund_status=raw.refund_status, fenxiao_type=raw.fenxiao_type, fenxiao_nick=raw.fenxiao_nick,
        trade_time=raw.trade_time, pay_time=raw.pay_time, buyer_nick=raw.buyer_nick,
        buyer_message=raw.buyer_message, pay_account=raw.pay_account, to_deliver_time=raw.to_deliver_time,
        receiver_dtb=" ".join(p for p in raw.receiver_area.split(" ")[:2] if p),
        logistics_id=logistics.logistics_id if logistics and not logistics.is_disabled else 0,
        cs_remark=raw.remark, remark_flag=raw.remark_flag, post_amount=raw.post_amount,
        other_amount=raw.other_amount, discount=raw.discount, receivable=raw.receivable, paid=raw.paid,
        cod_amount=raw.cod_amount if raw.delivery_term == 2 else ZERO, invoice_type=raw.invoice_type,
        invoice_title=raw.invoice_title, invoice_content=raw.invoice_content, salesman_name=operator,
        is_sealed=raw.is_sealed == 3, id_card_type=raw.id_card_type,
        raw_goods_count=sum((o.num for o in live), ZERO), raw_goods_type_count=len(live))
    for name in RECEIVER:
        setattr(trade, name, getattr(raw, name))
    trade.orders = lines
    recount(trade)
    session.add(trade)
    session.flush()
    raw.trade_id, raw.process_status, raw.bad_reason = trade.trade_id, ProcessStatus.SUBMITTED, ""
    for line in raw.orders:
        line.process_status = ProcessStatus.SUBMITTED
    raw.modified = now_china()
    add_log(session, trade, LogType.CREATED, f"下单 {raw.tid}")
    if raw.pay_status == PayStatus.PAID:
        add_log(session, trade, LogType.PAID, f"付款 {raw.paid or raw.receivable:.2f}")
    add_log(session, trade, LogType.SUBMITTED if paid else LogType.UNPAID_SUBMIT, f"递交 {raw.tid}", operator)
    return trade


def recount(trade: Trade) -> None:
    live = [o for o in trade.orders if o.actual_num > 0]
    trade.goods_count = sum((o.actual_num for o in live), ZERO)
    trade.goods_type_count = len({o.spec_id for o in live})
    trade.goods_amount = sum((o.price * o.actual_num for o in live), ZERO)


# ---------------------------------------------------------------------------- check


def check(session: Session, trade: Trade, operator: str = SYSTEM_OPERATOR) -> StockDocument:
    """审核: reserve the stock and create the sales stockout (55); the trade becomes 55 已审核."""
    if trade.trade_status not in CHECKABLE:
        raise business_error("订单状态不正确", f"{trade.trade_no} is in status {trade.trade_status}, cannot check")
    warehouse = session.get(Warehouse, trade.warehouse_id) if trade.warehouse_id else None
    if warehouse is None:
        raise business_error("订单未指定仓库", f"{trade.trade_no} has no warehouse")
    live = [o for o in trade.orders if o.actual_num > 0]
    if not live:
        raise business_error("订单没有货品", f"{trade.trade_no} has no lines to ship")
    specs = {s.spec_id: s for s in session.scalars(select(Spec).where(Spec.spec_id.in_({o.spec_id for o in live})))}
    lines = [LineSpec(spec=specs[o.spec_id], num=o.actual_num, price=o.share_price,
                      remark=o.remark, extra={"src_oid": o.src_oid, "src_tid": o.src_tid, "trade_order_id": o.rec_id})
             for o in live]
    shop = session.get(Shop, trade.shop_id)
    extra = {"trade_no": trade.trade_no, "trade_id": trade.trade_id, "shop_no": shop.shop_no if shop else "",
             "src_tids": trade.src_tids, "buyer_nick": trade.buyer_nick,
             **{name: getattr(trade, name) for name in RECEIVER}}
    doc = engine.create(session, trade.tenant_id, SALES_STOCKOUT, warehouse, lines, StockoutStatus.CHECKED,
                        src_order_no=trade.trade_no, src_order_id=trade.trade_id, logistics_id=trade.logistics_id,
                        operator_name=operator, checker_name=operator, remark=trade.cs_remark[:255], extra=extra)
    engine.reserve(session, doc, sales=True)
    now = now_china()
    doc.check_time = now
    trade.trade_status, trade.checker_name, trade.check_time = TradeStatus.CHECKED, operator, now
    trade.stockout_no = doc.doc_no
    for order in trade.orders:
        order.stock_state = StockState.AWAITING_SHIP if order.actual_num > 0 else StockState.NOT_RESERVED
    touch(trade)
    add_log(session, trade, LogType.CHECKED, "订单审核", operator)
    add_log(session, trade, LogType.STOCKOUT_CREATED, f"生成出库单 {doc.doc_no}", operator)
    return doc


# ---------------------------------------------------------------------------- consign


def _claim(session: Session, trade: Trade, status: int, action: str) -> None:
    """Take the trade for one step: a conditional update, so two workers cannot ship it twice."""
    claimed = session.execute(
        update(Trade).where(Trade.trade_id == trade.trade_id, Trade.trade_status == status)
        .values(version_id=Trade.version_id + 1).returning(Trade.version_id)).first()
    if claimed is None:
        session.refresh(trade)
        raise business_error("订单状态不正确", f"{trade.trade_no} is in status {trade.trade_status}, cannot {action}")
    session.refresh(trade, ["version_id"])


#: told of every raw trade of a trade that ships (trade, raw trade, logistics_id, tracking number):
#: the own mall's logistics sync queue (`sync.logistics.queue_shipment`); `wdterp.wiring` fills it
ShipmentListener = Callable[[Session, Trade, RawTrade, int, str], None]
_SHIPMENT_LISTENERS: list[ShipmentListener] = []


def register_shipment_listener(listener: ShipmentListener) -> None:
    if listener not in _SHIPMENT_LISTENERS:
        _SHIPMENT_LISTENERS.append(listener)


def generate_tracking_no(session: Session, tenant_id: int, when: datetime | None = None,
                         carrier_code: str = "") -> str:
    """A tracking number of the carrier: its code (letters and digits, at most 8), else YD, then the
    day and a daily sequence of that carrier: SF202612040001."""
    prefix = re.sub(r"[^A-Za-z0-9]", "", carrier_code).upper()[:8] or TRACKING_PREFIX
    return next_no(session, tenant_id, prefix, when)


def _carrier_code(session: Session, logistics_id: int) -> str:
    carrier = session.get(Logistics, logistics_id)
    return carrier.logistics_no if carrier else ""


def consign(session: Session, trade: Trade, logistics_code: str | None, tracking_no: str | None,
            operator: str = SYSTEM_OPERATOR) -> StockDocument:
    """发货: the stockout takes its reserved stock (95), the trade is 95, the mall gets a sync record."""
    _claim(session, trade, TradeStatus.CHECKED, "ship")
    doc = stockout_of(session, trade)
    if doc is None or doc.status != StockoutStatus.CHECKED:
        raise business_error("出库单状态不正确", f"{trade.trade_no}: stockout {trade.stockout_no} not shippable")
    if logistics_code:
        logistics_id = active_logistics(session, trade.tenant_id, logistics_code).logistics_id
    elif trade.logistics_id:
        logistics_id = trade.logistics_id
    else:
        raise business_error("请选择物流公司", f"{trade.trade_no}: no logistics company")
    # a tracking number the warehouse already got for the stockout (e-waybill) is kept
    number = tracking_no or doc.logistics_no or generate_tracking_no(
        session, trade.tenant_id, carrier_code=_carrier_code(session, logistics_id))
    doc.logistics_id, doc.logistics_no = logistics_id, number
    engine.check(session, doc, operator, status=StockoutStatus.SHIPPED, sales=True)
    now = now_china()
    doc.consign_time = now
    trade.trade_status, trade.consign_time = TradeStatus.SHIPPED, now
    trade.logistics_id, trade.logistics_no = logistics_id, number
    for order in trade.orders:
        order.is_consigned, order.stock_state = order.actual_num > 0, StockState.NOT_RESERVED
    touch(trade)
    add_log(session, trade, LogType.CONSIGNED, f"发货 {number}", operator)
    for raw in raw_trades_of(session, trade):
        raw.process_status = ProcessStatus.SHIPPED
        raw.modified = now
        for line in raw.orders:
            line.process_status, line.logistics_no = ProcessStatus.SHIPPED, number
        for listener in _SHIPMENT_LISTENERS:
            listener(session, trade, raw, logistics_id, number)
    return doc


#: told of every trade cancelled before shipment (the exchange-out counter); `wdterp.wiring` fills it
CancelListener = Callable[[Session, Trade], None]
_CANCEL_LISTENERS: list[CancelListener] = []


def register_cancel_listener(listener: CancelListener) -> None:
    if listener not in _CANCEL_LISTENERS:
        _CANCEL_LISTENERS.append(listener)


def raw_trades_of(session: Session, trade: Trade) -> list[RawTrade]:
    return list(session.scalars(select(RawTrade).where(RawTrade.tenant_id == trade.tenant_id,
                                                       RawTrade.trade_id == trade.trade_id)
                                .order_by(RawTrade.rec_id)))


# ---------------------------------------------------------------------------- cancel and changes


def cancel(session: Session, trade: Trade, reason: str, operator: str = SYSTEM_OPERATOR,
           log_type: int = LogType.OTHER) -> None:
    """Cancel a trade before shipment: its stockout is cancelled and the reservation given back."""
    if trade.trade_status in (TradeStatus.CANCELLED, TradeStatus.SHIPPED, TradeStatus.COMPLETED):
        raise business_error("订单状态不正确", f"{trade.trade_no} is in status {trade.trade_status}, cannot cancel")
    _drop_stockout(session, trade)
    trade.trade_status, trade.cancel_reason = TradeStatus.CANCELLED, reason[:256]
    for order in trade.orders:
        order.stock_state = StockState.NOT_RESERVED
    touch(trade)
    add_log(session, trade, log_type, f"取消订单: {reason}", operator)
    for listener in _CANCEL_LISTENERS:
        listener(session, trade)
    for raw in raw_trades_of(session, trade):
        if raw.process_status != ProcessStatus.CANCELLED:
            raw.process_status = ProcessStatus.CANCELLED
            raw.modified = now_china()
            payments.record_refund(session, raw)


def _drop_stockout(session: Session, trade: Trade) -> None:
    doc = stockout_of(session, trade)
    if doc is not None and doc.status == StockoutStatus.CHECKED:
        engine.cancel(session, doc, allowed=[StockoutStatus.CHECKED], sales=True)


def revert_to_cs_check(session: Session, trade: Trade, reason: str) -> None:
    """驳回到客审: a checked, unshipped trade goes back to 30; its stockout is cancelled."""
    _drop_stockout(session, trade)
    trade.trade_status, trade.revert_reason = TradeStatus.AWAITING_CS_CHECK, reason[:256]
    for order in trade.orders:
        order.stock_state = StockState.AWAITING_CHECK
    touch(trade)
    add_log(session, trade, LogType.REVERTED, f"驳回到客审: {reason}")
