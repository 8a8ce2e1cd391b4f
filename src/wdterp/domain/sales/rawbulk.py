"""Bulk writes of a push: new raw trades by bulk inserts, re-pushed ones that carry nothing on to a
trade by bulk updates. The rows are those `rawtrades.save_raw_trade` writes (`rawrows` builds both)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.models import Shop
from wdterp.domain.sales import bulk, payments, rawrows
from wdterp.domain.sales.models import RawTrade, RawTradeDiscount, RawTradeOrder, SalesPayment
from wdterp.domain.sales.statuses import PayStatus, ProcessStatus
from wdterp.protocol.clock import now_china

Item = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]


def _column_defaults(model: Any) -> dict[str, Any]:
    """Every column but the key with its scalar default (None where it has none): a bulk row starts
    from these, so all rows of one executemany have the same keys."""
    out: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.primary_key:
            continue
        default = column.default
        out[column.name] = default.arg if default is not None and default.is_scalar else None
    return out


RAW_TABLE, LINE_TABLE, DISCOUNT_TABLE, PAYMENT_TABLE = (
    cast(Table, model.__table__) for model in (RawTrade, RawTradeOrder, RawTradeDiscount, SalesPayment))
_RAW_DEFAULTS = _column_defaults(RawTrade)
_LINE_DEFAULTS = _column_defaults(RawTradeOrder)
_DISCOUNT_DEFAULTS = _column_defaults(RawTradeDiscount)
_PAYMENT_DEFAULTS = _column_defaults(SalesPayment)


def _new_line(tenant_id: int, tid: str, oid: str, process_status: int, now: datetime) -> dict[str, Any]:
    return {**_LINE_DEFAULTS, "tenant_id": tenant_id, "tid": tid, "oid": oid, "process_status": process_status,
            "created": now}


def _new_discount(platform_id: int, tid: str, key: tuple[str, str, str]) -> dict[str, Any]:
    return {**_DISCOUNT_DEFAULTS, "platform_id": platform_id, "tid": tid, "oid": key[0], "sn": key[1],
            "name": key[2]}


def _discounts(platform_id: int, tid: str, discounts: Iterable[dict[str, Any]]) -> dict[tuple[str, str, str], Any]:
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for values in discounts:
        key = rawrows.discount_key(values)
        rows.setdefault(key, _new_discount(platform_id, tid, key)).update(rawrows.discount_values(values))
    return rows


# ---------------------------------------------------------------------------- new raw trades


def insert_new(session: Session, tenant_id: int, shop: Shop, items: list[Item]) -> list[int]:
    """Write new raw trades (checked, tids not stored) with their lines, discounts and receipts by
    bulk inserts; returns their rec_ids in order."""
    now = now_china()
    heads, line_rows, discount_rows = [], [], []
    for values, lines, discounts in items:
        tid = str(values["tid"])
        head = {**_RAW_DEFAULTS, "tenant_id": tenant_id, "shop_id": shop.shop_id, "tid": tid, "trade_from": 1,
                "process_status": int(ProcessStatus.NEW), **rawrows.header_values(shop, values), "created": now,
                "modified": now}
        merged = rawrows.merged_lines(lines, head["warehouse_no"] or "", now)
        rows = [{**_new_line(tenant_id, tid, oid, int(ProcessStatus.NEW), now), **row} for oid, row in merged.items()]
        head.update(rawrows.totals((r["num"], r["price"], r["refund_amount"]) for r in rows))
        if rawrows.closed(head["trade_status"], head["refund_status"]):
            head["process_status"] = int(ProcessStatus.CANCELLED)
        heads.append(head)
        line_rows.append(rows)
        discount_rows.append(list(_discounts(head["platform_id"], tid, discounts).values()))
    conn = session.connection()
    ids = bulk.reserve_ids(conn, RAW_TABLE, len(heads))
    for rec_id, head, rows, offers in zip(ids, heads, line_rows, discount_rows, strict=True):
        head["rec_id"] = rec_id
        for row in (*rows, *offers):
            row["raw_trade_id"] = rec_id
    bulk.insert_rows(conn, RAW_TABLE, heads)
    bulk.insert_rows(conn, LINE_TABLE, [row for rows in line_rows for row in rows])
    bulk.insert_rows(conn, DISCOUNT_TABLE, [row for rows in discount_rows for row in rows])
    _receipts(session, conn, tenant_id, [head for head in heads if head["pay_status"] == PayStatus.PAID], now)
    return ids


def _receipts(session: Session, conn: Connection, tenant_id: int, paid: list[dict[str, Any]], now: datetime) -> None:
    if not paid:
        return
    rows = []
    for head, payment_no in zip(paid, payments.payment_nos(session, tenant_id, len(paid)), strict=True):
        amount = payments.receipt_amount(head)
        rows.append({**_PAYMENT_DEFAULTS, **payments.payment_values(
            head, False, amount, payments.receipt_remark(head, amount), payment_no, now)})
    bulk.insert_rows(conn, PAYMENT_TABLE, rows)


# ---------------------------------------------------------------------------- re-pushed raw trades


@dataclass
class Stored:
    """What an update of a stored raw trade needs of it, read by Core."""

    rec_id: int
    shop_id: int
    trade_id: int | None
    process_status: int
    pay_status: int
    trade_status: int
    refund_status: int
    warehouse_no: str
    platform_id: int
    #: oid → (rec_id, num, price, refund_amount)
    lines: dict[str, tuple[int, Decimal, Decimal, Decimal]] = field(default_factory=dict)
    #: (oid, sn, name) → rec_id
    discounts: dict[tuple[str, str, str], int] = field(default_factory=dict)


_STORED = (RawTrade.tid, RawTrade.rec_id, RawTrade.shop_id, RawTrade.trade_id, RawTrade.process_status,
           RawTrade.pay_status, RawTrade.trade_status, RawTrade.refund_status, RawTrade.warehouse_no,
           RawTrade.platform_id)


def stored(session: Session, tenant_id: int, tids: Iterable[str]) -> dict[str, Stored]:
    """The stored raw trades of these tids with their lines' figures and discounts' keys."""
    wanted, out = sorted(set(tids)), {}
    conn = session.connection()
    for at in range(0, len(wanted), 500):
        chunk = wanted[at:at + 500]
        by_id: dict[int, Stored] = {}
        for tid, *rest in conn.execute(select(*_STORED).where(RawTrade.tenant_id == tenant_id,
                                                              RawTrade.tid.in_(chunk))):
            out[tid] = by_id[rest[0]] = Stored(*rest)
        ids = sorted(by_id)
        for raw_id, oid, rec_id, num, price, refund in conn.execute(select(
                RawTradeOrder.raw_trade_id, RawTradeOrder.oid, RawTradeOrder.rec_id, RawTradeOrder.num,
                RawTradeOrder.price, RawTradeOrder.refund_amount).where(RawTradeOrder.raw_trade_id.in_(ids))):
            by_id[raw_id].lines[oid] = (rec_id, num, price, refund)
        for raw_id, oid, sn, name, rec_id in conn.execute(select(
                RawTradeDiscount.raw_trade_id, RawTradeDiscount.oid, RawTradeDiscount.sn, RawTradeDiscount.name,
                RawTradeDiscount.rec_id).where(RawTradeDiscount.raw_trade_id.in_(ids))):
            by_id[raw_id].discounts[(oid, sn, name)] = rec_id
    return out


def carries_nothing(found: Stored, shop: Shop, values: dict[str, Any]) -> bool:
    """An update that only rewrites rows: the raw trade is the shop's, not submitted, stays open and
    gets no new payment (anything else goes through `save_raw_trade`, which carries it on)."""
    head = rawrows.header_values(shop, values)
    pay = head.get("pay_status", found.pay_status)
    return (found.shop_id == shop.shop_id and not found.trade_id
            and not rawrows.closed(head.get("trade_status", found.trade_status),
                                   head.get("refund_status", found.refund_status))
            and not (pay == PayStatus.PAID and found.pay_status != PayStatus.PAID))


def update_stored(session: Session, tenant_id: int, shop: Shop, items: list[tuple[Stored, Item]]) -> None:
    """Rewrite stored raw trades (each `carries_nothing`) by bulk updates and inserts."""
    now = now_china()
    heads, line_updates, line_inserts, discount_updates, discount_inserts = [], [], [], [], []
    for found, (values, lines, discounts) in items:
        tid = str(values["tid"])
        head = {"rec_id": found.rec_id, **rawrows.header_values(shop, values), "modified": now}
        merged = rawrows.merged_lines(lines, head.get("warehouse_no", found.warehouse_no) or "", now)
        figures = {oid: (n, p, r) for oid, (_, n, p, r) in found.lines.items()}
        for oid, row in merged.items():
            if oid in found.lines:
                line_updates.append({"rec_id": found.lines[oid][0], **row})
            else:
                line_inserts.append({**_new_line(tenant_id, tid, oid, found.process_status or ProcessStatus.NEW,
                                                 now), **row, "raw_trade_id": found.rec_id})
            old = figures.get(oid, (rawrows.ZERO, rawrows.ZERO, rawrows.ZERO))
            figures[oid] = (row.get("num", old[0]), row.get("price", old[1]), row.get("refund_amount", old[2]))
        head.update(rawrows.totals(figures.values()))
        heads.append(head)
        for key, row in _discounts(found.platform_id, tid, discounts).items():
            if key in found.discounts:
                discount_updates.append({"rec_id": found.discounts[key], **rawrows.discount_values(row)})
            else:
                discount_inserts.append({**row, "raw_trade_id": found.rec_id})
    conn = session.connection()
    bulk.update_rows(conn, RAW_TABLE, heads)
    bulk.update_rows(conn, LINE_TABLE, line_updates)
    bulk.insert_rows(conn, LINE_TABLE, _same_keys(line_inserts, _LINE_DEFAULTS))
    bulk.update_rows(conn, DISCOUNT_TABLE, discount_updates)
    bulk.insert_rows(conn, DISCOUNT_TABLE, discount_inserts)


def _same_keys(rows: list[dict[str, Any]], defaults: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows of one executemany: every row with every key (new lines may be pushed with fewer fields)."""
    return [{**defaults, **row} for row in rows]
