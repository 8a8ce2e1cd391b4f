"""Zones (货区), positions (货位) and a spec's default position with its capacity (默认货位 / PositionCapacity)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Position, Stock, StockDetail
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.queries import Reader, first_of
from wdterp.domain.warehouse_ops.models import PositionCapacity, Zone
from wdterp.domain.warehouse_ops.statuses import ZoneType
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

ZERO = Decimal(0)


def ensure_zone(session: Session, tenant_id: int, warehouse: Warehouse, zone_no: str,
                zone_type: int | None = None) -> Zone:
    zone = zone_by_no(session, warehouse.warehouse_id, zone_no)
    if zone is None:
        zone = Zone(tenant_id=tenant_id, warehouse_id=warehouse.warehouse_id, zone_no=zone_no, name=zone_no,
                    type=ZoneType(zone_type) if zone_type is not None else ZoneType.PICKING)
        session.add(zone)
    elif zone_type is not None and zone.type != zone_type:
        zone.type = ZoneType(zone_type)
        zone.modified = now_china()
    session.flush()
    return zone


def zone_by_no(session: Reader, warehouse_id: int, zone_no: str) -> Zone | None:
    if not zone_no:
        return None
    return first_of(session, select(Zone).where(Zone.warehouse_id == warehouse_id, Zone.zone_no == zone_no))


def zone_of(session: Reader, position: Position) -> Zone | None:
    return zone_by_no(session, position.warehouse_id, position.zone_no)


def ensure_position(session: Session, tenant_id: int, warehouse: Warehouse, position_no: str,
                    zone_no: str | None = None, zone_type: int | None = None) -> Position:
    """A position of the warehouse (created when new), placed in zone `zone_no` when one is named."""
    position = inventory.position(session, tenant_id, warehouse.warehouse_id, position_no, create=True)
    if zone_no:
        ensure_zone(session, tenant_id, warehouse, zone_no, zone_type)
        if position.zone_no != zone_no:
            position.zone_no = zone_no
            position.modified = now_china()
            session.flush()
    return position


def set_default(session: Session, tenant_id: int, warehouse: Warehouse, spec: Spec, position: Position, *,
                defect: bool = False, capacity: Decimal = ZERO, low_num: Decimal = ZERO) -> PositionCapacity:
    """Make `position` the spec's default position in the warehouse, holding up to `capacity`."""
    if capacity < 0 or low_num < 0 or (capacity and low_num > capacity):
        raise business_error("货位容量不合法", f"capacity {capacity}, low_num {low_num}")
    row = default_of(session, warehouse.warehouse_id, spec.spec_id, defect)
    if row is None:
        row = PositionCapacity(tenant_id=tenant_id, warehouse_id=warehouse.warehouse_id, spec_id=spec.spec_id,
                               defect=defect)
        session.add(row)
    row.position_id = position.position_id
    row.capacity = capacity
    row.low_num = low_num
    row.modified = now_china()
    session.flush()
    return row


def default_of(session: Session, warehouse_id: int, spec_id: int, defect: bool = False) -> PositionCapacity | None:
    return session.scalar(select(PositionCapacity).where(
        PositionCapacity.warehouse_id == warehouse_id, PositionCapacity.spec_id == spec_id,
        PositionCapacity.defect.is_(defect)))


def stock_by_position(session: Session, warehouse_id: int, spec_id: int, defect: bool) -> dict[int, Decimal]:
    """Stock of one spec per position of the warehouse (positions holding some), largest first."""
    stmt = (select(StockDetail.position_id, func.sum(StockDetail.stock_num))
            .join(Stock, Stock.rec_id == StockDetail.stock_id)
            .where(Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id, Stock.defect.is_(defect))
            .group_by(StockDetail.position_id))
    held = {int(p): Decimal(n) for p, n in session.execute(stmt) if n and Decimal(n) > 0}
    return dict(sorted(held.items(), key=lambda item: (-item[1], item[0])))


def zone_types(session: Session, warehouse_id: int, position_ids: list[int]) -> dict[int, int]:
    """Zone type per position (positions outside any zone: OTHER)."""
    if not position_ids:
        return {}
    stmt = (select(Position.position_id, Zone.type).outerjoin(
        Zone, (Zone.warehouse_id == Position.warehouse_id) & (Zone.zone_no == Position.zone_no))
        .where(Position.position_id.in_(sorted(position_ids))))
    return {int(p): int(t) if t is not None else ZoneType.OTHER for p, t in session.execute(stmt)}
