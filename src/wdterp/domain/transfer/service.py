"""Transfers: create (two-step and one-step, outer), check, cancel, their transfer stockouts and
stockins through the document engine, stop waiting, settlement. Codes and decisions: `statuses.py`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, KindHooks, LineSpec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata import service as masterdata
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.transfer.models import TransferOrder, TransferOrderLine, TransferSettle
from wdterp.domain.transfer.statuses import (
    CANCELLABLE,
    DETAIL_MODES,
    EXECUTABLE,
    ONE_STEP_MODES,
    OUTER_MODES,
    POSITION_MODES,
    TWO_STEP_MODES,
    OutInStatus,
    SettleStatus,
    TransferStatus,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
TRANSFER_OUT = Kind("out", OrderType.TRANSFER, "CK")
TRANSFER_IN = Kind("in", OrderType.TRANSFER, "RK")
#: the transfer's own lines, as the engine validates them (E45 unknown spec, E67/E68 repeats, E56)
TRANSFER_LINES = Kind("out", OrderType.TRANSFER, "TF")
SYSTEM = "系统"
#: `is_check` of a transfer stockout / stockin create → initial status (None: checked at once)
OUT_STATUS: dict[int, int | None] = {0: StockoutStatus.AWAITING_CHECK, 1: None, 2: StockoutStatus.UNCONFIRMED}
IN_STATUS: dict[int, int | None] = {0: StockinStatus.AWAITING_CHECK, 1: None, 2: StockinStatus.EDITING}
OUT_CANCELLABLE = (StockoutStatus.UNCONFIRMED,)
IN_CANCELLABLE = (StockinStatus.EDITING, StockinStatus.AWAITING_CHECK)
HEADER_FIELDS = ("contact", "telno", "province", "city", "district", "address", "remark")


@dataclass
class Created:
    """A created document and why its requested check failed (None when it did not)."""

    number: str
    check_error: str | None = None


def is_two_step(order: TransferOrder) -> bool:
    return not order.is_outer and order.mode in TWO_STEP_MODES


# ---------------------------------------------------------------------------- create


def _transfer_lines(session: Session, tenant_id: int, mode: int, source: Warehouse, target: Warehouse,
                    details: Sequence[dict[str, Any]], settings: dict[str, Any]) -> list[TransferOrderLine]:
    detail = mode in DETAIL_MODES
    by_position = mode in POSITION_MODES
    raw = [{"spec_no": d.get("spec_no"), "num": d.get("num"), "defect": _defect(d.get("defect")),
            "remark": d.get("remark") or "", "position_no": d.get("from_position_no") if by_position else None,
            "batch_no": d.get("batch_no") if detail else None, "expire_date": d.get("expire_date") if detail else None}
           for d in details]
    resolved = engine.resolve_lines(session, tenant_id, source, TRANSFER_LINES, raw, settings)
    lines = []
    for given, line in zip(details, resolved, strict=True):
        to_position = None
        if mode in POSITION_MODES and given.get("to_position_no"):
            to_position = inventory.position(session, tenant_id, target.warehouse_id,
                                             str(given["to_position_no"])).position_id
        lines.append(TransferOrderLine(spec_id=line.spec.spec_id, num=line.num, defect=line.defect, out_num=ZERO,
                                       in_num=ZERO, cost_price=ZERO,
                                       from_position_id=line.position_id, to_position_id=to_position,
                                       batch_no=line.batch_no, expire_date=line.expire_date, remark=line.remark))
    return lines


def _defect(value: Any) -> bool:
    return value not in (None, "", 0, "0", False, "false")


def require_available(session: Session, tenant_id: int, warehouse_id: int, lines: Sequence[TransferOrderLine],
                      row: str) -> None:
    """Every spec's quantity within the source's available stock, else `row` (E35 two-step, E27 one-step)."""
    need: dict[tuple[int, bool], Decimal] = defaultdict(Decimal)
    for line in lines:
        need[(line.spec_id, line.defect)] += line.num - line.out_num
    for (spec_id, defect), num in sorted(need.items()):
        available = inventory.available(session, warehouse_id, spec_id, defect)
        if num > available:
            spec_no = session.scalar(select(Spec.spec_no).where(Spec.spec_id == spec_id)) or str(spec_id)
            raise ApiError(row, f"{spec_no}: transfer {num} > available {available}", spec_no=spec_no)


#: what E33 asks of a transfer out of an external warehouse: 收货人、收货电话、省份、城市、地址 (the target's)
RECEIVER = ("contact", "telno", "province", "city", "address")


def _require_receiver(source: Warehouse, values: dict[str, Any]) -> None:
    missing = [name for name in RECEIVER if not values.get(name)]
    if engine.is_external(source) and missing:
        raise ApiError("E33", f"{source.warehouse_no} is external; missing {', '.join(missing)}")


def _ensure_outer_no_unused(session: Session, tenant_id: int, outer_no: str) -> None:
    if not outer_no:
        return
    used = session.scalar(select(TransferOrder.transfer_id).where(
        TransferOrder.tenant_id == tenant_id,
        (TransferOrder.outer_no == outer_no) | (TransferOrder.transfer_no == outer_no)))
    if used is not None:
        raise ApiError("E39", f"transfer outer_no {outer_no!r} already used")


def create(session: Session, tenant_id: int, source: Warehouse, target: Warehouse, values: dict[str, Any],
           details: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str, *,
           outer: bool = False) -> TransferOrder:
    """A new transfer (编辑中) after its checks: E39 outer_no, lines, E35/E27 above available stock."""
    if source.warehouse_id == target.warehouse_id:
        raise business_error("调出仓库和调入仓库不能相同", f"{source.warehouse_no} → itself")
    mode = int(values.get("mode") or 0)
    if outer:
        if not (engine.is_external(source) or engine.is_external(target)):
            raise business_error("外仓调拨的调出仓库或调入仓库必须为外部仓库",
                                 f"{source.warehouse_no} and {target.warehouse_no} are both own warehouses")
        mode = OUTER_MODES.get(mode, -1)
    else:
        _require_receiver(source, values)
        if mode not in TWO_STEP_MODES | ONE_STEP_MODES:
            mode = -1
    if mode < 0:
        raise business_error("调拨类型不正确", f"mode {values.get('mode')!r} is not one of the page's")
    outer_no = str(values.get("outer_no") or "")
    _ensure_outer_no_unused(session, tenant_id, outer_no)
    lines = _transfer_lines(session, tenant_id, mode, source, target, details, settings)
    order = TransferOrder(
        tenant_id=tenant_id, transfer_no=next_no(session, tenant_id, "TF"), outer_no=outer_no, mode=mode,
        status=TransferStatus.EDITING, stock_out_in_status=OutInStatus.AWAITING_OUT, is_outer=outer,
        from_warehouse_id=source.warehouse_id, to_warehouse_id=target.warehouse_id, creator_name=operator,
        goods_count=sum((x.num for x in lines), ZERO), goods_out_count=ZERO, goods_in_count=ZERO,
        goods_type_count=len({x.spec_id for x in lines}),
        **{f: str(values.get(f) or "") for f in HEADER_FIELDS})
    order.lines = lines
    require_available(session, tenant_id, source.warehouse_id, lines, "E35" if is_two_step(order) else "E27")
    session.add(order)
    session.flush()
    return order


def submit(order: TransferOrder) -> None:
    """提交: 编辑中 → 待审核."""
    if order.status != TransferStatus.EDITING:
        raise business_error("调拨单状态不正确", f"{order.transfer_no} is in status {order.status}, cannot submit")
    order.status = TransferStatus.AWAITING_CHECK
    order.modified = now_china()


def check(session: Session, order: TransferOrder, operator: str, settings: dict[str, Any]) -> None:
    """审核: a two-step transfer waits for its stockouts (待调拨量 counted); a one-step one moves at once."""
    if order.status not in CANCELLABLE:
        raise business_error("调拨单状态不正确", f"{order.transfer_no} is in status {order.status}, cannot check")
    order.status = TransferStatus.CHECKED
    order.check_time = order.modified = now_china()
    if is_two_step(order):
        for line in order.lines:
            inventory.adjust_counters(session, order.tenant_id, order.from_warehouse_id, line.spec_id, line.defect,
                                      wait_transfer_num=line.num)
        return
    require_available(session, order.tenant_id, order.from_warehouse_id, order.lines, "E27")
    out = _document(session, order, TRANSFER_OUT, order.from_warehouse_id, _remaining_out(order), operator)
    engine.check(session, out, operator)
    back = _document(session, order, TRANSFER_IN, order.to_warehouse_id, _in_transit(order), operator,
                     to_side=True)
    engine.check(session, back, operator)


def cancel(order: TransferOrder) -> None:
    if order.status == TransferStatus.CANCELLED:
        raise ApiError("E26", f"{order.transfer_no} is already cancelled")
    if order.status not in CANCELLABLE:
        raise business_error("调拨单状态不正确", f"{order.transfer_no} is in status {order.status}, cannot cancel")
    order.status = TransferStatus.CANCELLED
    order.modified = now_china()


def find(session: Session, tenant_id: int, transfer_no: str) -> TransferOrder | None:
    return session.scalar(select(TransferOrder).where(TransferOrder.tenant_id == tenant_id,
                                                      TransferOrder.transfer_no == transfer_no))


def executable(session: Session, tenant_id: int, transfer_no: str) -> TransferOrder:
    """The checked transfer a transfer stockout/stockin is made for (E47 unknown or not checked)."""
    order = find(session, tenant_id, transfer_no)
    if order is None or order.status not in EXECUTABLE or order.is_stopped:
        raise ApiError("E47", f"transfer {transfer_no!r} does not exist or is not checked")
    return order


# ---------------------------------------------------------------------------- transfer stockouts / stockins


def _remaining_out(order: TransferOrder) -> list[tuple[TransferOrderLine, Decimal]]:
    return [(line, line.num - line.out_num) for line in order.lines if line.num > line.out_num]


def _in_transit(order: TransferOrder) -> list[tuple[TransferOrderLine, Decimal]]:
    return [(line, line.out_num - line.in_num) for line in order.lines if line.out_num > line.in_num]


def _document(session: Session, order: TransferOrder, kind: Kind, warehouse_id: int,
              quantities: Sequence[tuple[TransferOrderLine, Decimal]], operator: str, *, to_side: bool = False,
              status: int | None = None, **header: Any) -> StockDocument:
    """A transfer stockout/stockin of `quantities` of the transfer's lines (position/batch carried)."""
    warehouse = session.get(Warehouse, warehouse_id)
    assert warehouse is not None
    specs = {s.spec_id: s for s in session.scalars(select(Spec).where(
        Spec.spec_id.in_({line.spec_id for line, _ in quantities})))}
    lines = [LineSpec(spec=specs[line.spec_id], num=num, defect=line.defect, batch_no=line.batch_no,
                      expire_date=line.expire_date, remark=line.remark,
                      position_id=line.to_position_id if to_side else line.from_position_id)
             for line, num in quantities]
    initial = status if status is not None else (StockinStatus.AWAITING_CHECK if kind.direction == "in"
                                                 else StockoutStatus.AWAITING_CHECK)
    doc = engine.create(session, order.tenant_id, kind, warehouse, lines, initial,
                        src_order_no=order.transfer_no, src_order_id=order.transfer_id,
                        operator_name=operator, **header)
    for doc_line, (line, _) in zip(doc.lines, quantities, strict=True):
        doc_line.src_line_id = line.rec_id
    return doc


def _match(order: TransferOrder, spec_id: int, defect: bool, batch_no: str) -> TransferOrderLine:
    for line in order.lines:
        if line.spec_id == spec_id and line.defect == defect and (not batch_no or batch_no == line.batch_no):
            return line
    raise business_error("货品不在调拨单中", f"spec {spec_id} (defect {defect}) is not on {order.transfer_no}")


def _given_lines(session: Session, order: TransferOrder, kind: Kind, warehouse: Warehouse,
                 details: Sequence[dict[str, Any]], settings: dict[str, Any]) -> list[LineSpec]:
    raw = [{**d, "defect": _defect(d.get("defect"))} for d in details]
    lines = engine.resolve_lines(session, order.tenant_id, warehouse, kind, raw, settings)
    for line in lines:
        match = _match(order, line.spec.spec_id, line.defect, line.batch_no)
        line.batch_no = line.batch_no or match.batch_no
        line.expire_date = line.expire_date or match.expire_date
        if line.position_id is None:
            line.position_id = match.from_position_id if kind.direction == "out" else match.to_position_id
        line.extra = {"transfer_line": match.rec_id}
    return lines


def create_stockout(session: Session, order: TransferOrder, warehouse: Warehouse, values: dict[str, Any],
                    details: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str) -> Created:
    """stockout.Transfer.createOrder: from the transfer's source, at most what it has still to send."""
    if warehouse.warehouse_id != order.from_warehouse_id:
        raise business_error("出库仓库与调拨单调出仓库不一致", f"{warehouse.warehouse_no} is not the source")
    lines = _given_lines(session, order, TRANSFER_OUT, warehouse, details, settings)
    left = {line.rec_id: line.num - line.out_num for line in order.lines}
    _within(lines, left, "调拨出库数量不能大于调拨单未出库数量")
    status = OUT_STATUS.get(int(values.get("is_check") or 0), StockoutStatus.AWAITING_CHECK)
    return _execute(session, order, TRANSFER_OUT, warehouse, lines, status, values, operator)


def create_stockin(session: Session, order: TransferOrder, warehouse: Warehouse, values: dict[str, Any],
                   details: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str) -> Created:
    """stockin.Transfer.createOrder: into the transfer's target, at most what is in transit."""
    if warehouse.warehouse_id != order.to_warehouse_id:
        raise business_error("入库仓库与调拨单调入仓库不一致", f"{warehouse.warehouse_no} is not the target")
    if values.get("is_create_batch"):
        settings = {**settings, "auto_create_batch": True}
    lines = _given_lines(session, order, TRANSFER_IN, warehouse, details, settings)
    left = {line.rec_id: line.out_num - line.in_num for line in order.lines}
    _within(lines, left, "调拨入库数量不能大于调拨单在途数量")
    status = IN_STATUS.get(int(values.get("is_check") or 0), StockinStatus.AWAITING_CHECK)
    return _execute(session, order, TRANSFER_IN, warehouse, lines, status, values, operator)


def _within(lines: Sequence[LineSpec], left: dict[int, Decimal], message: str) -> None:
    for line in lines:
        rec_id = line.extra["transfer_line"]
        left[rec_id] -= line.num
        if left[rec_id] < 0:
            raise business_error(message, f"{line.spec.spec_no}: {line.num} is more than is left")


def _execute(session: Session, order: TransferOrder, kind: Kind, warehouse: Warehouse, lines: list[LineSpec],
             status: int | None, values: dict[str, Any], operator: str) -> Created:
    logistics_id = 0
    if values.get("logistics_code"):
        logistics_id = masterdata.active_logistics(session, order.tenant_id, values["logistics_code"]).logistics_id
    initial = status if status is not None else (
        StockinStatus.AWAITING_CHECK if kind.direction == "in" else StockoutStatus.AWAITING_CHECK)
    doc = engine.create(session, order.tenant_id, kind, warehouse, lines, initial,
                        src_order_no=order.transfer_no, src_order_id=order.transfer_id, operator_name=operator,
                        logistics_id=logistics_id, remark=str(values.get("remark") or ""))
    for doc_line, line in zip(doc.lines, lines, strict=True):
        doc_line.src_line_id = int(line.extra["transfer_line"])
    if status is not None:
        return Created(doc.doc_no)
    if kind.direction == "out":
        short = shortfall(session, doc)
        if short:
            return Created(doc.doc_no, short)
    engine.check(session, doc, operator)
    return Created(doc.doc_no)


def ship(session: Session, order: TransferOrder, operator: str) -> StockDocument:
    """ERP side: send everything the transfer has still to send (a checked transfer stockout)."""
    if order.status not in EXECUTABLE or order.is_stopped or not _remaining_out(order):
        raise ApiError("E47", f"{order.transfer_no} has nothing to send (status {order.status})")
    doc = _document(session, order, TRANSFER_OUT, order.from_warehouse_id, _remaining_out(order), operator)
    engine.check(session, doc, operator)
    return doc


def receive(session: Session, order: TransferOrder, operator: str) -> StockDocument:
    """ERP side: receive everything in transit (a checked transfer stockin in the target)."""
    if order.status not in EXECUTABLE or order.is_stopped or not _in_transit(order):
        raise ApiError("E47", f"{order.transfer_no} has nothing in transit (status {order.status})")
    doc = _document(session, order, TRANSFER_IN, order.to_warehouse_id, _in_transit(order), operator, to_side=True)
    engine.check(session, doc, operator)
    return doc


def shortfall(session: Session, doc: StockDocument) -> str | None:
    """Why a transfer stockout cannot be checked now (its first spec short of available stock)."""
    need: dict[tuple[int, bool], Decimal] = defaultdict(Decimal)
    for line in doc.lines:
        need[(line.spec_id, line.defect)] += line.num
    for (spec_id, defect), num in sorted(need.items()):
        if inventory.available(session, doc.warehouse_id, spec_id, defect) < num:
            spec_no = session.scalar(select(Spec.spec_no).where(Spec.spec_id == spec_id))
            return f"商家编码{spec_no}库存不足"
    return None


# ---------------------------------------------------------------------------- the transfer follows its documents


def _order_of(session: Session, doc: StockDocument) -> TransferOrder | None:
    if not doc.src_order_id or doc.extra.get("back_fill"):
        return None
    return session.get(TransferOrder, doc.src_order_id)


def after_stockout_check(session: Session, doc: StockDocument) -> None:
    order = _order_of(session, doc)
    if order is None:
        return
    lines = {line.rec_id: line for line in order.lines}
    for doc_line in doc.lines:
        line = lines[doc_line.src_line_id]
        if line.out_num + doc_line.num > line.num:
            raise business_error("调拨出库数量不能大于调拨单未出库数量",
                                 f"{doc.doc_no} sends more than {order.transfer_no} has left")
        line.out_num += doc_line.num
        line.cost_price = doc_line.cost_price
        counters: dict[str, Decimal] = {}
        if is_two_step(order):
            counters["wait_transfer_num"] = -doc_line.num
        inventory.adjust_counters(session, order.tenant_id, order.from_warehouse_id, line.spec_id, line.defect,
                                  **counters)
        inventory.adjust_counters(session, order.tenant_id, order.to_warehouse_id, line.spec_id, line.defect,
                                  transfer_num=doc_line.num)
    order.goods_out_count += doc.goods_count
    if order.status == TransferStatus.CHECKED:
        order.status = TransferStatus.IN_TRANSIT
    _progress(session, order)


def after_stockin_check(session: Session, doc: StockDocument) -> None:
    order = _order_of(session, doc)
    if order is None:
        return
    lines = {line.rec_id: line for line in order.lines}
    for doc_line in doc.lines:
        line = lines[doc_line.src_line_id]
        if line.in_num + doc_line.num > line.out_num:
            raise business_error("调拨入库数量不能大于调拨单在途数量", f"{doc.doc_no} receives more than is in transit")
        line.in_num += doc_line.num
        inventory.adjust_counters(session, order.tenant_id, order.to_warehouse_id, line.spec_id, line.defect,
                                  transfer_num=-doc_line.num)
    order.goods_in_count += doc.goods_count
    _progress(session, order)


def out_in_status(order: TransferOrder) -> int:
    total = sum((x.num for x in order.lines), ZERO)
    out = sum((x.out_num for x in order.lines), ZERO)
    received = sum((x.in_num for x in order.lines), ZERO)
    if received >= total:
        return OutInStatus.DONE
    if out == 0:
        return OutInStatus.AWAITING_OUT
    if out < total:
        return OutInStatus.PART_OUT_PART_IN if received else OutInStatus.PART_OUT_NONE_IN
    return OutInStatus.ALL_OUT_PART_IN if received else OutInStatus.ALL_OUT_NONE_IN


def _progress(session: Session, order: TransferOrder) -> None:
    order.stock_out_in_status = out_in_status(order)
    order.modified = now_china()
    if order.stock_out_in_status == OutInStatus.DONE:
        finish(session, order)


def finish(session: Session, order: TransferOrder) -> None:
    """调拨完成, with its settlement (checked by the system: see statuses.py)."""
    order.status = TransferStatus.DONE
    order.stock_out_in_status = OutInStatus.DONE
    order.modified = now_china()
    session.add(TransferSettle(
        tenant_id=order.tenant_id, settle_no=next_no(session, order.tenant_id, "TJ"),
        transfer_id=order.transfer_id, status=SettleStatus.CHECKED, checker_name=SYSTEM, settler_name=SYSTEM,
        total_cost=sum((x.out_num * x.cost_price for x in order.lines), ZERO), remark=order.remark))
    session.flush()


# ---------------------------------------------------------------------------- stop waiting


def stop_waiting(session: Session, order: TransferOrder, back_fill: bool, operator: str) -> None:
    """Manage.pending: nothing more is expected; with `back_fill` what is in transit returns to the source
    through a checked transfer stockin there. Open transfer documents are cancelled."""
    if order.status not in EXECUTABLE or order.is_stopped:
        raise business_error("调拨单状态不正确", f"{order.transfer_no} is in status {order.status}")
    _cancel_open_documents(session, order)
    transit = _in_transit(order)
    for line in order.lines:
        if is_two_step(order) and line.num > line.out_num:
            inventory.adjust_counters(session, order.tenant_id, order.from_warehouse_id, line.spec_id, line.defect,
                                      wait_transfer_num=-(line.num - line.out_num))
    for line, num in transit:
        inventory.adjust_counters(session, order.tenant_id, order.to_warehouse_id, line.spec_id, line.defect,
                                  transfer_num=-num)
    if back_fill and transit:
        doc = _document(session, order, TRANSFER_IN, order.from_warehouse_id, transit, operator,
                        extra={"back_fill": True})
        for doc_line in doc.lines:
            doc_line.position_id = None  # back into the source's default position
        engine.check(session, doc, operator)
    order.is_stopped = True
    finish(session, order)


def _cancel_open_documents(session: Session, order: TransferOrder) -> None:
    for doc in session.scalars(select(StockDocument).where(
            StockDocument.tenant_id == order.tenant_id, StockDocument.order_type == OrderType.TRANSFER,
            StockDocument.src_order_id == order.transfer_id,
            StockDocument.status.not_in([StockinStatus.CANCELLED, StockinStatus.COMPLETED,
                                         StockoutStatus.CANCELLED, StockoutStatus.COMPLETED]))):
        engine.cancel(session, doc, [doc.status])


#: transfer stockouts/stockins move their transfer (registered by `wdterp.wiring`)
HOOKS = (KindHooks(TRANSFER_OUT, after_check=after_stockout_check),
         KindHooks(TRANSFER_IN, after_check=after_stockin_check))
