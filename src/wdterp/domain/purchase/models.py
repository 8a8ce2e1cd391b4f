"""Purchase tables: applies, provider goods, orders, returns, settlements, stock-in appointments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.storage.base import Base, Timestamps

ONE = Decimal(1)


def _one() -> Mapped[Decimal]:
    return mapped_column(Numeric(19, 4), default=ONE)


class PurchaseApply(Timestamps, Base):
    """采购申请单 (POA…)."""

    __tablename__ = "purchase_apply"
    __table_args__ = (UniqueConstraint("tenant_id", "apply_no"),
                      Index("ix_purchase_apply_tenant_modified", "tenant_id", "modified"))
    apply_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    apply_no: Mapped[str] = mapped_column(String(40))
    status: Mapped[int] = integer(10)
    #: 0: no warehouse named (the apply then feeds no stock counter)
    warehouse_id: Mapped[int] = integer(0)
    #: the provider of every line when they all name the same one, else 0
    provider_id: Mapped[int] = integer(0)
    apply_name: Mapped[str] = text(50)
    remark: Mapped[str] = text(255)
    expected_time: Mapped[datetime | None] = when()
    lines: Mapped[list[PurchaseApplyLine]] = relationship(
        back_populates="apply", cascade="all, delete-orphan", order_by="PurchaseApplyLine.rec_id")


class PurchaseApplyLine(Base):
    __tablename__ = "purchase_apply_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    apply_id: Mapped[int] = mapped_column(ForeignKey("purchase_apply.apply_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    ref_num: Mapped[Decimal] = money()
    stockin_num: Mapped[Decimal] = money()
    provider_id: Mapped[int] = integer(0)
    remark: Mapped[str] = text(255)
    apply: Mapped[PurchaseApply] = relationship(back_populates="lines")


class ProviderGoods(Timestamps, Base):
    """供应商货品: who supplies a spec, at what price."""

    __tablename__ = "provider_goods"
    __table_args__ = (UniqueConstraint("tenant_id", "provider_id", "spec_id"),
                      Index("ix_provider_goods_spec", "tenant_id", "spec_id"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.provider_id", ondelete="CASCADE"))
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id", ondelete="CASCADE"))
    min_purchase_num: Mapped[Decimal] = _one()
    purchase_unit_name: Mapped[str] = text(20)
    discount: Mapped[Decimal] = _one()
    provider_goods_no: Mapped[str] = text(64)
    price: Mapped[Decimal] = money()
    lowest_price: Mapped[Decimal] = money()
    purchase_cycle_day: Mapped[int] = integer(0)
    tax_rate: Mapped[Decimal] = money()
    is_master: Mapped[bool] = flag(True)
    is_disabled: Mapped[bool] = flag()
    remark: Mapped[str] = text(255)
    last_price: Mapped[Decimal] = money()
    last_second_price: Mapped[Decimal] = money()
    last_purchase_time: Mapped[datetime | None] = when()


class PurchaseOrder(Timestamps, Base):
    """采购单 (CG…)."""

    __tablename__ = "purchase_order"
    __table_args__ = (UniqueConstraint("tenant_id", "purchase_no"),
                      Index("ix_purchase_order_tenant_modified", "tenant_id", "modified"))
    purchase_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    purchase_no: Mapped[str] = mapped_column(String(40))
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.provider_id"))
    #: 预计入库仓 (the order's warehouse)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    #: 收货仓 numbers, comma separated
    receive_warehouse_nos: Mapped[str] = text(255)
    status: Mapped[int] = integer(20)
    stockin_status: Mapped[int] = integer(0)
    settle_status: Mapped[int] = integer(0)
    creator_name: Mapped[str] = text(40)
    purchaser_name: Mapped[str] = text(40)
    check_operator_name: Mapped[str] = text(40)
    facheck_operator_name: Mapped[str] = text(40)
    flag_name: Mapped[str] = text(32)
    logistics_id: Mapped[int] = integer(0)
    pay_type: Mapped[int] = integer(1)
    postfee_pay_type: Mapped[int] = integer(0)
    post_fee: Mapped[Decimal] = money()
    other_fee: Mapped[Decimal] = money()
    remark: Mapped[str] = text(255)
    receive_address: Mapped[str] = text(255)
    contact: Mapped[str] = text(40)
    telno: Mapped[str] = text(32)
    apply_nos: Mapped[str] = text(255)
    expect_arrive_time: Mapped[datetime | None] = when()
    check_time: Mapped[datetime | None] = when()
    prop1: Mapped[str] = text(255)
    prop2: Mapped[str] = text(255)
    prop3: Mapped[str] = text(255)
    prop4: Mapped[str] = text(255)
    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="PurchaseOrderLine.rec_id")


class PurchaseOrderLine(Timestamps, Base):
    __tablename__ = "purchase_order_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purchase_id: Mapped[int] = mapped_column(ForeignKey("purchase_order.purchase_id", ondelete="CASCADE"),
                                             index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    #: 税前单价 and 折扣: the stockin price (税前折后) is their product
    price: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = _one()
    tax_rate: Mapped[Decimal] = money()
    #: received on checked stockins, of it defective
    stockin_num: Mapped[Decimal] = money()
    defect_stockin_num: Mapped[Decimal] = money()
    stockin_amount: Mapped[Decimal] = money()
    #: on purchase stockins not yet checked (到货未入库量)
    arrive_num: Mapped[Decimal] = money()
    settle_num: Mapped[Decimal] = money()
    defect_settle_num: Mapped[Decimal] = money()
    stopwait_num: Mapped[Decimal] = money()
    purchase_unit_name: Mapped[str] = text(20)
    remark: Mapped[str] = text(255)
    prop1: Mapped[str] = text(255)
    prop2: Mapped[str] = text(255)
    prop3: Mapped[str] = text(255)
    prop4: Mapped[str] = text(255)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: the apply line this line referenced (0: none)
    apply_line_id: Mapped[int] = integer(0)
    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")


class PurchaseReturn(Timestamps, Base):
    """采购退货单 (CR…, or the caller's outer_no)."""

    __tablename__ = "purchase_return"
    __table_args__ = (UniqueConstraint("tenant_id", "return_no"),
                      Index("ix_purchase_return_tenant_modified", "tenant_id", "modified"))
    return_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    return_no: Mapped[str] = mapped_column(String(40))
    outer_no: Mapped[str] = text(40)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.provider_id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    status: Mapped[int] = integer(20)
    stockout_status: Mapped[int] = integer(0)
    settle_status: Mapped[int] = integer(0)
    #: 1 退货 · 2 换货
    type: Mapped[int] = integer(1)
    creator_name: Mapped[str] = text(40)
    purchaser_name: Mapped[str] = text(40)
    check_operator_name: Mapped[str] = text(40)
    check_time: Mapped[datetime | None] = when()
    logistics_id: Mapped[int] = integer(0)
    post_fee: Mapped[Decimal] = money()
    other_fee: Mapped[Decimal] = money()
    contact: Mapped[str] = text(40)
    telno: Mapped[str] = text(32)
    receive_address: Mapped[str] = text(255)
    province: Mapped[str] = text(20)
    city: Mapped[str] = text(20)
    district: Mapped[str] = text(20)
    prop1: Mapped[str] = text(255)
    prop2: Mapped[str] = text(255)
    remark: Mapped[str] = text(255)
    ref_purchase_nos: Mapped[str] = text(255)
    is_reserved: Mapped[bool] = flag()
    lines: Mapped[list[PurchaseReturnLine]] = relationship(
        back_populates="purchase_return", cascade="all, delete-orphan", order_by="PurchaseReturnLine.rec_id")


class PurchaseReturnLine(Timestamps, Base):
    __tablename__ = "purchase_return_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("purchase_return.return_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    out_num: Mapped[Decimal] = money()
    settle_num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = _one()
    tax_rate: Mapped[Decimal] = money()
    defect: Mapped[bool] = flag()
    unit_name: Mapped[str] = text(40)
    remark: Mapped[str] = text(255)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    prop1: Mapped[str] = text(255)
    prop2: Mapped[str] = text(255)
    purchase_return: Mapped[PurchaseReturn] = relationship(back_populates="lines")


class PurchaseSettle(Timestamps, Base):
    """采购结算单 / 采购退货结算单 (JS…): `kind` 1 of a purchase order, 2 of a purchase return."""

    __tablename__ = "purchase_settle"
    __table_args__ = (UniqueConstraint("tenant_id", "settle_no"),
                      Index("ix_purchase_settle_tenant_modified", "tenant_id", "modified"))
    settle_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    settle_no: Mapped[str] = mapped_column(String(40))
    kind: Mapped[int] = integer(1)
    #: the purchase order's or return's id and number
    src_id: Mapped[int] = integer(0)
    src_no: Mapped[str] = text(40)
    provider_id: Mapped[int] = integer(0)
    warehouse_id: Mapped[int] = integer(0)
    purchaser_name: Mapped[str] = text(40)
    status: Mapped[int] = integer(10)
    invoice_type: Mapped[int] = integer(0)
    invoice_no: Mapped[str] = text(100)
    post_fee: Mapped[Decimal] = money()
    other_fee: Mapped[Decimal] = money()
    logistics_id: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text(100)
    remark: Mapped[str] = text(255)
    flag_name: Mapped[str] = text(32)
    checker_name: Mapped[str] = text(40)
    settler_name: Mapped[str] = text(40)
    check_time: Mapped[datetime | None] = when()
    lines: Mapped[list[PurchaseSettleLine]] = relationship(
        back_populates="settle", cascade="all, delete-orphan", order_by="PurchaseSettleLine.rec_id")


class PurchaseSettleLine(Base):
    __tablename__ = "purchase_settle_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    settle_id: Mapped[int] = mapped_column(ForeignKey("purchase_settle.settle_id", ondelete="CASCADE"), index=True)
    #: the order or return line settled
    src_line_id: Mapped[int] = integer(0)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    settle_num: Mapped[Decimal] = money()
    settle_normal_num: Mapped[Decimal] = money()
    invoice_num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = _one()
    tax_rate: Mapped[Decimal] = money()
    share_post_fee: Mapped[Decimal] = money()
    share_other: Mapped[Decimal] = money()
    remark: Mapped[str] = text(128)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    created: Mapped[datetime | None] = when()
    settle: Mapped[PurchaseSettle] = relationship(back_populates="lines")


class StockinPreOrder(Timestamps, Base):
    """预约入库单 (YD…): an appointment to deliver (part of) a purchase order."""

    __tablename__ = "stockin_pre_order"
    __table_args__ = (UniqueConstraint("tenant_id", "pre_order_no"),
                      Index("ix_stockin_pre_order_tenant_modified", "tenant_id", "modified"))
    pre_order_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    pre_order_no: Mapped[str] = mapped_column(String(40))
    #: 1 采购单 (the only kind made here)
    busi_order_type: Mapped[int] = integer(1)
    busi_order_id: Mapped[int] = integer(0)
    busi_order_no: Mapped[str] = text(40)
    status: Mapped[int] = integer(20)
    warehouse_id: Mapped[int] = integer(0)
    provider_id: Mapped[int] = integer(0)
    car_number: Mapped[str] = text(20)
    deliver_name: Mapped[str] = text(40)
    deliver_time: Mapped[datetime | None] = when()
    telno: Mapped[str] = text(32)
    flag_name: Mapped[str] = text(32)
    check_time: Mapped[datetime | None] = when()
    lines: Mapped[list[StockinPreOrderLine]] = relationship(
        back_populates="pre_order", cascade="all, delete-orphan", order_by="StockinPreOrderLine.rec_id")


class StockinPreOrderLine(Base):
    __tablename__ = "stockin_pre_order_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pre_order_id: Mapped[int] = mapped_column(ForeignKey("stockin_pre_order.pre_order_id", ondelete="CASCADE"),
                                              index=True)
    #: the purchase order line it books
    src_line_id: Mapped[int] = integer(0)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    arrived_num: Mapped[Decimal] = money()
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    pre_order: Mapped[StockinPreOrder] = relationship(back_populates="lines")
