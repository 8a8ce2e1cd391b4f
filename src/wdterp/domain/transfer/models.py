"""Transfer orders (调拨单), their lines and their settlements (调拨结算单); field names follow
wms.stocktransfer.Manage.queryWithDetail and finance.settle.Transfer.search."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps


class TransferOrder(Timestamps, Base):
    """调拨单: stock moving from one warehouse to another (statuses: `transfer/statuses.py`)."""

    __tablename__ = "transfer_order"
    __table_args__ = (UniqueConstraint("tenant_id", "transfer_no"),
                      Index("ix_transfer_order_tenant_modified", "tenant_id", "modified"),
                      Index("ix_transfer_order_outer_no", "tenant_id", "outer_no"))
    transfer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    transfer_no: Mapped[str] = mapped_column(String(40))
    outer_no: Mapped[str] = text(40)
    mode: Mapped[int] = integer(0)
    status: Mapped[int] = integer(20)
    stock_out_in_status: Mapped[int] = integer(10)
    from_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"), index=True)
    to_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"), index=True)
    contact: Mapped[str] = text(40)
    telno: Mapped[str] = text(40)
    province: Mapped[str] = text(40)
    city: Mapped[str] = text(40)
    district: Mapped[str] = text(40)
    address: Mapped[str] = text(255)
    remark: Mapped[str] = text(255)
    flag_name: Mapped[str] = text(32)
    logistics_id: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text(40)
    creator_name: Mapped[str] = text(64)
    check_time: Mapped[datetime | None] = when()
    goods_count: Mapped[Decimal] = money()
    goods_type_count: Mapped[int] = integer(0)
    goods_out_count: Mapped[Decimal] = money()
    goods_in_count: Mapped[Decimal] = money()
    #: an outer transfer (wms.outer.OuterTransfer.createByApi): created in its own mode table
    is_outer: Mapped[bool] = flag()
    #: stop waiting (停止等待) was done: what was not received is no longer expected
    is_stopped: Mapped[bool] = flag()
    lines: Mapped[list[TransferOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="TransferOrderLine.rec_id")


class TransferOrderLine(Base):
    __tablename__ = "transfer_order_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer_order.transfer_id", ondelete="CASCADE"),
                                             index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    out_num: Mapped[Decimal] = money()
    in_num: Mapped[Decimal] = money()
    #: weighted cost of what went out (the settlement's 入库结算单价)
    cost_price: Mapped[Decimal] = money()
    defect: Mapped[bool] = flag()
    from_position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    to_position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    remark: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)
    modified: Mapped[datetime] = mapped_column(DateTime, default=now_china, onupdate=now_china)
    order: Mapped[TransferOrder] = relationship(back_populates="lines")


class TransferSettle(Timestamps, Base):
    """调拨结算单: made when a transfer is done (its lines are the transfer's, at their out cost)."""

    __tablename__ = "transfer_settle"
    __table_args__ = (UniqueConstraint("tenant_id", "settle_no"),
                      Index("ix_transfer_settle_tenant_created", "tenant_id", "created"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    settle_no: Mapped[str] = mapped_column(String(40))
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer_order.transfer_id", ondelete="CASCADE"),
                                             index=True)
    #: 10 编辑中 · 20 待审核 · 30 已审核 · 40 已取消
    status: Mapped[int] = integer(30)
    total_cost: Mapped[Decimal] = money()
    post_cost: Mapped[Decimal] = money()
    other_fee: Mapped[Decimal] = money()
    checker_name: Mapped[str] = text(64)
    settler_name: Mapped[str] = text(64)
    remark: Mapped[str] = text(255)
