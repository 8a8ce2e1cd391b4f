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
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session, selectinload

from wdterp.domain.masterdata.models import Shop
from wdterp.domain.masterdata.regions import regions
from wdterp.domain.masterdata.service import active_shop
from wdterp.domain.sales import bulk, changes, payments
from wdterp.domain.sales.models import RawTrade, RawTradeDiscount, RawTradeOrder, SalesPayment
from wdterp.domain.sales.statuses import (
    PLATFORM_CANCELLED,
    SELF_PLATFORM,
    PayStatus,
    ProcessStatus,
    RawRefundStatus,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
#: the four texts E28 guards
_E28_FIELDS = ("buyer_nick", "receiver_name", "receiver_address", "buyer_message")
_E28_REQUIRED = ("buyer_nick", "receiver_name", "receiver_address")

_HEADER_TEXT = ("buyer_nick", "buyer_message", "buyer_email", "buyer_area", "receiver_name", "receiver_area",
                "receiver_address", "receiver_zip", "receiver_mobile", "receiver_telno", "invoice_title",
                "invoice_content", "cust_data", "pay_id", "remark", "warehouse_no", "pay_account",
                "to_deliver_time", "fenxiao_nick", "id_card")
_HEADER_NUM = ("post_amount", "other_amount", "discount", "receivable", "platform_cost", "cod_amount",
               "received", "paid", "goods_count")
_HEADER_INT = ("trade_status", "refund_status", "pay_status", "pay_method", "order_count", "invoice_type",
               "logistics_type", "delivery_term", "remark_flag", "consign_interval", "is_sealed", "id_card_type")
_LINE_TEXT = ("goods_no", "spec_no", "goods_name", "spec_name", "cid", "remark", "json")
_LINE_NUM = ("num", "price", "discount", "share_discount", "total_amount", "adjust_amount", "refund_amount")
_LINE_INT = ("status", "refund_status", "order_type", "gift_type")
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


@lru_cache(maxsize=8192)
def area_codes(area: str) -> tuple[int, int, int]:
    """Region ids of a `省 市 区` text (0 where a part is not in the code table); the table is
    immutable package data, so the answer per text is cached."""
    parts = [p for p in area.replace("\u3000", " ").split(" ") if p]
    table = regions()

    def find(rows: list[dict[str, Any]], key: str, name: str, parent: tuple[str, int] | None) -> int:
        for row in rows:
            if parent and row.get(parent[0]) != parent[1]:
                continue
            if row["name"] == name or row["name"].rstrip("省市区县") == name.rstrip("省市区县"):
                return int(row[key])
        return 0

    province = find(table.provinces, "province_id", parts[0], None) if parts else 0
    city = find(table.cities, "city_id", parts[1], ("province_id", province) if province else None) \
        if len(parts) > 1 else 0
    district = find(table.districts, "district_id", parts[2], ("city_id", city) if city else None) \
        if len(parts) > 2 else 0
    return province, city, district


# ---------------------------------------------------------------------------- writing


def _header_values(shop: Shop, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {name: str(values[name]) for name in _HEADER_TEXT if values.get(name) is not None}
    out.update({name: Decimal(values[name]) for name in _HEADER_NUM if values.get(name) is not None})
    out.update({name: int(values[name]) for name in _HEADER_INT if values.get(name) is not None})
    for name in ("trade_time", "pay_time", "end_time"):
        if name in values:
            out[name] = values[name]
    out["is_auto_wms"] = bool(values.get("is_auto_wms"))
    out["platform_id"] = shop.platform_id
    codes = (values.get("receiver_province_no"), values.get("receiver_city_no"), values.get("receiver_district_no"))
    if any(codes):
        out["receiver_province"], out["receiver_city"], out["receiver_district"] = (int(c or 0) for c in codes)
        if not values.get("receiver_area"):
            out["receiver_area"] = _area_text(*codes)
    elif values.get("receiver_area"):
        out["receiver_province"], out["receiver_city"], out["receiver_district"] = area_codes(values["receiver_area"])
    return out


@lru_cache(maxsize=8192)
def _area_text(province: Any, city: Any, district: Any) -> str:
    table = regions()
    return " ".join(n for n in (table.name_of("province", province), table.name_of("city", city),
                                table.name_of("district", district)) if n)


def _line_values(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {name: str(values[name]) for name in _LINE_TEXT if values.get(name) is not None}
    out.update({name: Decimal(values[name]) for name in _LINE_NUM if values.get(name) is not None})
    out.update({name: int(values[name]) for name in _LINE_INT if values.get(name) is not None})
    out["api_goods_id"] = str(values.get("goods_id") or "")
    out["api_spec_id"] = str(values.get("spec_id") or "")
    total = out.get("total_amount", ZERO)
    out["share_amount"] = total - out.get("share_discount", ZERO)
    return out


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
    header = _header_values(shop, values)
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
    raw.order_count = len(raw.orders)
    raw.goods_count = sum((o.num for o in raw.orders), ZERO)
    raw.goods_amount = sum((o.price * o.num for o in raw.orders), ZERO)
    raw.refund_amount = sum((o.refund_amount for o in raw.orders), ZERO)
    raw.modified = now_china()
    session.flush()
    if raw.pay_status == PayStatus.PAID and old.get("pay_status") != PayStatus.PAID:
        payments.record_receipt(session, raw)
    if not created:
        changes.carry_raw_change(session, raw, old)
    elif raw.trade_status in PLATFORM_CANCELLED or raw.refund_status == RawRefundStatus.FULL:
        raw.process_status = ProcessStatus.CANCELLED
    return raw, created


def _save_lines(raw: RawTrade, tenant_id: int, lines: Iterable[dict[str, Any]]) -> None:
    existing = {o.oid: o for o in raw.orders}
    for values in lines:
        line = existing.get(str(values["oid"]))
        if line is None:
            line = RawTradeOrder(tenant_id=tenant_id, tid=raw.tid, oid=str(values["oid"]),
                                 process_status=raw.process_status or ProcessStatus.NEW)
            raw.orders.append(line)
            existing[line.oid] = line
        for name, value in _line_values(values).items():
            setattr(line, name, value)
        line.warehouse_no = raw.warehouse_no or ""
        line.modified = now_china()


def _save_discounts(raw: RawTrade, discounts: Iterable[dict[str, Any]]) -> None:
    known = {(d.oid, d.sn, d.name): d for d in raw.discounts}
    for values in discounts:
        key = (str(values["oid"]), str(values.get("sn") or ""), str(values.get("name") or ""))
        row = known.get(key)
        if row is None:
            row = RawTradeDiscount(platform_id=raw.platform_id, tid=raw.tid, oid=key[0], sn=key[1], name=key[2])
            raw.discounts.append(row)
            known[key] = row
        row.detail = str(values.get("detail") or "")
        row.amount = Decimal(values.get("amount") or 0)


def group_lines(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(str(row["tid"]), []).append(row)
    return grouped


def _existing(session: Session, tenant_id: int, tids: Iterable[str]) -> dict[str, RawTrade]:
    """The raw trades of these tids that exist, with their lines and discounts (one query per 500)."""
    wanted = sorted(set(tids))
    found: dict[str, RawTrade] = {}
    for at in range(0, len(wanted), 500):
        stmt = (select(RawTrade).where(RawTrade.tenant_id == tenant_id, RawTrade.tid.in_(wanted[at:at + 500]))
                .options(selectinload(RawTrade.orders), selectinload(RawTrade.discounts)))
        found.update((raw.tid, raw) for raw in session.scalars(stmt))
    return found


def push(session: Session, tenant_id: int, shop: Shop, trades: list[dict[str, Any]],
         lines: list[dict[str, Any]], discounts: list[dict[str, Any]], per_trade_errors: bool) -> PushResult:
    """Save every raw trade of a push.

    `per_trade_errors` (pushSelf2): a trade that fails its rules is reported in `errors` and the
    others are kept; otherwise the first failure fails the call.

    Existing raw trades are loaded in one query. New ones (a tid not stored yet and pushed once) are
    checked, then written by bulk inserts (headers, lines, discounts, receipts). The others (updates,
    a tid pushed twice) go one by one through `save_raw_trade`, each in its own savepoint for pushSelf2.
    """
    now = now_china()
    result = PushResult()
    by_tid, discount_by_tid = group_lines(lines), group_lines(discounts)
    tids = [str(values["tid"]) for values in trades]
    known = _existing(session, tenant_id, tids)
    pushed = Counter(tids)
    fresh = [i for i, tid in enumerate(tids) if tid not in known and pushed[tid] == 1]
    if not per_trade_errors and len(fresh) < len(trades):
        fresh = []  # the first failure in push order fails the call: keep the order of the loop
    errors: list[tuple[int, dict[str, str]]] = []
    saved: list[tuple[int, int]] = []
    new_rows: list[tuple[int, dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = []
    for i in fresh:
        values, tid = trades[i], tids[i]
        try:
            check_raw_trade(values, now)
            if not by_tid.get(tid):
                raise _no_lines(values["tid"])
        except ApiError as err:
            if not per_trade_errors:
                raise
            errors.append((i, {"no": tid, "error": err.message}))
            continue
        new_rows.append((i, values, by_tid[tid], discount_by_tid.get(tid, [])))
    if new_rows:
        ids = _insert_new(session, tenant_id, shop, [row[1:] for row in new_rows])
        saved.extend((i, rec_id) for (i, *_), rec_id in zip(new_rows, ids, strict=True))
        result.new_count += len(ids)
    done = set(fresh)
    for i, values in enumerate(trades):
        if i in done:
            continue
        tid = tids[i]
        if not per_trade_errors:
            check_raw_trade(values, now)
            raw, created = save_raw_trade(session, tenant_id, shop, values, by_tid.get(tid, []),
                                          discount_by_tid.get(tid, []), known)
        else:
            savepoint = session.begin_nested()
            try:
                check_raw_trade(values, now)
                raw, created = save_raw_trade(session, tenant_id, shop, values, by_tid.get(tid, []),
                                              discount_by_tid.get(tid, []), known)
            except ApiError as err:
                savepoint.rollback()
                errors.append((i, {"no": tid, "error": err.message}))
                continue
            savepoint.commit()
        known[tid] = raw
        saved.append((i, raw.rec_id))
        if created:
            result.new_count += 1
        else:
            result.chg_count += 1
    result.errors = [error for _, error in sorted(errors, key=lambda e: e[0])]
    result.saved_ids = [rec_id for _, rec_id in sorted(saved)]
    return result


# ---------------------------------------------------------------------------- bulk insert of new raw trades


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


_RAW_TABLE, _LINE_TABLE, _DISCOUNT_TABLE, _PAYMENT_TABLE = (
    cast(Table, model.__table__) for model in (RawTrade, RawTradeOrder, RawTradeDiscount, SalesPayment))
_RAW_DEFAULTS = _column_defaults(RawTrade)
_LINE_DEFAULTS = _column_defaults(RawTradeOrder)
_DISCOUNT_DEFAULTS = _column_defaults(RawTradeDiscount)
_PAYMENT_DEFAULTS = _column_defaults(SalesPayment)


def _merge_lines(tenant_id: int, tid: str, warehouse_no: str, lines: Iterable[dict[str, Any]],
                 now: datetime) -> list[dict[str, Any]]:
    """Line rows of a new raw trade; a repeated oid updates its earlier row, as `_save_lines` does."""
    rows: dict[str, dict[str, Any]] = {}
    for values in lines:
        oid = str(values["oid"])
        row = rows.get(oid)
        if row is None:
            row = rows[oid] = {**_LINE_DEFAULTS, "tenant_id": tenant_id, "tid": tid, "oid": oid,
                               "process_status": int(ProcessStatus.NEW), "created": now}
        row.update(_line_values(values))
        row["warehouse_no"] = warehouse_no
        row["modified"] = now
    return list(rows.values())


def _merge_discounts(platform_id: int, tid: str, discounts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for values in discounts:
        key = (str(values["oid"]), str(values.get("sn") or ""), str(values.get("name") or ""))
        row = rows.get(key)
        if row is None:
            row = rows[key] = {**_DISCOUNT_DEFAULTS, "platform_id": platform_id, "tid": tid, "oid": key[0],
                               "sn": key[1], "name": key[2]}
        row["detail"] = str(values.get("detail") or "")
        row["amount"] = Decimal(values.get("amount") or 0)
    return list(rows.values())


def _insert_new(session: Session, tenant_id: int, shop: Shop,
                items: list[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]) -> list[int]:
    """Write new raw trades (checked, tids not stored) with their lines, discounts and receipts by
    bulk inserts; returns their rec_ids in order. The rows are those `save_raw_trade` writes."""
    now = now_china()
    heads: list[dict[str, Any]] = []
    line_rows: list[list[dict[str, Any]]] = []
    discount_rows: list[list[dict[str, Any]]] = []
    for values, lines, discounts in items:
        tid = str(values["tid"])
        head = {**_RAW_DEFAULTS, "tenant_id": tenant_id, "shop_id": shop.shop_id, "tid": tid, "trade_from": 1,
                "process_status": int(ProcessStatus.NEW), **_header_values(shop, values), "created": now,
                "modified": now}
        rows = _merge_lines(tenant_id, tid, head["warehouse_no"] or "", lines, now)
        head["order_count"] = len(rows)
        head["goods_count"] = sum((r["num"] for r in rows), ZERO)
        head["goods_amount"] = sum((r["price"] * r["num"] for r in rows), ZERO)
        head["refund_amount"] = sum((r["refund_amount"] for r in rows), ZERO)
        if head["trade_status"] in PLATFORM_CANCELLED or head["refund_status"] == RawRefundStatus.FULL:
            head["process_status"] = int(ProcessStatus.CANCELLED)
        heads.append(head)
        line_rows.append(rows)
        discount_rows.append(_merge_discounts(head["platform_id"], tid, discounts))
    conn = session.connection()
    ids = bulk.reserve_ids(conn, _RAW_TABLE, len(heads))
    for rec_id, head, rows, offers in zip(ids, heads, line_rows, discount_rows, strict=True):
        head["rec_id"] = rec_id
        for row in rows:
            row["raw_trade_id"] = rec_id
        for row in offers:
            row["raw_trade_id"] = rec_id
    bulk.insert_rows(conn, _RAW_TABLE, heads)
    bulk.insert_rows(conn, _LINE_TABLE, [row for rows in line_rows for row in rows])
    bulk.insert_rows(conn, _DISCOUNT_TABLE, [row for rows in discount_rows for row in rows])
    paid = [(rec_id, head) for rec_id, head in zip(ids, heads, strict=True) if head["pay_status"] == PayStatus.PAID]
    if paid:
        receipts = []
        for (_, head), payment_no in zip(paid, payments.payment_nos(session, tenant_id, len(paid)), strict=True):
            raw = SimpleNamespace(**head)
            amount = payments.receipt_amount(raw)
            receipts.append({**_PAYMENT_DEFAULTS, **payments.payment_values(
                raw, False, amount, payments.receipt_remark(raw, amount), payment_no, now)})
        bulk.insert_rows(conn, _PAYMENT_TABLE, receipts)
    return ids
