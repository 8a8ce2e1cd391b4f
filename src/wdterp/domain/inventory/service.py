"""The only writer of stock: movements, reservations, counts, each with an immutable ledger row.

Concurrency: rows are touched in a fixed order (warehouse, spec, defect) so concurrent calls
cannot deadlock, and every decrease is a conditional update (`... WHERE stock_num - lock_num >= n`)
so concurrent calls cannot oversell; on SQLite writers are serialised by BEGIN IMMEDIATE as well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from wdterp.domain.inventory.models import (
    DEFAULT_POSITION_NO,
    Batch,
    Position,
    Stock,
    StockDetail,
    StockLedger,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
NO_EXPIRY = date(1000, 1, 1)


@dataclass(frozen=True)
class Move:
    """One stock movement: `num` > 0 brings stock in, < 0 takes it out."""

    warehouse_id: int
    spec_id: int
    num: Decimal
    defect: bool = False
    position_id: int | None = None
    batch_no: str = ""
    expire_date: date | None = None
    production_date: date | None = None
    price: Decimal | None = None
    #: for messages: the spec_no the caller knows the spec by
    spec_no: str = ""

    @property
    def stock_key(self) -> tuple[int, int, bool]:
        return (self.warehouse_id, self.spec_id, self.defect)


@dataclass(frozen=True)
class DocumentRef:
    """Which document moves the stock, written on every ledger row."""

    src_order_type: int
    src_order_no: str
    stockio_no: str = ""
    operator_name: str = ""
    remark: str = ""


ShortageError = Callable[[Move, Decimal], ApiError]


def default_shortage(move: Move, available: Decimal) -> ApiError:
    return business_error(f"商家编码{move.spec_no}库存不足", f"{move.spec_no}: need {-move.num}, available {available}")


@dataclass
class _Lock:
    rows: dict[tuple[int, int, bool], Stock] = field(default_factory=dict)


def _upsert_stock_rows(session: Session, tenant_id: int, keys: Iterable[tuple[int, int, bool]]) -> None:
    values = [{"tenant_id": tenant_id, "warehouse_id": w, "spec_id": s, "defect": d,
               "created": now_china(), "modified": now_china()} for w, s, d in keys]
    if not values:
        return
    dialect = session.get_bind().dialect.name
    maker: Any = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = maker(Stock).values(values).on_conflict_do_nothing(
        index_elements=["warehouse_id", "spec_id", "defect"])
    session.execute(stmt)


def stock_row(session: Session, warehouse_id: int, spec_id: int, defect: bool = False) -> Stock | None:
    return session.scalar(select(Stock).where(Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id,
                                              Stock.defect.is_(defect)))


def available(session: Session, warehouse_id: int, spec_id: int, defect: bool = False) -> Decimal:
    row = stock_row(session, warehouse_id, spec_id, defect)
    return ZERO if row is None else row.stock_num - row.lock_num


def _ordered(moves: Iterable[Move]) -> list[Move]:
    return sorted(moves, key=lambda m: (m.warehouse_id, m.spec_id, m.defect))


def apply_moves(session: Session, tenant_id: int, moves: Iterable[Move], ref: DocumentRef,
                on_short: ShortageError = default_shortage, from_reserved: bool = False,
                sales: bool = False) -> list[StockLedger]:
    """Move stock in and out; every movement writes one ledger row.

    `from_reserved`: the outgoing quantity was reserved before (a checked document ships), so the
    reservation is consumed with it. `sales` also consumes the sales reservation (sending_num).
    """
    ordered = _ordered(moves)
    _upsert_stock_rows(session, tenant_id, {m.stock_key for m in ordered})
    return [_apply_one(session, tenant_id, m, ref, on_short, from_reserved, sales) for m in ordered]


def _apply_one(session: Session, tenant_id: int, move: Move, ref: DocumentRef, on_short: ShortageError,
               from_reserved: bool, sales: bool) -> StockLedger:
    now = now_china()
    where = [Stock.warehouse_id == move.warehouse_id, Stock.spec_id == move.spec_id,
             Stock.defect.is_(move.defect)]
    values: dict[str, Any] = {"stock_num": Stock.stock_num + move.num, "modified": now, "last_inout_time": now}
    if move.num < 0:
        if from_reserved:
            values["lock_num"] = Stock.lock_num + move.num
            if sales:
                values["sending_num"] = Stock.sending_num + move.num
            where.append(Stock.stock_num >= -move.num)
        else:
            where.append(Stock.stock_num - Stock.lock_num >= -move.num)
    elif move.price is not None:
        values["cost_price"] = _weighted_cost(move)
    stmt = (update(Stock).where(*where).values(values)
            .returning(Stock.rec_id, Stock.stock_num, Stock.cost_price))
    row = session.execute(stmt).first()
    if row is None:
        raise on_short(move, available(session, move.warehouse_id, move.spec_id, move.defect))
    rec_id, after, cost = row
    if move.position_id is not None or move.batch_no or move.expire_date:
        _apply_detail(session, tenant_id, rec_id, move)
    ledger = StockLedger(
        tenant_id=tenant_id, warehouse_id=move.warehouse_id, spec_id=move.spec_id, defect=move.defect,
        position_id=move.position_id, batch_no=move.batch_no, src_order_type=ref.src_order_type,
        src_order_no=ref.src_order_no, stockio_no=ref.stockio_no or ref.src_order_no, num=move.num,
        stock_before=Decimal(after) - move.num, stock_after=Decimal(after), price=move.price or ZERO,
        cost_price=Decimal(cost), operator_name=ref.operator_name, remark=ref.remark, created=now)
    session.add(ledger)
    return ledger


def _weighted_cost(move: Move) -> Any:
    """Weighted average cost per warehouse/spec, updated on each stock-in with a price."""
    from sqlalchemy import case

    new_total = Stock.stock_num + move.num
    return case(
        (new_total <= 0, Stock.cost_price),
        (Stock.stock_num <= 0, move.price),
        else_=(Stock.stock_num * Stock.cost_price + move.num * (move.price or ZERO)) / new_total,
    )


def _apply_detail(session: Session, tenant_id: int, stock_id: int, move: Move) -> None:
    position_id = move.position_id or default_position(session, tenant_id, move.warehouse_id).position_id
    expire = move.expire_date or NO_EXPIRY
    detail = session.scalar(select(StockDetail).where(
        StockDetail.stock_id == stock_id, StockDetail.position_id == position_id,
        StockDetail.batch_no == move.batch_no, StockDetail.expire_date == expire))
    if detail is None:
        detail = StockDetail(tenant_id=tenant_id, stock_id=stock_id, position_id=position_id,
                             batch_no=move.batch_no, expire_date=expire,
                             production_date=move.production_date, stock_num=ZERO)
        session.add(detail)
    detail.stock_num = (detail.stock_num or ZERO) + move.num
    session.flush()


def reserve(session: Session, tenant_id: int, moves: Iterable[Move],
            on_short: ShortageError = default_shortage, sales: bool = False) -> None:
    """Hold available stock for a checked document (`num` > 0 = quantity to hold)."""
    ordered = _ordered(moves)
    _upsert_stock_rows(session, tenant_id, {m.stock_key for m in ordered})
    for move in ordered:
        values: dict[str, Any] = {"lock_num": Stock.lock_num + move.num, "modified": now_china()}
        if sales:
            values["sending_num"] = Stock.sending_num + move.num
        stmt = (update(Stock).where(
            Stock.warehouse_id == move.warehouse_id, Stock.spec_id == move.spec_id,
            Stock.defect.is_(move.defect), Stock.stock_num - Stock.lock_num >= move.num,
        ).values(values).returning(Stock.rec_id))
        if session.execute(stmt).first() is None:
            raise on_short(move, available(session, move.warehouse_id, move.spec_id, move.defect))


def release(session: Session, moves: Iterable[Move], sales: bool = False) -> None:
    """Give back a reservation (a checked document is cancelled before it ships)."""
    for move in _ordered(moves):
        values: dict[str, Any] = {"lock_num": Stock.lock_num - move.num, "modified": now_china()}
        if sales:
            values["sending_num"] = Stock.sending_num - move.num
        session.execute(update(Stock).where(
            Stock.warehouse_id == move.warehouse_id, Stock.spec_id == move.spec_id,
            Stock.defect.is_(move.defect)).values(values))


def count_to(session: Session, tenant_id: int, warehouse_id: int, spec_id: int, counted: Decimal,
             ref: DocumentRef, defect: bool = False, spec_no: str = "") -> StockLedger | None:
    """Set stock to a counted figure (盘点): writes the difference as one movement."""
    _upsert_stock_rows(session, tenant_id, [(warehouse_id, spec_id, defect)])
    row = stock_row(session, warehouse_id, spec_id, defect)
    assert row is not None
    session.refresh(row, with_for_update=session.get_bind().dialect.name == "postgresql")
    delta = counted - row.stock_num
    row.last_pd_time = now_china()
    if delta == 0:
        return None
    move = Move(warehouse_id, spec_id, delta, defect, spec_no=spec_no)
    # a count may take stock below what is reserved: the count is the truth
    return _apply_one(session, tenant_id, move, ref, default_shortage, from_reserved=False, sales=False) \
        if delta > 0 else _count_down(session, tenant_id, move, ref)


def _count_down(session: Session, tenant_id: int, move: Move, ref: DocumentRef) -> StockLedger:
    now = now_china()
    stmt = (update(Stock).where(Stock.warehouse_id == move.warehouse_id, Stock.spec_id == move.spec_id,
                                Stock.defect.is_(move.defect))
            .values(stock_num=Stock.stock_num + move.num, modified=now, last_inout_time=now)
            .returning(Stock.stock_num, Stock.cost_price))
    after, cost = session.execute(stmt).one()
    ledger = StockLedger(
        tenant_id=tenant_id, warehouse_id=move.warehouse_id, spec_id=move.spec_id, defect=move.defect,
        src_order_type=ref.src_order_type, src_order_no=ref.src_order_no,
        stockio_no=ref.stockio_no or ref.src_order_no, num=move.num, stock_before=Decimal(after) - move.num,
        stock_after=Decimal(after), cost_price=Decimal(cost), operator_name=ref.operator_name,
        remark=ref.remark, created=now)
    session.add(ledger)
    return ledger


# ---------------------------------------------------------------------------- positions and batches


def default_position(session: Session, tenant_id: int, warehouse_id: int) -> Position:
    return position(session, tenant_id, warehouse_id, DEFAULT_POSITION_NO, create=True)


def position(session: Session, tenant_id: int, warehouse_id: int, position_no: str,
             create: bool = False) -> Position:
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


def ledger_total(session: Session, warehouse_id: int, spec_id: int, defect: bool = False) -> Decimal:
    """Sum of all ledger deltas of one stock row (equals its stock_num: a checked invariant)."""
    from sqlalchemy import func

    total = session.scalar(select(func.coalesce(func.sum(StockLedger.num), 0)).where(
        StockLedger.warehouse_id == warehouse_id, StockLedger.spec_id == spec_id,
        StockLedger.defect.is_(defect)))
    return Decimal(total or 0)


__all__ = ["DocumentRef", "Move", "apply_moves", "available", "count_to", "release", "reserve"]
