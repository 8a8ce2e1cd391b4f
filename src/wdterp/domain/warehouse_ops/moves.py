"""Move orders (移位单) and replenishment (补货单): stock moved between positions of one warehouse.

The warehouse's figure never changes; the stock detail rows move (`inventory.move_between_positions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Position
from wdterp.domain.inventory.service import Move
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import cancel_document, find_by_number
from wdterp.domain.warehouse_ops import positions
from wdterp.domain.warehouse_ops.models import MoveOrder, MoveOrderLine, StockShelve, StockShelveLine
from wdterp.domain.warehouse_ops.statuses import (
    MOVE_PREFIX,
    SHELVE_PREFIX,
    MoveStatus,
    MoveType,
    ShelveStatus,
    ShelveType,
    ZoneType,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)


@dataclass(frozen=True)
class MoveLine:
    spec: Spec
    num: Decimal
    from_position: Position
    to_position: Position
    defect: bool = False
    batch_no: str = ""
    expire_date: date | None = None


# ---------------------------------------------------------------------------- move orders


def create_move(session: Session, tenant_id: int, warehouse: Warehouse, lines: Sequence[MoveLine], *,
                move_type: int = MoveType.MOVE, remark: str = "", creator: str = "",
                check: bool = True) -> MoveOrder:
    """新建移位单 (10 待审核); with `check` it is checked at once and the stock moves (20 已审核)."""
    if not lines:
        raise business_error("移位单明细不能为空", "a move order needs lines")
    for line in lines:
        if line.from_position.position_id == line.to_position.position_id:
            raise business_error(f"商家编码{line.spec.spec_no}源货位与目标货位相同",
                                 f"{line.spec.spec_no}: from and to are {line.from_position.position_no}")
    order = MoveOrder(tenant_id=tenant_id, order_no=next_no(session, tenant_id, MOVE_PREFIX),
                      warehouse_id=warehouse.warehouse_id, type=MoveType(move_type), status=MoveStatus.AWAITING_CHECK,
                      remark=remark, creator_name=creator)
    order.lines = [MoveOrderLine(spec_id=line.spec.spec_id, defect=line.defect, num=line.num,
                                 from_position_id=line.from_position.position_id,
                                 to_position_id=line.to_position.position_id, batch_no=line.batch_no,
                                 expire_date=line.expire_date) for line in lines]
    session.add(order)
    session.flush()
    if check:
        check_move(session, tenant_id, order)
    return order


def check_move(session: Session, tenant_id: int, order: MoveOrder) -> MoveOrder:
    """审核移位单: each line's quantity leaves its source position for its target position."""
    if order.status != MoveStatus.AWAITING_CHECK:
        raise business_error("移位单状态不正确", f"{order.order_no} is in status {order.status}, cannot check")
    spec_nos = _spec_nos(session, [line.spec_id for line in order.lines])
    for line in sorted(order.lines, key=lambda x: (x.spec_id, x.defect, x.rec_id)):
        move = Move(order.warehouse_id, line.spec_id, line.num, line.defect, position_id=line.from_position_id,
                    batch_no=line.batch_no, expire_date=line.expire_date, spec_no=spec_nos.get(line.spec_id, ""))
        inventory.move_between_positions(session, tenant_id, move, line.to_position_id)
    order.status = MoveStatus.CHECKED
    order.modified = now_china()
    session.flush()
    return order


def cancel_move(order: MoveOrder) -> MoveOrder:
    cancel_document(order, order.order_no, MoveStatus.CANCELLED, (MoveStatus.AWAITING_CHECK,), "移位单")
    return order


def find_move(session: Session, tenant_id: int, order_no: str) -> MoveOrder:
    return find_by_number(session, tenant_id, MoveOrder.order_no, order_no, "move order")


def _spec_nos(session: Session, spec_ids: Sequence[int]) -> dict[int, str]:
    if not spec_ids:
        return {}
    stmt = select(Spec.spec_id, Spec.spec_no).where(Spec.spec_id.in_(sorted(set(spec_ids))))
    return {int(i): str(n) for i, n in session.execute(stmt)}


# ---------------------------------------------------------------------------- replenishment


@dataclass(frozen=True)
class ReplenishRequest:
    """What to replenish: a spec, to its default position unless `to_position` is named, up to its
    capacity unless `num` is given, from `from_position` or else from storage positions holding it."""

    spec: Spec
    defect: bool = False
    num: Decimal | None = None
    from_position: Position | None = None
    to_position: Position | None = None


def replenish(session: Session, tenant_id: int, warehouse: Warehouse, requests: Sequence[ReplenishRequest], *,
              shelve_type: int = ShelveType.GENERAL, operator: str = "", remark: str = "") -> StockShelve:
    """补货: stock taken down from storage positions and put up on picking positions (30 已完成)."""
    lines: list[StockShelveLine] = []
    for request in requests:
        lines += _replenish_one(session, tenant_id, warehouse, request)
    if not lines:
        raise business_error("没有需要补货的货品", "every target position is full or nothing can be taken")
    order = StockShelve(tenant_id=tenant_id, order_no=next_no(session, tenant_id, SHELVE_PREFIX),
                        warehouse_id=warehouse.warehouse_id, type=ShelveType(shelve_type),
                        status=ShelveStatus.COMPLETED, operator_name=operator, remark=remark,
                        from_zone_no=_zone_no(session, lines[0].from_position_id),
                        to_zone_no=_zone_no(session, lines[0].to_position_id))
    order.lines = lines
    session.add(order)
    session.flush()
    return order


def _zone_no(session: Session, position_id: int) -> str:
    found = session.get(Position, position_id)
    return found.zone_no if found is not None else ""


def _target(session: Session, warehouse: Warehouse, request: ReplenishRequest) -> tuple[Position, Decimal]:
    """The position to fill and how much to put there."""
    default = positions.default_of(session, warehouse.warehouse_id, request.spec.spec_id, request.defect)
    target = request.to_position
    if target is None:
        if default is None:
            raise business_error(f"商家编码{request.spec.spec_no}没有默认货位",
                                 f"{request.spec.spec_no} has no default position in {warehouse.warehouse_no}")
        found = session.get(Position, default.position_id)
        assert found is not None
        target = found
    if request.num is not None:
        return target, request.num
    if default is None or default.position_id != target.position_id or default.capacity <= 0:
        raise business_error(f"商家编码{request.spec.spec_no}需指定补货数量",
                             f"{request.spec.spec_no}: no capacity known for {target.position_no}")
    held = inventory.position_stock(session, warehouse.warehouse_id, request.spec.spec_id, request.defect,
                                    target.position_id)
    return target, max(default.capacity - held, ZERO)


def _replenish_one(session: Session, tenant_id: int, warehouse: Warehouse,
                   request: ReplenishRequest) -> list[StockShelveLine]:
    target, wanted = _target(session, warehouse, request)
    if wanted <= 0:
        return []
    if request.from_position is not None:
        sources = {request.from_position.position_id: wanted}
    else:
        held = positions.stock_by_position(session, warehouse.warehouse_id, request.spec.spec_id, request.defect)
        held.pop(target.position_id, None)
        kinds = positions.zone_types(session, warehouse.warehouse_id, list(held))
        # storage zones first, then positions outside any zone, picking positions last
        rank = {ZoneType.STORAGE: 0, ZoneType.OTHER: 1, ZoneType.PICKING: 2}
        sources = dict(sorted(held.items(), key=lambda item: (
            rank.get(ZoneType(kinds.get(item[0], ZoneType.OTHER)), 1), -item[1], item[0])))
    lines: list[StockShelveLine] = []
    left = wanted
    for position_id, available in sources.items():
        taken = min(available, left)
        if taken <= 0:
            continue
        move = Move(warehouse.warehouse_id, request.spec.spec_id, taken, request.defect, position_id=position_id,
                    spec_no=request.spec.spec_no)
        inventory.move_between_positions(session, tenant_id, move, target.position_id)
        lines.append(StockShelveLine(spec_id=request.spec.spec_id, defect=request.defect,
                                     from_position_id=position_id, to_position_id=target.position_id,
                                     down_num=taken, up_num=taken))
        left -= taken
        if left <= 0:
            break
    return lines
