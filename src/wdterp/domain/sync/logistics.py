"""Logistics sync (物流同步): queue tracking numbers at consign, list the pending ones, record results."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.models import Logistics, Shop
from wdterp.domain.masterdata.service import active_shop
from wdterp.domain.queries import Reader, equal_if_given
from wdterp.domain.sales.models import RawTrade, Trade
from wdterp.domain.sales.statuses import LINE_REFUNDED, SELF_PLATFORM, LogType
from wdterp.domain.sales.tradelog import add_log
from wdterp.domain.sync.models import (
    OWN_PLATFORM,
    PENDING_STATUSES,
    REPORTABLE_STATUSES,
    SYNC_PENDING,
    SYNC_SUCCESS,
    LogisticsSync,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError


def queue_logistics_sync(
    session: Session,
    tenant_id: int,
    *,
    shop_id: int,
    trade_id: int,
    trade_no: str,
    tid: str,
    oids: list[str],
    logistics_id: int,
    logistics_no: str,
    is_part_sync: bool = False,
    goods_count: Decimal | None = None,
) -> LogisticsSync:
    """Queue one tracking number for the own mall (called at consign for platform-127 shops).

    One number per `oid` (states.md §18): a pending row of the same trade and tid with the same
    oids is re-pointed to the new number instead of adding a second one.
    """
    shop = session.get(Shop, shop_id)
    company = session.get(Logistics, logistics_id) if logistics_id else None
    oid_text = ",".join(o for o in oids if o) if is_part_sync else ""
    row = session.scalars(
        select(LogisticsSync).where(
            LogisticsSync.tenant_id == tenant_id, LogisticsSync.trade_id == trade_id,
            LogisticsSync.tid == tid, LogisticsSync.oids == oid_text,
            LogisticsSync.sync_status == SYNC_PENDING,
        )
    ).first()
    if row is None:
        row = LogisticsSync(tenant_id=tenant_id, shop_id=shop_id, trade_id=trade_id, tid=tid, oids=oid_text)
        session.add(row)
    row.platform_id = shop.platform_id if shop is not None else 127
    row.trade_no = trade_no
    row.logistics_id = logistics_id
    row.logistics_no = logistics_no
    row.logistics_code = company.logistics_no if company is not None else ""
    row.logistics_name = company.logistics_name if company is not None else ""
    row.logistics_type = company.logistics_type if company is not None else 0
    row.is_part_sync = is_part_sync
    row.goods_count = goods_count if goods_count is not None else Decimal(0)
    row.sync_status = SYNC_PENDING
    row.error_msg = ""
    session.flush()
    return row


#: raw trades' trade_from of a trade made in the ERP (手工建单)
MANUAL_TRADE = 2


def queue_shipment(session: Session, trade: Trade, raw: RawTrade, logistics_id: int, number: str) -> None:
    """A shipment listener of the order flow: an own-mall trade's raw trade gets its tracking number
    queued (all of its live lines, one sync). A trade made in the ERP by hand (trade_from 2, e.g. an
    exchange's 售后换货 trade, whose tid is our own refund number) has no mall order to report to."""
    if trade.platform_id != SELF_PLATFORM or raw.trade_from == MANUAL_TRADE:
        return
    oids = [o.oid for o in raw.orders if o.refund_status not in LINE_REFUNDED]
    queue_logistics_sync(session, trade.tenant_id, shop_id=trade.shop_id, trade_id=trade.trade_id,
                         trade_no=trade.trade_no, tid=raw.tid, oids=oids, logistics_id=logistics_id,
                         logistics_no=number, is_part_sync=False,
                         goods_count=sum((o.num for o in raw.orders), Decimal(0)))


# ---------------------------------------------------------------------------- listing and results


def self_platform_shop(session: Reader, tenant_id: int, shop_no: str,
                       permitted: frozenset[str] | None) -> Shop:
    """An enabled, permitted shop (E20) on the own-mall platform 127 (E22)."""
    shop = active_shop(session, tenant_id, shop_no, permitted)
    if shop.platform_id != OWN_PLATFORM:
        raise ApiError("E22", f"shop {shop_no!r} is on platform {shop.platform_id}, not {OWN_PLATFORM}")
    return shop


def pending_query(session: Reader, tenant_id: int, filters: dict[str, Any],
                  permitted: frozenset[str] | None) -> Select[Any]:
    """Rows still to report to the mall, oldest first (getSyncListExt)."""
    stmt = (select(LogisticsSync).join(Shop, Shop.shop_id == LogisticsSync.shop_id)
            .where(LogisticsSync.tenant_id == tenant_id,
                   LogisticsSync.sync_status.in_(PENDING_STATUSES))
            .order_by(LogisticsSync.sync_id))
    if filters.get("shop_no"):
        shop = self_platform_shop(session, tenant_id, filters["shop_no"], permitted)
        stmt = stmt.where(LogisticsSync.shop_id == shop.shop_id)
    elif permitted is not None:
        stmt = stmt.where(Shop.shop_no.in_(sorted(permitted)))
    if filters.get("is_own_platform"):
        stmt = stmt.where(LogisticsSync.platform_id == OWN_PLATFORM)
    if filters.get("is_part_sync") is not None:
        stmt = stmt.where(LogisticsSync.is_part_sync.is_(bool(filters["is_part_sync"])))
    return equal_if_given(stmt, [(LogisticsSync.tid, filters.get("tid")),
                                 (LogisticsSync.logistics_no, filters.get("logistics_no"))])


def record_results(session: Session, tenant_id: int, results: list[dict[str, Any]],
                   permitted: frozenset[str] | None) -> list[str]:
    """Store the mall's result per row (update); returns the messages of rows that were refused.

    A sync_id that does not exist (or belongs to a shop the app may not use) answers E21. A row that
    becomes successful writes trade log 135 物流同步 on its trade.
    """
    ids = sorted({int(r["sync_id"]) for r in results})
    rows = {row.sync_id: row for row in session.scalars(
        select(LogisticsSync).where(LogisticsSync.tenant_id == tenant_id, LogisticsSync.sync_id.in_(ids)))}
    shop_nos = dict(session.execute(select(Shop.shop_id, Shop.shop_no).where(
        Shop.shop_id.in_({r.shop_id for r in rows.values()}))).all())
    errors: list[str] = []
    now = now_china()
    for result in results:
        row = rows.get(int(result["sync_id"]))
        if row is None or (permitted is not None and shop_nos.get(row.shop_id) not in permitted):
            raise ApiError("E21", f"no logistics sync row {result['sync_id']}")
        status = int(result["status"])
        if status not in REPORTABLE_STATUSES:
            errors.append(f"物流同步id:{row.sync_id} 同步结果状态不正确:{status}")
            continue
        if row.sync_status == SYNC_SUCCESS:
            if status != SYNC_SUCCESS:
                errors.append(f"物流同步id:{row.sync_id} 已同步成功,不能修改同步结果")
            continue
        row.sync_status = status
        row.error_msg = "" if status == SYNC_SUCCESS else str(result.get("error_msg") or "")[:255]
        row.try_times += 1
        row.sync_time = now
        row.modified = now
        if status == SYNC_SUCCESS:
            _log_synced(session, row)
    session.flush()
    return errors


def _log_synced(session: Session, row: LogisticsSync) -> None:
    trade = session.get(Trade, row.trade_id) if row.trade_id else None
    if trade is not None and trade.tenant_id == row.tenant_id:
        part = f" (oid {row.oids})" if row.oids else ""
        add_log(session, trade, LogType.LOGISTICS_SYNC,
                f"物流同步成功: {row.tid}{part} {row.logistics_name} {row.logistics_no}".strip())


def requeue(session: Session, tenant_id: int, sync_id: int) -> LogisticsSync:
    """Put a failed (or successful) row back on the pending list (the client's 重新同步)."""
    row = session.scalar(select(LogisticsSync).where(LogisticsSync.tenant_id == tenant_id,
                                                     LogisticsSync.sync_id == sync_id))
    if row is None:
        raise ApiError("E21", f"no logistics sync row {sync_id}")
    row.sync_status = SYNC_PENDING
    row.modified = now_china()
    session.flush()
    return row
