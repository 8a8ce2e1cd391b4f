"""JIT returns (JIT退货单); JIT stockouts and return stockins are stock documents (types 9 and 13)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import integer, money, tenant_fk, text
from wdterp.storage.base import Base, Timestamps


class JitRefund(Timestamps, Base):
    """status 5 已取消 · 10 待递交 · 20 递交失败 · 25 待审核 · 30 已审核 · 33 待推送 · 35 已推送 ·
    40 部分入库 · 50 已完成."""

    __tablename__ = "jit_refund"
    __table_args__ = (UniqueConstraint("tenant_id", "refund_no"),
                      UniqueConstraint("tenant_id", "shop_id", "jit_refund_no"),
                      Index("ix_jit_refund_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    refund_no: Mapped[str] = text(50)
    status: Mapped[int] = integer(30)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    jit_refund_no: Mapped[str] = text(50)
    jit_warehouse: Mapped[str] = text(50)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    refund_type: Mapped[str] = text(30)
    pay_type: Mapped[str] = text(20)
    receiver: Mapped[str] = text(30)
    country: Mapped[str] = text(30)
    state: Mapped[str] = text(30)
    city: Mapped[str] = text(30)
    region: Mapped[str] = text(30)
    town: Mapped[str] = text(50)
    address: Mapped[str] = text(255)
    telephone: Mapped[str] = text(30)
    mobile: Mapped[str] = text(30)
    self_reference: Mapped[str] = text(30)
    goods_count: Mapped[Decimal] = money()
    goods_type: Mapped[int] = integer(0)
    lines: Mapped[list[JitRefundLine]] = relationship(cascade="all, delete-orphan", order_by="JitRefundLine.rec_id")


class JitRefundLine(Timestamps, Base):
    __tablename__ = "jit_refund_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("jit_refund.rec_id", ondelete="CASCADE"), index=True)
    po_no: Mapped[str] = text(50)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"), index=True)
    #: the platform's goods code of the line (the page's `spec_no`); the system code is `merchant_no`
    platform_spec_no: Mapped[str] = text(40)
    barcode: Mapped[str] = text(50)
    suite_id: Mapped[int] = integer(0)
    suite_no: Mapped[str] = text(40)
    suite_num: Mapped[Decimal] = money()
    num: Mapped[Decimal] = money()
    stockin_num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    tax_price: Mapped[Decimal] = money()
    plat_goods_name: Mapped[str] = text(255)
    box_no: Mapped[str] = text(50)
    return_reason: Mapped[str] = text(50)
    remark: Mapped[str] = text(255)
