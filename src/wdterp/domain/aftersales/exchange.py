"""换货: the exchange-out trade (换出订单) a checked exchange refund sends to the buyer.

Decisions:
- Which goods go out: aftersales.refund.RawRefund.upload/upload2 carry no exchange-out goods (no swap fields on
  their pages), so the exchange sends the same spec and quantity as each refund line takes back.
- The trade is made through the order flow like any other: a raw trade of the refund's shop (tid = the refund's
  TK number, oid `<refund_no>-<n>`, trade_from 2 手工), paid, to the receiver of the original trade, from the
  original trade's warehouse, submitted at once (trade_type 3 售后换货). It is checked (its stock reserved) and
  shipped with the `sales.*` ops or the tenant's autopilot like any trade. The goods are not paid again: each line
  keeps its price and is discounted in full, so the trade receives nothing.
- `refund_exch_num` (销售换货在途量, 卖家发给买家) counts the exchange-out goods a warehouse owes buyers: from the
  exchange's check until its trade ships or is cancelled (what the buyer has not been sent yet; the buyer's
  receipt is never known to the ERP, so counting after shipment would never end).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.aftersales.models import Refund
from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.sales import autopilot as sales_autopilot
from wdterp.domain.sales import flow
from wdterp.domain.sales.models import RawTrade, RawTradeOrder, Trade
from wdterp.domain.sales.statuses import LogType, PayStatus, ProcessStatus
from wdterp.domain.sales.tradelog import add_log
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)
#: trade_type 3 售后换货; raw trade trade_from 2 手工 (made in the ERP, not fetched from the mall)
EXCHANGE_TRADE_TYPE = 3
MANUAL = 2
#: raw trade status 30 待发货 (paid, waiting for shipment)
AWAITING_SHIPMENT = 30


def _swap_raw_trade(session: Session, refund: Refund, original: Trade, warehouse_no: str) -> RawTrade:
    specs = {spec.spec_id: (spec, goods) for spec, goods in session.execute(
        select(Spec, Goods).join(Goods, Goods.goods_id == Spec.goods_id)
        .where(Spec.spec_id.in_({line.spec_id for line in refund.lines}))).all()}
    now = now_china()
    raw = RawTrade(
        tenant_id=refund.tenant_id, shop_id=refund.shop_id, platform_id=refund.platform_id, tid=refund.refund_no,
        process_status=ProcessStatus.NEW, trade_status=AWAITING_SHIPMENT, pay_status=PayStatus.PAID,
        trade_time=now, pay_time=now, trade_from=MANUAL, warehouse_no=warehouse_no, buyer_nick=original.buyer_nick,
        remark=f"换货 {refund.refund_no}", order_count=len(refund.lines),
        goods_count=sum((line.refund_num for line in refund.lines), ZERO),
        **{name: getattr(original, name) for name in flow.RECEIVER})
    for n, line in enumerate(refund.lines, start=1):
        spec, goods = specs[line.spec_id]
        amount = line.price * line.refund_num
        raw.orders.append(RawTradeOrder(
            tenant_id=refund.tenant_id, tid=raw.tid, oid=f"{refund.refund_no}-{n}", status=AWAITING_SHIPMENT,
            process_status=ProcessStatus.NEW, goods_no=goods.goods_no, spec_no=spec.spec_no,
            spec_code=spec.spec_code, goods_name=goods.goods_name, spec_name=spec.spec_name, num=line.refund_num,
            price=line.price, total_amount=amount, discount=amount, share_amount=ZERO, remark=line.remark))
    raw.goods_amount = raw.discount = sum((o.total_amount for o in raw.orders), ZERO)
    session.add(raw)
    session.flush()
    return raw


def make_swap_trade(session: Session, refund: Refund, operator: str) -> Trade:
    """The exchange-out trade of a refund being checked; checked at once when the tenant's autopilot
    `auto_check` is on (it stays 待客审 when that check fails, as any trade)."""
    original = session.get(Trade, refund.trade_id)
    if original is None:
        raise business_error("换货原订单不存在", f"{refund.refund_no}: trade {refund.trade_id} not found")
    warehouse = session.get(Warehouse, original.warehouse_id) if original.warehouse_id else None
    raw = _swap_raw_trade(session, refund, original, warehouse.warehouse_no if warehouse else "")
    trade = flow.submit(session, raw, operator)
    trade.trade_type = EXCHANGE_TRADE_TYPE
    refund.swap_trade_no = trade.trade_no
    add_log(session, original, LogType.REFUNDED, f"换货 {refund.refund_no} 生成换出订单 {trade.trade_no}", operator)
    _count(session, trade, Decimal(1))
    if sales_autopilot.rules_of(session.get(Tenant, refund.tenant_id)).get("auto_check"):
        sales_autopilot.try_check(session, trade)
    return trade


def _count(session: Session, trade: Trade, sign: Decimal) -> None:
    if trade.warehouse_id is None:
        return
    for order in trade.orders:
        inventory.adjust_counters(session, trade.tenant_id, trade.warehouse_id, order.spec_id,
                                  refund_exch_num=sign * order.actual_num)


def swap_shipped(session: Session, trade: Trade, raw: RawTrade, logistics_id: int, number: str) -> None:
    """A shipment listener of the order flow: an exchange-out trade that ships is no longer owed to the
    buyer (refund_exch_num)."""
    if trade.trade_type == EXCHANGE_TRADE_TYPE and raw.trade_from == MANUAL:
        _count(session, trade, Decimal(-1))


def swap_cancelled(session: Session, trade: Trade) -> None:
    """A cancel listener of the order flow: a cancelled exchange-out trade sends nothing (refund_exch_num)."""
    if trade.trade_type == EXCHANGE_TRADE_TYPE and session.scalar(select(Refund.refund_id).where(
            Refund.tenant_id == trade.tenant_id, Refund.swap_trade_no == trade.trade_no)) is not None:
        _count(session, trade, Decimal(-1))
