"""Stock counts (盘点单): start, enter counted quantities, execute, cancel; and the API's one-step count.

Executing a count compares each counted line with the stock at that moment (the line's `old_num`) and
turns the differences into stock documents of type 4 through the document engine: gains (盘盈) into
one stockin, losses (盘亏) into one stockout, both checked at once. A count is the truth: a loss may
take stock that is reserved (never below zero).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, LineSpec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Stock, StockDetail
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import cancel_document, find_by_number
from wdterp.domain.warehouse_ops.common import NO_EXPIRY, position_of
from wdterp.domain.warehouse_ops.models import StockCount, StockCountLine
from wdterp.domain.warehouse_ops.statuses import (
    COUNT_CANCELLABLE,
    COUNT_OPEN,
    COUNT_PREFIX,
    CountMode,
    CountStatus,
    DefectMode,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

GAIN = Kind("in", OrderType.STOCK_COUNT, "RK")
LOSS = Kind("out", OrderType.STOCK_COUNT, "CK")
GAIN_REMARK = "盘盈入库"
LOSS_REMARK = "盘亏出库"
ZERO = Decimal(0)


@dataclass(frozen=True)
class Entry:
    """One counted quantity as entered: a spec (and defect flag), at a position/batch for position counts."""

    spec: Spec
    new_num: Decimal
    defect: bool = False
    position_id: int | None = None
    batch_no: str = ""
    expire_date: date | None = None
    remark: str = ""


def defects_of(mode: int) -> tuple[bool, ...]:
    return {DefectMode.GOOD_ONLY: (False,), DefectMode.DEFECT_ONLY: (True,)}.get(DefectMode(mode), (False, True))


# ---------------------------------------------------------------------------- start


def start(session: Session, tenant_id: int, warehouse: Warehouse, *, spec_ids: Sequence[int] = (),
          position_ids: Sequence[int] = (), defect_mode: int = DefectMode.ALL, remark: str = "",
          creator: str = "") -> StockCount:
    """新建盘点单: a count of the warehouse (or of some specs / positions) in 30 待盘点.

    By spec (no positions): one line per stock row; specs named without a stock row get a line at 0.
    By position: one line per stock detail (spec, batch, expiry) on the named positions.
    """
    defects = defects_of(defect_mode)
    mode = CountMode.BY_POSITION_DETAIL if position_ids else CountMode.BY_SPEC
    count = StockCount(tenant_id=tenant_id, pd_no=next_no(session, tenant_id, COUNT_PREFIX),
                       warehouse_id=warehouse.warehouse_id, mode=mode, status=CountStatus.TO_COUNT,
                       defect_mode=defect_mode, creator_no=creator, operator_no=creator, remark=remark)
    if position_ids:
        count.lines = _position_lines(session, warehouse, spec_ids, position_ids, defects)
    else:
        count.lines = _spec_lines(session, warehouse, spec_ids, defects, defect_mode)
    if not count.lines:
        raise business_error("没有需要盘点的货品", f"nothing to count in {warehouse.warehouse_no}")
    session.add(count)
    session.flush()
    return count


def _spec_lines(session: Session, warehouse: Warehouse, spec_ids: Sequence[int], defects: tuple[bool, ...],
                defect_mode: int) -> list[StockCountLine]:
    stmt = select(Stock).where(Stock.warehouse_id == warehouse.warehouse_id, Stock.defect.in_(defects))
    chosen = Stock.spec_id.in_(sorted(set(spec_ids))) if spec_ids else Stock.stock_num != 0
    stmt = stmt.where(chosen)
    stock = {(r.spec_id, r.defect): Decimal(r.stock_num) for r in session.scalars(stmt)}
    default_defect = defect_mode == DefectMode.DEFECT_ONLY
    for spec_id in spec_ids:
        if not any(key[0] == spec_id for key in stock):
            stock[(spec_id, default_defect)] = ZERO
    return [StockCountLine(spec_id=s, defect=d, old_num=stock[(s, d)]) for s, d in sorted(stock)]


def _position_lines(session: Session, warehouse: Warehouse, spec_ids: Sequence[int], position_ids: Sequence[int],
                    defects: tuple[bool, ...]) -> list[StockCountLine]:
    stmt = (select(Stock.spec_id, Stock.defect, StockDetail)
            .join(StockDetail, StockDetail.stock_id == Stock.rec_id)
            .where(Stock.warehouse_id == warehouse.warehouse_id, Stock.defect.in_(defects),
                   StockDetail.position_id.in_(sorted(set(position_ids))), StockDetail.stock_num != 0)
            .order_by(StockDetail.position_id, Stock.spec_id, Stock.defect, StockDetail.rec_id))
    if spec_ids:
        stmt = stmt.where(Stock.spec_id.in_(sorted(set(spec_ids))))
    return [StockCountLine(spec_id=spec_id, defect=defect, position_id=d.position_id, batch_no=d.batch_no,
                           expire_date=None if d.expire_date == NO_EXPIRY else d.expire_date, old_num=d.stock_num)
            for spec_id, defect, d in session.execute(stmt)]


# ---------------------------------------------------------------------------- enter


def _line_key(line: StockCountLine | Entry, mode: int) -> tuple[Any, ...]:
    spec_id = line.spec_id if isinstance(line, StockCountLine) else line.spec.spec_id
    if mode == CountMode.BY_SPEC:
        return (spec_id, line.defect)
    return (spec_id, line.defect, line.position_id, line.batch_no, line.expire_date)


def enter(session: Session, tenant_id: int, count: StockCount, entries: Sequence[Entry]) -> StockCount:
    """盘点录入: counted quantities; a spec not on the sheet gets a new line (found goods)."""
    if count.status not in COUNT_OPEN:
        raise business_error("盘点单状态不正确", f"{count.pd_no} is in status {count.status}, cannot enter counts")
    lines = {_line_key(line, count.mode): line for line in count.lines}
    for entry in entries:
        if count.mode != CountMode.BY_SPEC and entry.position_id is None:
            entry = Entry(entry.spec, entry.new_num, entry.defect,
                          position_of(session, tenant_id, _warehouse(session, count), None).position_id,
                          entry.batch_no, entry.expire_date, entry.remark)
        key = _line_key(entry, count.mode)
        line = lines.get(key)
        if line is None:
            line = StockCountLine(spec_id=entry.spec.spec_id, defect=entry.defect, position_id=entry.position_id,
                                  batch_no=entry.batch_no, expire_date=entry.expire_date,
                                  old_num=_current(session, count, entry.spec.spec_id, entry.defect,
                                                   entry.position_id, entry.batch_no, entry.expire_date))
            count.lines.append(line)
            lines[key] = line
        elif line.executed:
            raise business_error(f"商家编码{entry.spec.spec_no}已盘点", f"{count.pd_no}: line {key} already executed")
        line.new_num = entry.new_num
        line.remark = entry.remark or line.remark
        line.modified = now_china()
    if count.status == CountStatus.TO_COUNT:
        count.status = CountStatus.COUNTING
    count.modified = now_china()
    session.flush()
    return count


def _warehouse(session: Session, count: StockCount) -> Warehouse:
    warehouse = session.get(Warehouse, count.warehouse_id)
    assert warehouse is not None
    return warehouse


def _current(session: Session, count: StockCount, spec_id: int, defect: bool, position_id: int | None,
             batch_no: str, expire_date: date | None) -> Decimal:
    if position_id is None:
        row = inventory.stock_row(session, count.warehouse_id, spec_id, defect)
        return ZERO if row is None else Decimal(row.stock_num)
    return inventory.position_stock(session, count.warehouse_id, spec_id, defect, position_id, batch_no,
                                    expire_date or NO_EXPIRY)


# ---------------------------------------------------------------------------- execute


def finish(session: Session, tenant_id: int, count: StockCount, operator: str = "",
           partial: bool = False) -> tuple[StockDocument | None, StockDocument | None]:
    """执行盘点: entered lines become stock (type-4 stockin for gains, stockout for losses).

    `partial` with lines still uncounted leaves the count 33 部分盘点; otherwise uncounted lines keep their
    stock and the count is 40 已完成. Returns the (gain stockin, loss stockout) documents, when any.
    """
    if count.status not in COUNT_OPEN:
        raise business_error("盘点单状态不正确", f"{count.pd_no} is in status {count.status}, cannot execute")
    todo = [line for line in count.lines if not line.executed and line.new_num is not None]
    uncounted = [line for line in count.lines if not line.executed and line.new_num is None]
    rows = inventory.lock_stock_rows(session, tenant_id,
                                     {(count.warehouse_id, line.spec_id, line.defect) for line in todo})
    specs = {s.spec_id: s for s in session.scalars(select(Spec).where(Spec.spec_id.in_(
        sorted({line.spec_id for line in todo}))))} if todo else {}
    gains: list[LineSpec] = []
    losses: list[LineSpec] = []
    for line in todo:
        assert line.new_num is not None
        line.old_num = _current(session, count, line.spec_id, line.defect, line.position_id, line.batch_no,
                                line.expire_date)
        diff = line.new_num - line.old_num
        row = rows[(count.warehouse_id, line.spec_id, line.defect)]
        if diff != 0:
            (gains if diff > 0 else losses).append(LineSpec(
                spec=specs[line.spec_id], num=abs(diff), price=Decimal(row.cost_price or 0), defect=line.defect,
                position_id=line.position_id, batch_no=line.batch_no, expire_date=line.expire_date,
                remark=line.remark, extra={"right_num": str(line.new_num), "pd_line_id": line.rec_id}))
        line.executed = True
    warehouse = _warehouse(session, count)
    stockin = _document(session, tenant_id, count, warehouse, GAIN, gains, operator)
    stockout = _document(session, tenant_id, count, warehouse, LOSS, losses, operator)
    inventory.mark_counted(session, rows.values())
    now = now_china()
    if partial and uncounted:
        count.status = CountStatus.PARTLY_COUNTED
    else:
        for line in uncounted:
            line.old_num = line.new_num = _current(session, count, line.spec_id, line.defect, line.position_id,
                                                   line.batch_no, line.expire_date)
            line.executed = True
        count.status = CountStatus.COMPLETED
        count.finished_time = now
    count.operator_no = operator or count.operator_no
    count.modified = now
    session.flush()
    return stockin, stockout


def _document(session: Session, tenant_id: int, count: StockCount, warehouse: Warehouse, kind: Kind,
              lines: list[LineSpec], operator: str) -> StockDocument | None:
    if not lines:
        return None
    awaiting = StockinStatus.AWAITING_CHECK if kind.direction == "in" else StockoutStatus.AWAITING_CHECK
    doc = engine.create(session, tenant_id, kind, warehouse, lines, awaiting, src_order_no=count.pd_no,
                        src_order_id=count.rec_id, remark=GAIN_REMARK if kind is GAIN else LOSS_REMARK,
                        operator_name=operator, extra={"pd_remark": count.remark})
    engine.check(session, doc, operator, ignore_reservations=True)
    if kind is LOSS:
        doc.consign_time = doc.check_time
    return doc


def cancel(count: StockCount) -> StockCount:
    cancel_document(count, count.pd_no, CountStatus.CANCELLED, COUNT_CANCELLABLE, "盘点单")
    return count


def find(session: Session, tenant_id: int, pd_no: str) -> StockCount:
    return find_by_number(session, tenant_id, StockCount.pd_no, pd_no, "stock count")


# ---------------------------------------------------------------------------- one step (stockSyncByPd)


def sync_by_count(session: Session, tenant_id: int, warehouse: Warehouse, raw_lines: Sequence[dict[str, Any]],
                  quantities: Sequence[Decimal], *, defect_mode: int, strict: bool, remark: str,
                  operator: str) -> tuple[StockCount, list[str]]:
    """新建盘点单 + 盘点录入 + 执行盘点 in one step (single-spec mode): the counted figures overwrite stock.

    Lines of unknown specs fail the call when `strict`, else they are skipped (as are lines the
    defect mode leaves out); the skipped spec_nos are returned.
    """
    specs = specs_by_no(session, tenant_id, [str(r["spec_no"]) for r in raw_lines])
    unknown = [str(r["spec_no"]) for r in raw_lines if str(r["spec_no"]) not in specs]
    if unknown and strict:
        raise business_error(f"商家编码{unknown[0]}不存在或已删除", f"strict count: unknown spec_nos {unknown}")
    if raw_lines and len(unknown) == len(raw_lines):
        raise business_error("商家编码全不存在或都已删除", f"no spec_no of {unknown} exists")
    wanted = defects_of(defect_mode)
    entries: list[Entry] = []
    skipped = list(unknown)
    seen: set[tuple[int, bool]] = set()
    for raw, num in zip(raw_lines, quantities, strict=True):
        spec = specs.get(str(raw["spec_no"]))
        if spec is None:
            continue
        defect = bool(raw.get("defect") or False)
        if defect not in wanted:
            skipped.append(spec.spec_no)
            continue
        if (spec.spec_id, defect) in seen:
            raise ApiError("E67", f"spec_no {spec.spec_no} (defect={defect}) counted twice")
        seen.add((spec.spec_id, defect))
        entries.append(Entry(spec, num, defect, remark=str(raw.get("remark") or "")))
    count = StockCount(tenant_id=tenant_id, pd_no=next_no(session, tenant_id, COUNT_PREFIX),
                       warehouse_id=warehouse.warehouse_id, mode=CountMode.BY_SPEC, status=CountStatus.TO_COUNT,
                       defect_mode=defect_mode, creator_no=operator, operator_no=operator, remark=remark)
    count.lines = []
    session.add(count)
    session.flush()
    enter(session, tenant_id, count, entries)
    finish(session, tenant_id, count, operator)
    return count, skipped
