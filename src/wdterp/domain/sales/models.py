"""Sales tables: raw trades (原始单), trades (订单), their lines, logs, merge logs, sales payments.

Column names follow the vendor's query responses (sales.RawTrade.search, sales.TradeQuery.*,
sales.Payment.queryWithDetail). Platform ids of goods on raw lines are `api_goods_id`/`api_spec_id`
(the pages call them goods_id/spec_id there; ours are the system keys).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps


class _Receiver:
    """Buyer and receiver columns shared by raw trades and trades."""

    buyer_nick: Mapped[str] = text(100)
    buyer_message: Mapped[str] = text(1024)
    pay_account: Mapped[str] = text(128)
    receiver_name: Mapped[str] = text(100)
    receiver_province: Mapped[int] = integer(0)
    receiver_city: Mapped[int] = integer(0)
    receiver_district: Mapped[int] = integer(0)
    receiver_area: Mapped[str] = text(128)
    receiver_address: Mapped[str] = text(256)
    receiver_zip: Mapped[str] = text(20)
    receiver_mobile: Mapped[str] = text(40)
    receiver_telno: Mapped[str] = text(40)
    to_deliver_time: Mapped[str] = text(20)


class RawTrade(_Receiver, Timestamps, Base):
    __tablename__ = "raw_trade"
    __table_args__ = (UniqueConstraint("tenant_id", "tid"),
                      Index("ix_raw_trade_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    platform_id: Mapped[int] = integer(127)
    tid: Mapped[str] = text(40)
    process_status: Mapped[int] = integer(10)
    trade_status: Mapped[int] = integer(30)
    refund_status: Mapped[int] = integer(0)
    pay_status: Mapped[int] = integer(0)
    pay_method: Mapped[int] = integer(1)
    order_count: Mapped[int] = integer(0)
    goods_count: Mapped[Decimal] = money()
    trade_time: Mapped[datetime | None] = when()
    pay_time: Mapped[datetime | None] = when()
    end_time: Mapped[datetime | None] = when()
    remark: Mapped[str] = text(1024)
    remark_flag: Mapped[int] = integer(0)
    buyer_email: Mapped[str] = text(100)
    buyer_area: Mapped[str] = text(255)
    pay_id: Mapped[str] = text(40)
    goods_amount: Mapped[Decimal] = money()
    post_amount: Mapped[Decimal] = money()
    other_amount: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = money()
    receivable: Mapped[Decimal] = money()
    received: Mapped[Decimal] = money()
    paid: Mapped[Decimal] = money()
    platform_cost: Mapped[Decimal] = money()
    cod_amount: Mapped[Decimal] = money()
    refund_amount: Mapped[Decimal] = money()
    invoice_type: Mapped[int] = integer(0)
    invoice_title: Mapped[str] = text(255)
    invoice_content: Mapped[str] = text(255)
    logistics_type: Mapped[int] = integer(-1)
    cust_data: Mapped[str] = text(255)
    delivery_term: Mapped[int] = integer(1)
    guarantee_mode: Mapped[int] = integer(1)
    is_auto_wms: Mapped[bool] = flag()
    warehouse_no: Mapped[str] = text(40)
    consign_interval: Mapped[int] = integer(0)
    is_sealed: Mapped[int] = integer(0)
    fenxiao_nick: Mapped[str] = text(40)
    fenxiao_type: Mapped[int] = integer(0)
    id_card_type: Mapped[int] = integer(0)
    id_card: Mapped[str] = text(64)
    trade_from: Mapped[int] = integer(1)
    #: why the last submit failed (递交失败原因), empty when it did not
    bad_reason: Mapped[str] = text(255)
    #: the trade this raw trade was submitted into (0 before submit)
    trade_id: Mapped[int] = integer(0)
    #: History (已归档) queries return archived raw trades only, the others never
    archived: Mapped[bool] = flag()
    orders: Mapped[list[RawTradeOrder]] = relationship(
        back_populates="raw_trade", cascade="all, delete-orphan", order_by="RawTradeOrder.rec_id")
    discounts: Mapped[list[RawTradeDiscount]] = relationship(
        cascade="all, delete-orphan", order_by="RawTradeDiscount.rec_id")


class RawTradeOrder(Timestamps, Base):
    __tablename__ = "raw_trade_order"
    __table_args__ = (UniqueConstraint("raw_trade_id", "oid"), Index("ix_raw_trade_order_oid", "tenant_id", "oid"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    raw_trade_id: Mapped[int] = mapped_column(ForeignKey("raw_trade.rec_id", ondelete="CASCADE"), index=True)
    tid: Mapped[str] = text(40)
    oid: Mapped[str] = text(40)
    status: Mapped[int] = integer(30)
    process_status: Mapped[int] = integer(10)
    refund_status: Mapped[int] = integer(0)
    refund_id: Mapped[str] = text(40)
    api_goods_id: Mapped[str] = text(40)
    api_spec_id: Mapped[str] = text(40)
    goods_no: Mapped[str] = text(40)
    spec_no: Mapped[str] = text(40)
    spec_code: Mapped[str] = text(40)
    goods_name: Mapped[str] = text(255)
    spec_name: Mapped[str] = text(255)
    order_type: Mapped[int] = integer(0)
    cid: Mapped[str] = text(40)
    num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = money()
    share_discount: Mapped[Decimal] = money()
    total_amount: Mapped[Decimal] = money()
    adjust_amount: Mapped[Decimal] = money()
    share_amount: Mapped[Decimal] = money()
    refund_amount: Mapped[Decimal] = money()
    commission: Mapped[Decimal] = money()
    remark: Mapped[str] = text(255)
    json: Mapped[str] = text(255)
    gift_type: Mapped[int] = integer(0)
    end_time: Mapped[datetime | None] = when()
    warehouse_no: Mapped[str] = text(40)
    logistics_no: Mapped[str] = text(40)
    bind_oid: Mapped[str] = text(40)
    raw_trade: Mapped[RawTrade] = relationship(back_populates="orders")


class RawTradeDiscount(Base):
    __tablename__ = "raw_trade_discount"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    raw_trade_id: Mapped[int] = mapped_column(ForeignKey("raw_trade.rec_id", ondelete="CASCADE"), index=True)
    platform_id: Mapped[int] = integer(127)
    tid: Mapped[str] = text(40)
    oid: Mapped[str] = text(40)
    sn: Mapped[str] = text(40)
    name: Mapped[str] = text(50)
    detail: Mapped[str] = text(128)
    amount: Mapped[Decimal] = money()
    type: Mapped[str] = text(40)
    is_bonus: Mapped[int] = integer(0)


class Trade(_Receiver, Timestamps, Base):
    __tablename__ = "sales_trade"
    __table_args__ = (UniqueConstraint("tenant_id", "trade_no"),
                      Index("ix_sales_trade_tenant_modified", "tenant_id", "modified"),
                      Index("ix_sales_trade_tenant_status", "tenant_id", "trade_status"))
    trade_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    trade_no: Mapped[str] = text(40)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"), index=True)
    platform_id: Mapped[int] = integer(127)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.warehouse_id"), nullable=True)
    trade_status: Mapped[int] = integer(30)
    trade_type: Mapped[int] = integer(1)
    trade_from: Mapped[int] = integer(1)
    delivery_term: Mapped[int] = integer(1)
    src_tids: Mapped[str] = text(255)
    refund_status: Mapped[int] = integer(0)
    fenxiao_type: Mapped[int] = integer(0)
    fenxiao_nick: Mapped[str] = text(40)
    trade_time: Mapped[datetime | None] = when()
    pay_time: Mapped[datetime | None] = when()
    consign_time: Mapped[datetime | None] = when()
    check_time: Mapped[datetime | None] = when()
    end_time: Mapped[datetime | None] = when()
    receiver_dtb: Mapped[str] = text(128)
    bad_reason: Mapped[int] = integer(0)
    logistics_id: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text(40)
    cs_remark: Mapped[str] = text(1024)
    remark_flag: Mapped[int] = integer(0)
    print_remark: Mapped[str] = text(1024)
    goods_type_count: Mapped[int] = integer(0)
    goods_count: Mapped[Decimal] = money()
    raw_goods_count: Mapped[Decimal] = money()
    raw_goods_type_count: Mapped[int] = integer(0)
    goods_amount: Mapped[Decimal] = money()
    post_amount: Mapped[Decimal] = money()
    other_amount: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = money()
    receivable: Mapped[Decimal] = money()
    paid: Mapped[Decimal] = money()
    cod_amount: Mapped[Decimal] = money()
    invoice_type: Mapped[int] = integer(0)
    invoice_title: Mapped[str] = text(255)
    invoice_content: Mapped[str] = text(255)
    salesman_name: Mapped[str] = text(40)
    checker_name: Mapped[str] = text(40)
    stockout_no: Mapped[str] = text(40)
    flag_name: Mapped[str] = text(32)
    #: bitmask of TradeLabel.attr_key bits (new_trade_label); names in trade_label
    label_mask: Mapped[int] = integer(0)
    trade_mask: Mapped[int] = integer(0)
    is_sealed: Mapped[bool] = flag()
    id_card_type: Mapped[int] = integer(0)
    cancel_reason: Mapped[str] = text(256)
    revert_reason: Mapped[str] = text(256)
    version_id: Mapped[int] = integer(1)
    archived: Mapped[bool] = flag()
    orders: Mapped[list[TradeOrder]] = relationship(
        back_populates="trade", cascade="all, delete-orphan", order_by="TradeOrder.rec_id")


class TradeOrder(Timestamps, Base):
    __tablename__ = "sales_trade_order"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    trade_id: Mapped[int] = mapped_column(ForeignKey("sales_trade.trade_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"), index=True)
    goods_id: Mapped[int] = integer(0)
    suite_id: Mapped[int] = integer(0)
    raw_order_id: Mapped[int] = integer(0)
    platform_id: Mapped[int] = integer(127)
    src_tid: Mapped[str] = text(40)
    src_oid: Mapped[str] = text(40)
    gift_type: Mapped[int] = integer(0)
    pay_status: Mapped[int] = integer(0)
    refund_status: Mapped[int] = integer(0)
    guarantee_mode: Mapped[int] = integer(1)
    platform_status: Mapped[int] = integer(0)
    delivery_term: Mapped[int] = integer(1)
    num: Mapped[Decimal] = money()
    actual_num: Mapped[Decimal] = money()
    refund_num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    order_price: Mapped[Decimal] = money()
    share_price: Mapped[Decimal] = money()
    adjust: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = money()
    share_amount: Mapped[Decimal] = money()
    paid: Mapped[Decimal] = money()
    commission: Mapped[Decimal] = money()
    suite_no: Mapped[str] = text(40)
    suite_name: Mapped[str] = text(255)
    suite_num: Mapped[Decimal] = money()
    suite_amount: Mapped[Decimal] = money()
    suite_discount: Mapped[Decimal] = money()
    api_goods_name: Mapped[str] = text(255)
    api_spec_name: Mapped[str] = text(255)
    api_goods_id: Mapped[str] = text(40)
    api_spec_id: Mapped[str] = text(40)
    bind_oid: Mapped[str] = text(40)
    cid: Mapped[str] = text(40)
    remark: Mapped[str] = text(255)
    invoice_content: Mapped[str] = text(255)
    stock_state: Mapped[int] = integer(0)
    is_consigned: Mapped[bool] = flag()
    pay_time: Mapped[datetime | None] = when()
    trade: Mapped[Trade] = relationship(back_populates="orders")


class TradeLog(Base):
    """订单日志 (sales.TradeQuery.getLog): one row per step of a trade."""

    __tablename__ = "sales_trade_log"
    __table_args__ = (Index("ix_sales_trade_log_trade", "tenant_id", "trade_id"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    trade_id: Mapped[int] = mapped_column(Integer)
    type: Mapped[int] = integer(0)
    shortname: Mapped[str] = text(64)
    message: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(default=now_china)


class TradeMergeLog(Base):
    """被合并订单 (sales.TradeQuery.getTradeMergedLog), kept seven days."""

    __tablename__ = "sales_trade_merge_log"
    __table_args__ = (Index("ix_sales_trade_merge_log_created", "tenant_id", "created"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    trade_id: Mapped[int] = mapped_column(Integer)
    trade_no: Mapped[str] = text(40)
    main_trade_no: Mapped[str] = text(40)
    created: Mapped[datetime] = mapped_column(default=now_china)


class SalesPayment(Timestamps, Base):
    """销售收付单: money received for a raw trade/trade, or refunded on cancellation."""

    __tablename__ = "sales_payment"
    __table_args__ = (UniqueConstraint("tenant_id", "payment_no"),
                      Index("ix_sales_payment_tenant_created", "tenant_id", "created"))
    payment_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    payment_no: Mapped[str] = text(40)
    status: Mapped[int] = integer(40)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id"))
    sales_order_no: Mapped[str] = text(40)
    sales_order_id: Mapped[int] = integer(0)
    raw_nos: Mapped[str] = text(40)
    order_type: Mapped[int] = integer(2)
    refund_type: Mapped[str] = text(40)
    account_id: Mapped[int] = integer(0)
    account_name: Mapped[str] = text(40)
    buyer_nick: Mapped[str] = text(100)
    pay_account: Mapped[str] = text(128)
    account_bank: Mapped[str] = text(40)
    refund_amount: Mapped[Decimal] = money()
    receive_amount: Mapped[Decimal] = money()
    real_amount: Mapped[Decimal] = money()
    verify_amount: Mapped[Decimal] = money()
    operator_name: Mapped[str] = text(40)
    checker_name: Mapped[str] = text(40)
    pay_time: Mapped[datetime | None] = when()
    error_type: Mapped[int] = integer(0)
    remark: Mapped[str] = text(255)
    is_refund: Mapped[bool] = flag()
