"""Stock tables. Only `inventory.service` writes them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps

#: position every warehouse has: stock moved without a position lands here
DEFAULT_POSITION_NO = "ZANCUNQU"


class Position(Timestamps, Base):
    """货位: a bin in a warehouse."""

    __tablename__ = "position"
    __table_args__ = (UniqueConstraint("warehouse_id", "position_no"),)
    position_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id", ondelete="CASCADE"))
    position_no: Mapped[str] = text(20)
    zone_no: Mapped[str] = text(20)
    is_disabled: Mapped[bool] = flag()


class Batch(Timestamps, Base):
    """批次: a lot; stock lines naming an unknown or disabled batch are refused (E53)."""

    __tablename__ = "batch"
    __table_args__ = (UniqueConstraint("tenant_id", "batch_no"),)
    batch_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    batch_no: Mapped[str] = text(40)
    remark: Mapped[str] = text(255)
    is_disabled: Mapped[bool] = flag()


class Stock(Timestamps, Base):
    """库存: one row per (warehouse, spec, defect). available = stock_num − lock_num."""

    __tablename__ = "stock"
    __table_args__ = (UniqueConstraint("warehouse_id", "spec_id", "defect"),
                      Index("ix_stock_tenant_modified", "tenant_id", "modified"),
                      Index("ix_stock_tenant_spec", "tenant_id", "spec_id"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id", ondelete="CASCADE"))
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id", ondelete="CASCADE"))
    defect: Mapped[bool] = mapped_column(Boolean, default=False)
    stock_num: Mapped[Decimal] = money()
    #: reserved by checked documents not yet shipped (sales stockouts, other-outs, transfers...)
    lock_num: Mapped[Decimal] = money()
    #: demand of trades not yet checked (待审核量), informational
    order_num: Mapped[Decimal] = money()
    #: reserved by sales stockouts awaiting shipment (待发货量), part of lock_num
    sending_num: Mapped[Decimal] = money()
    #: on the way in on purchase orders / transfers (在途), informational
    purchase_num: Mapped[Decimal] = money()
    transfer_num: Mapped[Decimal] = money()
    cost_price: Mapped[Decimal] = money()
    safe_stock: Mapped[Decimal] = money()
    remark: Mapped[str] = text(255)
    last_pd_time: Mapped[datetime | None] = when()
    last_inout_time: Mapped[datetime | None] = when()
    #: 0 未启用 · 1 启用 · 2 停用
    status: Mapped[int] = integer(1)
    # Informational buckets of wms.StockSpec.search (see `service.COUNTER_FIELDS`): the contexts
    # that own the underlying documents feed them through `service.adjust_counters`.
    unpay_num: Mapped[Decimal] = money()
    subscribe_num: Mapped[Decimal] = money()
    part_paid_num: Mapped[Decimal] = money()
    trade_reserve_num: Mapped[Decimal] = money()
    to_purchase_num: Mapped[Decimal] = money()
    purchase_arrive_num: Mapped[Decimal] = money()
    refund_num: Mapped[Decimal] = money()
    refund_exch_num: Mapped[Decimal] = money()
    refund_onway_num: Mapped[Decimal] = money()
    return_num: Mapped[Decimal] = money()
    return_exch_num: Mapped[Decimal] = money()
    return_onway_num: Mapped[Decimal] = money()
    wait_transfer_num: Mapped[Decimal] = money()
    process_onway_num: Mapped[Decimal] = money()
    inspect_num: Mapped[Decimal] = money()
    sys_user_define_stock1: Mapped[Decimal] = money()
    sys_user_define_stock2: Mapped[Decimal] = money()
    #: what an external WMS last reported (0 and no time until a WMS sync happens)
    wms_sync_stock: Mapped[Decimal] = money()
    wms_preempty_stock: Mapped[Decimal] = money()
    wms_sync_time: Mapped[datetime | None] = when()
    #: 警戒库存 settings (set with the `stock.set_alarm` operation)
    safe_stock_upper: Mapped[Decimal] = money()
    alarm_type: Mapped[int] = integer(0)
    alarm_days: Mapped[Decimal] = money()
    alarm_days_upper: Mapped[Decimal] = money()
    cycle_days: Mapped[Decimal] = money()


class StockDetail(Base):
    """库存明细: stock of one row split by position, batch and expiry."""

    __tablename__ = "stock_detail"
    __table_args__ = (UniqueConstraint("stock_id", "position_id", "batch_no", "expire_date"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.rec_id", ondelete="CASCADE"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("position.position_id"))
    batch_no: Mapped[str] = mapped_column(String(40), default="")
    expire_date: Mapped[date] = mapped_column(Date, default=date(1000, 1, 1))
    production_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    stock_num: Mapped[Decimal] = money()
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)
    modified: Mapped[datetime] = mapped_column(DateTime, default=now_china, onupdate=now_china)


class StockLedger(Base):
    """库存变化: one immutable row per stock movement; the source of change-history queries."""

    __tablename__ = "stock_ledger"
    __table_args__ = (Index("ix_stock_ledger_tenant_created", "tenant_id", "created"),
                      Index("ix_stock_ledger_spec_created", "tenant_id", "spec_id", "created"),
                      Index("ix_stock_ledger_stock", "warehouse_id", "spec_id", "defect"),
                      Index("ix_stock_ledger_doc", "tenant_id", "src_order_no"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    spec_id: Mapped[int] = mapped_column(Integer)
    defect: Mapped[bool] = mapped_column(Boolean, default=False)
    position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batch_no: Mapped[str] = mapped_column(String(40), default="")
    #: the stock-document type code (states.md: 1 sales out, 2 transfer, 4 count, 10 purchase in ...)
    src_order_type: Mapped[int] = integer(0)
    src_order_no: Mapped[str] = text(40)
    #: the stockin/stockout document that moved the stock
    stockio_no: Mapped[str] = text(40)
    num: Mapped[Decimal] = money()
    stock_before: Mapped[Decimal] = money()
    stock_after: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    cost_price: Mapped[Decimal] = money()
    operator_name: Mapped[str] = text(64)
    remark: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)


class StockCost(Timestamps, Base):
    """存货成本: weighted average cost per spec, tenant-wide (warehouse_id 0) and per warehouse.

    Which scope the finance queries read depends on the tenant setting `multi_warehouse_cost`
    (多仓成本, off by default). `planned_cost` (计划成本) is set by the `stock.set_planned_cost` operation.
    """

    __tablename__ = "stock_cost"
    __table_args__ = (UniqueConstraint("tenant_id", "warehouse_id", "spec_id", "defect"),
                      Index("ix_stock_cost_tenant_modified", "tenant_id", "modified"),
                      Index("ix_stock_cost_tenant_spec", "tenant_id", "spec_id"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(Integer)
    #: 0 = all warehouses of the tenant
    warehouse_id: Mapped[int] = integer(0)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id", ondelete="CASCADE"))
    defect: Mapped[bool] = flag()
    avg_cost: Mapped[Decimal] = money()
    planned_cost: Mapped[Decimal] = money()
    remark: Mapped[str] = text(255)
