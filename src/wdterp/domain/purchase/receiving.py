"""Purchase stockins (采购入库单, kind 10): receipts against a checked purchase order.

They are ordinary documents of the document engine: created, checked and cancelled through it, so
the stock ledger, weighted cost (from the order's discounted price) and every stockin hook apply.
This kind's own rules run in its hooks: a stockin waiting for its check counts as 到货未入库
(arrive_num, purchase_arrive_num); a checked one is received on its order (stockin_num, 采购在途量,
statuses); over-receipt (超量入库) is allowed unless the tenant forbids it or the line has a batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine, serials
from wdterp.domain.documents.engine import Kind, KindHooks, LineSpec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.masterdata.service import active_logistics
from wdterp.domain.purchase import applies, appointments, common, orders, provider_goods
from wdterp.domain.purchase.models import PurchaseOrder
from wdterp.domain.purchase.statuses import RECEIVABLE
from wdterp.domain.queries import split_list
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)
PURCHASE_IN = Kind("in", OrderType.PURCHASE_IN, "RK")
#: create_mode → the stockin's status (None: checked at once)
CREATE_MODES: dict[int, int | None] = {0: StockinStatus.EDITING, 1: StockinStatus.AWAITING_CHECK, 2: None}
WAITING = frozenset({StockinStatus.EDITING, StockinStatus.AWAITING_CHECK})


def upload(session: Session, tenant_id: int, order: PurchaseOrder, warehouse: Warehouse, values: dict[str, Any],
           raw_lines: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str) -> StockDocument:
    """wms.stockin.Purchase.upload: a stockin of goods on the order, into one of its receive warehouses."""
    if order.status not in RECEIVABLE:
        raise business_error("采购单状态不正确,不能入库", f"{order.purchase_no} is in status {order.status}")
    allowed = split_list(order.receive_warehouse_nos) or []
    if warehouse.warehouse_id != order.warehouse_id and warehouse.warehouse_no not in allowed:
        raise business_error("入库仓库不是采购单的收货仓库", f"{warehouse.warehouse_no} not in {allowed}")
    lines = engine.resolve_lines(session, tenant_id, warehouse, PURCHASE_IN, list(raw_lines), settings)
    _price_lines(order, lines, settings)
    mode = int(values.get("create_mode") or 0)
    status = CREATE_MODES.get(mode, StockinStatus.EDITING)
    logistics_id = 0
    if values.get("logistics_code"):
        logistics_id = active_logistics(session, tenant_id, str(values["logistics_code"])).logistics_id
    doc = engine.create(session, tenant_id, PURCHASE_IN, warehouse, lines, status or StockinStatus.EDITING,
                        src_order_no=order.purchase_no, src_order_id=order.purchase_id, operator_name=operator,
                        remark=str(values.get("remark") or ""), logistics_id=logistics_id,
                        logistics_no=str(values.get("logistics_no") or ""),
                        extra={"provider_id": order.provider_id})
    for doc_line, line in zip(doc.lines, lines, strict=True):
        doc_line.src_line_id = line.extra["order_line_id"]
    _attach_sns(session, doc, raw_lines, mode)
    if status is None:  # checked at once: it never waits as arrived
        engine.check(session, doc, operator)
    else:
        _arriving(session, doc, 1)
    return doc


def _sns(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """A line's serial numbers: sn_infos (with their 辅助序列号), else sn_strings (comma separated)."""
    infos = [(str(x.get("sn") or "").strip(), str(x.get("second_sn") or "")) for x in raw.get("sn_infos") or []
             if isinstance(x, dict)]
    if any(sn for sn, _ in infos):
        return [(sn, second) for sn, second in infos if sn]
    return [(sn, "") for sn in split_list(str(raw.get("sn_strings") or ""))]


def _attach_sns(session: Session, doc: StockDocument, raw_lines: Sequence[dict[str, Any]], mode: int) -> None:
    """SNs are recorded on the editing stockin (the page: with SNs, create_mode must be 0)."""
    given = [_sns(raw) for raw in raw_lines]
    if any(given) and mode != 0:
        raise business_error("传入sn信息时,create_mode需要传为0", f"create_mode {mode} with serial numbers")
    for raw, line, sns in zip(raw_lines, doc.lines, given, strict=True):
        serials.attach(session, doc, line, str(raw.get("spec_no")), sns, exact=True)


def _price_lines(order: PurchaseOrder, lines: Sequence[LineSpec], settings: dict[str, Any]) -> None:
    """Each line must be on the order (its batch too, where the order names one); it is priced at the
    order's discounted price. Over-receipt is refused where the tenant or the line's batch forbids it."""
    for line in lines:
        oline = orders.line_of(order, line.spec.spec_id)
        if oline is None:
            raise business_error(f"货品{line.spec.spec_no}不在采购单中", f"not on {order.purchase_no}")
        if oline.batch_no and line.batch_no != oline.batch_no:
            raise business_error(f"货品{line.spec.spec_no}批次与采购单批次不一致",
                                 f"batch {line.batch_no!r} != {oline.batch_no!r}")
        due = oline.num - oline.stockin_num - oline.arrive_num
        if line.num > due and (oline.batch_no or settings.get(common.SETTING_FORBID_OVER_RECEIPT)):
            raise business_error(f"货品{line.spec.spec_no}入库数量超过采购数量", f"{line.num} > {due} left")
        line.price = oline.price * oline.discount
        line.extra = {"order_line_id": oline.rec_id, "discount": str(oline.discount),
                      "tax_rate": str(oline.tax_rate), "price": str(oline.price)}


def _order(session: Session, doc: StockDocument) -> PurchaseOrder:
    # held to the end of the transaction (PostgreSQL): a check from any surface counts after the others
    order = session.get(PurchaseOrder, doc.src_order_id, with_for_update=True)
    assert order is not None
    return order


#: set on a stockin while it counts as arrived (it was not checked when it was made)
ARRIVING = "arriving"


def _arriving(session: Session, doc: StockDocument, sign: int) -> None:
    order = _order(session, doc)
    by_id = {x.rec_id: x for x in order.lines}
    common.count_many(session, order.tenant_id, [
        (order.warehouse_id, line.spec_id, False,
         {"purchase_arrive_num": orders.arriving(order, by_id[line.src_line_id], sign * line.num)})
        for line in doc.lines])
    doc.extra = {**doc.extra, ARRIVING: sign > 0}


def _after_check(session: Session, doc: StockDocument) -> None:
    order = _order(session, doc)
    by_id = {x.rec_id: x for x in order.lines}
    arrived = bool(doc.extra.get(ARRIVING))
    changes = []
    for line in doc.lines:
        oline = by_id[line.src_line_id]
        deltas = {"purchase_num": orders.received(order, oline, line.num, line.price, line.defect)}
        if arrived:
            deltas["purchase_arrive_num"] = orders.arriving(order, oline, -line.num)
        changes.append((order.warehouse_id, line.spec_id, False, deltas))
        applies.received(session, oline.apply_line_id, line.num)
    common.count_many(session, order.tenant_id, changes)
    if arrived:
        doc.extra = {**doc.extra, ARRIVING: False}
    provider_goods.purchased(session, order.tenant_id, order.provider_id,
                             [(line.spec_id, line.price) for line in doc.lines], doc.check_time or doc.modified)
    orders.follow_receipts(order)
    appointments.follow_receipts(session, order)


def _after_cancel(session: Session, doc: StockDocument) -> None:
    if doc.extra.get(ARRIVING):
        _arriving(session, doc, -1)


def cancel(session: Session, doc: StockDocument) -> None:
    """wms.stockin.Purchase.cancel: 编辑中 only ("入库单状态不为编辑中")."""
    if doc.status != StockinStatus.CANCELLED and doc.status != StockinStatus.EDITING:
        raise business_error("入库单状态不为编辑中", f"{doc.doc_no} is in status {doc.status}")
    engine.cancel(session, doc, {StockinStatus.EDITING})


#: the order follows its receipts (registered by `wdterp.wiring`)
HOOKS = (KindHooks(PURCHASE_IN, after_check=_after_check, after_cancel=_after_cancel),)


def receive_due(session: Session, tenant_id: int, order: PurchaseOrder, settings: dict[str, Any],
                operator: str) -> StockDocument | None:
    """Receive everything still due on the order in one checked stockin (autopilot, `purchase.receive`)."""
    due = [(line, line.num - line.stockin_num - line.arrive_num - line.stopwait_num) for line in order.lines]
    due = [(line, num) for line, num in due if num > 0]
    if not due:
        return None
    spec_nos = {spec_id: spec_no for spec_id, spec_no in session.execute(select(Spec.spec_id, Spec.spec_no).where(
        Spec.spec_id.in_([line.spec_id for line, _ in due])))}
    warehouse = session.get(Warehouse, order.warehouse_id)
    assert warehouse is not None
    raw = [{"spec_no": spec_nos[line.spec_id], "num": num, "batch_no": line.batch_no,
            "expire_date": line.expire_date} for line, num in due]
    return upload(session, tenant_id, order, warehouse, {"create_mode": 2}, raw, settings, operator)
