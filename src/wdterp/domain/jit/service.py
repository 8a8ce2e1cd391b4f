"""JIT stockouts (JIT出库单, type 9) and JIT returns (JIT退货单) with their stockins (type 13).

Statuses: JIT stockouts use the stockout codes (50 待审核 → 110 已完成 at consign, 5 已取消); return
stockins the stockin codes (80 已完成 at check); JIT returns 30 已审核 at creation → 40 部分入库 →
50 已完成 as stock comes in, 5 已取消 before any stockin.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.jit.models import JitRefund, JitRefundLine
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import Reader, entities, equal_if_given, find_by_number, in_window
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

JIT_OUT = Kind("out", OrderType.JIT_OUT, "CK")
JIT_RETURN_IN = Kind("in", OrderType.JIT_RETURN_IN, "RK")
REFUND_PREFIX = "JT"
ZERO = Decimal(0)


class JitRefundStatus:
    CANCELLED = 5
    CHECKED = 30
    PARTLY_IN = 40
    COMPLETED = 50


def _warehouse(session: Session, tenant_id: int, warehouse_no: str) -> Warehouse:
    wh = session.scalar(select(Warehouse).where(Warehouse.tenant_id == tenant_id,
                                                Warehouse.warehouse_no == warehouse_no))
    if wh is None or wh.is_disabled:
        raise business_error(f"仓库{warehouse_no}不存在或已停用", f"warehouse {warehouse_no!r}")
    return wh


# ---------------------------------------------------------------------------- JIT stockouts


def create_jit_stockout(session: Session, tenant_id: int, settings: dict[str, Any], *, shop: Shop,
                        warehouse_no: str, details: list[dict[str, Any]], logistics: Logistics | None = None,
                        consign: bool = True, **header: Any) -> StockDocument:
    """A JIT stockout to a platform warehouse; `consign` ships it at once (stock leaves, 已完成).

    details: [{spec_no, num, price, tax_price, po_no, remark}]; header: po_no_list, receive_warehouse_no,
    receive_warehouse_name, src_tids, logistics_no, remark, weigh_post_cost.
    """
    wh = _warehouse(session, tenant_id, warehouse_no)
    lines = engine.resolve_lines(session, tenant_id, wh, JIT_OUT, details, settings)
    for line, raw in zip(lines, details, strict=True):
        line.extra = {"po_no": str(raw.get("po_no", "")), "tax_price": str(raw.get("tax_price", line.price))}
    extra = {k: str(header.get(k) or "") for k in ("po_no_list", "receive_warehouse_no", "receive_warehouse_name",
                                                     "src_tids")}
    extra["weigh_post_cost"] = str(_amount(header.get("weigh_post_cost"), "weigh_post_cost"))
    extra["shop_id"] = str(shop.shop_id)
    doc = engine.create(session, tenant_id, JIT_OUT, wh, lines, StockoutStatus.AWAITING_CHECK,
                        logistics_id=logistics.logistics_id if logistics else 0,
                        logistics_no=str(header.get("logistics_no") or ""), remark=str(header.get("remark") or ""),
                        operator_name=str(header.get("operator_name") or ""), extra=extra)
    if consign:
        consign_jit_stockout(session, doc)
    return doc


def _amount(value: Any, name: str) -> Decimal:
    """An amount a JIT document keeps (0 when not given): a finite Decimal(19,4)."""
    try:
        amount = Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        raise business_error(f"{name}格式不正确", f"{name} {value!r} is not a number") from None
    if not amount.is_finite() or abs(amount) >= Decimal(10) ** 15:
        raise business_error(f"{name}格式不正确", f"{name} {value!r} is out of range")
    return amount


def consign_jit_stockout(session: Session, doc: StockDocument) -> None:
    if doc.status != StockoutStatus.AWAITING_CHECK:
        raise business_error("出库单状态不正确", f"{doc.doc_no} is in status {doc.status}")
    engine.check(session, doc, status=StockoutStatus.COMPLETED)
    doc.consign_time = now_china()


def jit_stockouts_query(tenant_id: int, f: dict[str, Any]) -> Select[Any]:
    stmt = select(StockDocument).where(StockDocument.tenant_id == tenant_id, StockDocument.direction == "out",
                                       StockDocument.order_type == JIT_OUT.order_type).order_by(StockDocument.doc_id)
    return in_window(stmt, StockDocument.created, f.get("start_time"), f.get("end_time"))


def jit_stockins_query(tenant_id: int, f: dict[str, Any], warehouse_nos: frozenset[str] | None) -> Select[Any]:
    stmt = select(StockDocument).where(StockDocument.tenant_id == tenant_id, StockDocument.direction == "in",
                                       StockDocument.order_type == JIT_RETURN_IN.order_type)
    if warehouse_nos is not None:
        stmt = stmt.join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id).where(
            Warehouse.warehouse_no.in_(sorted(warehouse_nos)))
    stmt = in_window(stmt, StockDocument.modified, f.get("start_time"), f.get("end_time"))
    return stmt.order_by(StockDocument.doc_id)


# ---------------------------------------------------------------------------- JIT returns


def create_jit_refund(session: Session, tenant_id: int, *, shop: Shop, warehouse_no: str, jit_refund_no: str,
                      details: list[dict[str, Any]], **header: Any) -> JitRefund:
    """A JIT return announced by the platform (已审核): details [{spec_no, num, price, tax_price, po_no,
    box_no, return_reason, platform_spec_no, plat_goods_name, remark}]."""
    wh = _warehouse(session, tenant_id, warehouse_no)
    if session.scalar(select(JitRefund.rec_id).where(JitRefund.tenant_id == tenant_id,
                                                     JitRefund.shop_id == shop.shop_id,
                                                     JitRefund.jit_refund_no == jit_refund_no)):
        raise ApiError("E39", f"JIT return {jit_refund_no!r} already exists")
    specs = specs_by_no(session, tenant_id, [str(d.get("spec_no", "")) for d in details])
    refund = JitRefund(tenant_id=tenant_id, refund_no=next_no(session, tenant_id, REFUND_PREFIX),
                       status=JitRefundStatus.CHECKED, shop_id=shop.shop_id, jit_refund_no=jit_refund_no,
                       warehouse_id=wh.warehouse_id)
    for name in ("jit_warehouse", "refund_type", "pay_type", "receiver", "country", "state", "city", "region",
                 "town", "address", "telephone", "mobile", "self_reference"):
        setattr(refund, name, str(header.get(name) or ""))
    for raw in details:
        spec = specs.get(str(raw.get("spec_no", "")))
        if spec is None:
            raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
        refund.lines.append(JitRefundLine(
            spec_id=spec.spec_id, num=Decimal(str(raw["num"])), stockin_num=ZERO,
            price=Decimal(str(raw.get("price", 0))), tax_price=Decimal(str(raw.get("tax_price", raw.get("price", 0)))),
            po_no=str(raw.get("po_no", "")), platform_spec_no=str(raw.get("platform_spec_no", spec.spec_no)),
            barcode=spec.barcode, plat_goods_name=str(raw.get("plat_goods_name", "")),
            box_no=str(raw.get("box_no", "")), return_reason=str(raw.get("return_reason", "")),
            remark=str(raw.get("remark", ""))))
    refund.goods_count = sum((line.num for line in refund.lines), ZERO)
    refund.goods_type = len({line.spec_id for line in refund.lines})
    session.add(refund)
    session.flush()
    return refund


def find_refund(session: Session, tenant_id: int, refund_no: str) -> JitRefund:
    refund: JitRefund = find_by_number(session, tenant_id, JitRefund.refund_no, refund_no, "JIT return",
                                       cancelled=JitRefundStatus.CANCELLED)
    return refund


def stockin_jit_refund(session: Session, tenant_id: int, settings: dict[str, Any], refund_no: str,
                       quantities: dict[str, Decimal] | None = None, operator: str = "") -> StockDocument:
    """Receive a JIT return (all that is outstanding, or `quantities` by spec_no): a checked stockin."""
    refund = find_refund(session, tenant_id, refund_no)
    if refund.status == JitRefundStatus.COMPLETED:
        raise business_error("JIT退货单已完成", f"{refund_no} is completed")
    wh = session.get(Warehouse, refund.warehouse_id)
    assert wh is not None
    spec_nos = dict(session.execute(select(Spec.spec_id, Spec.spec_no).where(
        Spec.spec_id.in_({line.spec_id for line in refund.lines}))).all())
    raw_lines, touched = [], []
    for line in refund.lines:
        outstanding = line.num - line.stockin_num
        num = outstanding if quantities is None else quantities.get(spec_nos[line.spec_id], ZERO)
        if num <= 0:
            continue
        if num > outstanding:
            raise business_error(f"商家编码{spec_nos[line.spec_id]}入库数量超过退货数量",
                                 f"{num} > outstanding {outstanding}")
        raw_lines.append({"spec_no": spec_nos[line.spec_id], "num": num, "price": line.price})
        touched.append((line, num))
    if not raw_lines:
        raise business_error("没有需要入库的货品", f"{refund_no}: nothing to receive")
    lines = engine.resolve_lines(session, tenant_id, wh, JIT_RETURN_IN, raw_lines, settings)
    for spec_line, (line, _) in zip(lines, touched, strict=True):
        spec_line.extra = {"po_no": line.po_no, "tax_price": str(line.tax_price), "expect_num": str(line.num)}
    doc = engine.create(session, tenant_id, JIT_RETURN_IN, wh, lines, StockinStatus.AWAITING_CHECK,
                        src_order_no=refund.refund_no, src_order_id=refund.rec_id, operator_name=operator,
                        extra={"refund_no": refund.refund_no, "jit_refund_no": refund.jit_refund_no,
                               "shop_id": str(refund.shop_id)})
    engine.check(session, doc, operator)
    for line, num in touched:
        line.stockin_num += num
    done = all(line.stockin_num >= line.num for line in refund.lines)
    refund.status = JitRefundStatus.COMPLETED if done else JitRefundStatus.PARTLY_IN
    refund.modified = now_china()
    session.flush()
    return doc


def cancel_jit_refund(session: Session, tenant_id: int, refund_no: str) -> JitRefund:
    refund = find_refund(session, tenant_id, refund_no)
    if any(line.stockin_num > 0 for line in refund.lines):
        raise business_error("JIT退货单已入库,不能取消", f"{refund_no} has stock-ins")
    refund.status = JitRefundStatus.CANCELLED
    refund.modified = now_china()
    session.flush()
    return refund


def jit_refunds_query(tenant_id: int, f: dict[str, Any]) -> Select[Any]:
    stmt = select(JitRefund).where(JitRefund.tenant_id == tenant_id).order_by(JitRefund.rec_id)
    stmt = in_window(stmt, JitRefund.modified, f.get("start_time"), f.get("end_time"))
    return equal_if_given(stmt, [(JitRefund.jit_refund_no, f.get("jit_refund_no"))])


# ---------------------------------------------------------------------------- lookups for the rows


def catalog_of(session: Reader, spec_ids: set[int]) -> dict[int, tuple[Spec, Goods, Brand | None]]:
    if not spec_ids:
        return {}
    rows = entities(session, select(Spec, Goods, Brand).join(Goods, Goods.goods_id == Spec.goods_id)
                           .outerjoin(Brand, Brand.brand_id == Goods.brand_id)
                           .where(Spec.spec_id.in_(sorted(spec_ids))))
    return {spec.spec_id: (spec, goods, brand) for spec, goods, brand in rows}
