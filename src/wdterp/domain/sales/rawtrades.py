"""Raw trade push (sales.RawTrade.pushSelf / pushSelf2): checks, insert-or-update by tid.

A push that changes a raw trade already submitted carries the change on to its trade: a platform
close/refund cancels an unshipped trade, a new address updates it, a payment moves it on.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from wdterp.domain.masterdata.models import Shop
from wdterp.domain.masterdata.service import active_shop
from wdterp.domain.sales import changes, payments, rawbulk, rawrows
from wdterp.domain.sales.models import RawTrade, RawTradeDiscount, RawTradeOrder
from wdterp.domain.sales.statuses import (
    SELF_PLATFORM,
    PayStatus,
    ProcessStatus,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.storage.units import each_in_savepoint

ZERO = Decimal(0)
#: the four texts E28 guards
_E28_FIELDS = ("buyer_nick", "receiver_name", "receiver_address", "buyer_message")
_E28_REQUIRED = ("buyer_nick", "receiver_name", "receiver_address")

#: receiver fields whose change is carried to an unshipped trade
RECEIVER_FIELDS = ("receiver_name", "receiver_area", "receiver_address", "receiver_zip", "receiver_mobile",
                   "receiver_telno", "receiver_province", "receiver_city", "receiver_district")


@dataclass
class PushResult:
    new_count: int = 0
    chg_count: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    #: rec_ids of the raw trades written by this push, in push order (for the autopilot)
    saved_ids: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------- checks


def push_shop(session: Session, tenant_id: int, shop_no: str, permitted: frozenset[str] | None) -> Shop:
    """The shop a push names: enabled and permitted (E20) and an own-mall shop (E22)."""
    shop = active_shop(session, tenant_id, shop_no, permitted)
    if shop.platform_id != SELF_PLATFORM:
        raise ApiError("E22", f"shop {shop_no!r} is on platform {shop.platform_id}, not 127")
    return shop


def _illegal_text(value: str) -> bool:
    return any(ord(ch) > 0xFFFF or unicodedata.category(ch) == "Cc" for ch in value)


def check_raw_trade(values: dict[str, Any], now: datetime) -> None:
    """The per-trade rules of a push: E28 (empty or illegal texts) and E72 (trade_time in the future)."""
    tid = values["tid"]
    for name in _E28_FIELDS:
        text = str(values.get(name) or "")
        if (name in _E28_REQUIRED and not text.strip()) or _illegal_text(text):
            raise ApiError("E28", f"{tid}: {name} is empty or holds a control/non-BMP character", tid=tid)
    trade_time = values.get("trade_time")
    if isinstance(trade_time, datetime) and trade_time > now:
        raise ApiError("E72", f"{tid}: trade_time {trade_time} is later than server time {now}", tid=tid)


# ---------------------------------------------------------------------------- writing


def find_raw_trade(session: Session, tenant_id: int, tid: str) -> RawTrade | None:
    return session.scalar(select(RawTrade).where(RawTrade.tenant_id == tenant_id, RawTrade.tid == tid))


def _no_lines(tid: Any) -> ApiError:
    return business_error(f"原始单{tid}没有子订单", f"{tid}: no rawTradeOrderList rows")


def save_raw_trade(session: Session, tenant_id: int, shop: Shop, values: dict[str, Any],
                   lines: list[dict[str, Any]], discounts: list[dict[str, Any]],
                   known: dict[str, RawTrade] | None = None) -> tuple[RawTrade, bool]:
    """Insert or update the raw trade `values["tid"]`; returns (raw trade, created).

    `known`: the raw trades of the push already loaded by tid (a tid missing there does not exist).
    """
    if not lines:
        raise _no_lines(values["tid"])
    raw = known.get(str(values["tid"])) if known is not None else find_raw_trade(session, tenant_id, values["tid"])
    created = raw is None
    header = rawrows.header_values(shop, values)
    if raw is None:
        raw = RawTrade(tenant_id=tenant_id, shop_id=shop.shop_id, tid=values["tid"], trade_from=1)
        raw.process_status = ProcessStatus.NEW
        session.add(raw)
        old: dict[str, Any] = {}
    else:
        if raw.shop_id != shop.shop_id:
            raise business_error(f"原始单{raw.tid}已存在于其他店铺", f"tid {raw.tid} belongs to shop {raw.shop_id}")
        old = {name: getattr(raw, name) for name in (*RECEIVER_FIELDS, "pay_status", "trade_status")}
    for name, value in header.items():
        setattr(raw, name, value)
    _save_lines(raw, tenant_id, lines)
    _save_discounts(raw, discounts)
    for name, value in rawrows.totals((o.num, o.price, o.refund_amount) for o in raw.orders).items():
        setattr(raw, name, value)
    raw.modified = now_china()
    session.flush()
    if raw.pay_status == PayStatus.PAID and old.get("pay_status") != PayStatus.PAID:
        payments.record_receipt(session, raw)
    if not created:
        changes.carry_raw_change(session, raw, old)
    elif rawrows.closed(raw.trade_status, raw.refund_status):
        raw.process_status = ProcessStatus.CANCELLED
    return raw, created


def _save_lines(raw: RawTrade, tenant_id: int, lines: Iterable[dict[str, Any]]) -> None:
    existing = {o.oid: o for o in raw.orders}
    for oid, values in rawrows.merged_lines(lines, raw.warehouse_no or "", now_china()).items():
        line = existing.get(oid)
        if line is None:
            line = RawTradeOrder(tenant_id=tenant_id, tid=raw.tid, oid=oid,
                                 process_status=raw.process_status or ProcessStatus.NEW)
            raw.orders.append(line)
        for name, value in values.items():
            setattr(line, name, value)


def _save_discounts(raw: RawTrade, discounts: Iterable[dict[str, Any]]) -> None:
    known = {(d.oid, d.sn, d.name): d for d in raw.discounts}
    for values in discounts:
        key = rawrows.discount_key(values)
        row = known.get(key)
        if row is None:
            row = RawTradeDiscount(platform_id=raw.platform_id, tid=raw.tid, oid=key[0], sn=key[1], name=key[2])
            raw.discounts.append(row)
            known[key] = row
        for name, value in rawrows.discount_values(values).items():
            setattr(row, name, value)


def group_lines(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(str(row["tid"]), []).append(row)
    return grouped


def _existing(session: Session, tenant_id: int, tids: Iterable[str]) -> dict[str, RawTrade]:
    """The raw trades of these tids, with their lines and discounts (one query per 500)."""
    wanted = sorted(set(tids))
    found: dict[str, RawTrade] = {}
    for at in range(0, len(wanted), 500):
        stmt = (select(RawTrade).where(RawTrade.tenant_id == tenant_id, RawTrade.tid.in_(wanted[at:at + 500]))
                .options(selectinload(RawTrade.orders), selectinload(RawTrade.discounts)))
        found.update((raw.tid, raw) for raw in session.scalars(stmt))
    return found


@dataclass
class _Push:
    """One push on its way: the trades by position, their lines, what is stored, what was done."""

    trades: list[dict[str, Any]]
    by_tid: dict[str, list[dict[str, Any]]]
    discount_by_tid: dict[str, list[dict[str, Any]]]
    per_trade_errors: bool
    now: datetime = field(default_factory=now_china)
    errors: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    saved: list[tuple[int, int]] = field(default_factory=list)

    @property
    def tids(self) -> list[str]:
        return [str(values["tid"]) for values in self.trades]

    def item(self, i: int) -> rawbulk.Item:
        tid = str(self.trades[i]["tid"])
        return self.trades[i], self.by_tid.get(tid, []), self.discount_by_tid.get(tid, [])

    def checked(self, indexes: Iterable[int]) -> list[int]:
        """The trades among `indexes` that pass their rules and have lines (the others: errors)."""
        ok = []
        for i in indexes:
            values = self.trades[i]
            try:
                check_raw_trade(values, self.now)
                if not self.by_tid.get(str(values["tid"])):
                    raise _no_lines(values["tid"])
            except ApiError as err:
                if not self.per_trade_errors:
                    raise
                self.errors.append((i, {"no": str(values["tid"]), "error": err.message}))
                continue
            ok.append(i)
        return ok


def push(session: Session, tenant_id: int, shop: Shop, trades: list[dict[str, Any]],
         lines: list[dict[str, Any]], discounts: list[dict[str, Any]], per_trade_errors: bool) -> PushResult:
    """Save every raw trade of a push.

    `per_trade_errors` (pushSelf2): a trade that fails its rules is reported in `errors` and the
    others are kept; otherwise the first failure fails the call.

    What is stored is read in one query. New raw trades (a tid not stored and pushed once) are
    checked, then written by bulk inserts; stored ones whose update carries nothing on to a trade
    (`rawbulk.carries_nothing`) by bulk updates. The others (carried changes, a tid pushed twice) go
    one by one through `save_raw_trade`, each in its own savepoint for pushSelf2.
    """
    state = _Push(trades, group_lines(lines), group_lines(discounts), per_trade_errors)
    result = PushResult()
    tids = state.tids
    stored = rawbulk.stored(session, tenant_id, tids)
    pushed = Counter(tids)
    fresh = [i for i, tid in enumerate(tids) if tid not in stored and pushed[tid] == 1]
    rewrites = [i for i, tid in enumerate(tids) if tid in stored and pushed[tid] == 1
                and rawbulk.carries_nothing(stored[tid], shop, trades[i])]
    if not per_trade_errors and len(fresh) + len(rewrites) < len(trades):
        fresh, rewrites = [], []  # the first failure in push order fails the call: keep the order of the loop
    passed = set(state.checked(sorted({*fresh, *rewrites})))  # in push order: the first failure is the one
    fresh, rewrites = [i for i in fresh if i in passed], [i for i in rewrites if i in passed]
    if fresh:
        ids = rawbulk.insert_new(session, tenant_id, shop, [state.item(i) for i in fresh])
        state.saved.extend(zip(fresh, ids, strict=True))
        result.new_count += len(ids)
    if rewrites:
        rawbulk.update_stored(session, tenant_id, shop, [(stored[tids[i]], state.item(i)) for i in rewrites])
        state.saved.extend((i, stored[tids[i]].rec_id) for i in rewrites)
        result.chg_count += len(rewrites)
    done = {*fresh, *rewrites, *(i for i, _ in state.errors)}
    _save_one_by_one(session, tenant_id, shop, state, [i for i in range(len(trades)) if i not in done], result)
    result.errors = [error for _, error in sorted(state.errors, key=lambda e: e[0])]
    result.saved_ids = [rec_id for _, rec_id in sorted(state.saved)]
    return result


def _save_one_by_one(session: Session, tenant_id: int, shop: Shop, state: _Push, indexes: list[int],
                     result: PushResult) -> None:
    known = _existing(session, tenant_id, [state.tids[i] for i in indexes])

    def save(i: int) -> tuple[RawTrade, bool]:
        values, lines, discounts = state.item(i)
        check_raw_trade(values, state.now)
        return save_raw_trade(session, tenant_id, shop, values, lines, discounts, known)

    # pushSelf2: each trade in its own savepoint, a failure reported; pushSelf: the first fails the call
    done = each_in_savepoint(session, indexes, save, ApiError) if state.per_trade_errors \
        else ((i, save(i), None) for i in indexes)
    for i, saved, err in done:
        tid = state.tids[i]
        if err is not None or saved is None:
            state.errors.append((i, {"no": tid, "error": err.message if err else ""}))
            continue
        raw, created = saved
        known[tid] = raw
        state.saved.append((i, raw.rec_id))
        if created:
            result.new_count += 1
        else:
            result.chg_count += 1
