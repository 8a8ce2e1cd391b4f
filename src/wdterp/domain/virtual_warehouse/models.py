"""Virtual warehouses, what they hold, their ledger, their orders (VO…) and their strategies."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps


class VirtualWarehouse(Timestamps, Base):
    """虚拟仓: a named share of real warehouses' stock for some shops (`wdterp load` / `vw.create`)."""

    __tablename__ = "virtual_warehouse"
    __table_args__ = (UniqueConstraint("tenant_id", "virtual_warehouse_no"),
                      Index("ix_virtual_warehouse_tenant_modified", "tenant_id", "modified"))
    virtual_warehouse_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    virtual_warehouse_no: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = text(64)
    #: 0 普通店铺 · 1 分销模式
    warehouse_type: Mapped[int] = integer(0)
    is_disabled: Mapped[bool] = flag()
    remark: Mapped[str] = text(255)


class VirtualWarehouseMember(Base):
    """A real warehouse (实体仓) the virtual warehouse takes its share from."""

    __tablename__ = "virtual_warehouse_member"
    __table_args__ = (UniqueConstraint("virtual_warehouse_id", "warehouse_id"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    virtual_warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("virtual_warehouse.virtual_warehouse_id", ondelete="CASCADE"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    is_start_up: Mapped[int] = integer(1)


class VirtualWarehouseShop(Base):
    """A shop whose orders draw on the virtual warehouse first."""

    __tablename__ = "virtual_warehouse_shop"
    __table_args__ = (UniqueConstraint("virtual_warehouse_id", "shop_id"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    virtual_warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("virtual_warehouse.virtual_warehouse_id", ondelete="CASCADE"), index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"))


class VirtualStock(Timestamps, Base):
    """What a virtual warehouse holds of one spec in one real warehouse. `now_lock_num` is held as a
    reservation (lock_num) of the real stock row, so the real warehouse's available stock excludes it."""

    __tablename__ = "virtual_stock"
    __table_args__ = (UniqueConstraint("virtual_warehouse_id", "warehouse_id", "spec_id"),
                      Index("ix_virtual_stock_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    virtual_warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("virtual_warehouse.virtual_warehouse_id", ondelete="CASCADE"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    now_lock_num: Mapped[Decimal] = money()
    #: everything ever locked into it
    sum_lock_num: Mapped[Decimal] = money()
    #: taken by its shops' orders
    assigned_num: Mapped[Decimal] = money()
    #: released out of it (release orders and release strategies)
    out_num: Mapped[Decimal] = money()
    purchase_num: Mapped[Decimal] = money()
    factory_num: Mapped[Decimal] = money()
    #: 虚拟仓警戒库存 / 最小警戒库存 (no document sets them: 0)
    lock_num: Mapped[Decimal] = money()
    alarm_num: Mapped[Decimal] = money()


class VirtualLedger(Base):
    """One change of what a virtual warehouse holds (immutable), with the document that made it."""

    __tablename__ = "virtual_ledger"
    __table_args__ = (Index("ix_virtual_ledger_stock", "virtual_warehouse_id", "warehouse_id", "spec_id"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    virtual_warehouse_id: Mapped[int] = mapped_column(
        ForeignKey("virtual_warehouse.virtual_warehouse_id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(Integer)
    spec_id: Mapped[int] = mapped_column(Integer)
    num: Mapped[Decimal] = money()
    held_after: Mapped[Decimal] = money()
    src_order_type: Mapped[int] = integer(0)
    src_order_no: Mapped[str] = text(40)
    remark: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)


class VirtualOrder(Timestamps, Base):
    """虚拟仓单据 (VO…): 1 锁定分配 · 2 释放出库 · 3 虚拟仓间调拨 · 4 采购入库 (states.md §20)."""

    __tablename__ = "virtual_order"
    __table_args__ = (UniqueConstraint("tenant_id", "order_no"),
                      Index("ix_virtual_order_tenant_modified", "tenant_id", "modified"))
    order_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    order_no: Mapped[str] = mapped_column(String(40))
    order_type: Mapped[int] = integer(1)
    virtual_warehouse_id: Mapped[int] = mapped_column(ForeignKey("virtual_warehouse.virtual_warehouse_id"))
    to_virtual_id: Mapped[int] = integer(0)
    #: 1 锁定 · 2 释放
    status: Mapped[int] = integer(1)
    order_status: Mapped[int] = integer(20)
    pre_check_time: Mapped[datetime | None] = when()
    check_time: Mapped[datetime | None] = when()
    remark: Mapped[str] = text(255)
    num: Mapped[Decimal] = money()
    type_num: Mapped[Decimal] = money()
    total_amount: Mapped[Decimal] = money()
    lines: Mapped[list[VirtualOrderLine]] = relationship(cascade="all, delete-orphan",
                                                         order_by="VirtualOrderLine.rec_id")


class VirtualOrderLine(Timestamps, Base):
    __tablename__ = "virtual_order_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("virtual_order.order_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    num: Mapped[Decimal] = money()
    expected_num: Mapped[Decimal] = money()
    final_num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    purchase_num: Mapped[Decimal] = money()
    factory_num: Mapped[Decimal] = money()


class AllocationStrategy(Timestamps, Base):
    """分配策略 (strategyAllocationCreate): stock coming in on source documents is locked into virtual
    warehouses. `src_order_type`: 0 采购单 · 1 其他入库业务单 · 2 调拨单 · 3 生产成品单 (own codes)."""

    __tablename__ = "vw_allocation_strategy"
    __table_args__ = (UniqueConstraint("tenant_id", "rule_no"),)
    rule_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    rule_no: Mapped[str] = mapped_column(String(40))
    rule_name: Mapped[str] = text(64)
    #: 0 指定单据 (order_no_list) · 1 所有单据
    range: Mapped[int] = integer(0)
    #: 0 货品 · 1 全局 · 2 品牌
    mode: Mapped[int] = integer(0)
    src_order_type: Mapped[int | None] = mapped_column(Integer, nullable=True)
    order_nos: Mapped[list[Any]] = mapped_column(JSON, default=list)
    lines: Mapped[list[AllocationStrategyLine]] = relationship(cascade="all, delete-orphan",
                                                               order_by="AllocationStrategyLine.rec_id")


class AllocationStrategyLine(Base):
    __tablename__ = "vw_allocation_strategy_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("vw_allocation_strategy.rule_id", ondelete="CASCADE"),
                                         index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    virtual_warehouse_id: Mapped[int] = mapped_column(ForeignKey("virtual_warehouse.virtual_warehouse_id"))
    priority: Mapped[int] = integer(0)
    num: Mapped[Decimal | None] = mapped_column(Numeric(19, 4), nullable=True)
    ratio: Mapped[Decimal | None] = mapped_column(Numeric(19, 4), nullable=True)
    brand_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: locked so far by this line
    done_num: Mapped[Decimal] = money()


class ReleaseStrategy(Timestamps, Base):
    """释放策略 (reserveExtractAdd): an outgoing document (order_type 2 调拨 · 4 盘点 · 14 采购退货 ·
    21 其他出库业务单, src codes) takes stock out of virtual warehouses, by priority."""

    __tablename__ = "vw_release_strategy"
    __table_args__ = (Index("ix_vw_release_strategy_order", "tenant_id", "order_type", "order_no"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    order_no: Mapped[str] = mapped_column(String(40))
    order_type: Mapped[int] = integer(0)
    lines: Mapped[list[ReleaseStrategyLine]] = relationship(cascade="all, delete-orphan",
                                                            order_by="ReleaseStrategyLine.priority")


class ReleaseStrategyLine(Base):
    __tablename__ = "vw_release_strategy_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    strategy_id: Mapped[int] = mapped_column(ForeignKey("vw_release_strategy.rec_id", ondelete="CASCADE"),
                                             index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    virtual_warehouse_id: Mapped[int] = mapped_column(ForeignKey("virtual_warehouse.virtual_warehouse_id"))
    to_virtual_warehouse_id: Mapped[int] = integer(0)
    priority: Mapped[int] = integer(0)
    num: Mapped[Decimal | None] = mapped_column(Numeric(19, 4), nullable=True)
    done_num: Mapped[Decimal] = money()
