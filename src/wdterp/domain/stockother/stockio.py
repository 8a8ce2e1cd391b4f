"""Other stockins (src 20) and other stockouts (src 21): create, cancel, query. They execute a business
order (given as src_order_no, or made for them); the document engine does the stock work."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session

from wdterp.domain.documents import engine, serials
from wdterp.domain.documents.engine import Kind, KindHooks, LineSpec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.queries import among, equal_if_given, in_window, split_list
from wdterp.domain.stockother import service as orders
from wdterp.domain.stockother.models import OtherOrder
from wdterp.domain.stockother.statuses import EXECUTABLE, OtherOrderStatus
from wdterp.protocol.errors import ApiError, business_error

OTHER_IN = Kind("in", OrderType.OTHER_IN, "RK")
OTHER_OUT = Kind("out", OrderType.OTHER_OUT, "CK")

#: `is_check` of createOtherOrder / createOther → initial status (None: checked at once)
INITIAL_STATUS: dict[str, dict[int, int | None]] = {
    "in": {0: StockinStatus.AWAITING_CHECK, 1: None, 2: StockinStatus.EDITING},
    "out": {0: StockoutStatus.AWAITING_CHECK, 1: None, 2: StockoutStatus.UNCONFIRMED},
}
#: states a cancel accepts without / with is_force
CANCELLABLE: dict[str, tuple[frozenset[int], frozenset[int]]] = {
    "in": (frozenset({StockinStatus.EDITING}), frozenset({StockinStatus.EDITING, StockinStatus.AWAITING_CHECK})),
    "out": (frozenset({StockoutStatus.UNCONFIRMED}),
            frozenset({StockoutStatus.UNCONFIRMED, StockoutStatus.AWAITING_CHECK})),
}
EDITING = {"in": StockinStatus.EDITING, "out": StockoutStatus.UNCONFIRMED}


def kind_of(direction: str) -> Kind:
    return OTHER_IN if direction == "in" else OTHER_OUT


def _raw_lines(direction: str, goods_list: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    if direction == "in":
        return [{**raw, "price": raw.get("stockin_price")} for raw in goods_list]
    return [{k: v for k, v in raw.items() if k != "price"} for raw in goods_list]


def create(session: Session, tenant_id: int, direction: str, warehouse: Warehouse, values: dict[str, Any],
           settings: dict[str, Any], operator: str) -> StockDocument:
    """createOtherOrder / createOther: outer_no becomes the document number; is_check 1 checks at once."""
    kind = kind_of(direction)
    outer_no = str(values["outer_no"])
    engine.ensure_outer_no_unused(session, tenant_id, kind, outer_no)
    engine.ensure_doc_no_unused(session, tenant_id, outer_no)
    refs = orders.header_refs(session, tenant_id, direction, values)
    raw_lines = _raw_lines(direction, values.get("goods_list") or [])
    lines = engine.resolve_lines(session, tenant_id, warehouse, kind, raw_lines, settings)
    order = _business_order(session, tenant_id, direction, warehouse, values, refs, lines, operator)
    if direction == "out":
        orders.require_receiver(warehouse, order)
    extra: dict[str, Any] = {f: getattr(order, f) for f in orders.RECEIVER_FIELDS} if direction == "out" else {}
    if direction == "out":
        extra["post_fee"] = str(values.get("post_fee") or 0)
    is_check = int(values.get("is_check") or 0)
    status = INITIAL_STATUS[direction][is_check] or int(INITIAL_STATUS[direction][0] or 0)
    doc = engine.create(
        session, tenant_id, kind, warehouse, lines, status, doc_no=outer_no, outer_no=outer_no,
        src_order_no=order.order_no, src_order_id=order.rec_id, reason=refs.get("reason", ""),
        remark=values.get("remark") or "", logistics_id=refs["logistics_id"],
        logistics_no=values.get("logistics_no") or "", operator_name=operator, extra=extra)
    _check_against_order(order, doc)
    _attach_sns(session, doc, direction, values.get("goods_list") or [])
    if is_check == 1:
        engine.check(session, doc, operator)
    return doc


def _business_order(session: Session, tenant_id: int, direction: str, warehouse: Warehouse,
                    values: dict[str, Any], refs: dict[str, Any], lines: Sequence[LineSpec],
                    operator: str) -> OtherOrder:
    """The order a document executes: the one named by src_order_no, or a checked one made for it."""
    src = values.get("src_order_no")
    if not src:
        header = {k: v for k, v in values.items() if k in orders.HEADER_FIELDS}
        return orders.build(session, tenant_id, direction, warehouse, {**header, **refs}, lines, operator,
                            status=OtherOrderStatus.CHECKED)
    order = orders.find(session, tenant_id, direction, str(src))
    if order.status not in EXECUTABLE:
        raise business_error("业务单状态不正确", f"business order {src} is in status {order.status}")
    if order.warehouse_id != warehouse.warehouse_id:
        raise business_error("仓库与业务单仓库不一致", f"business order {src} is of another warehouse")
    return order


def _check_against_order(order: OtherOrder, doc: StockDocument) -> None:
    """Each line must be on the business order, within what is left of it; remembers the order line."""
    for line in doc.lines:
        blines = [b for b in orders.lines_for(order, line.spec_id) if b.defect == line.defect]
        left = sum((b.num - b.done_num for b in blines), Decimal(0))
        if not blines:
            raise ApiError("E45", f"spec {line.spec_id} is not on business order {order.order_no}")
        if line.num > left:
            raise business_error("出入库数量超过业务单数量",
                                 f"{doc.doc_no}: {line.num} > {left} left on {order.order_no}")
        line.src_line_id = blines[0].rec_id


def _attach_sns(session: Session, doc: StockDocument, direction: str, goods_list: Sequence[dict[str, Any]]) -> None:
    for raw, line in zip(goods_list, doc.lines, strict=True):
        if direction == "in":
            sns = serials.entries(raw.get("sn_list"), raw.get("sn_new_list"))
        elif raw.get("is_enable_sn"):
            sns = serials.entries(split_list(str(raw.get("sn_list") or "")), None)
        else:
            sns = []
        serials.attach(session, doc, line, str(raw["spec_no"]), sns, exact=True)


def cancel(session: Session, doc: StockDocument, force: bool) -> None:
    """cancelOtherOrder: editing/unconfirmed only; `force` also sends 待审核 back to editing first."""
    direction = doc.direction
    plain, forced = CANCELLABLE[direction]
    if force and doc.status in forced - plain:
        doc.status = EDITING[direction]
    engine.cancel(session, doc, plain)


def _after_check(session: Session, doc: StockDocument) -> None:
    if doc.direction == "out":
        doc.consign_time = doc.check_time
    orders.after_check(session, doc)


#: the business order follows its documents (registered by `wdterp.wiring`)
HOOKS = (KindHooks(OTHER_OUT, before_check=orders.before_stockout_check, after_check=_after_check),
         KindHooks(OTHER_IN, after_check=_after_check))


# ---------------------------------------------------------------------------- queries


def docs_query(tenant_id: int, direction: str, f: dict[str, Any], permitted: frozenset[str] | None) -> Select[Any]:
    """stockin.Other / stockout.OtherQuery queryWithDetail: (StockDocument, OtherOrder status)."""
    kind = kind_of(direction)
    stmt = (select(StockDocument)
            .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
            .outerjoin(OtherOrder, OtherOrder.rec_id == StockDocument.src_order_id)
            .where(StockDocument.tenant_id == tenant_id, StockDocument.direction == direction,
                   StockDocument.order_type == kind.order_type)
            .order_by(StockDocument.doc_id))
    stmt = equal_if_given(stmt, [
        (StockDocument.doc_no, f.get("stockin_no") if direction == "in" else f.get("stockout_no")),
        (StockDocument.src_order_no, f.get("other_stockin_no") if direction == "in" else f.get("src_order_no")),
        (Warehouse.warehouse_no, f.get("warehouse_no")), (StockDocument.reason, f.get("reason_name"))])
    if f.get("wms_stock_change_no"):
        stmt = stmt.where(false())  # no WMS transfer documents are kept: such a filter matches nothing
    statuses = [int(s) for s in split_list(str(f.get("status") if f.get("status") is not None else ""))]
    if statuses:
        # stockin: the stockin's status; stockout: its business order's (see stockother/statuses.py)
        column: Any = StockDocument.status if direction == "in" else OtherOrder.status
        stmt = stmt.where(column.in_(statuses))
    if direction == "in":
        column = StockDocument.modified
    else:
        column = {2: StockDocument.created, 3: StockDocument.modified}.get(f.get("time_type") or 1,
                                                                          StockDocument.consign_time)
    stmt = in_window(stmt, column, f.get("start_time"), f.get("end_time"))
    allowed = among(Warehouse.warehouse_no, permitted)
    return stmt if allowed is None else stmt.where(allowed)
