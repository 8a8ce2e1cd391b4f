"""Everything the sales stockout queries show besides the stockouts, loaded for a page in a few queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from wdterp.domain.catalog.models import GoodsClass, GoodsUnit
from wdterp.domain.documents import views
from wdterp.domain.documents.models import DocumentSn, StockDocument, StockDocumentLine
from wdterp.domain.masterdata.models import Employee, Shop
from wdterp.domain.queries import Reader, scalars_of
from wdterp.domain.sales.edits import label_names
from wdterp.domain.sales.models import Trade, TradeOrder
from wdterp.domain.sales_wms.allocation import allocations_of
from wdterp.domain.sales_wms.common import employees_by_name
from wdterp.domain.sales_wms.models import Allocation, Package, StockoutWms
from wdterp.domain.sales_wms.picking import pick_of_docs
from wdterp.domain.sales_wms.statuses import OPEN_PLATFORMS

ZERO = Decimal(0)


@dataclass
class StockoutFacts:
    base: views.Facts
    trades: dict[int, Trade] = field(default_factory=dict)
    shops: dict[int, Shop] = field(default_factory=dict)
    orders: dict[int, TradeOrder] = field(default_factory=dict)
    wms: dict[int, StockoutWms] = field(default_factory=dict)
    picks: dict[int, tuple[str, int]] = field(default_factory=dict)
    packages: dict[int, list[Package]] = field(default_factory=dict)
    allocations: dict[int, list[Allocation]] = field(default_factory=dict)
    sns: dict[int, list[str]] = field(default_factory=dict)
    classes: dict[int, str] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    employees: dict[str, Employee] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)

    def trade(self, doc: StockDocument) -> Trade:
        return self.trades[doc.src_order_id]

    def shop(self, doc: StockDocument) -> Shop:
        return self.shops[self.trade(doc).shop_id]

    def private(self, doc: StockDocument) -> bool:
        """Receiver and buyer fields are returned for own-mall and offline orders only."""
        return self.shop(doc).platform_id not in OPEN_PLATFORMS

    def order(self, line: StockDocumentLine) -> TradeOrder | None:
        return self.orders.get(int((line.extra or {}).get("trade_order_id") or 0))

    def employee(self, name: str) -> Employee | None:
        return self.employees.get(name) if name and name != "系统" else None

    def label_text(self, trade: Trade) -> str:
        return ",".join(name for bit, name in sorted(self.labels.items()) if trade.label_mask & bit)


def load(session: Reader, tenant_id: int, docs: Iterable[StockDocument], with_sn: bool = False) -> StockoutFacts:
    docs = list(docs)
    ids = [d.doc_id for d in docs]
    allocations = allocations_of(session, ids)
    lines = [line for d in docs for line in d.lines]
    base = views.load(session, tenant_id, spec_ids=[x.spec_id for x in lines],
                      position_ids=[a.position_id for rows in allocations.values() for a in rows]
                      + [x.position_id for x in lines],
                      batch_nos=[a.batch_no for rows in allocations.values() for a in rows]
                      + [x.batch_no for x in lines],
                      warehouse_ids=[d.warehouse_id for d in docs], logistics_ids=[d.logistics_id for d in docs],
                      flag_names=[d.flag_name for d in docs])
    facts = StockoutFacts(base=base, allocations=allocations, picks=pick_of_docs(session, ids),
                          labels=label_names(session, tenant_id))
    trade_ids = sorted({d.src_order_id for d in docs if d.src_order_id})
    if trade_ids:
        facts.trades = {t.trade_id: t for t in scalars_of(session, select(Trade).where(Trade.trade_id.in_(trade_ids)))}
        shop_ids = sorted({t.shop_id for t in facts.trades.values()})
        facts.shops = {s.shop_id: s for s in scalars_of(session, select(Shop).where(Shop.shop_id.in_(shop_ids)))}
    order_ids = sorted({int((x.extra or {}).get("trade_order_id") or 0) for x in lines} - {0})
    if order_ids:
        facts.orders = {o.rec_id: o for o in scalars_of(session,
            select(TradeOrder).where(TradeOrder.rec_id.in_(order_ids)))}
    if ids:
        facts.wms = {w.doc_id: w for w in scalars_of(session, select(StockoutWms).where(StockoutWms.doc_id.in_(ids)))}
        for p in scalars_of(session, select(Package).where(Package.doc_id.in_(ids)).order_by(Package.rec_id)):
            facts.packages.setdefault(p.doc_id, []).append(p)
    if with_sn and lines:
        for sn in scalars_of(session, select(DocumentSn).where(DocumentSn.line_id.in_([x.rec_id for x in lines]))
                                  .order_by(DocumentSn.rec_id)):
            facts.sns.setdefault(sn.line_id, []).append(sn.sn)
    class_ids = sorted({g.class_id for g in base.goods.values() if g.class_id})
    if class_ids:
        facts.classes = dict(session.execute(select(GoodsClass.class_id, GoodsClass.class_name)
                                             .where(GoodsClass.class_id.in_(class_ids))).all())
    unit_names = {n for s in base.specs.values() for n in (s.unit_name, s.aux_unit_name) if n} | \
        {n for g in base.goods.values() for n in (g.unit_name, g.aux_unit_name) if n}
    if unit_names:
        facts.units = dict(session.execute(select(GoodsUnit.name, GoodsUnit.unit_id).where(
            GoodsUnit.tenant_id == tenant_id, GoodsUnit.name.in_(sorted(unit_names)))).all())
    names: list[str] = [d.operator_name for d in docs] + [w.packager_name for w in facts.wms.values()]
    names += [t.salesman_name for t in facts.trades.values()] + [t.checker_name for t in facts.trades.values()]
    facts.employees = employees_by_name(session, tenant_id, names)
    return facts


def goods_cost(doc: StockDocument) -> Decimal:
    return sum((line.cost_price * line.num for line in doc.lines), ZERO)


def goods_amount(doc: StockDocument) -> Decimal:
    return sum((line.price * line.num for line in doc.lines), ZERO)


def share_post(trade: Trade, order: TradeOrder | None, orders: Iterable[TradeOrder]) -> Decimal:
    """The line's share of the trade's postage, by its share of the goods amount."""
    total = sum((o.share_amount for o in orders if o.actual_num > 0), ZERO)
    if order is None or not total:
        return ZERO
    return (trade.post_amount * order.share_amount / total).quantize(Decimal("0.0001"))

