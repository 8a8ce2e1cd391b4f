"""Aftersales: raw refunds pushed by the mall, their submit into refunds (退换单), check, and the return
stockins (src 12) that bring the goods back through the document engine. Codes: `statuses.py`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.aftersales import exchange
from wdterp.domain.aftersales.models import RawRefund, RawRefundLine, Refund, RefundLine
from wdterp.domain.aftersales.statuses import (
    GOODS_BACK,
    RAW_CANCELLED,
    RawProcess,
    RawRefundType,
    RefundStatus,
    RefundType,
    StockinState,
)
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, KindHooks
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata import service as masterdata
from wdterp.domain.masterdata.models import Shop, Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.sales import changes, payments
from wdterp.domain.sales.autopilot import rules_of
from wdterp.domain.sales.flow import RECEIVER
from wdterp.domain.sales.models import RawTrade, Trade, TradeOrder
from wdterp.domain.sales.statuses import LogType, TradeStatus
from wdterp.domain.sales.tradelog import add_log, touch
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
REFUND_IN = Kind("in", OrderType.SALES_RETURN_IN, "RK")
SYSTEM = "系统"
#: create_mode of wms.stockin.Refund.createOrder → initial status (None: checked at once)
CREATE_MODE: dict[int, int | None] = {0: StockinStatus.EDITING, 1: StockinStatus.AWAITING_CHECK, 2: None}
_TYPE_OF_RAW = {RawRefundType.CANCEL_ORDER: RefundType.PRE_SHIP, RawRefundType.REFUND: RefundType.PRE_SHIP,
                RawRefundType.RETURN: RefundType.RETURN, RawRefundType.EXCHANGE: RefundType.EXCHANGE,
                RawRefundType.REFUND_ONLY: RefundType.REFUND_ONLY}
#: platform line refund_status of a refund under way or done: 2 已申请退款 · 3 等待退货 · 4 等待收货 · 5 退款成功
PLATFORM_REFUNDING = frozenset({2, 3, 4, 5})
_HEADER = ("type", "status", "refund_version", "refund_amount", "actual_refund_amount", "title", "logistics_name",
           "logistics_no", "buyer_nick", "refund_time", "current_phase_timeout", "is_aftersale", "reason",
           "pay_account", "pay_no", "remark", "modify_flag")
_LINE = ("status", "num", "price", "total_amount", "goods_no", "goods_id", "spec_no", "spec_id", "remark")


# ---------------------------------------------------------------------------- raw refunds


def _raw_trade(session: Session, shop: Shop, tid: str) -> RawTrade | None:
    return session.scalar(select(RawTrade).where(RawTrade.tenant_id == shop.tenant_id,
                                                 RawTrade.shop_id == shop.shop_id, RawTrade.tid == tid))


def _require_lines(session: Session, shop: Shop, rows: Sequence[dict[str, Any]]) -> None:
    """Every row names a raw trade line of the shop (E61 else)."""
    for row in rows:
        raw = _raw_trade(session, shop, str(row["tid"]))
        if raw is None or str(row["oid"]) not in {o.oid for o in raw.orders}:
            raise ApiError("E61", f"tid {row['tid']!r} / oid {row['oid']!r} is not a trade line of {shop.shop_no}")


def save_raw_refund(session: Session, shop: Shop, refund_no: str,
                    rows: Sequence[dict[str, Any]]) -> tuple[RawRefund, bool]:
    """Insert or update one raw refund from its rows (one per oid); (raw refund, is new)."""
    _require_lines(session, shop, rows)
    found = session.scalar(select(RawRefund).where(RawRefund.tenant_id == shop.tenant_id,
                                                   RawRefund.shop_id == shop.shop_id, RawRefund.refund_no == refund_no))
    first = rows[0]
    values = {name: first[name] for name in _HEADER if first.get(name) is not None}
    values["num"] = sum((Decimal(str(r["num"])) for r in rows), ZERO)
    if found is None:
        found = RawRefund(tenant_id=shop.tenant_id, shop_id=shop.shop_id, platform_id=shop.platform_id,
                          refund_no=refund_no, tid=str(first["tid"]), oid=str(first["oid"]),
                          process_status=RawProcess.NEW, sys_refund_id=0, archived=False, bad_reason="")
        session.add(found)
    is_new = found.refund_id is None
    for name, value in values.items():
        setattr(found, name, value)
    lines = {line.oid: line for line in found.lines}
    for row in rows:
        line = lines.get(str(row["oid"]))
        if line is None:
            line = RawRefundLine(tid=str(row["tid"]), oid=str(row["oid"]))
            found.lines.append(line)
        for name in _LINE:
            if row.get(name) is not None:
                setattr(line, name, row[name])
        line.goods_name = str(first.get("title") or "")
        line.refund_amount = Decimal(str(row.get("total_amount") or row.get("actual_refund_amount") or 0))
    found.modified = now_china()
    session.flush()
    if not is_new:
        _carry_platform_change(session, found)
    return found, is_new


def _carry_platform_change(session: Session, raw: RawRefund) -> None:
    """取消退款 on the platform cancels a refund not yet checked."""
    if raw.status != RAW_CANCELLED:
        return
    if raw.sys_refund_id:
        refund = session.get(Refund, raw.sys_refund_id)
        if refund is not None and refund.status == RefundStatus.AWAITING_CHECK:
            cancel(refund)
    elif raw.process_status == RawProcess.NEW:
        raw.process_status = RawProcess.HANDLED


# ---------------------------------------------------------------------------- submit: raw refund → refund


def _trade_orders(session: Session, raw: RawRefund) -> list[tuple[RawRefundLine, TradeOrder]]:
    oids = [line.oid for line in raw.lines]
    orders = {(o.src_tid, o.src_oid): o for o in session.scalars(select(TradeOrder).where(
        TradeOrder.tenant_id == raw.tenant_id, TradeOrder.src_tid == raw.tid, TradeOrder.src_oid.in_(oids)))}
    pairs = [(line, orders.get((line.tid, line.oid))) for line in raw.lines]
    missing = [line.oid for line, order in pairs if order is None]
    if missing:
        raise ApiError("E61", f"raw refund {raw.refund_no}: no trade line for oid {', '.join(missing)}")
    return [(line, order) for line, order in pairs if order is not None]


@dataclass(frozen=True)
class Returned:
    """One trade line a refund is for: how many and how much."""

    order: TradeOrder
    num: Decimal
    amount: Decimal
    remark: str = ""


def build_refund(session: Session, trade: Trade, tid: str, kind: int, lines: Sequence[Returned], operator: str,
                 raw: RawRefund | None = None, from_type: int = 0) -> Refund:
    """A new refund (待审核) of a trade's lines; the trade's lines and log record it."""
    refund = Refund(
        tenant_id=trade.tenant_id, refund_no=next_no(session, trade.tenant_id, "TK"), shop_id=trade.shop_id,
        platform_id=trade.platform_id, raw_refund_id=raw.refund_id if raw else 0,
        raw_refund_no=raw.refund_no if raw else "", type=kind, status=RefundStatus.AWAITING_CHECK,
        stockin_status=StockinState.NONE, rr_status=raw.status if raw else 0, from_type=from_type,
        trade_id=trade.trade_id, trade_no=trade.trade_no, tid=tid, buyer_nick=raw.buyer_nick if raw else "",
        receiver_name=trade.receiver_name, receiver_telno=trade.receiver_mobile,
        receiver_address=trade.receiver_address, return_warehouse_id=trade.warehouse_id or 0,
        return_logistics_no=raw.logistics_no if raw else "", return_logistics_name=raw.logistics_name if raw else "",
        reason=raw.reason if raw else "", remark=raw.remark if raw else "", creator_name=operator,
        current_phase_timeout=raw.current_phase_timeout if raw else None, stockin_num=ZERO, archived=False)
    refund.lines = [RefundLine(
        trade_order_id=x.order.rec_id, spec_id=x.order.spec_id, tid=x.order.src_tid, oid=x.order.src_oid,
        num=x.order.num, refund_num=x.num, stockin_num=ZERO, price=x.order.share_price or x.order.price,
        original_price=x.order.price, total_amount=x.order.share_amount, refund_amount=x.amount,
        api_goods_name=x.order.api_goods_name, api_spec_name=x.order.api_spec_name,
        api_goods_id=x.order.api_goods_id, api_spec_id=x.order.api_spec_id, remark=x.remark) for x in lines]
    refund.refund_num = sum((x.refund_num for x in refund.lines), ZERO)
    refund.goods_amount = sum((x.refund_amount for x in refund.lines), ZERO)
    refund.refund_amount = raw.refund_amount if raw else refund.goods_amount
    refund.actual_refund_amount = raw.actual_refund_amount if raw else refund.goods_amount
    session.add(refund)
    session.flush()
    for x in lines:
        x.order.refund_status = max(x.order.refund_status, 2)  # 已申请退款
    trade.refund_status = max(trade.refund_status, 1)
    add_log(session, trade, LogType.REFUNDED, f"生成退换单 {refund.refund_no}", operator)
    touch(trade)
    return refund


def submit(session: Session, raw: RawRefund, operator: str = SYSTEM) -> Refund | None:
    """递交: the raw refund becomes a refund of its trade (E61 when it has none)."""
    if raw.process_status not in (RawProcess.NEW, RawProcess.FAILED):
        raise business_error("原始退款单状态不正确", f"{raw.refund_no} is in process status {raw.process_status}")
    if raw.status == RAW_CANCELLED:
        raw.process_status = RawProcess.HANDLED
        return None
    pairs = _trade_orders(session, raw)
    trade = session.get(Trade, pairs[0][1].trade_id)
    assert trade is not None
    refund = build_refund(session, trade, raw.tid, _TYPE_OF_RAW[RawRefundType(raw.type)],
                          [Returned(order, line.num, line.refund_amount, line.remark) for line, order in pairs],
                          operator, raw)
    raw.process_status, raw.sys_refund_id, raw.bad_reason = RawProcess.SUBMITTED, refund.refund_id, ""
    return refund


def check(session: Session, refund: Refund, operator: str = SYSTEM) -> None:
    """审核 (agree): a pre-ship refund cancels its lines; a return waits for its goods."""
    if refund.status != RefundStatus.AWAITING_CHECK:
        raise business_error("退换单状态不正确", f"{refund.refund_no} is in status {refund.status}, cannot check")
    now = now_china()
    refund.status, refund.check_time, refund.checker_name, refund.modified = RefundStatus.CHECKED, now, operator, now
    if refund.type in GOODS_BACK:
        refund.stockin_status = StockinState.AWAITING
        for line in refund.lines:
            inventory.adjust_counters(session, refund.tenant_id, refund.return_warehouse_id, line.spec_id,
                                      refund_onway_num=line.refund_num - line.stockin_num)
        if refund.type == RefundType.EXCHANGE and not refund.swap_trade_no:
            exchange.make_swap_trade(session, refund, operator)
        return
    if refund.type == RefundType.PRE_SHIP:
        _cancel_lines(session, refund)
    _complete(session, refund)


def _cancel_lines(session: Session, refund: Refund) -> None:
    """The refunded lines leave their unshipped trade (its reservation given back) as a platform
    refund of them would: through the raw trade's lines."""
    trade = session.get(Trade, refund.trade_id)
    if trade is None or trade.trade_status in (TradeStatus.CANCELLED, TradeStatus.SHIPPED, TradeStatus.COMPLETED):
        return
    raw = session.scalar(select(RawTrade).where(RawTrade.tenant_id == refund.tenant_id,
                                                RawTrade.shop_id == refund.shop_id, RawTrade.tid == refund.tid))
    if raw is None:
        return
    old = {"pay_status": raw.pay_status, **{name: getattr(raw, name) for name in RECEIVER if hasattr(raw, name)}}
    refunded = {line.oid for line in refund.lines}
    for order in raw.orders:
        if order.oid in refunded:
            order.refund_status = 5
    changes.carry_raw_change(session, raw, old)


def _complete(session: Session, refund: Refund) -> None:
    refund.status = RefundStatus.COMPLETED
    refund.settle_time = refund.modified = now_china()
    trade = session.get(Trade, refund.trade_id)
    if trade is not None:
        _refunded_on_trade(trade, refund)
        add_log(session, trade, LogType.REFUNDED, f"退换单 {refund.refund_no} 已完成", SYSTEM)
    paid = session.scalar(select(RawTrade).where(RawTrade.tenant_id == refund.tenant_id,
                                                 RawTrade.shop_id == refund.shop_id, RawTrade.tid == refund.tid))
    if paid is not None:  # the money goes back: a refund row of the sales payments (销售收付单)
        payments.record_part_refund(session, paid, refund.actual_refund_amount,
                                    f"退换单{refund.refund_no}退款{refund.actual_refund_amount:.4f}元")
    raw = session.get(RawRefund, refund.raw_refund_id) if refund.raw_refund_id else None
    if raw is not None:
        raw.process_status = RawProcess.HANDLED


def _refunded_on_trade(trade: Trade, refund: Refund) -> None:
    """The trade's own refund fields: its lines 退款成功 with their refunded quantity, the header 2 部分退款 /
    3 全部退款 (a pre-ship refund's lines were already taken off by the order flow)."""
    by_id = {line.trade_order_id: line for line in refund.lines}
    for order in trade.orders:
        line = by_id.get(order.rec_id)
        if line is not None:
            order.refund_status = 5
            order.refund_num = max(order.refund_num, line.refund_num)
    everything = all(order.refund_num >= order.num for order in trade.orders)
    trade.refund_status = 3 if everything else 2
    touch(trade)


def cancel(refund: Refund) -> None:
    if refund.status == RefundStatus.CANCELLED:
        raise ApiError("E26", f"{refund.refund_no} is already cancelled")
    if refund.status != RefundStatus.AWAITING_CHECK:
        raise business_error("退换单状态不正确", f"{refund.refund_no} is in status {refund.status}, cannot cancel")
    refund.status = RefundStatus.CANCELLED
    refund.modified = now_china()


def find_refund(session: Session, tenant_id: int, refund_no: str) -> Refund:
    refund = session.scalar(select(Refund).where(Refund.tenant_id == tenant_id, Refund.refund_no == refund_no))
    if refund is None:
        raise ApiError("E61", f"refund {refund_no!r} not found")
    return refund


# ---------------------------------------------------------------------------- return stockins


def receivable(session: Session, tenant_id: int, refund_no: str) -> Refund:
    """A checked return/exchange whose goods can still come back (E61 else)."""
    refund = find_refund(session, tenant_id, refund_no)
    if refund.type not in GOODS_BACK or refund.status != RefundStatus.CHECKED \
            or refund.stockin_status not in (StockinState.AWAITING, StockinState.PARTIAL):
        raise ApiError("E61", f"refund {refund_no} (type {refund.type}, status {refund.status}) takes no goods back")
    return refund


def create_stockin(session: Session, refund: Refund, warehouse: Warehouse, values: dict[str, Any],
                   details: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str) -> StockDocument:
    """stockin.Refund.createOrder: goods of the refund back into the warehouse (defect lines as defect)."""
    if engine.is_external(warehouse):
        raise business_error("退货入库不支持委外仓库", f"{warehouse.warehouse_no} is external")
    raw = [{**d, "price": d.get("stockin_price")} for d in details]
    if values.get("is_create_batch"):
        settings = {**settings, "auto_create_batch": True}
    lines = engine.resolve_lines(session, refund.tenant_id, warehouse, REFUND_IN, raw, settings)
    by_spec = {line.spec_id: line for line in refund.lines}
    left = {line.rec_id: line.refund_num - line.stockin_num for line in refund.lines}
    for line in lines:
        match = by_spec.get(line.spec.spec_id)
        if match is None:
            raise ApiError("E61", f"spec {line.spec.spec_no} is not on refund {refund.refund_no}")
        left[match.rec_id] -= line.num
        if left[match.rec_id] < 0:
            raise business_error("入库数量不能大于退货数量", f"{line.spec.spec_no}: {line.num} is more than is left")
        line.price = line.price or match.price
        line.extra = {"refund_line": match.rec_id}
    logistics_id = 0
    if values.get("logistics_code"):
        logistics_id = masterdata.active_logistics(session, refund.tenant_id, values["logistics_code"]).logistics_id
    initial = CREATE_MODE.get(int(values.get("create_mode") or 0), StockinStatus.EDITING)
    doc = engine.create(session, refund.tenant_id, REFUND_IN, warehouse, lines,
                        initial if initial is not None else StockinStatus.AWAITING_CHECK,
                        outer_no=str(values.get("out_stockin_no") or ""), src_order_no=refund.refund_no,
                        src_order_id=refund.refund_id, operator_name=operator, logistics_id=logistics_id,
                        logistics_no=str(values.get("logistics_no") or refund.return_logistics_no),
                        remark=str(values.get("remark") or ""), extra={"refund_no": refund.refund_no})
    for doc_line, line in zip(doc.lines, lines, strict=True):
        doc_line.src_line_id = int(line.extra["refund_line"])
    if initial is None:
        engine.check(session, doc, operator)
    return doc


def receive(session: Session, refund: Refund, operator: str, defect: bool = False) -> StockDocument:
    """ERP side: receive everything still expected of a return, checked at once. The refund row is locked
    first and looked at again: the autopilot's background round and an `ops` call may receive it at once."""
    session.refresh(refund, with_for_update=True)
    for line in refund.lines:
        session.refresh(line)
    if refund.status != RefundStatus.CHECKED or refund.stockin_status not in (StockinState.AWAITING,
                                                                              StockinState.PARTIAL):
        raise business_error("退换单状态不正确", f"{refund.refund_no} is in status {refund.status}, nothing to receive")
    warehouse = session.get(Warehouse, refund.return_warehouse_id)
    if warehouse is None:
        raise business_error("退换单没有退回仓库", f"{refund.refund_no} has no return warehouse")
    left = [line for line in refund.lines if line.refund_num > line.stockin_num]
    specs = dict(session.execute(select(Spec.spec_id, Spec.spec_no).where(
        Spec.spec_id.in_([line.spec_id for line in left]))).all())
    rows = [{"spec_no": specs[line.spec_id], "num": line.refund_num - line.stockin_num, "defect": defect}
            for line in left]
    return create_stockin(session, refund, warehouse, {"create_mode": 2}, rows, {"decimal_quantity": True}, operator)


def after_stockin_check(session: Session, doc: StockDocument) -> None:
    """The refund follows its return stockin: received quantities, 调拨 counters, stockin_status."""
    refund = session.get(Refund, doc.src_order_id) if doc.src_order_id else None
    if refund is None:
        return
    lines = {line.rec_id: line for line in refund.lines}
    for doc_line in doc.lines:
        line = lines[doc_line.src_line_id]
        line.stockin_num += doc_line.num
        inventory.adjust_counters(session, refund.tenant_id, refund.return_warehouse_id, line.spec_id,
                                  refund_onway_num=-doc_line.num)
    refund.stockin_num = sum((x.stockin_num for x in refund.lines), ZERO)
    refund.modified = now_china()
    if all(x.stockin_num >= x.refund_num for x in refund.lines):
        refund.stockin_status = StockinState.ALL
        _complete(session, refund)
    else:
        refund.stockin_status = StockinState.PARTIAL


#: return stockins move their refund (registered by `wdterp.wiring`)
HOOKS = (KindHooks(REFUND_IN, after_check=after_stockin_check),)


# ---------------------------------------------------------------------------- quick return by tid


def refund_for_return(session: Session, tenant_id: int, tid: str, details: Sequence[dict[str, Any]],
                      operator: str) -> Refund:
    """SmartRefund.upload: the open return of `tid` (checked now if it waits), else a new one (手工) of
    the trade's lines named by spec_no (E61 when the tid has no trade or no such line)."""
    open_refund = session.scalar(select(Refund).where(
        Refund.tenant_id == tenant_id, Refund.tid == tid, Refund.type.in_(list(GOODS_BACK)),
        Refund.status.in_([RefundStatus.AWAITING_CHECK, RefundStatus.CHECKED])).order_by(Refund.refund_id))
    if open_refund is not None:
        if open_refund.status == RefundStatus.AWAITING_CHECK:
            check(session, open_refund, operator)
        return open_refund
    orders = list(session.scalars(select(TradeOrder).where(TradeOrder.tenant_id == tenant_id,
                                                           TradeOrder.src_tid == tid)))
    if not orders:
        raise ApiError("E61", f"tid {tid!r} has no trade")
    trade = session.get(Trade, orders[0].trade_id)
    assert trade is not None
    specs = dict(session.execute(select(Spec.spec_no, Spec.spec_id).where(
        Spec.spec_id.in_({o.spec_id for o in orders}))).all())
    lines = []
    for row in details:
        order = next((o for o in orders if o.spec_id == specs.get(str(row.get("spec_no")))), None)
        if order is None:
            raise ApiError("E61", f"spec {row.get('spec_no')!r} is not on the trade of {tid}")
        num = Decimal(str(row.get("stockin_num") or 0))
        lines.append(Returned(order, num, order.share_price * num, str(row.get("remark") or "")))
    refund = build_refund(session, trade, tid, RefundType.RETURN, lines, operator, from_type=1)
    check(session, refund, operator)
    return refund


def refund_after_shipment(session: Session, raw: RawTrade, trade: Trade) -> None:
    """A shipped trade's raw trade re-pushed with lines refunded on the platform (已申请退款 … 退款成功):
    a return (API抓单) for the lines no refund covers yet, checked at once on autopilot."""
    covered = set(session.scalars(select(RefundLine.oid).join(Refund, Refund.refund_id == RefundLine.refund_id).where(
        Refund.tenant_id == raw.tenant_id, Refund.tid == raw.tid, Refund.status != RefundStatus.CANCELLED)))
    asked = {o.oid: o for o in raw.orders if o.refund_status in PLATFORM_REFUNDING and o.oid not in covered}
    lines = [Returned(order, order.num, asked[order.src_oid].refund_amount or order.share_amount)
             for order in trade.orders if order.src_tid == raw.tid and order.src_oid in asked]
    if not lines:
        return
    refund = build_refund(session, trade, raw.tid, RefundType.RETURN, lines, SYSTEM)
    if rules_of(session.get(Tenant, raw.tenant_id)).get("auto_check"):
        check(session, refund, SYSTEM)


def archive(session: Session, tenant_id: int, days: int) -> int:
    """归档: completed or cancelled refunds older than `days` (and their raw refunds) move to the History
    queries; their return stockins go with them."""
    due = now_china() - timedelta(days=days)
    refunds = list(session.scalars(select(Refund).where(
        Refund.tenant_id == tenant_id, Refund.archived.is_(False), Refund.modified <= due,
        Refund.status.in_([RefundStatus.CANCELLED, RefundStatus.COMPLETED]))))
    for refund in refunds:
        refund.archived = True
        raw = session.get(RawRefund, refund.raw_refund_id) if refund.raw_refund_id else None
        if raw is not None:
            raw.archived = True
    session.flush()
    return len(refunds)
