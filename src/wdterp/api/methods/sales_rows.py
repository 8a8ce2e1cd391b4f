"""Wire rows of the sales methods: raw trades, trades and their lines, onto each doc's field names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.api.wire import documented_fields, project
from wdterp.domain.catalog.models import Barcode, Goods, Spec
from wdterp.domain.inventory.models import Stock
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.masterdata.regions import regions
from wdterp.domain.sales.edits import label_names
from wdterp.domain.sales.models import RawTrade, Trade, TradeOrder
from wdterp.protocol.clock import CHINA_TZ

ZERO = Decimal(0)
#: keys per IN (...) of a prefetch
_CHUNK = 500


def millis(value: datetime | None) -> int | str:
    """The TradeQuery pages' millisecond timestamps ("" when there is no time, e.g. not shipped)."""
    return "" if value is None else int(value.replace(tzinfo=CHINA_TZ).timestamp() * 1000)


class _Cache:
    """Per-call lookups of the master data rows trades point to; `prefetch` loads those of a whole
    page in a few queries (specs, goods, stock costs, barcodes) instead of one query per line."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[tuple[type, int], Any] = {}
        self._costs: dict[tuple[int, int], Decimal] = {}
        self._barcodes: dict[int, str] = {}

    def get(self, model: type, key: int | None) -> Any:
        if not key:
            return None
        if (model, key) not in self._rows:
            self._rows[(model, key)] = self.session.get(model, key)
        return self._rows[(model, key)]

    def barcode(self, spec_id: int) -> str:
        if spec_id not in self._barcodes:
            self._barcodes[spec_id] = str(self.session.scalar(select(Barcode.barcode).where(
                Barcode.target_type == 1, Barcode.target_id == spec_id).order_by(Barcode.is_master.desc()).limit(1))
                or "")
        return self._barcodes[spec_id]

    def cost_price(self, warehouse_id: int, spec_id: int) -> Decimal:
        key = (warehouse_id, spec_id)
        if key not in self._costs:
            from wdterp.domain.inventory.service import stock_row

            row = stock_row(self.session, warehouse_id, spec_id)
            self._costs[key] = row.cost_price if row is not None else ZERO
        return self._costs[key]

    def _load(self, model: Any, key: Any, ids: set[int]) -> None:
        missing = sorted(i for i in ids if i and (model, i) not in self._rows)
        for at in range(0, len(missing), _CHUNK):
            part = missing[at:at + _CHUNK]
            found = {getattr(row, key.key): row for row in self.session.scalars(select(model).where(key.in_(part)))}
            self._rows.update(((model, i), found.get(i)) for i in part)

    def prefetch(self, trades: list[Trade]) -> None:
        """Load what the lines of these trades point to (their `orders` already loaded)."""
        orders = [(t, o) for t in trades for o in t.orders]
        self._load(Spec, Spec.spec_id, {o.spec_id for _, o in orders})
        self._load(Goods, Goods.goods_id, {o.goods_id for _, o in orders})
        for model, key, ids in ((Shop, Shop.shop_id, {t.shop_id for t in trades}),
                                (Warehouse, Warehouse.warehouse_id, {t.warehouse_id or 0 for t in trades}),
                                (Logistics, Logistics.logistics_id, {t.logistics_id or 0 for t in trades})):
            self._load(model, key, ids)
        pairs = {(t.warehouse_id, o.spec_id) for t, o in orders if t.warehouse_id} - self._costs.keys()
        if pairs:
            warehouses = sorted({w for w, _ in pairs})
            specs = sorted({s for _, s in pairs})
            for at in range(0, len(specs), _CHUNK):
                rows = self.session.execute(select(Stock.warehouse_id, Stock.spec_id, Stock.cost_price).where(
                    Stock.warehouse_id.in_(warehouses), Stock.spec_id.in_(specs[at:at + _CHUNK]),
                    Stock.defect.is_(False)))
                self._costs.update(((w, sp), cost) for w, sp, cost in rows)
            self._costs.update((pair, ZERO) for pair in pairs if pair not in self._costs)
        bare = sorted({o.spec_id for _, o in orders} - self._barcodes.keys())
        bare = [i for i in bare if (spec := self._rows.get((Spec, i))) is not None and not spec.barcode]
        for at in range(0, len(bare), _CHUNK):
            part = bare[at:at + _CHUNK]
            codes = self.session.execute(select(Barcode.target_id, Barcode.barcode).where(
                Barcode.target_type == 1, Barcode.target_id.in_(part))
                .order_by(Barcode.target_id, Barcode.is_master.desc(), Barcode.rec_id))
            for spec_id, code in codes:
                self._barcodes.setdefault(spec_id, str(code or ""))
            self._barcodes.update((i, "") for i in part if i not in self._barcodes)


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


class TradeMapper:
    """Trade → wire row; `prefetch(page)` first loads what the page's lines point to."""

    def __init__(self, cache: _Cache, to_row: Callable[[Trade], dict[str, Any]]) -> None:
        self.prefetch = cache.prefetch
        self.to_row = to_row

    def __call__(self, trade: Trade) -> dict[str, Any]:
        return self.to_row(trade)


def trade_mapper(session: Session, tenant_id: int, method: str, share_post: bool = False) -> TradeMapper:
    cache = _Cache(session)
    labels = label_names(session, tenant_id)
    head, lines = documented_fields(method, "order"), documented_fields(method, "detail_list")

    def to_row(trade: Trade) -> dict[str, Any]:
        shop: Shop = cache.get(Shop, trade.shop_id)
        warehouse: Warehouse | None = cache.get(Warehouse, trade.warehouse_id)
        logistics: Logistics | None = cache.get(Logistics, trade.logistics_id)
        live = [o for o in trade.orders if o.actual_num > 0]
        total_amount = sum((o.share_amount for o in live), ZERO)
        details = [_line(cache, trade, o, lines, share_post, total_amount) for o in trade.orders]
        weight = sum((_weight(cache, o) for o in live), ZERO)
        goods_cost = sum((_cost(cache, trade, o) for o in live), ZERO)
        names = [name for bit, name in sorted(labels.items()) if trade.label_mask & bit]
        specs = {o.spec_id for o in live}
        suites = {o.suite_no for o in live}
        single = ""
        if len(suites) == 1 and next(iter(suites)):
            single = next(iter(suites))
        elif len(specs) == 1 and live and not live[0].suite_no:
            single = _spec(cache, live[0]).spec_no
        table = regions()
        return project(
            trade, head, warehouse_type=warehouse.type if warehouse else "", freeze_reason="",
            receiver_ring="", trade_time=millis(trade.trade_time), consign_time=millis(trade.consign_time),
            created=millis(trade.created), ext_cod_fee=ZERO, goods_cost=goods_cost, post_cost=ZERO,
            weight=weight, profit=trade.receivable - goods_cost, tax=ZERO, tax_rate=ZERO,
            commission=sum((o.commission for o in live), ZERO), fchecker_name="",
            checkouter_name="", single_spec_no=single, currency="", invoice_id=0,
            shop_no=shop.shop_no, shop_name=shop.shop_name, shop_remark=shop.remark,
            warehouse_no=warehouse.warehouse_no if warehouse else "",
            customer_name=trade.receiver_name or trade.buyer_nick, customer_no="", customer_id=0,
            logistics_name=logistics.logistics_name if logistics else "",
            logistics_code=logistics.logistics_no if logistics else "",
            logistics_type_name=logistics.main_logistics_name if logistics else "",
            delay_to_time="", estimate_consign_time="", warehouse_id=trade.warehouse_id or 0, volume=ZERO,
            trade_label=",".join(names), new_trade_label=str(trade.label_mask), shop_platform_id=shop.platform_id,
            sub_platform_id=shop.sub_platform_id, package_name="", package_id=0, package_cost=ZERO,
            large_type=0, gift_mask=_gift_mask(live), other_cost=ZERO, customer_type=0,
            fenxiao_tid="", customer_unique_id="", platform_label="", fenxiao_nick_no="",
            pre_sync_logistics_no="", pre_sync_time="", settle_time="",
            receiver_area=trade.receiver_area or " ".join(
                n for n in (table.name_of("province", trade.receiver_province),
                            table.name_of("city", trade.receiver_city),
                            table.name_of("district", trade.receiver_district)) if n),
            detail_list=details)

    return TradeMapper(cache, to_row)


def _spec(cache: _Cache, order: TradeOrder) -> Spec:
    spec: Spec = cache.get(Spec, order.spec_id)
    return spec


def _weight(cache: _Cache, order: TradeOrder) -> Decimal:
    return Decimal(_spec(cache, order).weight or 0) * order.actual_num


def _cost(cache: _Cache, trade: Trade, order: TradeOrder) -> Decimal:
    if not trade.warehouse_id:
        return ZERO
    return cache.cost_price(trade.warehouse_id, order.spec_id) * order.actual_num


def _gift_mask(lines: list[TradeOrder]) -> int:
    mask = 0
    for line in lines:
        mask |= line.gift_type if line.gift_type in (1, 2, 4, 8) else 0
    return mask


def _line(cache: _Cache, trade: Trade, order: TradeOrder, names: tuple[str, ...], share_post: bool,
          total_amount: Decimal) -> dict[str, Any]:
    spec = _spec(cache, order)
    goods: Goods = cache.get(Goods, order.goods_id)
    share_post_price = (trade.post_amount * order.share_amount / total_amount).quantize(Decimal("0.0001")) \
        if share_post and total_amount and order.actual_num > 0 else ZERO
    return project(
        order, names, goods_name=goods.goods_name, goods_no=goods.goods_no, spec_name=spec.spec_name,
        spec_no=spec.spec_no, spec_code=spec.spec_code, tax_rate=spec.tax_rate, goods_type=goods.goods_type,
        from_mask=0, from_mask_ext=0, modified=millis(order.modified), created=millis(order.created),
        prop1=spec.prop1, prop2=spec.prop2, prop3=spec.prop3, prop4=spec.prop4, prop5=spec.prop5,
        prop6=spec.prop6, weight=Decimal(spec.weight or 0) * order.actual_num, img_url=spec.img_url,
        barcode=spec.barcode or cache.barcode(spec.spec_id), print_suite_mode=0, flag=0,
        is_received=1 if order.pay_status == 2 else 0, cid=int(order.cid) if order.cid.isdigit() else 0,
        modified_date=order.modified, created_date=order.created, share_post_price=share_post_price,
        share_post_amount=share_post_price, short_name=goods.short_name, goods_gift_relation="",
        avg_cost=_cost(cache, trade, order) / order.actual_num if order.actual_num else ZERO,
        reserve_num=order.actual_num if order.stock_state == 4 else ZERO)
