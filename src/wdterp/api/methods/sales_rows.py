"""Wire rows of the sales methods: raw trades, trades and their lines, onto each doc's field names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from wdterp.api.wire import Columns, documented_fields, project, wire_column, wire_value
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.queries import Reader, by_id
from wdterp.domain.sales import pages
from wdterp.domain.sales.models import RawTrade
from wdterp.domain.sales.pages import GOODS_FIELDS, LINE_READ, SPEC_FIELDS, TRADE_TABLE, L, T
from wdterp.protocol.clock import wire_millis as millis

ZERO = Decimal(0)



# ---------------------------------------------------------------------------- raw trades


def raw_trade_mapper(session: Reader, method: str, detail_mask: bool) -> Callable[[RawTrade], dict[str, Any]]:
    """`detail_mask` 1: with the discount lines (优惠明细), else an empty list."""
    shops: dict[int, Shop] = {}
    head, lines, discounts = (documented_fields(method, t) for t in ("order", "trade_orders", "discount_list"))

    def to_row(raw: RawTrade) -> dict[str, Any]:
        if raw.shop_id not in shops:
            shops.update(by_id(session, Shop, [raw.shop_id]))
        shop = shops[raw.shop_id]
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


@cache
def _shapes(method: str) -> tuple[Columns, Columns]:
    return (Columns(documented_fields(method, "order"), TRADE_TABLE, _HEAD_COMPUTED, _HEAD_CONSTANTS),
            Columns(documented_fields(method, "detail_list"), LINE_READ, _LINE_COMPUTED, _LINE_CONSTANTS,
                    nullable=(*SPEC_FIELDS, *GOODS_FIELDS)))  # outer joined


def _wire(value: Any) -> Any:
    return "" if value is None else wire_value(value)


class TradeShaper:
    """Pages of trades (Core rows of `pages.TRADE_COLUMNS`) → wire rows with their lines.

    What the page points to and its figures come from `domain/sales/pages.py`; plain columns are
    shaped column by column (`wire.Columns`), the figures become floats.
    """

    def __init__(self, session: Reader, tenant_id: int, method: str, share_post: bool = False) -> None:
        self.session = session
        self.tenant_id = tenant_id
        self.share_post = share_post
        self.head, self.line = _shapes(method)

    def __call__(self, trades: Sequence[Any]) -> list[dict[str, Any]]:
        if not trades:
            return []
        page = pages.trade_page(self.session, self.tenant_id, trades)
        shaped = iter(self._lines(page))
        i_trade = T["trade_id"]
        details = [[next(shaped) for _ in page.lines[trade[i_trade]]] for trade in trades]
        return self.head.rows(trades, {**self._figures(page), **self._lookups(page), "detail_list": details})

    @staticmethod
    def _figures(page: pages.TradePage) -> dict[str, list[Any]]:
        """The computed figures of the trades, column by column (wire values)."""
        live = pages.live_lines(page)
        costs = pages.goods_costs(page, live)
        masks = [trade[T["label_mask"]] for trade in page.trades]
        return {
            "trade_time": [millis(trade[T["_trade_time"]]) for trade in page.trades],
            "consign_time": [millis(trade[T["_consign_time"]]) for trade in page.trades],
            "created": [millis(trade[T["_created"]]) for trade in page.trades],
            "goods_cost": _floats(costs), "weight": _floats(pages.weights(live)),
            "profit": _floats(pages.profits(page, costs)), "commission": _floats(pages.commissions(live)),
            "single_spec_no": wire_column(pages.single_spec_nos(live)), "gift_mask": pages.gift_masks(live),
            "trade_label": [",".join(name for bit, name in page.labels if mask & bit) for mask in masks],
            "new_trade_label": [str(mask) for mask in masks],
            "receiver_area": wire_column(pages.receiver_areas(page.trades)),
        }

    @staticmethod
    def _lookups(page: pages.TradePage) -> dict[str, list[Any]]:
        """The fields of the trades' shops, warehouses and carriers, column by column (wire values)."""
        trades = page.trades
        warehouse_ids = [trade[T["warehouse_id"]] for trade in trades]
        of_shop = [page.shops[trade[T["shop_id"]]] for trade in trades]
        of_warehouse = [page.warehouses.get(w) if w else None for w in warehouse_ids]
        of_carrier = [page.logistics.get(c) if (c := trade[T["logistics_id"]]) else None for trade in trades]
        return {
            "warehouse_type": wire_column(w.type if w else "" for w in of_warehouse),
            "shop_no": wire_column(shop.shop_no for shop in of_shop),
            "shop_name": wire_column(shop.shop_name for shop in of_shop),
            "shop_remark": wire_column(shop.remark for shop in of_shop),
            "warehouse_no": wire_column(w.warehouse_no if w else "" for w in of_warehouse),
            "customer_name": wire_column(trade[T["receiver_name"]] or trade[T["buyer_nick"]] for trade in trades),
            "logistics_name": wire_column(c.logistics_name if c else "" for c in of_carrier),
            "logistics_code": wire_column(c.logistics_no if c else "" for c in of_carrier),
            "logistics_type_name": wire_column(c.main_logistics_name if c else "" for c in of_carrier),
            "warehouse_id": [w or 0 for w in warehouse_ids],
            "shop_platform_id": wire_column(shop.platform_id for shop in of_shop),
            "sub_platform_id": wire_column(shop.sub_platform_id for shop in of_shop),
        }

    def _lines(self, page: pages.TradePage) -> list[dict[str, Any]]:
        """The wire rows of all lines of the page (in page order), column by column."""
        every = page.every_line
        if not every:
            return []
        owners = pages.line_owners(page)
        actual = [o[L["_actual_num"]] for o in every]
        modified, created = [o[L["_modified"]] for o in every], [o[L["_created"]] for o in every]
        i_barcode, i_spec, i_pay, i_stock, i_cid = (L["_spec_barcode"], L["spec_id"], L["pay_status"],
                                                    L["stock_state"], L["cid"])
        share_post = _floats(pages.shared_postage(page, owners, every)) if self.share_post else [0.0] * len(every)
        columns: dict[str, list[Any]] = {
            "modified": [millis(v) for v in modified], "created": [millis(v) for v in created],
            "modified_date": wire_column(modified), "created_date": wire_column(created),
            "weight": _floats(pages.line_weights(every)),
            "barcode": [_wire(o[i_barcode] or page.barcodes.get(o[i_spec], "")) for o in every],
            "is_received": [1 if o[i_pay] == 2 else 0 for o in every],
            "cid": [int(cid) if cid.isdigit() else 0 for cid in (o[i_cid] for o in every)],
            "reserve_num": [float(n) if o[i_stock] == 4 else 0.0 for o, n in zip(every, actual, strict=True)],
            "avg_cost": [0.0 if cost is None else float(cost) for cost in pages.average_costs(owners, every)],
            "share_post_price": share_post, "share_post_amount": share_post,
        }
        return self.line.rows(every, columns)


def _floats(values: Sequence[Decimal]) -> list[float]:
    return [float(v) for v in values]
