"""The aftersales queries as prepared searches (storage/prepared.py) and their line statements (built once)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, exists, select

from wdterp.domain.aftersales.models import RawRefund, RawRefundLine, Refund, RefundLine
from wdterp.domain.documents.doclines import SPEC_COLUMNS, grouped, with_goods
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.queries import split_list
from wdterp.domain.sales.models import Trade, TradeOrder
from wdterp.storage.prepared import Bound, Search, among, before, containing, equal, given, permitted, since


def _window(column: Any, start: str = "start_time", end: str = "end_time") -> dict[str, Any]:
    return {start: since(column), end: before(column)}


def statuses(value: Any) -> list[int] | None:
    """A comma-separated status filter as ints (validated as such by the method's schema)."""
    items = split_list(str(value)) if value not in (None, "") else []
    return [int(v) for v in items] or None


def _names(value: Any) -> list[str] | None:
    return split_list(str(value)) or None if value not in (None, "") else None


_SHOP = (Shop.shop_no, Shop.shop_name, Shop.platform_id.label("shop_platform_id"), Shop.sub_platform_id,
         Shop.remark.label("shop_remark"))

# ---------------------------------------------------------------------------- raw refunds


def _raw_refunds(when: Any) -> Search:
    return Search(
        select(*RawRefund.__table__.c, *_SHOP).join(Shop, Shop.shop_id == RawRefund.shop_id)
        .where(RawRefund.tenant_id == bindparam("tenant_id"), RawRefund.archived == bindparam("archived")),
        order_by=(RawRefund.modified, RawRefund.refund_id),
        filters={"refund_no": equal(RawRefund.refund_no), "logistics_no": equal(RawRefund.logistics_no),
                 "platform_id": equal(RawRefund.platform_id), "shop_no": equal(Shop.shop_no),
                 "tid": equal(RawRefund.tid),
                 "oid": lambda p: exists().where(RawRefundLine.refund_id == RawRefund.refund_id,
                                                 RawRefundLine.oid == p),
                 **_window(when), "permitted": among(Shop.shop_no)})


#: time_type 1 modified (default) · 2 refund time
RAW_REFUNDS = {1: _raw_refunds(RawRefund.modified), 2: _raw_refunds(RawRefund.refund_time)}


def raw_refunds(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None, history: bool) -> Bound:
    search = RAW_REFUNDS.get(int(f.get("time_type") or 1), RAW_REFUNDS[1])
    return search.bind(tenant_id=tenant_id, archived=history,
                       **given(f, "refund_no", "logistics_no", "platform_id", "shop_no", "tid", "oid"),
                       start_time=f.get("start_time"), end_time=f.get("end_time"), permitted=permitted(allowed))


RAW_REFUND_LINES = select(*RawRefundLine.__table__.c).where(
    RawRefundLine.refund_id.in_(bindparam("ids", expanding=True))).order_by(RawRefundLine.refund_id,
                                                                           RawRefundLine.rec_id)


def raw_refund_lines(conn: Connection, ids: list[int]) -> dict[int, list[Any]]:
    return grouped(conn, RAW_REFUND_LINES, "refund_id", ids)


# ---------------------------------------------------------------------------- refunds

_RETURN = Warehouse.__table__.alias("return_warehouse")

REFUNDS = Search(
    select(*Refund.__table__.c, *_SHOP, _RETURN.c.warehouse_no.label("return_warehouse_no"),
           _RETURN.c.type.label("warehouse_type"))
    .join(Shop, Shop.shop_id == Refund.shop_id)
    .outerjoin(_RETURN, _RETURN.c.warehouse_id == Refund.return_warehouse_id)
    .where(Refund.tenant_id == bindparam("tenant_id"), Refund.archived == bindparam("archived")),
    order_by=(Refund.modified, Refund.refund_id),
    filters={"shop_nos": among(Shop.shop_no), "tid": equal(Refund.tid), "buyer_nick": equal(Refund.buyer_nick),
             "trade_no": equal(Refund.trade_no), "refund_no": equal(Refund.refund_no),
             "fuzzy_no": containing(Refund.refund_no), "return_logistics_no": equal(Refund.return_logistics_no),
             **_window(Refund.modified, "modified_from", "modified_to"),
             **_window(Refund.settle_time, "settle_from", "settle_to"),
             **_window(Refund.check_time, "agree_from", "agree_to"),
             **_window(Refund.current_phase_timeout, "current_phase_timeout_from", "current_phase_timeout_to"),
             "status": equal(Refund.status), "statuses": among(Refund.status),
             "stockin_status": equal(Refund.stockin_status),
             "return_warehouse_nos": among(_RETURN.c.warehouse_no), "type": equal(Refund.type),
             "rr_status": equal(Refund.rr_status), "raw_refund_nos": among(Refund.raw_refund_no),
             "permitted": among(Shop.shop_no)})

_TIME_FILTERS = ("modified_from", "modified_to", "settle_from", "settle_to", "agree_from", "agree_to",
                 "current_phase_timeout_from", "current_phase_timeout_to")


def refunds(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None, history: bool) -> Bound:
    number = {"fuzzy_no" if f.get("fuzzy_query") else "refund_no": f["refund_no"]} if f.get("refund_no") else {}
    return REFUNDS.bind(tenant_id=tenant_id, archived=history, **number,
                        **given(f, "tid", "buyer_nick", "trade_no", "return_logistics_no", "status",
                                "stockin_status", "type", "rr_status", *_TIME_FILTERS),
                        shop_nos=_names(f.get("shop_nos")), return_warehouse_nos=_names(f.get("return_warehouse_nos")),
                        raw_refund_nos=_names(f.get("raw_refund_nos")), statuses=statuses(f.get("statuses")),
                        permitted=permitted(allowed))


REFUND_LINES = with_goods(select(*RefundLine.__table__.c, *SPEC_COLUMNS).select_from(RefundLine),
                          RefundLine.spec_id).where(
    RefundLine.refund_id.in_(bindparam("ids", expanding=True))).order_by(RefundLine.refund_id, RefundLine.rec_id)


def refund_lines(conn: Connection, ids: list[int]) -> dict[int, list[Any]]:
    return grouped(conn, REFUND_LINES, "refund_id", ids)


# ---------------------------------------------------------------------------- return stockins


def _stockins(when: Any) -> Search:
    return Search(
        select(*StockDocument.__table__.c, Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"), *_SHOP,
               Refund.refund_no, Refund.trade_no, Refund.tid, Refund.buyer_nick, Refund.receiver_name,
               Refund.actual_refund_amount, Refund.refund_amount, Refund.type, Refund.status.label("refund_status"),
               Refund.stockin_status.label("refund_stockin_status"), Refund.shop_id,
               Refund.remark.label("refund_remark"), Logistics.logistics_name, Logistics.logistics_type)
        .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
        .join(Refund, Refund.refund_id == StockDocument.src_order_id)
        .join(Shop, Shop.shop_id == Refund.shop_id)
        .outerjoin(Logistics, Logistics.logistics_id == StockDocument.logistics_id)
        .where(StockDocument.tenant_id == bindparam("tenant_id"), StockDocument.direction == "in",
               StockDocument.order_type == OrderType.SALES_RETURN_IN, Refund.archived == bindparam("archived")),
        order_by=(StockDocument.modified, StockDocument.doc_id),
        filters={"warehouse_no": equal(Warehouse.warehouse_no), "stockin_no": equal(StockDocument.doc_no),
                 "refund_no": equal(Refund.refund_no), "shop_nos": among(Shop.shop_no),
                 "status": among(StockDocument.status), "logistics_no": equal(StockDocument.logistics_no),
                 **_window(when), "permitted": among(Warehouse.warehouse_no),
                 "permitted_shops": among(Shop.shop_no)})


#: time_type 0 modified (default) · 1 stockin (check) time
STOCKINS = {0: _stockins(StockDocument.modified), 1: _stockins(StockDocument.check_time)}


def stockins(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None,
             shops: frozenset[str] | None, history: bool) -> Bound:
    search = STOCKINS.get(int(f.get("time_type") or 0), STOCKINS[0])
    return search.bind(tenant_id=tenant_id, archived=history,
                       **given(f, "warehouse_no", "stockin_no", "refund_no", "logistics_no"),
                       shop_nos=_names(f.get("shop_nos")), status=statuses(f.get("status")),
                       start_time=f.get("start_time"), end_time=f.get("end_time"), permitted=permitted(allowed),
                       permitted_shops=permitted(shops))


# ---------------------------------------------------------------------------- exchange-out trades (swap_order)

SWAP_TRADES = (
    select(Trade.trade_no, Trade.src_tids.label("tid"), Trade.shop_id, Trade.warehouse_id, Trade.receiver_province,
           Trade.receiver_city, Trade.receiver_district, Trade.receiver_area, Trade.logistics_id, Trade.post_amount,
           Trade.other_amount, Shop.shop_no, Shop.shop_name, Warehouse.warehouse_no)
    .join(Shop, Shop.shop_id == Trade.shop_id)
    .outerjoin(Warehouse, Warehouse.warehouse_id == Trade.warehouse_id)
    .where(Trade.tenant_id == bindparam("tenant_id"), Trade.trade_no.in_(bindparam("nos", expanding=True))))

SWAP_LINES = with_goods(select(TradeOrder.trade_id, TradeOrder.src_oid, TradeOrder.spec_id, TradeOrder.num,
                               TradeOrder.price, (TradeOrder.price * TradeOrder.num).label("total_amount"),
                               TradeOrder.remark, Trade.trade_no, *SPEC_COLUMNS)
                        .select_from(TradeOrder).join(Trade, Trade.trade_id == TradeOrder.trade_id),
                        TradeOrder.spec_id).where(
    Trade.tenant_id == bindparam("tenant_id"), Trade.trade_no.in_(bindparam("nos", expanding=True))).order_by(
    TradeOrder.rec_id)


def swap_trades(conn: Connection, tenant_id: int, trade_nos: list[str]) -> dict[str, tuple[Any, list[Any]]]:
    """trade_no → (the exchange-out trade's row, its lines) for the refunds' swap_trade_no."""
    nos = sorted({no for no in trade_nos if no})
    if not nos:
        return {}
    lines: dict[str, list[Any]] = {no: [] for no in nos}
    for line in conn.execute(SWAP_LINES, {"tenant_id": tenant_id, "nos": nos}):
        lines[line.trade_no].append(line)
    return {row.trade_no: (row, lines[row.trade_no])
            for row in conn.execute(SWAP_TRADES, {"tenant_id": tenant_id, "nos": nos})}
