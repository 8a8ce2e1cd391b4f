"""Other-in / other-out business orders: push, check (with reservation for other-outs), cancel, query,
and their execution by other stockins/stockouts. Decisions: `stockother/statuses.py`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, LineSpec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import Move
from wdterp.domain.masterdata import service as masterdata
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import among, equal_if_given, in_window, split_list
from wdterp.domain.stockother.models import OtherOrder, OtherOrderLine
from wdterp.domain.stockother.statuses import CANCELLABLE, OtherOrderStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

#: the business orders, as the document engine sees their lines (E45 for unknown/repeated specs)
ORDER_IN = Kind("in", OrderType.OTHER_IN, "QR", duplicate_row="E45")
ORDER_OUT = Kind("out", OrderType.OTHER_OUT, "QC", duplicate_row="E45")
HEADER_FIELDS = ("logistics_no", "remark", "prop1", "prop2", "prop3", "prop4", "prop5", "prop6")
RECEIVER_FIELDS = ("receiver_name", "receiver_mobile", "receiver_province", "receiver_city",
                   "receiver_district", "receiver_address")
#: what E33 asks for: 收货人、收货电话、省份、城市、地址
REQUIRED_RECEIVER = ("receiver_name", "receiver_mobile", "receiver_province", "receiver_city",
                     "receiver_address")
REASON_KIND = {"in": "入库", "out": "出库"}


def order_kind(direction: str) -> Kind:
    return ORDER_IN if direction == "in" else ORDER_OUT


@dataclass
class PushResult:
    order: OtherOrder
    #: why the requested check failed (the order stays 待审核), None when it did not
    check_error: str | None = None


# ---------------------------------------------------------------------------- header references


def header_refs(session: Session, tenant_id: int, direction: str, values: dict[str, Any]) -> dict[str, Any]:
    """Logistics (E43), reason (E77) and flag (E76) named by a header, resolved."""
    refs: dict[str, Any] = {"logistics_id": 0}
    if values.get("logistics_code"):
        refs["logistics_id"] = masterdata.active_logistics(session, tenant_id, values["logistics_code"]).logistics_id
    if values.get("reason"):
        refs["reason"] = masterdata.active_reason(session, tenant_id, values["reason"],
                                                  kind=REASON_KIND[direction]).title
    if values.get("flag_name"):
        refs["flag_name"] = masterdata.active_flag(session, tenant_id, values["flag_name"]).flag_name
    return refs


def require_receiver(warehouse: Warehouse, values: Any) -> None:
    """A stockout from an external warehouse needs the full receiver (E33)."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name, "")
    missing = [name for name in REQUIRED_RECEIVER if not get(name)]
    if engine.is_external(warehouse) and missing:
        raise ApiError("E33", f"warehouse {warehouse.warehouse_no} is external; missing {', '.join(missing)}")


def ensure_number_unused(session: Session, tenant_id: int, direction: str, outer_no: str | None) -> None:
    if not outer_no:
        return
    used = session.scalar(select(OtherOrder.rec_id).where(
        OtherOrder.tenant_id == tenant_id,
        ((OtherOrder.direction == direction) & (OtherOrder.outer_no == outer_no)) | (OtherOrder.order_no == outer_no)))
    if used is not None:
        raise ApiError("E39", f"outer_no {outer_no!r} already used for an other-{direction} business order")


# ---------------------------------------------------------------------------- create, check


def build(session: Session, tenant_id: int, direction: str, warehouse: Warehouse, values: dict[str, Any],
          lines: Sequence[LineSpec], operator: str, status: int = OtherOrderStatus.AWAITING_CHECK) -> OtherOrder:
    """A new business order from validated lines (no stock work)."""
    outer_no = str(values.get("outer_no") or "")
    order = OtherOrder(
        tenant_id=tenant_id, direction=direction, status=status, warehouse_id=warehouse.warehouse_id,
        order_no=outer_no or next_no(session, tenant_id, order_kind(direction).prefix), outer_no=outer_no,
        employee_name=operator, create_check_stock=int(values.get("create_check_stock", 1)),
        logistics_id=values.get("logistics_id") or 0, reason=values.get("reason") or "",
        flag_name=values.get("flag_name") or "",
        **{f: str(values.get(f) or "") for f in HEADER_FIELDS + RECEIVER_FIELDS},
    )
    order.lines = [OtherOrderLine(
        spec_id=line.spec.spec_id, num=line.num, price=line.price, defect=line.defect,
        position_id=line.position_id, batch_no=line.batch_no, expire_date=line.expire_date,
        production_date=line.production_date, remark=line.remark) for line in lines]
    session.add(order)
    session.flush()
    return order


def push(session: Session, tenant_id: int, direction: str, warehouse: Warehouse, values: dict[str, Any],
         details: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str) -> PushResult:
    """In/Out.push: create the order, check it when asked (a failed check leaves it 待审核)."""
    ensure_number_unused(session, tenant_id, direction, values.get("outer_no"))
    refs = header_refs(session, tenant_id, direction, values)
    lines = engine.resolve_lines(session, tenant_id, warehouse, order_kind(direction), details, settings)
    if direction == "out":
        require_receiver(warehouse, values)
    order = build(session, tenant_id, direction, warehouse, {**values, **refs}, lines, operator)
    if direction == "out" and order.create_check_stock == 0:
        short = shortfall(session, order)
        if short:
            raise business_error(short, f"{order.order_no}: {short} (checked at create)")
    if not values.get("is_check"):
        return PushResult(order)
    short = shortfall(session, order) if direction == "out" else None
    if short:
        return PushResult(order, f"check_fail 审核失败: {short}")
    check(session, order)
    return PushResult(order)


def shortfall(session: Session, order: OtherOrder) -> str | None:
    """The vendor-style message for the first spec an other-out order cannot get, None when all can."""
    need: dict[tuple[int, bool], Decimal] = defaultdict(Decimal)
    for line in order.lines:
        need[(line.spec_id, line.defect)] += line.num - line.done_num - line.reserved_num
    for (spec_id, defect), num in sorted(need.items()):
        available = inventory.available(session, order.warehouse_id, spec_id, defect)
        if num > 0 and available < num:
            spec = session.get(Spec, spec_id)
            return f"商家编码{spec.spec_no if spec else spec_id}库存不足"
    return None


def check(session: Session, order: OtherOrder) -> None:
    """审核: 20 (40 in an external warehouse); an other-out order reserves what is left to go out."""
    if order.status not in (OtherOrderStatus.EDITING, OtherOrderStatus.AWAITING_CHECK):
        raise business_error("单据状态不正确", f"{order.order_no} is in status {order.status}, cannot check")
    if order.direction == "out":
        for line in order.lines:
            left = line.num - line.done_num - line.reserved_num
            if left > 0:
                inventory.reserve(session, order.tenant_id, [_move(order, line, left)])
                line.reserved_num += left
        order.is_reserved = True
    warehouse = session.get(Warehouse, order.warehouse_id)
    external = warehouse is not None and engine.is_external(warehouse)
    order.status = OtherOrderStatus.PUSHED_WMS if external else OtherOrderStatus.CHECKED
    order.check_time = order.modified = now_china()


def _move(order: OtherOrder, line: OtherOrderLine, num: Decimal) -> Move:
    return Move(warehouse_id=order.warehouse_id, spec_id=line.spec_id, num=num, defect=line.defect)


# ---------------------------------------------------------------------------- cancel, find


def find(session: Session, tenant_id: int, direction: str, order_no: str) -> OtherOrder:
    order = session.scalar(select(OtherOrder).where(OtherOrder.tenant_id == tenant_id,
                                                    OtherOrder.direction == direction,
                                                    OtherOrder.order_no == order_no))
    if order is None:
        raise ApiError("E26", f"other-{direction} business order {order_no!r} not found")
    return order


def cancel(session: Session, tenant_id: int, direction: str, order_no: str) -> OtherOrder:
    order = find(session, tenant_id, direction, order_no)
    if order.status == OtherOrderStatus.CANCELLED:
        raise ApiError("E26", f"{order_no} is already cancelled")
    if order.status not in CANCELLABLE or any(line.done_num > 0 for line in order.lines):
        raise business_error("单据状态不是编辑中、待审核、已审核，不允许取消",
                             f"{order_no} is in status {order.status}")
    open_docs = session.scalar(select(StockDocument.doc_no).where(
        StockDocument.tenant_id == tenant_id, StockDocument.src_order_id == order.rec_id,
        StockDocument.direction == direction, StockDocument.order_type == order_kind(direction).order_type,
        StockDocument.status.not_in([order_kind(direction).cancelled, order_kind(direction).completed])))
    if open_docs is not None:
        raise business_error(f"业务单存在未取消的出入库单{open_docs}，不允许取消",
                             f"{order_no} is executed by open document {open_docs}")
    release(session, order)
    order.status = OtherOrderStatus.CANCELLED
    order.modified = now_china()
    return order


def release(session: Session, order: OtherOrder) -> None:
    for line in order.lines:
        if line.reserved_num > 0:
            inventory.release(session, [_move(order, line, line.reserved_num)])
            line.reserved_num = Decimal(0)
    order.is_reserved = False


# ---------------------------------------------------------------------------- execution


def lines_for(order: OtherOrder, spec_id: int) -> list[OtherOrderLine]:
    return [line for line in order.lines if line.spec_id == spec_id]


def before_stockout_check(session: Session, doc: StockDocument) -> None:
    """An other stockout takes the stock its business order holds: give that reservation back first."""
    order = session.get(OtherOrder, doc.src_order_id) if doc.src_order_id else None
    if order is None or not order.is_reserved:
        return
    for line in doc.lines:
        need = line.num
        for bline in lines_for(order, line.spec_id):
            take = min(need, bline.reserved_num) if bline.defect == line.defect else Decimal(0)
            if take > 0:
                inventory.release(session, [_move(order, bline, take)])
                bline.reserved_num -= take
                need -= take


def after_check(session: Session, doc: StockDocument) -> None:
    """A checked other stockin/stockout adds to in_num/out_num: 60 partly, 70 completed."""
    order = session.get(OtherOrder, doc.src_order_id) if doc.src_order_id else None
    if order is None:
        return
    for line in doc.lines:
        left = line.num
        for bline in lines_for(order, line.spec_id):
            take = min(left, bline.num - bline.done_num)
            if take > 0:
                bline.done_num += take
                left -= take
        if left > 0:
            raise business_error("出入库数量超过业务单数量",
                                 f"{doc.doc_no}: spec {line.spec_id} exceeds business order {order.order_no}")
    done = all(bline.done_num >= bline.num for bline in order.lines)
    order.status = OtherOrderStatus.COMPLETED if done else OtherOrderStatus.PARTLY_DONE
    order.is_reserved = any(bline.reserved_num > 0 for bline in order.lines)
    order.modified = now_china()


# ---------------------------------------------------------------------------- queries


def orders_query(tenant_id: int, direction: str, f: dict[str, Any],
                 permitted: frozenset[str] | None) -> Select[Any]:
    """In/OutQuery.queryWithDetail: orders of one direction, by created (time_type 1) or modified (2)."""
    stmt = (select(OtherOrder).join(Warehouse, Warehouse.warehouse_id == OtherOrder.warehouse_id)
            .where(OtherOrder.tenant_id == tenant_id, OtherOrder.direction == direction)
            .order_by(OtherOrder.rec_id))
    number = f.get("other_in_no") if direction == "in" else f.get("other_out_no")
    if number and f.get("fuzzy_query"):
        stmt = stmt.where(OtherOrder.order_no.contains(number))
    else:
        stmt = equal_if_given(stmt, [(OtherOrder.order_no, number)])
    stmt = equal_if_given(stmt, [(Warehouse.warehouse_no, f.get("warehouse_no"))])
    statuses = [int(s) for s in split_list(str(f.get("status") or ""))]
    if statuses:
        stmt = stmt.where(OtherOrder.status.in_(statuses))
    column: Any = OtherOrder.modified if f.get("time_type") == 2 else OtherOrder.created
    stmt = in_window(stmt, column, f.get("start_time"), f.get("end_time"))
    allowed = among(Warehouse.warehouse_no, permitted)
    return stmt if allowed is None else stmt.where(allowed)
