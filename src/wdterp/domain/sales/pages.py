"""A page of trades as the TradeQuery methods show it: trades and lines read as Core rows, what they
point to (shops, warehouses, carriers, barcodes, labels) in one query each, and the figures
computed from them (cost, profit, weight, commission, the single spec, gift mask, shared postage)
with Decimal arithmetic. `api/methods/sales_rows.py` shapes them for the wire."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, select

from wdterp.domain.catalog.models import Barcode, Goods, Spec
from wdterp.domain.inventory.models import Stock
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.masterdata.regions import regions
from wdterp.domain.queries import Reader, connection_of
from wdterp.domain.sales.edits import label_names
from wdterp.domain.sales.models import Trade, TradeOrder
from wdterp.storage.rawtypes import read_columns

ZERO = Decimal(0)
#: keys per IN (...) of a page's lookups
_CHUNK = 500
_FOUR = Decimal("0.0001")

TRADE_TABLE = tuple(Trade.__table__.c)
_LINE_TABLE = tuple(TradeOrder.__table__.c)
#: what the trades of a page are read as: the table's columns as `wire.Columns` reads them, then
#: those the computed fields need as Decimals and datetimes
TRADE_COLUMNS = (*read_columns(TRADE_TABLE), Trade.receivable.label("_receivable"),
                 Trade.post_amount.label("_post_amount"), Trade.trade_time.label("_trade_time"),
                 Trade.consign_time.label("_consign_time"), Trade.created.label("_created"))
#: what a line shows of its spec (in this order) and of its goods
SPEC_FIELDS = ("spec_name", "spec_no", "spec_code", "tax_rate", "prop1", "prop2", "prop3", "prop4", "prop5",
                "prop6", "img_url")
GOODS_FIELDS = ("goods_name", "goods_no", "goods_type", "short_name")
#: the lines of a page of trades in each trade's order (rec_id), with their spec, goods and the cost
#: price of the spec in the trade's warehouse (stock has one row per warehouse, spec and defect)
LINE_READ = (*_LINE_TABLE, *(getattr(Spec, f) for f in SPEC_FIELDS), *(getattr(Goods, f) for f in GOODS_FIELDS))
LINES = (select(*read_columns(LINE_READ), TradeOrder.actual_num.label("_actual_num"),
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
T = {c.key: at for at, c in enumerate(TRADE_COLUMNS)}
L = {c.key: at for at, c in enumerate(LINES.selected_columns)}
_SHOPS = select(Shop.shop_id, Shop.shop_no, Shop.shop_name, Shop.remark, Shop.platform_id, Shop.sub_platform_id
                ).where(Shop.shop_id.in_(bindparam("ids", expanding=True)))
_WAREHOUSES = select(Warehouse.warehouse_id, Warehouse.type, Warehouse.warehouse_no).where(
    Warehouse.warehouse_id.in_(bindparam("ids", expanding=True)))
_LOGISTICS = select(Logistics.logistics_id, Logistics.logistics_name, Logistics.logistics_no,
                    Logistics.main_logistics_name).where(Logistics.logistics_id.in_(bindparam("ids", expanding=True)))
_BARCODES = (select(Barcode.target_id, Barcode.barcode)
             .where(Barcode.target_type == 1, Barcode.target_id.in_(bindparam("ids", expanding=True)))
             .order_by(Barcode.target_id, Barcode.is_master.desc(), Barcode.rec_id))


def _keyed_rows(session: Reader, stmt: Any, ids: set[Any]) -> list[Any]:
    """Rows of `stmt` for `ids` (IN lists of at most _CHUNK keys)."""
    keys = sorted(ids)
    conn = connection_of(session)
    return [row for at in range(0, len(keys), _CHUNK) for row in conn.execute(stmt, {"ids": keys[at:at + _CHUNK]})
            .all()]


def _keyed(session: Reader, stmt: Any, ids: set[Any]) -> dict[Any, Any]:
    """Rows of `stmt` by their first column."""
    return {row[0]: row for row in _keyed_rows(session, stmt, {i for i in ids if i})}



@dataclass
class TradePage:
    """The trades of a page (Core rows of TRADE_COLUMNS) and what their fields are computed from."""

    trades: Sequence[Any]
    #: trade_id → its lines (Core rows of LINES), in rec_id order
    lines: dict[int, list[Any]]
    shops: dict[int, Any]
    warehouses: dict[int, Any]
    logistics: dict[int, Any]
    #: spec_id → its first barcode, for lines whose spec has none of its own
    barcodes: dict[int, str]
    labels: list[tuple[int, str]]

    @property
    def every_line(self) -> list[Any]:
        return [line for trade_lines in self.lines.values() for line in trade_lines]


def trade_page(session: Reader, tenant_id: int, trades: Sequence[Any]) -> TradePage:
    i_trade = T["trade_id"]
    lines: dict[int, list[Any]] = {trade[i_trade]: [] for trade in trades}
    for line in _keyed_rows(session, LINES, set(lines)):
        lines[line[L["trade_id"]]].append(line)
    every = [line for trade_lines in lines.values() for line in trade_lines]
    barcodes: dict[int, str] = {}
    i_barcode = L["_spec_barcode"]
    for spec_id, code in _keyed_rows(session, _BARCODES, {o[L["spec_id"]] for o in every if not o[i_barcode]}):
        barcodes.setdefault(spec_id, str(code or ""))
    return TradePage(trades, lines, _keyed(session, _SHOPS, {trade[T["shop_id"]] for trade in trades}),
                     _keyed(session, _WAREHOUSES, {trade[T["warehouse_id"]] for trade in trades}),
                     _keyed(session, _LOGISTICS, {trade[T["logistics_id"]] for trade in trades}),
                     barcodes, sorted(label_names(session, tenant_id).items()))


def live_lines(page: TradePage) -> list[list[Any]]:
    """Per trade, its lines still to ship (actual_num > 0)."""
    return [[o for o in page.lines[trade[T["trade_id"]]] if o[L["_actual_num"]] > 0] for trade in page.trades]


def goods_costs(page: TradePage, live: list[list[Any]]) -> list[Decimal]:
    """Per trade: the cost of its goods at the stock cost in its warehouse (0 without a warehouse)."""
    i_cost, i_actual = L["_cost_price"], L["_actual_num"]
    return [sum(((o[i_cost] or ZERO) * o[i_actual] for o in rows), ZERO) if trade[T["warehouse_id"]] else ZERO
            for rows, trade in zip(live, page.trades, strict=True)]


def profits(page: TradePage, costs: list[Decimal]) -> list[Decimal]:
    return [trade[T["_receivable"]] - cost for trade, cost in zip(page.trades, costs, strict=True)]


def weights(live: list[list[Any]]) -> list[Decimal]:
    i_weight, i_actual = L["_spec_weight"], L["_actual_num"]
    return [sum((Decimal(o[i_weight] or 0) * o[i_actual] for o in rows), ZERO) for rows in live]


def commissions(live: list[list[Any]]) -> list[Decimal]:
    return [sum((o[L["_commission"]] for o in rows), ZERO) for rows in live]


def single_spec_nos(live: list[list[Any]]) -> list[str]:
    """Per trade: its one suite, or its one spec when that is not a suite's, else ""."""
    i_suite, i_spec = L["suite_no"], L["spec_id"]
    singles = []
    for rows in live:
        suites = {o[i_suite] for o in rows}
        single = ""
        if len(suites) == 1 and next(iter(suites)):
            single = next(iter(suites))
        elif len({o[i_spec] for o in rows}) == 1 and rows and not rows[0][i_suite]:
            single = rows[0][L["spec_no"]]
        singles.append(single)
    return singles


def gift_masks(live: list[list[Any]]) -> list[int]:
    i_gift = L["gift_type"]
    masks = []
    for rows in live:
        mask = 0
        for o in rows:
            mask |= o[i_gift] if o[i_gift] in (1, 2, 4, 8) else 0
        masks.append(mask)
    return masks


def receiver_areas(trades: Sequence[Any]) -> list[str]:
    """The receiver area text, else the names of its region codes."""
    areas = []
    for trade in trades:
        area = trade.receiver_area
        if not area:
            table = regions()
            area = " ".join(n for n in (table.name_of("province", trade.receiver_province),
                                        table.name_of("city", trade.receiver_city),
                                        table.name_of("district", trade.receiver_district)) if n)
        areas.append(area)
    return areas


def line_owners(page: TradePage) -> list[Any]:
    """The trade of each line of `every_line`."""
    return [trade for trade in page.trades for _ in page.lines[trade.trade_id]]


def line_weights(every: list[Any]) -> list[Decimal]:
    return [Decimal(o[L["_spec_weight"]] or 0) * o[L["_actual_num"]] for o in every]


def average_costs(owners: list[Any], every: list[Any]) -> list[Decimal | None]:
    """Per line: its cost price in the trade's warehouse (None for a line with nothing to ship)."""
    i_cost, i_actual = L["_cost_price"], L["_actual_num"]
    out: list[Decimal | None] = []
    for trade, o in zip(owners, every, strict=True):
        n = o[i_actual]
        out.append(((o[i_cost] or ZERO) * n / n if trade.warehouse_id else ZERO / n) if n else None)
    return out


def shared_postage(page: TradePage, owners: list[Any], every: list[Any]) -> list[Decimal]:
    """Per line: the trade's postage shared by the lines' share amounts (to 4 places)."""
    i_share, i_actual = L["_share_amount"], L["_actual_num"]
    totals = {trade_id: sum((o[i_share] for o in trade_lines if o[i_actual] > 0), ZERO)
              for trade_id, trade_lines in page.lines.items()}
    out = []
    for trade, o in zip(owners, every, strict=True):
        total, n = totals[trade.trade_id], o[i_actual]
        out.append((trade._post_amount * o[i_share] / total).quantize(_FOUR) if total and n > 0 else ZERO)
    return out
