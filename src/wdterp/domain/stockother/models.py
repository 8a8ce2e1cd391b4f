"""Other-in / other-out business orders and their lines; field names follow In/OutQuery.queryWithDetail."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import CustomProps, flag, integer, money, tenant_fk, text, when
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps


class OtherOrder(CustomProps, Timestamps, Base):
    """其它入库业务单 (direction "in", QR…) or 其它出库业务单 ("out", QC…)."""

    __tablename__ = "other_order"
    __table_args__ = (UniqueConstraint("tenant_id", "order_no"),
                      Index("ix_other_order_kind_created", "tenant_id", "direction", "created"),
                      Index("ix_other_order_kind_modified", "tenant_id", "direction", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    direction: Mapped[str] = mapped_column(String(3))
    order_no: Mapped[str] = mapped_column(String(40))
    status: Mapped[int] = integer(10)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"), index=True)
    logistics_id: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text(40)
    reason: Mapped[str] = text(255)
    flag_name: Mapped[str] = text(32)
    remark: Mapped[str] = text(255)
    outer_no: Mapped[str] = text(40)
    receiver_name: Mapped[str] = text(40)
    receiver_mobile: Mapped[str] = text(40)
    receiver_province: Mapped[str] = text(40)
    receiver_city: Mapped[str] = text(40)
    receiver_district: Mapped[str] = text(40)
    receiver_address: Mapped[str] = text(256)
    #: Out.push: 0 check available stock at create, 1 at check
    create_check_stock: Mapped[int] = integer(1)
    is_reserved: Mapped[bool] = flag()
    employee_name: Mapped[str] = text(64)
    note_count: Mapped[int] = integer(0)
    check_time: Mapped[datetime | None] = when()
    lines: Mapped[list[OtherOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OtherOrderLine.rec_id")


class OtherOrderLine(Base):
    __tablename__ = "other_order_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("other_order.rec_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    #: quantity in the auxiliary unit (no unit conversions are kept: 0)
    num2: Mapped[Decimal] = money()
    #: in_num / out_num: executed by checked stockins/stockouts
    done_num: Mapped[Decimal] = money()
    #: still held for this line (checked other-out orders)
    reserved_num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    defect: Mapped[bool] = flag()
    position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    production_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    remark: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)
    modified: Mapped[datetime] = mapped_column(DateTime, default=now_china, onupdate=now_china)
    order: Mapped[OtherOrder] = relationship(back_populates="lines")


class OtherInSettlement(Timestamps, Base):
    """其它入库结算单 (JS…, finance.settle.OtherIn.upload): prices and shared post fee of an other-in
    business order's received goods; 20 待审核 · 30 已审核."""

    __tablename__ = "other_in_settlement"
    __table_args__ = (UniqueConstraint("tenant_id", "settle_no"),)
    settle_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    settle_no: Mapped[str] = mapped_column(String(40))
    other_in_id: Mapped[int] = mapped_column(ForeignKey("other_order.rec_id"), index=True)
    status: Mapped[int] = integer(20)
    logistics_no: Mapped[str] = text(100)
    logistics_id: Mapped[int] = integer(0)
    post_fee: Mapped[Decimal] = money()
    provider_id: Mapped[int] = integer(0)
    remark: Mapped[str] = text(255)
    goods_amount: Mapped[Decimal] = money()
    check_time: Mapped[datetime | None] = when()
    lines: Mapped[list[OtherInSettlementLine]] = relationship(cascade="all, delete-orphan",
                                                              order_by="OtherInSettlementLine.rec_id")


class OtherInSettlementLine(Base):
    __tablename__ = "other_in_settlement_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    settle_id: Mapped[int] = mapped_column(ForeignKey("other_in_settlement.settle_id", ondelete="CASCADE"),
                                           index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("other_order_line.rec_id"))
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    defect: Mapped[bool] = flag()
    num: Mapped[Decimal] = money()
    stockin_price: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    share_post_fee: Mapped[Decimal] = money()
    remark: Mapped[str] = text(255)
