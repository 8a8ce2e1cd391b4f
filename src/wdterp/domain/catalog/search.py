"""goods.Goods.queryWithSpec: goods whose goods or spec row changed in the window, with their specs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, or_, select

from wdterp.domain.catalog import barcodes
from wdterp.domain.catalog.models import Barcode, Brand, Goods, GoodsClass, Spec
from wdterp.domain.queries import Reader, scalars_of


def _spec_filters(tenant_id: int, f: dict[str, Any]) -> list[Any]:
    """Conditions on specs the caller named (spec_no, barcode); they also narrow each goods' spec list."""
    conditions: list[Any] = []
    if f.get("spec_no"):
        conditions.append(Spec.spec_no == f["spec_no"])
    if f.get("barcode"):
        conditions.append(Spec.spec_id.in_(select(Barcode.target_id).where(
            Barcode.tenant_id == tenant_id, Barcode.target_type == barcodes.SPEC, Barcode.barcode == f["barcode"])))
    return conditions


def _hide_deleted(f: dict[str, Any]) -> bool:
    return bool(f.get("hide_deleted", True))


def goods_query(tenant_id: int, f: dict[str, Any]) -> Select[Any]:
    stmt = select(Goods).where(Goods.tenant_id == tenant_id).order_by(Goods.goods_id)
    if _hide_deleted(f):
        stmt = stmt.where(Goods.deleted == 0)
    if f.get("goods_no"):
        stmt = stmt.where(Goods.goods_no == f["goods_no"])
    if f.get("brand_name"):
        stmt = stmt.where(Goods.brand_id.in_(select(Brand.brand_id).where(
            Brand.tenant_id == tenant_id, Brand.brand_name == f["brand_name"])))
    if f.get("class_name"):
        stmt = stmt.where(Goods.class_id.in_(select(GoodsClass.class_id).where(
            GoodsClass.tenant_id == tenant_id, GoodsClass.class_name == f["class_name"])))
    spec_conditions = _spec_filters(tenant_id, f)
    if spec_conditions:
        stmt = stmt.where(exists(select(Spec.spec_id).where(Spec.goods_id == Goods.goods_id, *spec_conditions)))
    start, end = f.get("start_time"), f.get("end_time")
    if start is not None or end is not None:
        stmt = stmt.where(or_(_window(Goods.modified, start, end), exists(
            select(Spec.spec_id).where(Spec.goods_id == Goods.goods_id, _window(Spec.modified, start, end)))))
    return stmt


def _window(column: Any, start: datetime | None, end: datetime | None) -> Any:
    condition = column.is_not(None)
    if start is not None:
        condition = condition & (column >= start)
    if end is not None:
        condition = condition & (column < end)
    return condition


@dataclass(frozen=True)
class SpecView:
    spec: Spec
    barcodes: list[Barcode]


@dataclass(frozen=True)
class GoodsView:
    goods: Goods
    brand: Brand | None
    goods_class: GoodsClass | None
    spec_count: int
    specs: list[SpecView]

    @property
    def modified(self) -> datetime:
        return max([self.goods.modified, *(s.spec.modified for s in self.specs)])


def goods_views(session: Reader, tenant_id: int, goods: Sequence[Goods], f: dict[str, Any]) -> list[GoodsView]:
    """The page's goods with their specs and barcodes, in three queries."""
    ids = [g.goods_id for g in goods]
    if not ids:
        return []
    stmt = select(Spec).where(Spec.goods_id.in_(ids), *_spec_filters(tenant_id, f)).order_by(Spec.spec_id)
    if _hide_deleted(f):
        stmt = stmt.where(Spec.deleted == 0)
    specs: dict[int, list[Spec]] = defaultdict(list)
    for spec in scalars_of(session, stmt):
        specs[spec.goods_id].append(spec)
    codes = barcodes.barcodes_of(session, tenant_id, barcodes.SPEC, [s.spec_id for ss in specs.values() for s in ss])
    counts = dict(session.execute(select(Spec.goods_id, func.count()).where(
        Spec.goods_id.in_(ids), Spec.deleted == 0).group_by(Spec.goods_id)).all())
    brands = {b.brand_id: b for b in scalars_of(
        session, select(Brand).where(Brand.brand_id.in_({g.brand_id for g in goods})))}
    classes = {c.class_id: c for c in scalars_of(
        session, select(GoodsClass).where(GoodsClass.class_id.in_({g.class_id for g in goods})))}
    return [GoodsView(g, brands.get(g.brand_id), classes.get(g.class_id), counts.get(g.goods_id, 0),
                      [SpecView(s, codes.get(s.spec_id, [])) for s in specs.get(g.goods_id, [])]) for g in goods]
