"""Raw refunds (原始退款单, from the mall) and refunds (退换单, TK…) with their lines; field names follow
aftersales.refund.RawRefund.search and aftersales.refund.Refund.search."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps


class RawRefund(Timestamps, Base):
    """原始退款单: one platform refund (its lines by oid), as the mall pushes it."""

    __tablename__ = "raw_refund"
    __table_args__ = (UniqueConstraint("tenant_id", "shop_id", "refund_no"),
                      Index("ix_raw_refund_tenant_modified", "tenant_id", "modified"),
                      Index("ix_raw_refund_tid", "tenant_id", "tid"))
    refund_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    platform_id: Mapped[int] = integer(127)
    refund_no: Mapped[str] = mapped_column(String(40))
    tid: Mapped[str] = text(40)
    oid: Mapped[str] = text(40)
    type: Mapped[int] = integer(1)
    status: Mapped[int] = integer(2)
    #: 0 待递交 · 15 已递交 · 20 递交失败 · 40 已处理
    process_status: Mapped[int] = integer(0)
    refund_version: Mapped[str] = text(40)
    num: Mapped[Decimal] = money()
    refund_amount: Mapped[Decimal] = money()
    actual_refund_amount: Mapped[Decimal] = money()
    title: Mapped[str] = text(255)
    logistics_name: Mapped[str] = text(40)
    logistics_no: Mapped[str] = text(40)
    buyer_nick: Mapped[str] = text(100)
    refund_time: Mapped[datetime | None] = when()
    current_phase_timeout: Mapped[datetime | None] = when()
    is_aftersale: Mapped[int] = integer(0)
    reason: Mapped[str] = text(255)
    pay_account: Mapped[str] = text(128)
    pay_no: Mapped[str] = text(60)
    remark: Mapped[str] = text(255)
    modify_flag: Mapped[int] = integer(1)
    bad_reason: Mapped[str] = text(255)
    #: the refund its submit made (0 before)
    sys_refund_id: Mapped[int] = integer(0)
    archived: Mapped[bool] = flag()
    lines: Mapped[list[RawRefundLine]] = relationship(
        back_populates="refund", cascade="all, delete-orphan", order_by="RawRefundLine.rec_id")


class RawRefundLine(Base):
    __tablename__ = "raw_refund_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("raw_refund.refund_id", ondelete="CASCADE"), index=True)
    tid: Mapped[str] = text(40)
    oid: Mapped[str] = text(40)
    status: Mapped[int] = integer(2)
    num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    total_amount: Mapped[Decimal] = money()
    refund_amount: Mapped[Decimal] = money()
    goods_name: Mapped[str] = text(255)
    goods_no: Mapped[str] = text(40)
    goods_id: Mapped[str] = text(40)
    spec_name: Mapped[str] = text(255)
    spec_no: Mapped[str] = text(40)
    spec_id: Mapped[str] = text(40)
    remark: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)
    modified: Mapped[datetime] = mapped_column(DateTime, default=now_china, onupdate=now_china)
    refund: Mapped[RawRefund] = relationship(back_populates="lines")


class Refund(Timestamps, Base):
    """退换单 (TK…): what the ERP does about a refund — cancel unshipped lines, take goods back."""

    __tablename__ = "refund"
    __table_args__ = (UniqueConstraint("tenant_id", "refund_no"),
                      Index("ix_refund_tenant_modified", "tenant_id", "modified"))
    refund_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    refund_no: Mapped[str] = mapped_column(String(40))
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    platform_id: Mapped[int] = integer(127)
    raw_refund_id: Mapped[int] = integer(0)
    raw_refund_no: Mapped[str] = text(40)
    type: Mapped[int] = integer(2)
    status: Mapped[int] = integer(20)
    stockin_status: Mapped[int] = integer(0)
    process_status: Mapped[int] = integer(0)
    rr_status: Mapped[int] = integer(0)
    from_type: Mapped[int] = integer(0)
    trade_id: Mapped[int] = integer(0)
    trade_no: Mapped[str] = text(40)
    tid: Mapped[str] = text(40)
    buyer_nick: Mapped[str] = text(100)
    receiver_name: Mapped[str] = text(100)
    receiver_telno: Mapped[str] = text(40)
    receiver_address: Mapped[str] = text(256)
    return_warehouse_id: Mapped[int] = integer(0)
    return_logistics_no: Mapped[str] = text(40)
    return_logistics_name: Mapped[str] = text(40)
    refund_amount: Mapped[Decimal] = money()
    actual_refund_amount: Mapped[Decimal] = money()
    goods_amount: Mapped[Decimal] = money()
    refund_num: Mapped[Decimal] = money()
    stockin_num: Mapped[Decimal] = money()
    reason: Mapped[str] = text(255)
    remark: Mapped[str] = text(255)
    flag_name: Mapped[str] = text(32)
    creator_name: Mapped[str] = text(64)
    checker_name: Mapped[str] = text(64)
    check_time: Mapped[datetime | None] = when()
    settle_time: Mapped[datetime | None] = when()
    current_phase_timeout: Mapped[datetime | None] = when()
    #: 换货: the trade of the goods sent back to the buyer
    swap_trade_no: Mapped[str] = text(40)
    archived: Mapped[bool] = flag()
    lines: Mapped[list[RefundLine]] = relationship(
        back_populates="refund", cascade="all, delete-orphan", order_by="RefundLine.rec_id")


class RefundLine(Base):
    __tablename__ = "refund_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refund.refund_id", ondelete="CASCADE"), index=True)
    trade_order_id: Mapped[int] = integer(0)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    tid: Mapped[str] = text(40)
    oid: Mapped[str] = text(40)
    #: sent (实际发出数量) and to refund
    num: Mapped[Decimal] = money()
    refund_num: Mapped[Decimal] = money()
    stockin_num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    original_price: Mapped[Decimal] = money()
    total_amount: Mapped[Decimal] = money()
    refund_amount: Mapped[Decimal] = money()
    api_goods_name: Mapped[str] = text(255)
    api_spec_name: Mapped[str] = text(255)
    api_goods_id: Mapped[str] = text(40)
    api_spec_id: Mapped[str] = text(40)
    remark: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)
    modified: Mapped[datetime] = mapped_column(DateTime, default=now_china, onupdate=now_china)
    refund: Mapped[Refund] = relationship(back_populates="lines")
