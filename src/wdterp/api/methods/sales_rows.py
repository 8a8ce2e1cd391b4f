"""Wire rows of the sales methods: raw trades, trades and their lines, onto each doc's field names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from wdterp.api.wire import Columns, documented_fields, project, read_columns, wire_column, wire_value
from wdterp.domain.catalog.models import Barcode, Goods, Spec
from wdterp.domain.inventory.models import Stock
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.masterdata.regions import regions
from wdterp.domain.sales.edits import label_names
from wdterp.domain.sales.models import RawTrade, Trade, TradeOrder
from wdterp.protocol.clock import CHINA_TZ

ZERO = Decimal(0)
#: keys per IN (...) of a page's lookups
_CHUNK = 500


def millis(value: datetime | None) -> int | str:
    """The TradeQuery pages' millisecond timestamps ("" when there is no time, e.g. not shipped)."""
    return "" if value is None else int(value.replace(tzinfo=CHINA_TZ).timestamp() * 1000)


class _Cache:
    """Per-call lookups of the master data rows raw trades point to (their shops)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[tuple[type, int], Any] = {}

    def get(self, model: type, key: int | None) -> Any:
        if not key:
            return None
        if (model, key) not in self._rows:
            self._rows[(model, key)] = self.session.get(model, key)
        return self._rows[(model, key)]


# ---------------------------------------------------------------------------- raw trades


def raw_trade_mapper(session: Session, method: str, detail_mask: bool) -> Callable[[RawTrade], dict[str, Any]]:
    """`detail_mask` 1: with the discount lines (优惠明细), else an empty list."""
    cache = _Cache(session)
    head, lines, discounts = (documented_fields(method, t) for t in ("order", "trade_orders", "discount_list"))

    def to_row(raw: RawTrade) -> dict[str, Any]:
        shop: Shop = cache.get(Shop, raw.shop_id)
        orders = [project(o, lines, goods_id=o.api_goods_id, spec_id=o.api_spec_id, platform_id=raw.platform_id)
                  for o in raw.orders]
        offers = [project(d, discounts) for d in raw.discounts] if detail_mask else []
        return project(raw, head, shop_no=shop.shop_no, buyer_name=raw.receiver_name, receiver_country=0,
                       receiver_ring="", consumer_amount=raw.received or raw.paid, platform_amount=ZERO,
                       currency="", sub_platform_id=shop.sub_platform_id, shop_platform_id=shop.platform_id,
                       pre_charge_time=raw.modified, platform_label="", reserve_field1="", outer_no="",
                       union_name="", order_count=Decimal(raw.order_count), trade_orders=orders,
                       discount_list=offers)

    return to_row


# ---------------------------------------------------------------------------- trades

_TRADE_TABLE = tuple(Trade.__table__.c)
_LINE_TABLE = tuple(TradeOrder.__table__.c)
#: what the trades of a page are read as: the table's columns as `wire.Columns` reads them, then
#: those the computed fields need as Decimals and datetimes
TRADE_COLUMNS = (*read_columns(_TRADE_TABLE), Trade.receivable.label("_receivable"),
                 Trade.post_amount.label("_post_amount"), Trade.trade_time.label("_trade_time"),
                 Trade.consign_time.label("_consign_time"), Trade.created.label("_created"))
#: what a line shows of its spec (in this order) and of its goods
_SPEC_FIELDS = ("spec_name", "spec_no", "spec_code", "tax_rate", "prop1", "prop2", "prop3", "prop4", "prop5",
                "prop6", "img_url")
_GOODS_FIELDS = ("goods_name", "goods_no", "goods_type", "short_name")
#: the lines of a page of trades in each trade's order (rec_id), with their spec, goods and the cost
#: price of the spec in the trade's warehouse (stock has one row per warehouse, spec and defect)
_LINE_READ = (*_LINE_TABLE, *(getattr(Spec, f) for f in _SPEC_FIELDS), *(getattr(Goods, f) for f in _GOODS_FIELDS))
_LINES = (select(*read_columns(_LINE_READ), TradeOrder.actual_num.label("_actual_num"),
                 TradeOrder.share_amount.label("_share_amount"), TradeOrder.commission.label("_commission"),
                 TradeOrder.modified.label("_modified"), TradeOrder.created.label("_created"),
                 Spec.barcode.label("_spec_barcode"), Spec.weight.label("_spec_weight"),
                 Stock.cost_price.label("_cost_price"))
          .select_from(TradeOrder)
          .join(Trade, Trade.trade_id == TradeOrder.trade_id)
          .outerjoin(Spec, Spec.spec_id == TradeOrder.spec_id)
          .outerjoin(Goods, Goods.goods_id == TradeOrder.goods_id)
          .outerjoin(Stock, and_(Stock.warehouse_id == Trade.warehouse_id, Stock.spec_id == TradeOrder.spec_id,
                                 Stock.defect.is_(False)))
          .where(TradeOrder.trade_id.in_(bindparam("ids", expanding=True)))
          .order_by(TradeOrder.trade_id, TradeOrder.rec_id))
_T = {c.key: at for at, c in enumerate(TRADE_COLUMNS)}
_L = {c.key: at for at, c in enumerate(_LINES.selected_columns)}
_SHOPS = select(Shop.shop_id, Shop.shop_no, Shop.shop_name, Shop.remark, Shop.platform_id, Shop.sub_platform_id
                ).where(Shop.shop_id.in_(bindparam("ids", expanding=True)))
_WAREHOUSES = select(Warehouse.warehouse_id, Warehouse.type, Warehouse.warehouse_no).where(
    Warehouse.warehouse_id.in_(bindparam("ids", expanding=True)))
_LOGISTICS = select(Logistics.logistics_id, Logistics.logistics_name, Logistics.logistics_no,
                    Logistics.main_logistics_name).where(Logistics.logistics_id.in_(bindparam("ids", expanding=True)))
_BARCODES = (select(Barcode.target_id, Barcode.barcode)
             .where(Barcode.target_type == 1, Barcode.target_id.in_(bindparam("ids", expanding=True)))
             .order_by(Barcode.target_id, Barcode.is_master.desc(), Barcode.rec_id))

#: fields of a trade / a line that are the same for every row (as wire values)
_HEAD_CONSTANTS = {
    "freeze_reason": "", "receiver_ring": "", "ext_cod_fee": 0.0, "post_cost": 0.0, "tax": 0.0, "tax_rate": 0.0,
    "fchecker_name": "", "checkouter_name": "", "currency": "", "invoice_id": 0, "customer_no": "",
    "customer_id": 0, "delay_to_time": "", "estimate_consign_time": "", "volume": 0.0, "package_name": "",
    "package_id": 0, "package_cost": 0.0, "large_type": 0, "other_cost": 0.0, "customer_type": 0,
    "fenxiao_tid": "", "customer_unique_id": "", "platform_label": "", "fenxiao_nick_no": "",
    "pre_sync_logistics_no": "", "pre_sync_time": "", "settle_time": ""}
_HEAD_COMPUTED = (
    "warehouse_type", "trade_time", "consign_time", "created", "goods_cost", "weight", "profit", "commission",
    "single_spec_no", "shop_no", "shop_name", "shop_remark", "warehouse_no", "customer_name", "logistics_name",
    "logistics_code", "logistics_type_name", "warehouse_id", "trade_label", "new_trade_label", "shop_platform_id",
    "sub_platform_id", "gift_mask", "receiver_area", "detail_list")
_LINE_CONSTANTS = {"from_mask": 0, "from_mask_ext": 0, "print_suite_mode": 0, "flag": 0, "goods_gift_relation": ""}
_LINE_COMPUTED = (
    "modified", "created", "weight", "barcode", "is_received", "cid",
    "modified_date", "created_date", "share_post_price", "share_post_amount", "avg_cost", "reserve_num")
_FOUR = Decimal("0.0001")


@cache
def _shapes(method: str) -> tuple[Columns, Columns]:
    return (Columns(documented_fields(method, "order"), _TRADE_TABLE, _HEAD_COMPUTED, _HEAD_CONSTANTS),
            Columns(documented_fields(method, "detail_list"), _LINE_READ, _LINE_COMPUTED, _LINE_CONSTANTS,
                    nullable=(*_SPEC_FIELDS, *_GOODS_FIELDS)))  # outer joined


def _keyed_rows(session: Session, stmt: Any, ids: set[Any]) -> list[Any]:
    """Rows of `stmt` for `ids` (IN lists of at most _CHUNK keys)."""
    keys = sorted(ids)
    conn = session.connection()
    return [row for at in range(0, len(keys), _CHUNK) for row in conn.execute(stmt, {"ids": keys[at:at + _CHUNK]})
            .all()]


def _keyed(session: Session, stmt: Any, ids: set[Any]) -> dict[Any, Any]:
    """Rows of `stmt` by their first column."""
    return {row[0]: row for row in _keyed_rows(session, stmt, {i for i in ids if i})}


def _wire(value: Any) -> Any:
    return "" if value is None else wire_value(value)


class TradeShaper:
    """Pages of trades (Core rows of TRADE_COLUMNS) → wire rows with their lines.

    The page's lines are read in one query with their spec, goods and stock cost, its shops,
    warehouses and logistics in one query each; plain columns are shaped column by column
    (`wire.Columns`), the computed fields with the same Decimal arithmetic as always (only the
    results become floats).
    """

    def __init__(self, session: Session, tenant_id: int, method: str, share_post: bool = False) -> None:
        self.session = session
        self.tenant_id = tenant_id
        self.share_post = share_post
        self.head, self.line = _shapes(method)

    def __call__(self, trades: Sequence[Any]) -> list[dict[str, Any]]:
        if not trades:
            return []
        session = self.session
        i_trade = _T["trade_id"]
        lines: dict[int, list[Any]] = {trade[i_trade]: [] for trade in trades}
        for line in _keyed_rows(session, _LINES, set(lines)):
            lines[line[_L["trade_id"]]].append(line)
        every = [line for trade_lines in lines.values() for line in trade_lines]
        shops = _keyed(session, _SHOPS, {trade[_T["shop_id"]] for trade in trades})
        warehouses = _keyed(session, _WAREHOUSES, {trade[_T["warehouse_id"]] for trade in trades})
        logistics = _keyed(session, _LOGISTICS, {trade[_T["logistics_id"]] for trade in trades})
        i_barcode = _L["_spec_barcode"]
        barcodes: dict[int, str] = {}
        for spec_id, code in _keyed_rows(session, _BARCODES, {o[_L["spec_id"]] for o in every if not o[i_barcode]}):
            barcodes.setdefault(spec_id, str(code or ""))
        labels = sorted(label_names(session, self.tenant_id).items())
        shaped = iter(self._lines(trades, lines, every, barcodes))
        details = [[next(shaped) for _ in lines[trade[i_trade]]] for trade in trades]
        return self.head.rows(trades, self._head(trades, lines, details, shops, warehouses, logistics, labels))

    @staticmethod
    def _head(trades: Sequence[Any], lines: dict[int, list[Any]], details: list[list[dict[str, Any]]],
              shops: dict[int, Any], warehouses: dict[int, Any], logistics: dict[int, Any],
              labels: list[tuple[int, str]]) -> dict[str, list[Any]]:
        """The computed fields of the trades, column by column (wire values)."""
        T, L = _T, _L
        i_spec, i_actual, i_weight, i_cost = L["spec_id"], L["_actual_num"], L["_spec_weight"], L["_cost_price"]
        i_suite, i_gift, i_commission = L["suite_no"], L["gift_type"], L["_commission"]
        live = [[o for o in lines[trade[T["trade_id"]]] if o[i_actual] > 0] for trade in trades]
        warehouse_ids = [trade[T["warehouse_id"]] for trade in trades]
        goods_cost = [sum(((o[i_cost] or ZERO) * o[i_actual] for o in rows), ZERO) if warehouse_id else ZERO
                      for rows, warehouse_id in zip(live, warehouse_ids, strict=True)]
        singles = []
        for rows in live:
            suites = {o[i_suite] for o in rows}
            single = ""
            if len(suites) == 1 and next(iter(suites)):
                single = next(iter(suites))
            elif len({o[i_spec] for o in rows}) == 1 and rows and not rows[0][i_suite]:
                single = rows[0][L["spec_no"]]
            singles.append(single)
        gift_masks = []
        for rows in live:
            mask = 0
            for o in rows:
                mask |= o[i_gift] if o[i_gift] in (1, 2, 4, 8) else 0
            gift_masks.append(mask)
        of_shop = [shops[trade[T["shop_id"]]] for trade in trades]
        of_warehouse = [warehouses.get(w) if w else None for w in warehouse_ids]
        of_carrier = [logistics.get(c) if (c := trade[T["logistics_id"]]) else None for trade in trades]
        masks = [trade[T["label_mask"]] for trade in trades]
        areas = []
        for trade in trades:
            area = trade.receiver_area
            if not area:
                table = regions()
                area = " ".join(n for n in (table.name_of("province", trade.receiver_province),
                                            table.name_of("city", trade.receiver_city),
                                            table.name_of("district", trade.receiver_district)) if n)
            areas.append(area)
        return {
            "warehouse_type": wire_column(w.type if w else "" for w in of_warehouse),
            "trade_time": [millis(trade[T["_trade_time"]]) for trade in trades],
            "consign_time": [millis(trade[T["_consign_time"]]) for trade in trades],
            "created": [millis(trade[T["_created"]]) for trade in trades],
            "goods_cost": [float(cost) for cost in goods_cost],
            "weight": [float(sum((Decimal(o[i_weight] or 0) * o[i_actual] for o in rows), ZERO)) for rows in live],
            "profit": [float(trade[T["_receivable"]] - cost) for trade, cost in zip(trades, goods_cost, strict=True)],
            "commission": [float(sum((o[i_commission] for o in rows), ZERO)) for rows in live],
            "single_spec_no": wire_column(singles),
            "shop_no": wire_column(shop.shop_no for shop in of_shop),
            "shop_name": wire_column(shop.shop_name for shop in of_shop),
            "shop_remark": wire_column(shop.remark for shop in of_shop),
            "warehouse_no": wire_column(w.warehouse_no if w else "" for w in of_warehouse),
            "customer_name": wire_column(trade[T["receiver_name"]] or trade[T["buyer_nick"]] for trade in trades),
            "logistics_name": wire_column(c.logistics_name if c else "" for c in of_carrier),
            "logistics_code": wire_column(c.logistics_no if c else "" for c in of_carrier),
            "logistics_type_name": wire_column(c.main_logistics_name if c else "" for c in of_carrier),
            "warehouse_id": [w or 0 for w in warehouse_ids],
            "trade_label": [",".join(name for bit, name in labels if mask & bit) for mask in masks],
            "new_trade_label": [str(mask) for mask in masks],
            "shop_platform_id": wire_column(shop.platform_id for shop in of_shop),
            "sub_platform_id": wire_column(shop.sub_platform_id for shop in of_shop),
            "gift_mask": gift_masks,
            "receiver_area": wire_column(areas),
            "detail_list": details,
        }

    def _lines(self, trades: Sequence[Any], lines: dict[int, list[Any]], every: list[Any],
               barcodes: dict[int, str]) -> list[dict[str, Any]]:
        """The wire rows of all lines of the page (`every`, in page order), column by column: plain
        columns by `self.line`, the rest computed here (Decimal arithmetic as ever; only the results
        become floats)."""
        if not every:
            return []
        L = _L
        owners = [trade for trade in trades for _ in lines[trade.trade_id]]
        actual = [o[L["_actual_num"]] for o in every]
        pairs = list(zip(every, actual, strict=True))
        columns: dict[str, list[Any]] = {}
        modified = [o[L["_modified"]] for o in every]
        created = [o[L["_created"]] for o in every]
        columns["modified"] = [millis(v) for v in modified]
        columns["created"] = [millis(v) for v in created]
        columns["modified_date"] = wire_column(modified)
        columns["created_date"] = wire_column(created)
        i_weight, i_barcode, i_spec, i_cost = L["_spec_weight"], L["_spec_barcode"], L["spec_id"], L["_cost_price"]
        columns["weight"] = [float(Decimal(o[i_weight] or 0) * n) for o, n in pairs]
        columns["barcode"] = [_wire(o[i_barcode] or barcodes.get(o[i_spec], "")) for o in every]
        i_pay, i_stock, i_cid = L["pay_status"], L["stock_state"], L["cid"]
        columns["is_received"] = [1 if o[i_pay] == 2 else 0 for o in every]
        columns["cid"] = [int(cid) if cid.isdigit() else 0 for cid in (o[i_cid] for o in every)]
        columns["reserve_num"] = [float(n) if o[i_stock] == 4 else 0.0 for o, n in pairs]
        columns["avg_cost"] = [
            (float((o[i_cost] or ZERO) * n / n) if trade.warehouse_id else float(ZERO / n)) if n else 0.0
            for trade, (o, n) in zip(owners, pairs, strict=True)]
        share_post = [0.0] * len(every)
        if self.share_post:
            i_share = L["_share_amount"]
            totals = {trade_id: sum((o[i_share] for o in trade_lines if o[L["_actual_num"]] > 0), ZERO)
                      for trade_id, trade_lines in lines.items()}
            for at, (trade, (o, n)) in enumerate(zip(owners, pairs, strict=True)):
                total = totals[trade.trade_id]
                if total and n > 0:
                    share_post[at] = float((trade._post_amount * o[i_share] / total).quantize(_FOUR))
        columns["share_post_price"] = columns["share_post_amount"] = share_post
        return self.line.rows(every, columns)
