"""The only writer of stock: movements, reservations, counts, each with an immutable ledger row.

Concurrency: rows are touched in a fixed order (warehouse, spec, defect) so concurrent calls
cannot deadlock, and every decrease is a conditional update (`... WHERE stock_num - lock_num >= n`)
so concurrent calls cannot oversell; on SQLite writers are serialised by BEGIN IMMEDIATE as well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, case, func, select, update
from sqlalchemy.orm import Session

from wdterp.domain.inventory import cost, detail
from wdterp.domain.inventory.detail import (
    NO_EXPIRY,
    active_batch,
    default_position,
    default_position_of,
    ensure_batch,
    position,
)
from wdterp.domain.inventory.models import Stock, StockLedger
from wdterp.domain.queries import Reader, first_of
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.storage.units import insert_missing

ZERO = Decimal(0)


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


def _upsert_stock_rows(session: Session, tenant_id: int, keys: Iterable[tuple[int, int, bool]]) -> None:
    values = [{"tenant_id": tenant_id, "warehouse_id": w, "spec_id": s, "defect": d,
               "created": now_china(), "modified": now_china()} for w, s, d in keys]
    if not values:
        return
    insert_missing(session, Stock, values, ("warehouse_id", "spec_id", "defect"))


def stock_row(session: Reader, warehouse_id: int, spec_id: int, defect: bool = False) -> Stock | None:
    return first_of(session, select(Stock).where(Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id,
                                              Stock.defect.is_(defect)))


def available(session: Session, warehouse_id: int, spec_id: int, defect: bool = False) -> Decimal:
    row = stock_row(session, warehouse_id, spec_id, defect)
    return ZERO if row is None else row.stock_num - row.lock_num


def _lock_order(move: Move) -> tuple[int, int, bool]:
    """Stock rows are always taken in this order, so two documents cannot deadlock each other."""
    return move.warehouse_id, move.spec_id, move.defect


def _ordered(moves: Iterable[Move]) -> list[Move]:
    return sorted(moves, key=_lock_order)


def apply_moves(session: Session, tenant_id: int, moves: Iterable[Move], ref: DocumentRef,
                on_short: ShortageError = default_shortage, from_reserved: bool = False,
                sales: bool = False, ignore_reservations: bool = False) -> list[StockLedger]:
    """Move stock in and out; every movement writes one ledger row, answered in the order of `moves`
    (they are applied in the fixed lock order).

    `from_reserved`: the outgoing quantity was reserved before (a checked document ships), so the
    reservation is consumed with it. `sales` also consumes the sales reservation (sending_num).
    `ignore_reservations`: an outgoing movement may take reserved stock (a count's loss: the count is
    the truth); stock still never goes below zero.
    """
    given = list(moves)
    ordered = sorted(range(len(given)), key=lambda i: _lock_order(given[i]))
    _upsert_stock_rows(session, tenant_id, {m.stock_key for m in given})
    check = _RESERVED if from_reserved else _ON_HAND if ignore_reservations else _AVAILABLE
    ledger = {i: _apply_one(session, tenant_id, given[i], ref, on_short, check, sales) for i in ordered}
    cost.record_stock_in(session, tenant_id, [
        (m.warehouse_id, m.spec_id, m.defect, m.num, m.price) for m in (given[i] for i in ordered)
        if m.num > 0 and m.price is not None])
    return [ledger[i] for i in range(len(given))]


#: what a decrease must leave intact: available stock, the reservation it consumes, stock on hand,
#: or nothing (a count sets the figure)
_AVAILABLE, _RESERVED, _ON_HAND, _NONE = "available", "reserved", "on_hand", "none"


def _apply_one(session: Session, tenant_id: int, move: Move, ref: DocumentRef, on_short: ShortageError,
               check: str, sales: bool) -> StockLedger:
    now = now_china()
    where = [Stock.warehouse_id == move.warehouse_id, Stock.spec_id == move.spec_id,
             Stock.defect.is_(move.defect)]
    values: dict[str, Any] = {"stock_num": _exact(Stock.stock_num + move.num), "modified": now, "last_inout_time": now}
    if move.num < 0 and check == _RESERVED:
        values["lock_num"] = _exact(Stock.lock_num + move.num)
        if sales:
            values["sending_num"] = _exact(Stock.sending_num + move.num)
        where += [Stock.stock_num >= -move.num, Stock.lock_num >= -move.num]
    elif move.num < 0 and check == _AVAILABLE:
        where.append(_exact(Stock.stock_num - Stock.lock_num) >= -move.num)
    elif move.num < 0 and check == _ON_HAND:
        where.append(Stock.stock_num >= -move.num)
    elif move.num > 0 and move.price is not None:
        values["cost_price"] = _weighted_cost(move)
    stmt = (update(Stock).where(*where).values(values)
            .returning(Stock.rec_id, Stock.stock_num, Stock.cost_price))
    row = session.execute(stmt).first()
    if row is None:
        raise on_short(move, available(session, move.warehouse_id, move.spec_id, move.defect))
    rec_id, after, cost_price = row
    detail.move_detail(session, tenant_id, rec_id, move.warehouse_id, move.num, move.position_id, move.batch_no,
                       move.expire_date, move.production_date)
    ledger = StockLedger(
        tenant_id=tenant_id, warehouse_id=move.warehouse_id, spec_id=move.spec_id, defect=move.defect,
        position_id=move.position_id, batch_no=move.batch_no, src_order_type=ref.src_order_type,
        src_order_no=ref.src_order_no, stockio_no=ref.stockio_no or ref.src_order_no, num=move.num,
        stock_before=Decimal(after) - move.num, stock_after=Decimal(after), price=move.price or ZERO,
        cost_price=Decimal(cost_price), operator_name=ref.operator_name, remark=ref.remark, created=now)
    session.add(ledger)
    return ledger


def _weighted_cost(move: Move) -> Any:
    """Weighted average cost per warehouse/spec, updated on each stock-in with a price."""
    new_total = _exact(Stock.stock_num + move.num)
    return case(
        (new_total <= 0, Stock.cost_price),
        (Stock.stock_num <= 0, move.price),
        else_=_exact((Stock.stock_num * Stock.cost_price + move.num * (move.price or ZERO)) / new_total),
    )


def _exact(expr: Any) -> Any:
    """Arithmetic on stock figures, rounded to the columns' 4 decimals.

    PostgreSQL's NUMERIC(19,4) is exact; SQLite keeps these columns as REAL, where ten stock-ins of
    0.1 sum to 0.9999999999999999 and a later `>= 1` would refuse stock that is there. Rounding
    every stored sum and every compared difference keeps each figure the double nearest its
    4-decimal value (exact for magnitudes below 2**53 / 10**4, about 9e11).
    """
    return func.round(expr, 4)


def reserve(session: Session, tenant_id: int, moves: Iterable[Move],
            on_short: ShortageError = default_shortage, sales: bool = False) -> None:
    """Hold available stock for a checked document (`num` > 0 = quantity to hold)."""
    ordered = _ordered(moves)
    _upsert_stock_rows(session, tenant_id, {m.stock_key for m in ordered})
    for move in ordered:
        values: dict[str, Any] = {"lock_num": _exact(Stock.lock_num + move.num), "modified": now_china()}
        if sales:
            values["sending_num"] = _exact(Stock.sending_num + move.num)
        stmt = (update(Stock).where(
            Stock.warehouse_id == move.warehouse_id, Stock.spec_id == move.spec_id,
            Stock.defect.is_(move.defect), _exact(Stock.stock_num - Stock.lock_num) >= move.num,
        ).values(values).returning(Stock.rec_id))
        if session.execute(stmt).first() is None:
            raise on_short(move, available(session, move.warehouse_id, move.spec_id, move.defect))


def release(session: Session, moves: Iterable[Move], sales: bool = False) -> None:
    """Give back a reservation (a checked document is cancelled before it ships)."""
    for move in _ordered(moves):
        if move.num == 0:
            continue
        values: dict[str, Any] = {"lock_num": _exact(Stock.lock_num - move.num), "modified": now_china()}
        if sales:
            values["sending_num"] = _exact(Stock.sending_num - move.num)
        done = session.execute(update(Stock).where(
            Stock.warehouse_id == move.warehouse_id, Stock.spec_id == move.spec_id,
            Stock.defect.is_(move.defect), Stock.lock_num >= move.num).values(values).returning(Stock.rec_id))
        if done.first() is None:
            raise business_error("库存锁定量不足", f"release of {move.num} exceeds the reservation of "
                                 f"{move.warehouse_id}/{move.spec_id}/{move.defect}")


def count_to(session: Session, tenant_id: int, warehouse_id: int, spec_id: int, counted: Decimal,
             ref: DocumentRef, defect: bool = False, spec_no: str = "") -> StockLedger | None:
    """Set stock to a counted figure (盘点): writes the difference as one movement.

    A count is the truth: it may take stock below what is reserved (available then goes negative
    until the reservations are released or shipped).
    """
    if counted < 0:
        raise business_error("盘点数量不能小于0", f"counted {counted} < 0")
    _upsert_stock_rows(session, tenant_id, [(warehouse_id, spec_id, defect)])
    row = stock_row(session, warehouse_id, spec_id, defect)
    assert row is not None
    session.refresh(row, with_for_update=session.get_bind().dialect.name == "postgresql")
    delta = counted - row.stock_num
    row.last_pd_time = now_china()
    if delta == 0:
        session.flush()
        return None
    move = Move(warehouse_id, spec_id, delta, defect, spec_no=spec_no)
    return _apply_one(session, tenant_id, move, ref, default_shortage, _NONE, sales=False)


#: informational buckets of a stock row that other contexts feed (they do not change stock_num)
COUNTER_FIELDS = frozenset({
    "order_num", "purchase_num", "transfer_num", "unpay_num", "subscribe_num", "part_paid_num",
    "trade_reserve_num", "to_purchase_num", "purchase_arrive_num", "refund_num", "refund_exch_num",
    "refund_onway_num", "return_num", "return_exch_num", "return_onway_num", "wait_transfer_num",
    "process_onway_num", "inspect_num", "sys_user_define_stock1", "sys_user_define_stock2",
})


def adjust_counters(session: Session, tenant_id: int, warehouse_id: int, spec_id: int, defect: bool = False,
                    **deltas: Decimal) -> None:
    """Add to informational buckets (待审核量 order_num, 采购在途量 purchase_num, ...) of one stock row."""
    unknown = set(deltas) - COUNTER_FIELDS
    if unknown:
        raise ValueError(f"not stock counters: {sorted(unknown)}")
    if not deltas:
        return
    _upsert_stock_rows(session, tenant_id, [(warehouse_id, spec_id, defect)])
    values: dict[str, Any] = {name: _exact(getattr(Stock, name) + Decimal(delta)) for name, delta in deltas.items()}
    values["modified"] = now_china()
    session.execute(update(Stock).where(Stock.warehouse_id == warehouse_id, Stock.spec_id == spec_id,
                                        Stock.defect.is_(defect)).values(values))


CounterChange = tuple[int, int, bool, dict[str, Decimal]]


def adjust_counters_many(session: Session, tenant_id: int, changes: Iterable[CounterChange]) -> None:
    """`adjust_counters` for many stock rows ((warehouse_id, spec_id, defect, deltas) each): one
    statement per set of counters changed, executed for all rows at once."""
    given = [(w, s, d, {n: v for n, v in deltas.items() if v}) for w, s, d, deltas in changes]
    given = [change for change in given if change[3]]
    if not given:
        return
    unknown = {n for *_, deltas in given for n in deltas} - COUNTER_FIELDS
    if unknown:
        raise ValueError(f"not stock counters: {sorted(unknown)}")
    _upsert_stock_rows(session, tenant_id, {(w, s, d) for w, s, d, _ in given})
    table: Any = Stock.__table__
    by_names: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    now = now_china()
    for w, s, d, deltas in sorted(given, key=lambda change: change[:3]):  # the fixed lock order
        names = tuple(sorted(deltas))
        by_names.setdefault(names, []).append(
            {"b_w": w, "b_s": s, "b_d": d, "b_now": now, **{f"b_{n}": Decimal(deltas[n]) for n in names}})
    conn = session.connection()
    for names, rows in by_names.items():
        stmt = (update(table).where(table.c.warehouse_id == bindparam("b_w"), table.c.spec_id == bindparam("b_s"),
                                    table.c.defect == bindparam("b_d"))
                .values({"modified": bindparam("b_now"), **{n: table.c[n] + bindparam(f"b_{n}") for n in names}}))
        conn.execute(stmt, rows)


# ---------------------------------------------------------------------------- invariants


def ledger_total(session: Session, warehouse_id: int, spec_id: int, defect: bool = False) -> Decimal:
    """Sum of all ledger deltas of one stock row (equals its stock_num: a checked invariant)."""
    from sqlalchemy import func

    total = session.scalar(select(func.coalesce(func.sum(StockLedger.num), 0)).where(
        StockLedger.warehouse_id == warehouse_id, StockLedger.spec_id == spec_id,
        StockLedger.defect.is_(defect)))
    return Decimal(total or 0)



# ---------------------------------------------------------------------------- counts and position moves


def lock_stock_rows(session: Session, tenant_id: int,
                    keys: Iterable[tuple[int, int, bool]]) -> dict[tuple[int, int, bool], Stock]:
    """The stock rows of `keys` (created when missing), locked in the fixed order, for a read-then-write."""
    ordered = sorted(set(keys))
    _upsert_stock_rows(session, tenant_id, ordered)
    locking = session.get_bind().dialect.name == "postgresql"
    rows: dict[tuple[int, int, bool], Stock] = {}
    for key in ordered:
        row = stock_row(session, *key)
        assert row is not None
        session.refresh(row, with_for_update=locking)
        rows[key] = row
    return rows


def mark_counted(session: Session, rows: Iterable[Stock]) -> None:
    """Record that the stock rows were counted (盘点) just now."""
    now = now_china()
    for row in rows:
        row.last_pd_time = now
    session.flush()


def position_stock(session: Session, warehouse_id: int, spec_id: int, defect: bool, position_id: int,
                   batch_no: str | None = None, expire_date: date | None = None) -> Decimal:
    """Stock of a spec at one position (of one batch/expiry when given)."""
    from sqlalchemy import func

    from wdterp.domain.inventory.models import StockDetail

    row = stock_row(session, warehouse_id, spec_id, defect)
    if row is None:
        return ZERO
    stmt = select(func.coalesce(func.sum(StockDetail.stock_num), 0)).where(
        StockDetail.stock_id == row.rec_id, StockDetail.position_id == position_id)
    if batch_no is not None:
        stmt = stmt.where(StockDetail.batch_no == batch_no)
    if expire_date is not None:
        stmt = stmt.where(StockDetail.expire_date == expire_date)
    return Decimal(session.scalar(stmt) or 0)


def move_between_positions(session: Session, tenant_id: int, move: Move, to_position_id: int) -> None:
    """Move `move.num` (> 0) of a stock row from position `move.position_id` to another of its warehouse.

    The warehouse's figure is unchanged (no ledger row): only the detail rows move. The source position
    (and batch/expiry, when named) must hold the quantity; it leaves in pick order (FEFO).
    """
    from wdterp.domain.inventory.models import Position, StockDetail

    if move.position_id is None or move.num <= 0:
        raise ValueError("a position move needs a source position and a positive quantity")
    row = lock_stock_rows(session, tenant_id, [move.stock_key])[move.stock_key]
    sources = [d for d in detail.pick_order(list(session.scalars(select(StockDetail).where(
        StockDetail.stock_id == row.rec_id, StockDetail.position_id == move.position_id))))
        if (not move.batch_no or d.batch_no == move.batch_no)
        and (move.expire_date is None or d.expire_date == move.expire_date)]
    held = sum((d.stock_num for d in sources), ZERO)
    if held < move.num:
        source_no = session.scalar(select(Position.position_no).where(Position.position_id == move.position_id))
        raise business_error(f"商家编码{move.spec_no}在货位{source_no}库存不足",
                             f"{move.spec_no}: need {move.num} at position {source_no}, found {held}")
    left = move.num
    for num, batch_no, expire, produced in [(d.stock_num, d.batch_no, d.expire_date, d.production_date)
                                            for d in sources]:
        taken = min(num, left)
        if taken <= 0:
            continue
        detail.move_detail(session, tenant_id, row.rec_id, row.warehouse_id, -taken, move.position_id,
                           batch_no, expire)
        detail.move_detail(session, tenant_id, row.rec_id, row.warehouse_id, taken, to_position_id,
                           batch_no, expire, produced)
        left -= taken
        if left <= 0:
            break

__all__ = ["NO_EXPIRY", "active_batch", "adjust_counters", "adjust_counters_many", "default_position",
           "default_position_of", "ensure_batch", "ledger_total", "position", "CounterChange",
           "DocumentRef", "Move", "apply_moves", "available", "count_to", "lock_stock_rows", "mark_counted",
           "move_between_positions", "position_stock", "release", "reserve"]
