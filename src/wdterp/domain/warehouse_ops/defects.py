"""Good↔defect conversion (正残转换单): stock leaves one stock row (good or defective) for the other.

Checking a conversion moves the stock as a pair of movements typed 8 (正残转换) on the ledger: out of
the source row at its position, into the target row (the same position unless another is named).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Position
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import cancel_document, find_by_number
from wdterp.domain.warehouse_ops import positions
from wdterp.domain.warehouse_ops.models import DefectChange, DefectChangeLine
from wdterp.domain.warehouse_ops.statuses import DEFECT_CHANGE_CANCELLABLE, DEFECT_CHANGE_PREFIX, DefectChangeStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)


@dataclass(frozen=True)
class ConvertLine:
    spec: Spec
    num: Decimal
    from_position: Position | None = None
    to_position: Position | None = None
    batch_no: str = ""
    expire_date: date | None = None
    remark: str = ""


def create(session: Session, tenant_id: int, warehouse: Warehouse, lines: Sequence[ConvertLine], *,
           to_good: bool, remark: str = "", creator: str = "", creator_id: int = 0,
           check: bool = True) -> DefectChange:
    """新建正残转换单 (30 待审核); with `check` the stock converts at once (50 已完成).

    `to_good` true = 残转正 (the document's `type`), false = 正转残.
    """
    if not lines:
        raise business_error("正残转换单明细不能为空", "a conversion needs lines")
    source_defect = to_good
    change = DefectChange(tenant_id=tenant_id, change_no=next_no(session, tenant_id, DEFECT_CHANGE_PREFIX),
                          warehouse_id=warehouse.warehouse_id, type=to_good,
                          status=DefectChangeStatus.AWAITING_CHECK, remark=remark, creator_name=creator,
                          creator_id=creator_id, goods_count=sum((line.num for line in lines), ZERO),
                          goods_type_count=len({line.spec.spec_id for line in lines}))
    change.lines = []
    for line in lines:
        source = line.from_position or _fullest(session, warehouse, line.spec, source_defect, line.num)
        target = line.to_position or source
        change.lines.append(DefectChangeLine(
            spec_id=line.spec.spec_id, defect=source_defect, num=line.num,
            from_position_id=source.position_id if source else None,
            to_position_id=target.position_id if target else None, batch_no=line.batch_no,
            expire_date=line.expire_date, remark=line.remark))
    session.add(change)
    session.flush()
    if check:
        check_change(session, tenant_id, change)
    return change


def _fullest(session: Session, warehouse: Warehouse, spec: Spec, defect: bool, num: Decimal) -> Position | None:
    """The position holding the most of the spec, when it holds enough (else None: taken in pick order)."""
    held = positions.stock_by_position(session, warehouse.warehouse_id, spec.spec_id, defect)
    for position_id, available in held.items():
        if available >= num:
            return session.get(Position, position_id)
        break
    return None


def check_change(session: Session, tenant_id: int, change: DefectChange, operator: str = "") -> DefectChange:
    """审核: each line's quantity leaves the source row and enters the target row (ledger type 8)."""
    if change.status != DefectChangeStatus.AWAITING_CHECK:
        raise business_error("正残转换单状态不正确", f"{change.change_no} is in status {change.status}, cannot check")
    spec_nos = dict(session.execute(select(Spec.spec_id, Spec.spec_no).where(
        Spec.spec_id.in_(sorted({line.spec_id for line in change.lines})))).all())
    moves: list[Move] = []
    for line in change.lines:
        spec_no = spec_nos.get(line.spec_id, "")
        if line.from_position_id is not None:
            held = inventory.position_stock(session, change.warehouse_id, line.spec_id, line.defect,
                                            line.from_position_id, line.batch_no or None, line.expire_date)
            if held < line.num:
                raise business_error(f"商家编码{spec_no}库存不足",
                                     f"{spec_no}: need {line.num} at position {line.from_position_id}, have {held}")
        moves.append(Move(change.warehouse_id, line.spec_id, -line.num, line.defect,
                          position_id=line.from_position_id, batch_no=line.batch_no,
                          expire_date=line.expire_date, spec_no=spec_no))
        moves.append(Move(change.warehouse_id, line.spec_id, line.num, not line.defect,
                          position_id=line.to_position_id, batch_no=line.batch_no,
                          expire_date=line.expire_date, spec_no=spec_no))
    ref = DocumentRef(src_order_type=OrderType.DEFECT_CHANGE, src_order_no=change.change_no,
                      stockio_no=change.change_no, operator_name=operator or change.creator_name,
                      remark=change.remark)
    inventory.apply_moves(session, tenant_id, moves, ref)
    change.status = DefectChangeStatus.COMPLETED
    change.modified = now_china()
    session.flush()
    return change


def cancel(change: DefectChange) -> DefectChange:
    cancel_document(change, change.change_no, DefectChangeStatus.CANCELLED, DEFECT_CHANGE_CANCELLABLE, "正残转换单")
    return change


def find(session: Session, tenant_id: int, change_no: str) -> DefectChange:
    return find_by_number(session, tenant_id, DefectChange.change_no, change_no, "defect conversion")
