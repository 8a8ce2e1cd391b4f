"""Searches of raw trades, trades, trade logs and merge logs (selects for `ctx.paginate`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_, select

from wdterp.domain.masterdata.models import Shop, Warehouse
from wdterp.domain.masterdata.searches import active_shop_id
from wdterp.domain.queries import Reader, connection_of, equal_if_given, in_window, split_list
from wdterp.domain.sales.models import RawTrade, Trade
from wdterp.domain.sales.statuses import SELF_ORDER_PLATFORMS


def _shop_filter(session: Reader, tenant_id: int, stmt: Select[Any], shop_column: Any, shop_no: str | None,
                 permitted: frozenset[str] | None) -> Select[Any]:
    if shop_no:
        return stmt.where(shop_column == active_shop_id(connection_of(session), tenant_id, shop_no, permitted))
    if permitted is not None:
        ids = select(Shop.shop_id).where(Shop.tenant_id == tenant_id, Shop.shop_no.in_(sorted(permitted)))
        stmt = stmt.where(shop_column.in_(ids))
    return stmt


def _self_order(tenant_id: int, stmt: Select[Any], shop_column: Any) -> Select[Any]:
    ids = select(Shop.shop_id).where(Shop.tenant_id == tenant_id, Shop.platform_id.in_(SELF_ORDER_PLATFORMS))
    return stmt.where(shop_column.in_(ids))


def raw_trades_query(session: Reader, tenant_id: int, f: dict[str, Any], permitted: frozenset[str] | None,
                     history: bool, self_only: bool) -> Select[Any]:
    stmt = (select(RawTrade).where(RawTrade.tenant_id == tenant_id, RawTrade.archived.is_(history))
            .order_by(RawTrade.modified, RawTrade.rec_id))
    stmt = equal_if_given(stmt, [(RawTrade.tid, f.get("tid"))])
    stmt = in_window(stmt, RawTrade.modified, f.get("start_time"), f.get("end_time"))
    stmt = _shop_filter(session, tenant_id, stmt, RawTrade.shop_id, f.get("shop_no"), permitted)
    return _self_order(tenant_id, stmt, RawTrade.shop_id) if self_only else stmt


#: TradeQuery time_type → column (1 修改时间 default, 2 付款时间, 3 下单时间)
_TIME_COLUMNS = {1: Trade.modified, 2: Trade.pay_time, 3: Trade.trade_time}


def trades_query(session: Reader, tenant_id: int, f: dict[str, Any], permitted: frozenset[str] | None,
                 history: bool, self_only: bool) -> Select[Any]:
    stmt = select(Trade).where(Trade.tenant_id == tenant_id, Trade.archived.is_(history))
    column = _TIME_COLUMNS.get(int(f.get("time_type") or 1), Trade.modified)
    stmt = in_window(stmt, column, f.get("start_time"), f.get("end_time"))
    stmt = equal_if_given(stmt, [(Trade.trade_no, f.get("trade_no")), (Trade.logistics_no, f.get("logistics_no"))])
    statuses = [int(s) for s in split_list(str(f.get("status") or "").replace("，", ","))]
    if statuses:
        stmt = stmt.where(Trade.trade_status.in_(statuses))
    sources = [int(s) for s in split_list(str(f.get("trade_from") or "")) if s.isdigit()]
    if sources:
        stmt = stmt.where(Trade.trade_from.in_(sources))
    if f.get("warehouse_no"):
        ids = select(Warehouse.warehouse_id).where(Warehouse.tenant_id == tenant_id,
                                                   Warehouse.warehouse_no == f["warehouse_no"])
        stmt = stmt.where(Trade.warehouse_id.in_(ids))
    tids = split_list(f.get("src_tid"))
    if tids:
        if f.get("accurate_query"):
            stmt = stmt.where(Trade.src_tids.in_(tids))
        else:
            stmt = stmt.where(or_(*(or_(Trade.src_tids == t, Trade.src_tids.like(f"{t},%"),
                                        Trade.src_tids.like(f"%,{t}"), Trade.src_tids.like(f"%,{t},%"))
                                    for t in tids)))
    stmt = _shop_filter(session, tenant_id, stmt, Trade.shop_id, f.get("shop_no"), permitted)
    if self_only:
        stmt = _self_order(tenant_id, stmt, Trade.shop_id)
    if f.get("order_type") == 1:
        return stmt.order_by(Trade.modified.desc(), Trade.trade_id.desc())
    return stmt.order_by(Trade.trade_id)
