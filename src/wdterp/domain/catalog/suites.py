"""Suites (组合装): upload (the detail list is replaced as a whole), deletion, search."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog import barcodes, listings
from wdterp.domain.catalog.brands import ensure_units, file_under, unit_ids
from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import (
    NONE_NAME,
    Barcode,
    Brand,
    Goods,
    GoodsClass,
    Spec,
    Suite,
    SuiteDetail,
)
from wdterp.domain.catalog.rows import assign, check_lengths
from wdterp.domain.queries import Reader, entities, equal_if_given, scalars_of
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

SUITE_FIELDS = ("suite_name", "short_name", "unit_name", "aux_unit_name", "weight", "prop1", "prop2", "prop3",
                "prop4", "prop5", "prop6", "retail_price", "wholesale_price", "member_price", "market_price",
                "remark", "print_suite_mode", "goods_label_name", "large_type", "flag_name")
#: print_suite_mode 0: only the details are printed, so the suite itself may carry no label
PRINT_DETAILS = 0
#: fixed_price / ratio value meaning "work it out" (the spec's retail price / the amounts' shares)
AUTO = Decimal(-1)
_RATIO_STEP = Decimal("0.0001")


def upload(session: Session, tenant_id: int, values: dict[str, Any], rows: list[dict[str, Any]]) -> Suite:
    check_lengths(Suite, values)
    suite_no = str(values["suite_no"])
    if not rows:
        raise business_error("组合装明细不能为空", f"suite {suite_no!r} without details")
    if specs_by_no(session, tenant_id, [suite_no], include_deleted=True):
        raise business_error(f"商家编码{suite_no}已存在", f"suite_no {suite_no!r} is a spec_no")
    if int(values.get("print_suite_mode") or PRINT_DETAILS) == PRINT_DETAILS and values.get("goods_label_name"):
        raise business_error("打印方式为明细时不允许设置标签")
    details = _resolve(session, tenant_id, rows)
    suite = session.scalar(select(Suite).where(Suite.tenant_id == tenant_id, Suite.suite_no == suite_no))
    if suite is not None and suite.deleted:
        raise business_error(f"组合装{suite_no}已删除", f"suite {suite_no!r} is deleted")
    is_new = suite is None
    if suite is None:
        suite = Suite(tenant_id=tenant_id, suite_no=suite_no, unit_name=NONE_NAME, aux_unit_name=NONE_NAME,
                      flag_name=NONE_NAME)
    file_under(session, tenant_id, suite, values, False, is_new)  # before the add: it may query
    session.add(suite)
    assign(suite, values, SUITE_FIELDS)
    suite.goods_label_name = str(values.get("goods_label_name") or "")
    suite.modified = now_china()
    session.flush()
    ensure_units(session, tenant_id, [suite.unit_name, suite.aux_unit_name])
    if values.get("barcode"):
        barcodes.set_master(session, tenant_id, barcodes.SUITE, suite.suite_id, str(values["barcode"]), suite.barcode)
        suite.barcode = str(values["barcode"])
    _replace_details(session, suite, details)
    if is_new:
        listings.auto_match(session, tenant_id, [suite_no])
    else:
        listings.mark_suite_changed(session, tenant_id, [suite.suite_id])
    return suite


@dataclass
class _Line:
    spec: Spec
    num: Decimal
    is_fixed_price: bool
    fixed_price: Decimal
    ratio: Decimal | None


def _resolve(session: Session, tenant_id: int, rows: list[dict[str, Any]]) -> list[_Line]:
    specs = specs_by_no(session, tenant_id, [str(r["spec_no"]) for r in rows])
    lines: list[_Line] = []
    seen: set[str] = set()
    for raw in rows:
        no = str(raw["spec_no"])
        spec = specs.get(no)
        if spec is None:
            raise business_error(f"商家编码:{no} 单品不存在", f"suite detail spec {no!r} unknown")
        if no in seen:
            raise ApiError("E52", f"spec {no!r} twice in the suite", spec_no=no)
        seen.add(no)
        num = Decimal(str(raw["num"]))
        if num <= 0:
            raise ApiError("E56", f"suite detail {no}: num {num}")
        fixed = bool(raw.get("is_fixed_price"))
        price = Decimal(str(raw.get("fixed_price") or 0))
        if fixed and price == AUTO:
            price = spec.retail_price
        ratio = raw.get("ratio")
        lines.append(_Line(spec, num, fixed, price if fixed else Decimal(0),
                           None if ratio is None or Decimal(str(ratio)) == AUTO else Decimal(str(ratio))))
    if any(line.ratio is None for line in lines):
        _auto_ratios(lines)
    return lines


def _auto_ratios(lines: list[_Line]) -> None:
    """Each line's share of the suite's amount (fixed price or retail price × num); by num when all are 0."""
    amounts = [line.num * (line.fixed_price if line.is_fixed_price else line.spec.retail_price) for line in lines]
    if sum(amounts) <= 0:
        amounts = [line.num for line in lines]
    total = sum(amounts)
    left = Decimal(1)
    for i, (line, amount) in enumerate(zip(lines, amounts, strict=True)):
        share = left if i == len(lines) - 1 else (amount / total).quantize(_RATIO_STEP, ROUND_HALF_UP)
        line.ratio = share
        left -= share


def _replace_details(session: Session, suite: Suite, lines: Sequence[_Line]) -> None:
    current = {d.spec_id: d for d in session.scalars(select(SuiteDetail).where(SuiteDetail.suite_id == suite.suite_id))}
    keep = {line.spec.spec_id for line in lines}
    for spec_id, dropped in current.items():
        if spec_id not in keep:
            session.delete(dropped)
    now = now_china()
    for line in lines:
        detail = current.get(line.spec.spec_id)
        if detail is None:
            detail = SuiteDetail(suite_id=suite.suite_id, spec_id=line.spec.spec_id, created=now)
            session.add(detail)
        changed = (detail.num, detail.is_fixed_price, detail.fixed_price, detail.ratio) != (
            line.num, line.is_fixed_price, line.fixed_price, line.ratio)
        detail.num, detail.is_fixed_price, detail.fixed_price = line.num, line.is_fixed_price, line.fixed_price
        detail.ratio = line.ratio or Decimal(0)
        if changed:
            detail.modified = now
    session.flush()


def delete(session: Session, tenant_id: int, suite_no: str) -> Suite:
    suite = session.scalar(select(Suite).where(Suite.tenant_id == tenant_id, Suite.suite_no == suite_no,
                                               Suite.deleted == 0))
    if suite is None:
        raise business_error(f"组合装{suite_no}不存在", f"no live suite {suite_no!r}")
    suite.deleted = suite.suite_id
    suite.modified = now_china()
    barcodes.release(session, tenant_id, barcodes.SUITE, [suite.suite_id])
    listings.unmatch(session, tenant_id, barcodes.SUITE, [suite.suite_id])
    session.flush()
    return suite


# ---------------------------------------------------------------------------- search


def suites_query(tenant_id: int, f: dict[str, Any]) -> Select[Any]:
    stmt = select(Suite).where(Suite.tenant_id == tenant_id).order_by(Suite.suite_id)
    if f.get("hide_deleted", True):
        stmt = stmt.where(Suite.deleted == 0)
    stmt = equal_if_given(stmt, [(Suite.suite_no, f.get("suite_no"))])
    if f.get("suite_name"):
        stmt = stmt.where(Suite.suite_name.contains(f["suite_name"]))
    if f.get("brand_name"):
        stmt = stmt.where(Suite.brand_id.in_(select(Brand.brand_id).where(
            Brand.tenant_id == tenant_id, Brand.brand_name == f["brand_name"])))
    if f.get("class_name"):
        stmt = stmt.where(Suite.class_id.in_(select(GoodsClass.class_id).where(
            GoodsClass.tenant_id == tenant_id, GoodsClass.class_name == f["class_name"])))
    if f.get("barcode"):
        stmt = stmt.where(Suite.suite_id.in_(select(Barcode.target_id).where(
            Barcode.tenant_id == tenant_id, Barcode.target_type == barcodes.SUITE, Barcode.barcode == f["barcode"])))
    holding = select(SuiteDetail.suite_id).join(Spec, Spec.spec_id == SuiteDetail.spec_id)
    if f.get("spec_no"):
        stmt = stmt.where(Suite.suite_id.in_(holding.where(Spec.tenant_id == tenant_id, Spec.spec_no == f["spec_no"])))
    if f.get("goods_no"):
        stmt = stmt.where(Suite.suite_id.in_(holding.join(Goods, Goods.goods_id == Spec.goods_id).where(
            Goods.tenant_id == tenant_id, Goods.goods_no == f["goods_no"])))
    start, end = f.get("start_time"), f.get("end_time")
    if start is not None or end is not None:
        detail_changed = select(SuiteDetail.rec_id).where(SuiteDetail.suite_id == Suite.suite_id)
        suite_changed = Suite.modified.is_not(None)
        if start is not None:
            detail_changed = detail_changed.where(SuiteDetail.modified >= start)
            suite_changed = suite_changed & (Suite.modified >= start)
        if end is not None:
            detail_changed = detail_changed.where(SuiteDetail.modified < end)
            suite_changed = suite_changed & (Suite.modified < end)
        stmt = stmt.where(or_(suite_changed, exists(detail_changed)))
    return stmt


@dataclass(frozen=True)
class DetailView:
    detail: SuiteDetail
    spec: Spec
    goods: Goods
    #: id of the spec's base unit (its own, else its goods'); 0 for none
    unit: int


@dataclass(frozen=True)
class SuiteView:
    suite: Suite
    brand: Brand | None
    goods_class: GoodsClass | None
    barcode_count: int
    details: list[DetailView]


def suite_views(session: Reader, tenant_id: int, suites: Sequence[Suite]) -> list[SuiteView]:
    ids = [s.suite_id for s in suites]
    details: dict[int, list[DetailView]] = defaultdict(list)
    if ids:
        stmt = (select(SuiteDetail, Spec, Goods).join(Spec, Spec.spec_id == SuiteDetail.spec_id)
                .join(Goods, Goods.goods_id == Spec.goods_id).where(SuiteDetail.suite_id.in_(ids))
                .order_by(SuiteDetail.rec_id))
        rows = entities(session, stmt)
        units = unit_ids(session, tenant_id, [s.unit_name or g.unit_name for _, s, g in rows])
        for detail, spec, goods in rows:
            details[detail.suite_id].append(
                DetailView(detail, spec, goods, units.get(spec.unit_name or goods.unit_name, 0)))
    codes = barcodes.barcodes_of(session, tenant_id, barcodes.SUITE, ids)
    brands = {b.brand_id: b for b in scalars_of(session, select(Brand).where(
        Brand.brand_id.in_({s.brand_id for s in suites})))} if suites else {}
    classes = {c.class_id: c for c in scalars_of(session, select(GoodsClass).where(
        GoodsClass.class_id.in_({s.class_id for s in suites})))} if suites else {}
    return [SuiteView(s, brands.get(s.brand_id), classes.get(s.class_id), len(codes.get(s.suite_id, [])),
                      details.get(s.suite_id, [])) for s in suites]
