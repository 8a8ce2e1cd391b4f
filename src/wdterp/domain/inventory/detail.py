"""Stock by position, batch and expiry (库存明细), positions (货位) and batches (批次).

Invariant kept here: for every stock row, the detail rows' stock_num sum to the row's stock_num.
A movement in lands on the named position/batch/expiry (the default position when none is named);
a movement out takes from the named detail first, then from the others in pick order (earliest
expiry first, then oldest row: FEFO), so details never disagree with the stock figure.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from wdterp.domain.inventory.models import DEFAULT_POSITION_NO, Batch, Position, StockDetail
from wdterp.domain.queries import Reader, Record, first_of
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.storage.units import insert_missing

ZERO = Decimal(0)
NO_EXPIRY = date(1000, 1, 1)
_POSITION_CACHE = "wdterp.default_positions"


# ---------------------------------------------------------------------------- positions and batches


def default_position_id(session: Session, tenant_id: int, warehouse_id: int) -> int:
    """The warehouse's default position (created on first use, race-free), cached per session."""
    cache: dict[int, int] = session.info.setdefault(_POSITION_CACHE, {})
    if warehouse_id not in cache:
        now = now_china()
        insert_missing(session, Position, {"tenant_id": tenant_id, "warehouse_id": warehouse_id,
                                           "position_no": DEFAULT_POSITION_NO, "zone_no": "", "is_disabled": False,
                                           "created": now, "modified": now}, ("warehouse_id", "position_no"))
        found = session.scalar(select(Position.position_id).where(
            Position.warehouse_id == warehouse_id, Position.position_no == DEFAULT_POSITION_NO))
        assert found is not None
        cache[warehouse_id] = found
    return cache[warehouse_id]


def default_position_of(reader: Reader, tenant_id: int, warehouse_id: int) -> Any:
    """The warehouse's default position for a read: made by `default_position` on a session; on a
    connection (no session, nothing written) the stored one, or one to show before it exists."""
    if not isinstance(reader, Connection):
        return default_position(reader, tenant_id, warehouse_id)
    found = first_of(reader, select(Position).where(Position.warehouse_id == warehouse_id,
                                                     Position.position_no == DEFAULT_POSITION_NO))
    return found if found is not None else Record(position_id=0, tenant_id=tenant_id, warehouse_id=warehouse_id,
                                                  position_no=DEFAULT_POSITION_NO, zone_no="", is_disabled=False)


def default_position(session: Session, tenant_id: int, warehouse_id: int) -> Position:
    found = session.get(Position, default_position_id(session, tenant_id, warehouse_id))
    assert found is not None
    return found


def position(session: Session, tenant_id: int, warehouse_id: int, position_no: str,
             create: bool = False) -> Position:
    if position_no == DEFAULT_POSITION_NO:
        return default_position(session, tenant_id, warehouse_id)
    found = session.scalar(select(Position).where(Position.warehouse_id == warehouse_id,
                                                  Position.position_no == position_no))
    if found is None:
        if not create:
            raise business_error(f"货位{position_no}不存在", f"position {position_no!r} unknown")
        found = Position(tenant_id=tenant_id, warehouse_id=warehouse_id, position_no=position_no)
        session.add(found)
        session.flush()
    return found


def active_batch(session: Session, tenant_id: int, batch_no: str) -> Batch:
    found = session.scalar(select(Batch).where(Batch.tenant_id == tenant_id, Batch.batch_no == batch_no))
    if found is None or found.is_disabled:
        raise ApiError("E53", f"batch {batch_no!r} unknown or disabled", batch_no=batch_no)
    return found


def ensure_batch(session: Session, tenant_id: int, batch_no: str) -> Batch:
    found = session.scalar(select(Batch).where(Batch.tenant_id == tenant_id, Batch.batch_no == batch_no))
    if found is None:
        found = Batch(tenant_id=tenant_id, batch_no=batch_no)
        session.add(found)
        session.flush()
    return found


# ---------------------------------------------------------------------------- detail rows


def pick_order(rows: list[StockDetail]) -> list[StockDetail]:
    """The order stock leaves a row's details in (FEFO): earliest expiry, then oldest row."""
    return sorted(rows, key=lambda d: (d.expire_date or NO_EXPIRY, d.rec_id))


def move_detail(session: Session, tenant_id: int, stock_id: int, warehouse_id: int, num: Decimal,
                position_id: int | None = None, batch_no: str = "", expire_date: date | None = None,
                production_date: date | None = None) -> None:
    """Apply one movement of a stock row to its details (the caller holds the stock row's lock)."""
    if num > 0:
        _put(session, tenant_id, stock_id, position_id or default_position_id(session, tenant_id, warehouse_id),
             batch_no, expire_date or NO_EXPIRY, production_date, num)
    elif num < 0:
        _take(session, tenant_id, stock_id, warehouse_id, -num, position_id, batch_no, expire_date)


def _put(session: Session, tenant_id: int, stock_id: int, position_id: int, batch_no: str, expire: date,
         production_date: date | None, num: Decimal) -> None:
    detail = session.scalar(select(StockDetail).where(
        StockDetail.stock_id == stock_id, StockDetail.position_id == position_id,
        StockDetail.batch_no == batch_no, StockDetail.expire_date == expire))
    if detail is None:
        session.add(StockDetail(tenant_id=tenant_id, stock_id=stock_id, position_id=position_id,
                                batch_no=batch_no, expire_date=expire, production_date=production_date,
                                stock_num=num))
    else:
        detail.stock_num = detail.stock_num + num
        if production_date is not None:
            detail.production_date = production_date
    session.flush()


def _take(session: Session, tenant_id: int, stock_id: int, warehouse_id: int, num: Decimal,
          position_id: int | None, batch_no: str, expire_date: date | None) -> None:
    rows = list(session.scalars(select(StockDetail).where(StockDetail.stock_id == stock_id)))

    def named(d: StockDetail) -> bool:
        return ((position_id is None or d.position_id == position_id) and (not batch_no or d.batch_no == batch_no)
                and (expire_date is None or d.expire_date == expire_date))

    ordered = [d for d in pick_order(rows) if named(d)] + [d for d in pick_order(rows) if not named(d)]
    left = num
    for detail in ordered:
        if left <= 0:
            break
        taken = min(detail.stock_num, left)
        if taken <= 0:
            continue
        detail.stock_num = detail.stock_num - taken
        left -= taken
    if left > 0:
        # the stock row had more than its details (a count took it below reservations): keep the sum
        _put(session, tenant_id, stock_id, default_position_id(session, tenant_id, warehouse_id), "",
             NO_EXPIRY, None, -left)
    session.flush()
    session.execute(delete(StockDetail).where(StockDetail.stock_id == stock_id, StockDetail.stock_num == 0))


def detail_total(session: Session, stock_id: int) -> Decimal:
    from sqlalchemy import func

    total = session.scalar(select(func.coalesce(func.sum(StockDetail.stock_num), 0))
                           .where(StockDetail.stock_id == stock_id))
    return Decimal(total or 0)
