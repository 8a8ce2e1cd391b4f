"""The purchase queries: prepared searches of the documents (storage/prepared.py), their lines and
lookups as Core rows keyed by document (one statement each), and the figures computed from them
with Decimal arithmetic. `api/methods/purchase_rows.py` shapes them for the wire."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, literal, select

from wdterp.domain.catalog.models import Brand, Goods, GoodsClass, Spec
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory.models import Position, Stock, StockLedger
from wdterp.domain.masterdata.models import Employee, Flag, Logistics, Provider, Warehouse
from wdterp.domain.purchase.models import (
    ProviderGoods,
    PurchaseApply,
    PurchaseApplyLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseReturn,
    PurchaseReturnLine,
    PurchaseSettle,
    PurchaseSettleLine,
    StockinPreOrder,
    StockinPreOrderLine,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.numbers import as_decimal as dec
from wdterp.storage.prepared import Bound, Search, among, before, containing, equal, given, permitted, since

ZERO = Decimal(0)
ONE = Decimal(1)
_CHUNK = 500



def keyed_rows(conn: Connection, stmt: Any, ids: Sequence[Any], key: str) -> dict[Any, list[Any]]:
    """Rows of `stmt` (`ids` its expanding parameter) grouped by their column `key`."""
    keys = sorted({i for i in ids if i is not None})
    out: dict[Any, list[Any]] = {k: [] for k in keys}
    for at in range(0, len(keys), _CHUNK):
        for row in conn.execute(stmt, {"ids": keys[at:at + _CHUNK]}):
            out[getattr(row, key)].append(row)
    return out


_IDS: Any = bindparam("ids", expanding=True)
_SPEC_COLUMNS = (Spec.spec_no, Spec.spec_name, Spec.spec_code, Spec.barcode, Spec.img_url,
                 Spec.retail_price, Spec.remark.label("spec_remark"), Spec.weight.label("unit_weight"),
                 *(getattr(Spec, f"prop{i}").label(f"gs_prop{i}") for i in range(1, 7)),
                 Goods.goods_no, Goods.goods_name, Goods.short_name, Goods.goods_type,
                 func.coalesce(func.nullif(Spec.unit_name, ""), Goods.unit_name).label("base_unit_name"),
                 func.coalesce(Brand.brand_name, "").label("brand_name"),
                 func.coalesce(Brand.brand_no, "").label("brand_no"))


def _with_goods(stmt: Any, spec_id: Any) -> Any:
    return (stmt.join(Spec, Spec.spec_id == spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
            .outerjoin(Brand, Brand.brand_id == Goods.brand_id))


def _head(model: Any, *joined: Any) -> Any:
    return select(*model.__table__.c, *joined).where(model.tenant_id == bindparam("tenant_id"))


_WAREHOUSE = (func.coalesce(Warehouse.warehouse_no, "").label("warehouse_no"),
              func.coalesce(Warehouse.name, "").label("warehouse_name"))
_PROVIDER = (func.coalesce(Provider.provider_no, "").label("provider_no"),
             func.coalesce(Provider.provider_name, "").label("provider_name"))


# ---------------------------------------------------------------------------- applies

APPLIES = Search(
    _head(PurchaseApply, PurchaseApply.apply_no.label("purchase_apply_no"), *_WAREHOUSE, *_PROVIDER)
    .outerjoin(Warehouse, Warehouse.warehouse_id == PurchaseApply.warehouse_id)
    .outerjoin(Provider, Provider.provider_id == PurchaseApply.provider_id),
    order_by=(PurchaseApply.modified, PurchaseApply.apply_id),
    filters={"purchase_apply_no": equal(PurchaseApply.apply_no), "start_time": since(PurchaseApply.modified),
             "end_time": before(PurchaseApply.modified), "permitted": among(Warehouse.warehouse_no)})

APPLY_LINES = _with_goods(
    select(*PurchaseApplyLine.__table__.c, PurchaseApply.apply_no.label(
        "purchase_apply_no"), *_SPEC_COLUMNS, *_PROVIDER)
    .select_from(PurchaseApplyLine).join(PurchaseApply, PurchaseApply.apply_id == PurchaseApplyLine.apply_id),
    PurchaseApplyLine.spec_id).outerjoin(Provider, Provider.provider_id == PurchaseApplyLine.provider_id).where(
    PurchaseApplyLine.apply_id.in_(_IDS)).order_by(PurchaseApplyLine.rec_id)


def applies(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return APPLIES.bind(tenant_id=tenant_id, **given(f, "purchase_apply_no"), start_time=f.get("start_time"),
                        end_time=f.get("end_time"), permitted=permitted(allowed))


# ---------------------------------------------------------------------------- provider goods

PROVIDER_GOODS = Search(
    _with_goods(_head(ProviderGoods, *_PROVIDER, Provider.follower_name.label("_follower"), Goods.origin,
                      func.coalesce(GoodsClass.class_name, "").label("class_name"),
                      *(getattr(Spec, f"prop{i}").label(f"prop{i}") for i in range(1, 7)),
                      *(c for c in _SPEC_COLUMNS if c.key not in ("spec_remark",)))
                .join(Provider, Provider.provider_id == ProviderGoods.provider_id), ProviderGoods.spec_id)
    .outerjoin(GoodsClass, GoodsClass.class_id == Goods.class_id),
    order_by=(ProviderGoods.rec_id,),
    filters={"provider_no": equal(Provider.provider_no), "goods_no": equal(Goods.goods_no),
             "spec_no": equal(Spec.spec_no), "provider_goods_no": equal(ProviderGoods.provider_goods_no),
             "goods_name": containing(Goods.goods_name), "barcode": equal(Spec.barcode)})


def provider_goods(tenant_id: int, f: dict[str, Any]) -> Bound:
    return PROVIDER_GOODS.bind(tenant_id=tenant_id, **given(f, "provider_no", "goods_no", "spec_no",
                                                            "provider_goods_no", "goods_name", "barcode"))


_STOCK_FIGURES = ("stock_num", "to_purchase_num", "subscribe_num", "order_num", "sending_num", "purchase_num",
                  "purchase_arrive_num")
STOCK_OF_SPECS = (select(Stock.spec_id, *(func.sum(getattr(Stock, n)).label(n) for n in _STOCK_FIGURES),
                         func.sum(Stock.stock_num - Stock.lock_num).label("avaliable_num"))
                  .where(Stock.spec_id.in_(_IDS), Stock.defect.is_(False)).group_by(Stock.spec_id))
SALES_SINCE = (select(StockLedger.spec_id, func.sum(-StockLedger.num))
               .where(StockLedger.spec_id.in_(_IDS), StockLedger.src_order_type == OrderType.SALES_OUT,
                      StockLedger.created >= bindparam("since"), StockLedger.created < bindparam("until"))
               .group_by(StockLedger.spec_id))
_EMPLOYEES = select(Employee.shortname, Employee.employee_id).where(
    Employee.tenant_id == bindparam("tenant_id"), Employee.shortname.in_(_IDS))


def stock_figures(conn: Connection, spec_ids: Sequence[int]) -> dict[int, dict[str, Decimal]]:
    """Per spec, its good stock summed over the warehouses: the stock counters and available stock."""
    names = (*_STOCK_FIGURES, "avaliable_num")
    rows = keyed_rows(conn, STOCK_OF_SPECS, spec_ids, "spec_id")
    return {spec_id: dict(zip(names, (dec(v) for v in found[0][1:]), strict=True)) if found
            else dict.fromkeys(names, ZERO) for spec_id, found in rows.items()}


#: the sales windows of ProviderGoods (today, yesterday, 7 / 14 days, this month, all time)
def sales_windows(now: datetime) -> dict[str, tuple[datetime, datetime]]:
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    later = now + timedelta(days=1)
    return {"today_num": (today, later), "yesterday_num": (today - timedelta(days=1), today),
            "num_7days": (today - timedelta(days=6), later), "num_14days": (today - timedelta(days=13), later),
            "num_month": (today.replace(day=1), later), "num_all": (datetime(1970, 1, 1), later)}


def sales_figures(conn: Connection, spec_ids: Sequence[int]) -> dict[str, dict[int, Decimal]]:
    """Per sales window, the quantity each spec shipped on sales stockouts (ledger of kind 1)."""
    ids = sorted(set(spec_ids))
    out: dict[str, dict[int, Decimal]] = {}
    for name, (start, end) in sales_windows(now_china()).items():
        out[name] = {spec_id: dec(total) for spec_id, total in conn.execute(
            SALES_SINCE, {"ids": ids, "since": start, "until": end})} if ids else {}
    return out


def employee_ids(conn: Connection, tenant_id: int, names: Sequence[str]) -> dict[str, int]:
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    return {name: eid for name, eid in conn.execute(_EMPLOYEES, {"ids": wanted, "tenant_id": tenant_id})}


# ---------------------------------------------------------------------------- orders

ORDERS = Search(
    _head(PurchaseOrder, *_WAREHOUSE, *_PROVIDER,
          func.coalesce(Logistics.logistics_name, "").label("logistics_name"),
          func.coalesce(Logistics.logistics_no, "").label("logistics_no"),
          func.coalesce(Logistics.logistics_type, 0).label("logistics_type"),
          func.coalesce(Flag.flag_id, 0).label("flag_id"))
    .join(Warehouse, Warehouse.warehouse_id == PurchaseOrder.warehouse_id)
    .join(Provider, Provider.provider_id == PurchaseOrder.provider_id)
    .outerjoin(Logistics, Logistics.logistics_id == PurchaseOrder.logistics_id)
    .outerjoin(Flag, and_(Flag.tenant_id == PurchaseOrder.tenant_id, Flag.flag_name == PurchaseOrder.flag_name)),
    order_by=(PurchaseOrder.modified, PurchaseOrder.purchase_id),
    filters={"purchase_no": equal(PurchaseOrder.purchase_no),
             "purchase_no_like": containing(PurchaseOrder.purchase_no),
             "provider_no": equal(Provider.provider_no), "expect_warehouse_no": equal(Warehouse.warehouse_no),
             "receive_warehouse_no": lambda p: literal(",").op("||")(PurchaseOrder.receive_warehouse_nos).op("||")(
                 literal(",")).contains(literal(",").op("||")(p).op("||")(literal(","))),
             "start_time": since(PurchaseOrder.modified), "end_time": before(PurchaseOrder.modified),
             "stockin_status": equal(PurchaseOrder.stockin_status), "statuses": among(PurchaseOrder.status),
             "permitted": among(Warehouse.warehouse_no)})

ORDER_LINES = (_with_goods(
    select(*PurchaseOrderLine.__table__.c, *_SPEC_COLUMNS,
           func.coalesce(ProviderGoods.provider_goods_no, "").label("provider_goods_no"))
    .select_from(PurchaseOrderLine).join(PurchaseOrder, PurchaseOrder.purchase_id == PurchaseOrderLine.purchase_id),
    PurchaseOrderLine.spec_id)
    .outerjoin(ProviderGoods, and_(ProviderGoods.provider_id == PurchaseOrder.provider_id,
                                   ProviderGoods.spec_id == PurchaseOrderLine.spec_id))
    .where(PurchaseOrderLine.purchase_id.in_(_IDS)).order_by(PurchaseOrderLine.rec_id))


def orders(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None, statuses: list[int]) -> Bound:
    number = f.get("purchase_no") or None
    fuzzy = bool(f.get("fuzzy_query"))
    return ORDERS.bind(tenant_id=tenant_id, **given(f, "provider_no", "expect_warehouse_no", "receive_warehouse_no",
                                                    "stockin_status"),
                       purchase_no=None if fuzzy else number, purchase_no_like=number if fuzzy else None,
                       start_time=f.get("start_time"), end_time=f.get("end_time"),
                       statuses=statuses or None, permitted=permitted(allowed))


def line_figures(line: Any) -> dict[str, Decimal]:
    """The figures of an order line (a row of ORDER_LINES): prices after discount and tax, amounts."""
    num, price, discount, tax_rate = dec(line.num), dec(line.price), dec(line.discount), dec(line.tax_rate)
    dis_price = price * discount
    tax_price = dis_price * (ONE + tax_rate)
    stockin, stopped = dec(line.stockin_num), dec(line.stopwait_num)
    return {"dis_price": dis_price, "amount": dis_price * num, "tax_price": tax_price, "tax_amount": tax_price * num,
            "num2": num, "aux_price": price, "aux_amount": dis_price * num, "purchase_price": price,
            "weight": dec(line.unit_weight) * num, "lack_num": max(num - stockin - stopped, ZERO),
            "arrive_more_num": max(stockin - num, ZERO), "unit_ratio": ONE}


def order_figures(head: Any, lines: Sequence[Any]) -> dict[str, Decimal]:
    """The totals of an order (post_fee and other_fee are the head's, already Decimals or numbers)."""
    figures = [line_figures(line) for line in lines]
    goods_fee = sum((f["amount"] for f in figures), ZERO)
    tax_fee = sum((f["tax_amount"] for f in figures), ZERO)
    return {"goods_fee": goods_fee, "tax_fee": tax_fee,
            "total_fee": tax_fee + dec(head[0]) + dec(head[1]),
            "goods_count": sum((dec(x.num) for x in lines), ZERO),
            "goods_arrive_count": sum((dec(x.stockin_num) + dec(x.arrive_num) for x in lines), ZERO),
            "goods_stockin_count": sum((dec(x.stockin_num) for x in lines), ZERO),
            "goods_type_count": Decimal(len({x.spec_id for x in lines}))}


# ---------------------------------------------------------------------------- appointments

PRE_ORDERS = Search(
    _head(StockinPreOrder, *_WAREHOUSE, func.coalesce(Provider.provider_name, "").label("provider_name"))
    .outerjoin(Warehouse, Warehouse.warehouse_id == StockinPreOrder.warehouse_id)
    .outerjoin(Provider, Provider.provider_id == StockinPreOrder.provider_id),
    order_by=(StockinPreOrder.modified, StockinPreOrder.pre_order_id),
    filters={"pre_order_no": equal(StockinPreOrder.pre_order_no), "start_time": since(StockinPreOrder.modified),
             "end_time": before(StockinPreOrder.modified), "permitted": among(Warehouse.warehouse_no)})

PRE_ORDER_LINES = (_with_goods(
    select(*StockinPreOrderLine.__table__.c, *_SPEC_COLUMNS,
           func.coalesce(GoodsClass.class_name, "").label("class_name"),
           func.coalesce(ProviderGoods.provider_goods_no, "").label("provider_goods_no"),
           func.coalesce(ProviderGoods.purchase_unit_name, "").label("unit_name"))
    .select_from(StockinPreOrderLine)
    .join(StockinPreOrder, StockinPreOrder.pre_order_id == StockinPreOrderLine.pre_order_id),
    StockinPreOrderLine.spec_id)
    .outerjoin(GoodsClass, GoodsClass.class_id == Goods.class_id)
    .outerjoin(ProviderGoods, and_(ProviderGoods.provider_id == StockinPreOrder.provider_id,
                                   ProviderGoods.spec_id == StockinPreOrderLine.spec_id))
    .where(StockinPreOrderLine.pre_order_id.in_(_IDS)).order_by(StockinPreOrderLine.rec_id))


def pre_orders(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return PRE_ORDERS.bind(tenant_id=tenant_id, **given(f, "pre_order_no"), start_time=f.get("start_time"),
                           end_time=f.get("end_time"), permitted=permitted(allowed))


# ---------------------------------------------------------------------------- stockins and stockouts


def _documents(order_type: int, *joined: Any) -> Any:
    return (_head(StockDocument, *_WAREHOUSE, *joined)
            .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
            .outerjoin(Logistics, Logistics.logistics_id == StockDocument.logistics_id)
            .where(StockDocument.order_type == order_type))


_DOC_LABELS = (StockDocument.doc_no.label("order_no"), StockDocument.created.label("created_time"))
_DOC_FILTERS = {"statuses": among(StockDocument.status), "warehouse_no": equal(Warehouse.warehouse_no),
                "doc_no": equal(StockDocument.doc_no), "src_order_no": equal(StockDocument.src_order_no),
                "permitted": among(Warehouse.warehouse_no)}
_CARRIER = (func.coalesce(Logistics.logistics_name, "").label("logistics_name"),
            func.coalesce(Logistics.logistics_no, "").label("logistics_company_no"))

STOCKINS = Search(
    _documents(OrderType.PURCHASE_IN, *_CARRIER, *_PROVIDER, *_DOC_LABELS, PurchaseOrder.purchase_id,
               PurchaseOrder.purchase_no,
               func.coalesce(Logistics.logistics_name, "未知").label("logistics_type_name"))
    .join(PurchaseOrder, PurchaseOrder.purchase_id == StockDocument.src_order_id)
    .join(Provider, Provider.provider_id == PurchaseOrder.provider_id),
    order_by=(StockDocument.modified, StockDocument.doc_id),
    filters={**_DOC_FILTERS, "start_time": since(StockDocument.modified), "end_time": before(StockDocument.modified)})

_DOC_LINE = (*StockDocumentLine.__table__.c, *_SPEC_COLUMNS,
             func.coalesce(Position.position_no, "").label("position_no"))
STOCKIN_LINES = (_with_goods(
    select(*_DOC_LINE, func.coalesce(PurchaseOrderLine.purchase_unit_name, "").label("purchase_unit_name"),
           *(func.coalesce(getattr(PurchaseOrderLine, f"prop{i}"), "").label(f"prop{i}") for i in range(1, 5)))
    .select_from(StockDocumentLine)
    .outerjoin(PurchaseOrderLine, PurchaseOrderLine.rec_id == StockDocumentLine.src_line_id)
    .outerjoin(Position, Position.position_id == StockDocumentLine.position_id), StockDocumentLine.spec_id)
    .where(StockDocumentLine.doc_id.in_(_IDS)).order_by(StockDocumentLine.rec_id))


def stockins(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None, statuses: list[int]) -> Bound:
    return STOCKINS.bind(tenant_id=tenant_id, **given(f, "warehouse_no"), doc_no=f.get("stockin_no") or None,
                         src_order_no=f.get("purchase_no") or None, statuses=statuses or None,
                         start_time=f.get("start_time"), end_time=f.get("end_time"), permitted=permitted(allowed))


def stockin_line_figures(line: Any) -> dict[str, Decimal]:
    """A purchase stockin line: its order price (税前单价), discount and tax (kept on the line)."""
    extra = line.extra or {}
    num, stockin_price = dec(line.num), dec(line.price)
    price = dec(extra.get("price", stockin_price))
    discount, tax = dec(extra.get("discount", 1)), dec(extra.get("tax_rate", 0))
    tax_price = stockin_price * (ONE + tax)
    return {"discount": discount, "cost_price": price, "src_price": stockin_price, "tax_price": tax_price,
            "tax_amount": tax_price * num, "tax": tax, "total_cost": stockin_price * num,
            "stockin_price": stockin_price, "unit_ratio": ONE, "goods_amount": price * num}


def stockin_figures(lines: Sequence[Any]) -> dict[str, Decimal]:
    figures = [stockin_line_figures(line) for line in lines]
    return {"goods_amount": sum((f["goods_amount"] for f in figures), ZERO),
            "total_price": sum((f["total_cost"] for f in figures), ZERO),
            "tax_amount": sum((f["tax_amount"] for f in figures), ZERO),
            "total_stockin_price": sum((f["total_cost"] for f in figures), ZERO)}


# ---------------------------------------------------------------------------- returns

RETURNS = Search(
    _head(PurchaseReturn, *_WAREHOUSE, *_PROVIDER,
          func.coalesce(Logistics.logistics_no, "").label("logistics_no"),
          func.coalesce(Logistics.logistics_type, 0).label("logistics_type"))
    .join(Warehouse, Warehouse.warehouse_id == PurchaseReturn.warehouse_id)
    .join(Provider, Provider.provider_id == PurchaseReturn.provider_id)
    .outerjoin(Logistics, Logistics.logistics_id == PurchaseReturn.logistics_id),
    order_by=(PurchaseReturn.modified, PurchaseReturn.return_id),
    filters={"return_no": equal(PurchaseReturn.return_no), "return_no_like": containing(PurchaseReturn.return_no),
             "provider_no": equal(Provider.provider_no), "status": equal(PurchaseReturn.status),
             "start_time": since(PurchaseReturn.modified), "end_time": before(PurchaseReturn.modified),
             "permitted": among(Warehouse.warehouse_no)})

RETURN_LINES = (_with_goods(
    select(*PurchaseReturnLine.__table__.c, *_SPEC_COLUMNS,
           func.coalesce(ProviderGoods.provider_goods_no, "").label("provider_goods_no"))
    .select_from(PurchaseReturnLine)
    .join(PurchaseReturn, PurchaseReturn.return_id == PurchaseReturnLine.return_id), PurchaseReturnLine.spec_id)
    .outerjoin(ProviderGoods, and_(ProviderGoods.provider_id == PurchaseReturn.provider_id,
                                   ProviderGoods.spec_id == PurchaseReturnLine.spec_id))
    .where(PurchaseReturnLine.return_id.in_(_IDS)).order_by(PurchaseReturnLine.rec_id))


def returns(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    number = f.get("return_no") or None
    fuzzy = bool(f.get("fuzzy_query"))
    return RETURNS.bind(tenant_id=tenant_id, **given(f, "provider_no", "status"),
                        return_no=None if fuzzy else number, return_no_like=number if fuzzy else None,
                        start_time=None if number else f.get("start_time"),
                        end_time=None if number else f.get("end_time"), permitted=permitted(allowed))


def return_line_figures(line: Any) -> dict[str, Decimal]:
    num, price, discount, tax = dec(line.num), dec(line.price), dec(line.discount), dec(line.tax_rate)
    dis_price = price * discount
    return {"num2": num, "unit_ratio": ONE, "tax_price": dis_price * (ONE + tax), "amount": dis_price * num,
            "out_amount": dis_price * dec(line.out_num)}


def return_figures(lines: Sequence[Any]) -> dict[str, Decimal]:
    return {"goods_count": sum((dec(x.num) for x in lines), ZERO),
            "goods_fee": sum((return_line_figures(x)["amount"] for x in lines), ZERO),
            "goods_out_count": sum((dec(x.out_num) for x in lines), ZERO),
            "goods_type_count": Decimal(len({x.spec_id for x in lines}))}


RETURN_STOCKOUTS = Search(
    _documents(OrderType.PURCHASE_RETURN_OUT, *_PROVIDER, *_DOC_LABELS, PurchaseReturn.prop1.label("return_prop1"),
               PurchaseReturn.prop2.label("return_prop2"), PurchaseReturn.ref_purchase_nos, PurchaseReturn.post_fee,
               PurchaseReturn.contact.label("receiver_name"), PurchaseReturn.telno.label("receiver_telno"),
               PurchaseReturn.receive_address.label("receiver_address"),
               PurchaseReturn.province.label("receiver_province"), PurchaseReturn.city.label("receiver_city"),
               PurchaseReturn.district.label("receiver_district"))
    .join(PurchaseReturn, PurchaseReturn.return_id == StockDocument.src_order_id)
    .join(Provider, Provider.provider_id == PurchaseReturn.provider_id),
    order_by=(StockDocument.modified, StockDocument.doc_id),
    filters={**_DOC_FILTERS, "consigned_from": since(StockDocument.consign_time),
             "consigned_to": before(StockDocument.consign_time), "created_from": since(StockDocument.created),
             "created_to": before(StockDocument.created), "modified_from": since(StockDocument.modified),
             "modified_to": before(StockDocument.modified)})

STOCKOUT_LINES = (_with_goods(
    select(*_DOC_LINE, func.coalesce(PurchaseReturnLine.prop1, "").label("prop1"),
           func.coalesce(PurchaseReturnLine.prop2, "").label("prop2"),
           func.coalesce(PurchaseReturnLine.price * PurchaseReturnLine.discount, 0).label("sell_price"))
    .select_from(StockDocumentLine)
    .outerjoin(PurchaseReturnLine, PurchaseReturnLine.rec_id == StockDocumentLine.src_line_id)
    .outerjoin(Position, Position.position_id == StockDocumentLine.position_id), StockDocumentLine.spec_id)
    .where(StockDocumentLine.doc_id.in_(_IDS)).order_by(StockDocumentLine.rec_id))

#: time_type of stockout.PurchaseReturn.queryWithDetail → the window's filters (1 出库时间 by default)
TIME_TYPES = {1: ("consigned_from", "consigned_to"), 2: ("created_from", "created_to"),
              3: ("modified_from", "modified_to")}


def return_stockouts(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None,
                     statuses: list[int]) -> Bound:
    start, end = TIME_TYPES.get(int(f.get("time_type") or 1), TIME_TYPES[1])
    return RETURN_STOCKOUTS.bind(tenant_id=tenant_id, **given(f, "warehouse_no", "src_order_no"),
                                 doc_no=f.get("stockout_no") or None, statuses=statuses or None,
                                 **{start: f.get("start_time"), end: f.get("end_time")}, permitted=permitted(allowed))


def stockout_line_figures(line: Any) -> dict[str, Decimal]:
    num, sell, cost = dec(line.num), dec(line.sell_price), dec(line.cost_price)
    return {"goods_count": num, "total_amount": sell * num, "sell_price": sell, "weight": dec(line.unit_weight) * num,
            "total_checked_cost_price": cost * num, "cost_price": cost}


def stockout_figures(lines: Sequence[Any]) -> dict[str, Decimal]:
    figures = [stockout_line_figures(x) for x in lines]
    cost = sum((f["total_checked_cost_price"] for f in figures), ZERO)
    return {"goods_total_cost": cost, "checked_goods_total_cost": cost,
            "goods_total_amount": sum((f["total_amount"] for f in figures), ZERO),
            "weight": sum((f["weight"] for f in figures), ZERO)}


# ---------------------------------------------------------------------------- settlements

SETTLES = Search(
    _head(PurchaseSettle, func.coalesce(Warehouse.warehouse_no, "").label("warehouse_no"),
          func.coalesce(Provider.provider_no, "").label("provider_no"),
          func.coalesce(Logistics.logistics_name, "未知").label("logistics_type_name"),
          PurchaseSettle.src_no.label("purchase_no"), PurchaseSettle.logistics_no.label("logistics_no_list"))
    .outerjoin(Warehouse, Warehouse.warehouse_id == PurchaseSettle.warehouse_id)
    .outerjoin(Provider, Provider.provider_id == PurchaseSettle.provider_id)
    .outerjoin(Logistics, Logistics.logistics_id == PurchaseSettle.logistics_id)
    .where(PurchaseSettle.kind == literal(1)),
    order_by=(PurchaseSettle.modified, PurchaseSettle.settle_id),
    filters={"warehouse_no": equal(Warehouse.warehouse_no), "provider_no": equal(Provider.provider_no),
             "purchaser_name": equal(PurchaseSettle.purchaser_name), "settle_no": equal(PurchaseSettle.settle_no),
             "purchase_no": equal(PurchaseSettle.src_no), "statuses": among(PurchaseSettle.status),
             "create_from": since(PurchaseSettle.created), "create_to": before(PurchaseSettle.created),
             "modified_from": since(PurchaseSettle.modified), "modified_to": before(PurchaseSettle.modified),
             "permitted": lambda ps: Warehouse.warehouse_no.in_(ps)})

SETTLE_LINES = (_with_goods(
    select(*PurchaseSettleLine.__table__.c, *_SPEC_COLUMNS,
           PurchaseSettle.src_no.label("purchase_no"),
           func.coalesce(ProviderGoods.provider_goods_no, "").label("provider_goods_no"),
           func.coalesce(PurchaseOrderLine.purchase_unit_name, "").label("purchase_unit_name"))
    .select_from(PurchaseSettleLine).join(PurchaseSettle, PurchaseSettle.settle_id == PurchaseSettleLine.settle_id),
    PurchaseSettleLine.spec_id)
    .outerjoin(ProviderGoods, and_(ProviderGoods.provider_id == PurchaseSettle.provider_id,
                                   ProviderGoods.spec_id == PurchaseSettleLine.spec_id))
    .outerjoin(PurchaseOrderLine, PurchaseOrderLine.rec_id == PurchaseSettleLine.src_line_id)
    .where(PurchaseSettleLine.settle_id.in_(_IDS)).order_by(PurchaseSettleLine.rec_id))


ORDER_STOCKINS = (select(StockDocument.src_order_id, StockDocument.doc_no)
                  .where(StockDocument.order_type == OrderType.PURCHASE_IN, StockDocument.status == 80,
                         StockDocument.src_order_id.in_(_IDS)).order_by(StockDocument.doc_id))


def stockin_numbers(conn: Connection, purchase_ids: Sequence[int]) -> list[str]:
    """Per order, the numbers of its checked purchase stockins (what a settlement settles), comma separated."""
    found = keyed_rows(conn, ORDER_STOCKINS, purchase_ids, "src_order_id")
    return [",".join(row.doc_no for row in found.get(i, [])) for i in purchase_ids]


def settles(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None, statuses: list[int]) -> Bound:
    return SETTLES.bind(tenant_id=tenant_id, **given(f, "warehouse_no", "provider_no", "purchaser_name", "settle_no",
                                                     "purchase_no"),
                        statuses=statuses or None, create_from=f.get("create_from"), create_to=f.get("create_to"),
                        modified_from=f.get("modified_from"), modified_to=f.get("modified_to"),
                        permitted=permitted(allowed))


def settle_line_figures(line: Any) -> dict[str, Decimal]:
    """The page's arithmetic: 税前折扣价 = 单价×折扣, 单位税额 = 税前折扣价×税率, 含税单价 = 税前折扣价 +
    单位税额, 税额 = 发票数量×单位税额, 货款 = 税前折扣价×发票数量."""
    invoice, price, discount, tax = dec(line.invoice_num), dec(line.price), dec(line.discount), dec(line.tax_rate)
    dis_price = price * discount
    unit_tax = dis_price * tax
    return {"dis_price": dis_price, "tax_price": dis_price + unit_tax, "total_tax_amount": invoice * unit_tax,
            "total_amount": dis_price * invoice, "tax_total_amount": (dis_price + unit_tax) * invoice,
            "unit_ratio": ONE}


def settle_figures(head: Any, lines: Sequence[Any]) -> dict[str, Decimal]:
    figures = [settle_line_figures(x) for x in lines]
    tax = sum((f["total_tax_amount"] for f in figures), ZERO)
    goods = sum((f["total_amount"] for f in figures), ZERO)
    return {"tax_amount": tax, "goods_amount": goods, "tax_goods_amount": goods + tax,
            "total_cost": goods + tax + dec(head[0]) + dec(head[1]),
            "goods_count": sum((dec(x.settle_num) for x in lines), ZERO)}


__all__ = ["APPLIES", "APPLY_LINES", "ORDERS", "ORDER_LINES", "PRE_ORDERS", "PRE_ORDER_LINES", "PROVIDER_GOODS",
           "RETURNS", "RETURN_LINES", "RETURN_STOCKOUTS", "SETTLES", "SETTLE_LINES", "STOCKINS", "STOCKIN_LINES",
           "STOCKOUT_LINES"]
