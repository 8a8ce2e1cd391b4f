"""ERP-side warehouse work (`wdterp ops run NAME`): stock counts, move orders, replenishment,
good↔defect conversion, zones and default positions — what people do in the vendor's desktop client,
so that the wms.StockPd.*, wms.MoveOrder.*, wms.StockShelve.*, wms.stockdefect.* and
wms.PositionCapacity.* queries return documents that really happened."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.tenancy.service import settings_of
from wdterp.domain.warehouse_ops import service
from wdterp.domain.warehouse_ops.counting import Entry
from wdterp.domain.warehouse_ops.defects import ConvertLine
from wdterp.domain.warehouse_ops.moves import MoveLine, ReplenishRequest
from wdterp.domain.warehouse_ops.statuses import MoveType, ShelveType, ZoneType

OPERATOR = "ops"
WAREHOUSE = Param(str, help="warehouse_no")
OPERATOR_PARAM = Param(str, default=OPERATOR, help="employee number recorded as creator/operator")
REMARK = Param(str, default="", help="remark")


def _warehouse(session: Session, tenant_id: int, warehouse_no: str) -> Warehouse:
    return engine.active_warehouse(session, tenant_id, warehouse_no)


def _lines(raw: list[Any], *required: str) -> list[dict[str, Any]]:
    if not raw or not all(isinstance(x, dict) for x in raw):
        raise OperationError("lines must be a non-empty JSON list of objects")
    for line in raw:
        missing = [k for k in required if line.get(k) in (None, "")]
        if missing:
            raise OperationError(f"line {line}: {', '.join(missing)} required")
    return raw


def _num(value: Any, settings: dict[str, Any]) -> Decimal:
    return engine.quantity(value, settings)


def _position(session: Session, tenant_id: int, warehouse: Warehouse, position_no: Any) -> Any:
    return service.position_of(session, tenant_id, warehouse, str(position_no)) if position_no else None


# ---------------------------------------------------------------------------- stock counts


def _count_summary(count: Any) -> dict[str, Any]:
    return {"pd_no": count.pd_no, "pd_id": count.rec_id, "status": count.status, "mode": count.mode,
            "lines": len(count.lines), "counted": sum(1 for x in count.lines if x.new_num is not None)}


@operation("count.start", help="New stock count (盘点单, 30 待盘点) of a warehouse, or of some specs/positions",
           params={"warehouse_no": WAREHOUSE,
                   "spec_nos": Param(list, default=[], help="spec_nos to count (default: all with stock)"),
                   "position_nos": Param(list, default=[], help="count these positions' details (货位明细盘点)"),
                   "defect_mode": Param(int, default=0, help="0 all, 1 good only, 2 defective only"),
                   "remark": REMARK, "operator": OPERATOR_PARAM})
def count_start(session: Session, tenant_id: int, warehouse_no: str, spec_nos: list[Any], position_nos: list[Any],
                defect_mode: int, remark: str, operator: str) -> dict[str, Any]:
    if defect_mode not in (0, 1, 2):
        raise OperationError("defect_mode must be 0, 1 or 2")
    warehouse = _warehouse(session, tenant_id, warehouse_no)
    specs = [service.spec_of(session, tenant_id, str(no)) for no in spec_nos]
    positions = [service.position_of(session, tenant_id, warehouse, str(no)) for no in position_nos]
    count = service.counting.start(session, tenant_id, warehouse, spec_ids=[s.spec_id for s in specs],
                                   position_ids=[p.position_id for p in positions], defect_mode=defect_mode,
                                   remark=remark, creator=operator)
    return _count_summary(count)


@operation("count.enter", help="Enter counted quantities (盘点录入) of a stock count",
           params={"pd_no": str, "lines": Param(list, help='[{"spec_no":..,"new_num":..,"defect":false,'
                                                          '"position_no":..,"batch_no":..,"remark":..}]')})
def count_enter(session: Session, tenant_id: int, pd_no: str, lines: list[Any]) -> dict[str, Any]:
    count = service.counting.find(session, tenant_id, pd_no)
    warehouse = session.get(Warehouse, count.warehouse_id)
    assert warehouse is not None
    settings = settings_of(session, tenant_id)
    entries = []
    for raw in _lines(lines, "spec_no", "new_num"):
        position = _position(session, tenant_id, warehouse, raw.get("position_no"))
        entries.append(Entry(spec=service.spec_of(session, tenant_id, str(raw["spec_no"])),
                             new_num=service.counted_quantity(raw["new_num"], settings),
                             defect=bool(raw.get("defect", False)),
                             position_id=position.position_id if position else None,
                             batch_no=str(raw.get("batch_no") or ""),
                             expire_date=service.common.as_date(raw.get("expire_date")),
                             remark=str(raw.get("remark") or "")))
    return _count_summary(service.counting.enter(session, tenant_id, count, entries))


@operation("count.finish", help="Execute a stock count (执行盘点): differences become 盘盈/盘亏 documents",
           params={"pd_no": str, "partial": Param(bool, default=False, help="leave uncounted lines open (33)"),
                   "operator": OPERATOR_PARAM})
def count_finish(session: Session, tenant_id: int, pd_no: str, partial: bool, operator: str) -> dict[str, Any]:
    count = service.counting.find(session, tenant_id, pd_no)
    stockin, stockout = service.counting.finish(session, tenant_id, count, operator, partial=partial)
    return {**_count_summary(count), "stockin_no": stockin.doc_no if stockin else "",
            "stockout_no": stockout.doc_no if stockout else ""}


@operation("count.cancel", help="Cancel a stock count that executed nothing yet", params={"pd_no": str})
def count_cancel(session: Session, tenant_id: int, pd_no: str) -> dict[str, Any]:
    return _count_summary(service.counting.cancel(service.counting.find(session, tenant_id, pd_no)))


# ---------------------------------------------------------------------------- move orders


def _move_summary(order: Any) -> dict[str, Any]:
    return {"order_no": order.order_no, "status": order.status, "type": order.type, "lines": len(order.lines)}


@operation("move.create", help="Move order (移位单): stock between positions; checked at once unless check=false",
           params={"warehouse_no": WAREHOUSE,
                   "lines": Param(list, help='[{"spec_no":..,"num":..,"from_position_no":..,"to_position_no":..,'
                                             '"defect":false,"batch_no":..}]'),
                   "type": Param(int, default=int(MoveType.MOVE), help="业务类型 (0 移位)"),
                   "check": Param(bool, default=True, help="check at once (20 已审核) or leave 10 待审核"),
                   "remark": REMARK, "operator": OPERATOR_PARAM})
def move_create(session: Session, tenant_id: int, warehouse_no: str, lines: list[Any], type: int, check: bool,
                remark: str, operator: str) -> dict[str, Any]:
    if type not in tuple(MoveType):
        raise OperationError(f"type must be one of {[int(t) for t in MoveType]}")
    warehouse = _warehouse(session, tenant_id, warehouse_no)
    settings = settings_of(session, tenant_id)
    moves = [MoveLine(spec=service.spec_of(session, tenant_id, str(raw["spec_no"])), num=_num(raw["num"], settings),
                      from_position=service.position_of(session, tenant_id, warehouse, str(raw["from_position_no"])),
                      to_position=service.position_of(session, tenant_id, warehouse, str(raw["to_position_no"])),
                      defect=bool(raw.get("defect", False)), batch_no=str(raw.get("batch_no") or ""),
                      expire_date=service.common.as_date(raw.get("expire_date")))
             for raw in _lines(lines, "spec_no", "num", "from_position_no", "to_position_no")]
    order = service.moves.create_move(session, tenant_id, warehouse, moves, move_type=type, remark=remark,
                                      creator=operator, check=check)
    return _move_summary(order)


@operation("move.check", help="Check a move order (10 → 20): its stock moves", params={"order_no": str})
def move_check(session: Session, tenant_id: int, order_no: str) -> dict[str, Any]:
    order = service.moves.find_move(session, tenant_id, order_no)
    return _move_summary(service.moves.check_move(session, tenant_id, order))


@operation("move.cancel", help="Cancel a move order awaiting check (10 → 5)", params={"order_no": str})
def move_cancel(session: Session, tenant_id: int, order_no: str) -> dict[str, Any]:
    return _move_summary(service.moves.cancel_move(service.moves.find_move(session, tenant_id, order_no)))


# ---------------------------------------------------------------------------- replenishment


@operation("replenish.create",
           help="Replenishment (补货单): from storage positions up to the spec's default position (capacity)",
           params={"warehouse_no": WAREHOUSE,
                   "lines": Param(list, help='[{"spec_no":..,"num":(default: up to capacity),"defect":false,'
                                             '"from_position_no":..,"to_position_no":(default position)}]'),
                   "type": Param(int, default=int(ShelveType.GENERAL), help="0 通用 1 下架 2 上架 3 预补"),
                   "remark": REMARK, "operator": OPERATOR_PARAM})
def replenish_create(session: Session, tenant_id: int, warehouse_no: str, lines: list[Any], type: int,
                     remark: str, operator: str) -> dict[str, Any]:
    if type not in tuple(ShelveType):
        raise OperationError("type must be 0, 1, 2 or 3")
    warehouse = _warehouse(session, tenant_id, warehouse_no)
    settings = settings_of(session, tenant_id)
    requests = [ReplenishRequest(
        spec=service.spec_of(session, tenant_id, str(raw["spec_no"])), defect=bool(raw.get("defect", False)),
        num=_num(raw["num"], settings) if raw.get("num") not in (None, "") else None,
        from_position=_position(session, tenant_id, warehouse, raw.get("from_position_no")),
        to_position=_position(session, tenant_id, warehouse, raw.get("to_position_no")))
        for raw in _lines(lines, "spec_no")]
    order = service.moves.replenish(session, tenant_id, warehouse, requests, shelve_type=type, operator=operator,
                                    remark=remark)
    return {"order_no": order.order_no, "status": order.status, "lines": [
        {"spec_id": x.spec_id, "from_position_id": x.from_position_id, "to_position_id": x.to_position_id,
         "num": str(x.up_num)} for x in order.lines]}


# ---------------------------------------------------------------------------- good ↔ defect


def _change_summary(change: Any) -> dict[str, Any]:
    return {"change_no": change.change_no, "status": change.status, "type": change.type,
            "goods_count": str(change.goods_count)}


@operation("defect.convert", help="Good↔defect conversion (正残转换单): to_defect=true 正转残, false 残转正",
           params={"warehouse_no": WAREHOUSE,
                   "lines": Param(list, help='[{"spec_no":..,"num":..,"from_position_no":..,"to_position_no":..,'
                                             '"batch_no":..,"remark":..}]'),
                   "to_defect": Param(bool, default=True, help="true: good → defective; false: defective → good"),
                   "check": Param(bool, default=True, help="convert at once (50 已完成) or leave 30 待审核"),
                   "remark": REMARK, "operator": OPERATOR_PARAM})
def defect_convert(session: Session, tenant_id: int, warehouse_no: str, lines: list[Any], to_defect: bool,
                   check: bool, remark: str, operator: str) -> dict[str, Any]:
    warehouse = _warehouse(session, tenant_id, warehouse_no)
    settings = settings_of(session, tenant_id)
    converted = [ConvertLine(
        spec=service.spec_of(session, tenant_id, str(raw["spec_no"])), num=_num(raw["num"], settings),
        from_position=_position(session, tenant_id, warehouse, raw.get("from_position_no")),
        to_position=_position(session, tenant_id, warehouse, raw.get("to_position_no")),
        batch_no=str(raw.get("batch_no") or ""), expire_date=service.common.as_date(raw.get("expire_date")),
        remark=str(raw.get("remark") or "")) for raw in _lines(lines, "spec_no", "num")]
    change = service.defects.create(session, tenant_id, warehouse, converted, to_good=not to_defect, remark=remark,
                                    creator=operator, creator_id=service.employee_id(session, tenant_id, operator),
                                    check=check)
    return _change_summary(change)


@operation("defect.check", help="Check a conversion awaiting check: the stock converts (30 → 50)",
           params={"change_no": str, "operator": OPERATOR_PARAM})
def defect_check(session: Session, tenant_id: int, change_no: str, operator: str) -> dict[str, Any]:
    change = service.defects.find(session, tenant_id, change_no)
    return _change_summary(service.defects.check_change(session, tenant_id, change, operator))


@operation("defect.cancel", help="Cancel a conversion not yet checked (→ 10)", params={"change_no": str})
def defect_cancel(session: Session, tenant_id: int, change_no: str) -> dict[str, Any]:
    return _change_summary(service.defects.cancel(service.defects.find(session, tenant_id, change_no)))


# ---------------------------------------------------------------------------- positions


ZONE_TYPE = Param(int, default=int(ZoneType.PICKING), help="zone kind: 1 picking, 2 storage, 3 other")


@operation("position.create", help="A position (货位) in a warehouse, optionally in a zone (货区)",
           params={"warehouse_no": WAREHOUSE, "position_no": str, "zone_no": Param(str, default=""),
                   "zone_type": ZONE_TYPE})
def position_create(session: Session, tenant_id: int, warehouse_no: str, position_no: str, zone_no: str,
                    zone_type: int) -> dict[str, Any]:
    warehouse = _warehouse(session, tenant_id, warehouse_no)
    position = service.positions.ensure_position(session, tenant_id, warehouse, position_no, zone_no or None,
                                                 zone_type if zone_no else None)
    return {"position_id": position.position_id, "position_no": position.position_no, "zone_no": position.zone_no}


@operation("position.set_default",
           help="A spec's default position (默认货位) in a warehouse and its capacity (PositionCapacity)",
           params={"warehouse_no": WAREHOUSE, "spec_no": str, "position_no": str,
                   "defect": Param(bool, default=False), "capacity": Param(float, default=0.0),
                   "low_num": Param(float, default=0.0, help="replenish below this"),
                   "zone_no": Param(str, default="", help="put the position in this zone"), "zone_type": ZONE_TYPE})
def position_set_default(session: Session, tenant_id: int, warehouse_no: str, spec_no: str, position_no: str,
                         defect: bool, capacity: float, low_num: float, zone_no: str,
                         zone_type: int) -> dict[str, Any]:
    warehouse = _warehouse(session, tenant_id, warehouse_no)
    spec: Spec = service.spec_of(session, tenant_id, spec_no)
    position = service.positions.ensure_position(session, tenant_id, warehouse, position_no, zone_no or None,
                                                 zone_type if zone_no else None)
    row = service.positions.set_default(session, tenant_id, warehouse, spec, position, defect=defect,
                                        capacity=Decimal(str(capacity)), low_num=Decimal(str(low_num)))
    return {"rec_id": row.rec_id, "spec_no": spec.spec_no, "position_no": position.position_no,
            "zone_no": position.zone_no, "capacity": str(row.capacity), "defect": row.defect}
