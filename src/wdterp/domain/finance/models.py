"""Finance tables; column names follow the finance.* query responses."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.storage.base import Base, Timestamps


class RawPayment(Timestamps, Base):
    """平台账单: one money movement of a platform order (finance.RawPayment.push / search).

    status 0 未确认 · 1 已确认 · 3 未关联 (order_no not linked to a trade) · 4 已对账 (account-checked).
    `created` is the download time, `create_time` the time the money moved.
    """

    __tablename__ = "raw_payment"
    __table_args__ = (Index("ix_raw_payment_order", "tenant_id", "shop_id", "order_no"),
                      Index("ix_raw_payment_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    platform_id: Mapped[int] = integer(127)
    status: Mapped[int] = integer(0)
    type: Mapped[int] = integer(0)
    order_no: Mapped[str] = text(40)
    pay_order_no: Mapped[str] = text(40)
    raw_order_no: Mapped[str] = text(64)
    in_amount: Mapped[Decimal] = money()
    out_amount: Mapped[Decimal] = money()
    num: Mapped[Decimal] = money()
    balance: Mapped[Decimal] = money()
    is_guarantee: Mapped[bool] = flag()
    remark: Mapped[str] = text(255)
    create_time: Mapped[datetime | None] = when()
    item: Mapped[str] = text(40)
    opt_pay_account: Mapped[str] = text(128)
    description: Mapped[str] = text(128)
    fa_order_no: Mapped[str] = text(40)
    goods_name: Mapped[str] = text(255)
    platform_pay_order_no: Mapped[str] = text(40)
    pay_user_id: Mapped[str] = text(255)


class Payment(Timestamps, Base):
    """收付款单: status 10 编辑中 · 20 待审核 · 30 已审核 · 40 已取消;
    type 1 收款 · 2 付款 · 3 其它收款 · 4 其他付款."""

    __tablename__ = "payment"
    __table_args__ = (UniqueConstraint("tenant_id", "payment_no"),
                      Index("ix_payment_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    payment_no: Mapped[str] = text(40)
    status: Mapped[int] = integer(20)
    type: Mapped[int] = integer(1)
    object_no: Mapped[str] = text(40)
    object_name: Mapped[str] = text(64)
    pay_no: Mapped[str] = text(64)
    account_no: Mapped[str] = text(64)
    remark: Mapped[str] = text(255)
    teller_name: Mapped[str] = text(64)
    amount: Mapped[Decimal] = money()
    use_amount: Mapped[Decimal] = money()
    receipt_name: Mapped[str] = text(64)
    check_time: Mapped[datetime | None] = when()
    details: Mapped[list[PaymentDetail]] = relationship(cascade="all, delete-orphan",
                                                        order_by="PaymentDetail.rec_id")


class PaymentDetail(Base):
    __tablename__ = "payment_detail"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_order_id: Mapped[int] = mapped_column(ForeignKey("payment.rec_id", ondelete="CASCADE"), index=True)
    src_order_type: Mapped[int] = integer(1)
    src_order_no: Mapped[str] = text(40)
    #: 1 货款 · 2 运费 · 3 税款 · 4 材料成本差异 · 5 其他费用
    fee_type: Mapped[int] = integer(1)
    amount: Mapped[Decimal] = money()
    shop_id: Mapped[int] = integer(0)


class AccountCheck(Timestamps, Base):
    """平台对账单 of one platform order: status 0 未确认 · 1 部分对账 · 2 对账失败 · 3 对账成功 · 4 设置对账成功."""

    __tablename__ = "account_check"
    __table_args__ = (UniqueConstraint("tenant_id", "account_check_no"),
                      UniqueConstraint("tenant_id", "shop_id", "tid"),
                      Index("ix_account_check_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    account_check_no: Mapped[str] = text(40)
    tid: Mapped[str] = text(40)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    platform_id: Mapped[int] = integer(127)
    status: Mapped[int] = integer(0)
    send_amount: Mapped[Decimal] = money()
    refund_amount: Mapped[Decimal] = money()
    receivable: Mapped[Decimal] = money()
    received: Mapped[Decimal] = money()
    pay_amount: Mapped[Decimal] = money()
    cost_amount: Mapped[Decimal] = money()
    send_num: Mapped[Decimal] = money()
    refund_num: Mapped[Decimal] = money()
    payment_num: Mapped[Decimal] = money()
    check_ratio: Mapped[Decimal] = money()
    consign_time: Mapped[datetime | None] = when()
    confirm_time: Mapped[datetime | None] = when()
    check_time: Mapped[datetime | None] = when()


class Invoice(Timestamps, Base):
    """发票 (invoice_order_no FP…); status codes in finance/invoices.py (states.md §17)."""

    __tablename__ = "invoice_order"
    __table_args__ = (UniqueConstraint("tenant_id", "invoice_order_no"),
                      Index("ix_invoice_order_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    invoice_order_no: Mapped[str] = text(40)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    trade_no: Mapped[str] = text(40)
    status: Mapped[int] = integer(45)
    platform_type: Mapped[int] = integer(0)
    provider_name: Mapped[str] = text(40)
    is_red: Mapped[bool] = flag()
    invoice_type: Mapped[int] = integer(1)
    business_type: Mapped[int] = integer(0)
    invoice_mask: Mapped[int] = integer(0)
    flag_name: Mapped[str] = text(32)
    invoice_no: Mapped[str] = text(40)
    invoice_code: Mapped[str] = text(40)
    invoice_time: Mapped[datetime | None] = when()
    file_url: Mapped[str] = text(255)
    ofd_url: Mapped[str] = text(255)
    xml_url: Mapped[str] = text(255)
    error_info: Mapped[str] = text(100)
    serial_no: Mapped[str] = text(50)
    tax_control_no: Mapped[str] = text(40)
    invoice_remark: Mapped[str] = text(200)
    payer_name: Mapped[str] = text(64)
    payer_email: Mapped[str] = text(64)
    payer_phone: Mapped[str] = text(40)
    payer_account: Mapped[str] = text(40)
    payer_bank: Mapped[str] = text(128)
    payer_address: Mapped[str] = text(255)
    payer_register_no: Mapped[str] = text(40)
    payee_name: Mapped[str] = text(64)
    payee_register_no: Mapped[str] = text(40)
    payee_address: Mapped[str] = text(255)
    payee_telno: Mapped[str] = text(40)
    payee_bank_name: Mapped[str] = text(255)
    payee_bank_account: Mapped[str] = text(20)
    payee_receiver: Mapped[str] = text(20)
    payee_operator: Mapped[str] = text(20)
    payee_checker: Mapped[str] = text(20)
    payee_remark: Mapped[str] = text(255)
    relation_invoice_no_out: Mapped[str] = text(40)
    relation_invoice_code: Mapped[str] = text(40)
    discount: Mapped[Decimal] = money()
    discount_tax: Mapped[Decimal] = money()
    goods_amount: Mapped[Decimal] = money()
    goods_tax: Mapped[Decimal] = money()
    sum_price: Mapped[Decimal] = money()
    sum_tax: Mapped[Decimal] = money()
    invoice_amount: Mapped[Decimal] = money()
    invoice_outer_amount: Mapped[Decimal] = money()
    details: Mapped[list[InvoiceDetail]] = relationship(cascade="all, delete-orphan",
                                                        order_by="InvoiceDetail.rec_id")


class InvoiceDetail(Base):
    __tablename__ = "invoice_detail"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice_order.rec_id", ondelete="CASCADE"), index=True)
    item_name: Mapped[str] = text(255)
    item_no: Mapped[str] = text(40)
    #: 0 正常行 · 1 折扣行 · 2 被折扣行
    row_type: Mapped[int] = integer(0)
    unit_name: Mapped[str] = text(20)
    num: Mapped[Decimal] = money()
    tax_code: Mapped[str] = text(32)
    tax_rate: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    sum_price: Mapped[Decimal] = money()
    tax: Mapped[Decimal] = money()
    sum_amount: Mapped[Decimal] = money()
    remark: Mapped[str] = text(100)
    tid: Mapped[str] = text(40)
    oid: Mapped[str] = text(40)
    trade_no: Mapped[str] = text(40)
    platform_id: Mapped[int] = integer(127)


class Waybill(Timestamps, Base):
    """电子面单号: status 0 待分配 · 1 已分配 · 2 已完成 · 4 回收失败 · 5 待回收 · 6 已回收 · 8 手工作废."""

    __tablename__ = "waybill"
    __table_args__ = (UniqueConstraint("tenant_id", "logistics_id", "logistics_no"),
                      Index("ix_waybill_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    status: Mapped[int] = integer(1)
    trade_no: Mapped[str] = text(40)
    logistics_id: Mapped[int] = integer(0)
    logistics_type: Mapped[int] = integer(0)
    ebill_api: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text(40)
