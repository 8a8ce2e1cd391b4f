"""sales.* queries as prepared searches (storage/prepared.py): sales payments, trade logs, merge logs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, select

from wdterp.domain.masterdata.models import Shop
from wdterp.domain.queries import split_list
from wdterp.domain.sales.edits import MERGE_LOG_DAYS
from wdterp.domain.sales.models import SalesPayment, Trade, TradeLog, TradeMergeLog
from wdterp.protocol.clock import now_china
from wdterp.storage.prepared import Bound, Search, among, before, equal, given, permitted, since

SALES_PAYMENTS = Search(
    select(*SalesPayment.__table__.c, Shop.shop_no.label("shop_no"))
    .join(Shop, Shop.shop_id == SalesPayment.shop_id).where(SalesPayment.tenant_id == bindparam("tenant_id")),
    order_by=(SalesPayment.payment_id,), filters={
        "pay_time_start": since(SalesPayment.pay_time), "pay_time_end": before(SalesPayment.pay_time),
        "created_start": since(SalesPayment.created), "created_end": before(SalesPayment.created),
        **{n: equal(getattr(SalesPayment, n)) for n in ("status", "payment_no", "sales_order_no", "is_refund")},
        "shop_nos": among(Shop.shop_no), "permitted": among(Shop.shop_no)})

#: a trade by number with the shop_no of its shop (None when the shop is gone)
_TRADE_BY_NO = Search(select(Trade.trade_id, Shop.shop_no).outerjoin(Shop, Shop.shop_id == Trade.shop_id)
                      .where(Trade.tenant_id == bindparam("tenant_id"), Trade.trade_no == bindparam("trade_no")))

TRADE_LOGS = Search(select(*TradeLog.__table__.c).where(TradeLog.tenant_id == bindparam("tenant_id"),
                                                         TradeLog.trade_id == bindparam("trade_id")),
                    order_by=(TradeLog.created.desc(), TradeLog.rec_id.desc()))

MERGE_LOGS = Search(
    select(*TradeMergeLog.__table__.c).where(TradeMergeLog.tenant_id == bindparam("tenant_id"),
                                             TradeMergeLog.created >= bindparam("kept_from")),
    order_by=(TradeMergeLog.rec_id,),
    filters={"start_time": since(TradeMergeLog.created), "end_time": before(TradeMergeLog.created)})


def sales_payments(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    """time_type 1: the pay time, else the time the payment was made."""
    times = "pay_time" if f.get("time_type") == 1 else "created"
    is_refund = f.get("is_refund")
    return SALES_PAYMENTS.bind(tenant_id=tenant_id, **{f"{times}_start": f.get("start_time"),
                                                      f"{times}_end": f.get("end_time")},
                               **given(f, "status", "payment_no", "sales_order_no"),
                               is_refund=None if is_refund is None else bool(is_refund),
                               shop_nos=split_list(f.get("shop_nos")) or None, permitted=permitted(allowed))


def trade_of_log(conn: Connection, tenant_id: int, trade_no: str) -> tuple[int, str | None] | None:
    """(trade_id, shop_no) of the trade `trade_no`, or None."""
    found = _TRADE_BY_NO.bind(tenant_id=tenant_id, trade_no=trade_no).all(conn)
    return (int(found[0][0]), found[0][1]) if found else None


def trade_logs(tenant_id: int, trade_id: int) -> Bound:
    return TRADE_LOGS.bind(tenant_id=tenant_id, trade_id=trade_id)


def merge_logs(tenant_id: int, f: dict[str, Any]) -> Bound:
    """Merge logs are kept MERGE_LOG_DAYS: older ones are never answered."""
    return MERGE_LOGS.bind(tenant_id=tenant_id, kept_from=now_china() - timedelta(days=MERGE_LOG_DAYS),
                           start_time=f.get("start_time"), end_time=f.get("end_time"))
