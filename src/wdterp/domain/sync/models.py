"""Logistics-sync rows (物流同步) and stock-sync records (库存同步) for own-platform shops."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.storage.base import Base, Timestamps

#: sync_status of a LogisticsSync row (states.md §18). 0/−100/2 are the vendor's update codes;
#: 1 is ours: queued at consign, never reported on yet. Pending = {1, −100}.
SYNC_PENDING = 1
SYNC_SUCCESS = 0
SYNC_AGAIN = -100
SYNC_FAILED = 2
PENDING_STATUSES = (SYNC_PENDING, SYNC_AGAIN)
#: what the mall may report with sales.LogisticsSync.update
REPORTABLE_STATUSES = (SYNC_SUCCESS, SYNC_AGAIN, SYNC_FAILED)
#: platform_id of the tenant's own mall (其他（自有商城）)
OWN_PLATFORM = 127


class LogisticsSync(Timestamps, Base):
    """One tracking number to report back to the mall for a trade (or some of its `oid`s)."""

    __tablename__ = "logistics_sync"
    __table_args__ = (
        Index("ix_logistics_sync_pending", "tenant_id", "sync_status", "sync_id"),
        Index("ix_logistics_sync_tid", "tenant_id", "tid"),
    )
    sync_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    platform_id: Mapped[int] = integer(127)
    trade_id: Mapped[int] = integer(0)
    trade_no: Mapped[str] = text(40)
    tid: Mapped[str] = text(40)
    #: comma-separated platform line ids; filled only for split consigns (is_part_sync)
    oids: Mapped[str] = text(208)
    logistics_id: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text(40)
    #: snapshot of the logistics company at queue time: its code (Logistics.logistics_no), name, type
    logistics_code: Mapped[str] = text(60)
    logistics_name: Mapped[str] = text(64)
    logistics_type: Mapped[int] = integer(0)
    is_part_sync: Mapped[bool] = flag(False)
    goods_count: Mapped[Decimal] = money()
    sync_status: Mapped[int] = integer(SYNC_PENDING)
    error_msg: Mapped[str] = text(255)
    #: how many results the mall has reported for this row
    try_times: Mapped[int] = integer(0)
    sync_time: Mapped[datetime | None] = when()


#: the rule every listing uses when no tenant rule covers its shop (the vendor's -10000 默认策略)
DEFAULT_RULE_ID = -10000


class StockSyncRule(Timestamps, Base):
    """库存同步策略: which warehouses count for a shop's listings and how the figure is shaped.

    syn_stock = floor(available × percent / 100 + plus), capped at `stock_syn_max` when it is > 0,
    and 0 when below `stock_syn_min` (so the mall never shows a sliver of stock it cannot ship).
    """

    __tablename__ = "stock_sync_rule"
    __table_args__ = (UniqueConstraint("tenant_id", "rule_no"),)
    rule_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    rule_no: Mapped[str] = text(40)
    rule_name: Mapped[str] = text(64)
    #: comma-separated shop ids the rule covers; "" = every shop
    shop_ids: Mapped[str] = text(1024)
    #: comma-separated warehouse ids whose available stock counts; "" = every enabled warehouse
    warehouse_ids: Mapped[str] = text(1024)
    stock_syn_mask: Mapped[int] = integer(0)
    stock_syn_percent: Mapped[int] = integer(100)
    stock_syn_plus: Mapped[Decimal] = money()
    stock_syn_min: Mapped[Decimal] = money()
    stock_syn_max: Mapped[Decimal] = money()
    is_auto_listing: Mapped[bool] = flag(True)
    is_auto_delisting: Mapped[bool] = flag(True)
    priority: Mapped[int] = integer(0)
    is_disabled: Mapped[bool] = flag(False)


class ListingStockState(Base):
    """What the stock sync last saw of one listing (api_goods): the figure it computed, so that a
    changed figure raises the listing's `stock_change_count`, and the rule snapshot last synced."""

    __tablename__ = "listing_stock_state"
    api_goods_id: Mapped[int] = mapped_column(ForeignKey("api_goods.rec_id", ondelete="CASCADE"),
                                              primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    observed_stock: Mapped[Decimal] = money()
    observed_time: Mapped[datetime | None] = when()
    #: snapshot of the rule the mall reported with syncSuccess / syncFail (JSON text)
    synced_rule: Mapped[str] = text(2048)
    fail_times: Mapped[int] = integer(0)
    is_manual: Mapped[bool] = flag(False)
