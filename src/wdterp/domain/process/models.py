"""Producers, BOMs, production orders and their settlements; field names follow the process.* pages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.storage.base import Base, Timestamps


class Producer(Timestamps, Base):
    """生产商 (`producer_no` of Process.upload; made by `wdterp load` / the `producer.create` operation)."""

    __tablename__ = "producer"
    __table_args__ = (UniqueConstraint("tenant_id", "producer_no"),)
    producer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    producer_no: Mapped[str] = mapped_column(String(40))
    producer_name: Mapped[str] = text(64)
    is_disabled: Mapped[bool] = flag()


class Bom(Timestamps, Base):
    """物料清单: which raw specs, and how many, make the finished specs of one production run."""

    __tablename__ = "bom"
    __table_args__ = (UniqueConstraint("tenant_id", "bom_no"), UniqueConstraint("tenant_id", "bom_name"),
                      Index("ix_bom_tenant_modified", "tenant_id", "modified"))
    bom_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    bom_no: Mapped[str] = mapped_column(String(64))
    bom_name: Mapped[str] = mapped_column(String(255))
    fee: Mapped[Decimal] = money()
    remark: Mapped[str] = text(1024)
    is_disabled: Mapped[bool] = flag()
    operator_name: Mapped[str] = text(50)
    operator_id: Mapped[int] = integer(0)
    lines: Mapped[list[BomLine]] = relationship(cascade="all, delete-orphan", order_by="BomLine.bom_detail_id")


class BomLine(Base):
    __tablename__ = "bom_line"
    bom_detail_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bom_id: Mapped[int] = mapped_column(ForeignKey("bom.bom_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    is_product: Mapped[bool] = flag()
    is_master: Mapped[bool] = flag()
    remark: Mapped[str] = text(255)


class ProcessOrder(Timestamps, Base):
    """生产单 (PS…): status 10…70 (`statuses.ProcessStatus`), lines in `ProcessLine`."""

    __tablename__ = "process_order"
    __table_args__ = (UniqueConstraint("tenant_id", "process_no"),
                      Index("ix_process_order_tenant_modified", "tenant_id", "modified"))
    process_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    process_no: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = integer(30)
    settle_status: Mapped[int] = integer(0)
    #: 0 分步生产 stepwise · 1 快速生产 quick (Process.upload `type`)
    type: Mapped[int] = integer(0)
    operator_name: Mapped[str] = text(50)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producer.producer_id"))
    bom_name: Mapped[str] = text(255)
    bom_fee: Mapped[Decimal] = money()
    bom_remark: Mapped[str] = text(255)
    loss_fee: Mapped[Decimal] = money()
    total_fee: Mapped[Decimal] = money()
    process_count: Mapped[Decimal] = money()
    reality_count: Mapped[Decimal] = money()
    out_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    in_warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    flag_id: Mapped[int] = integer(0)
    flag_name: Mapped[str] = text(32)
    creator_name: Mapped[str] = text(50)
    checker_name: Mapped[str] = text(50)
    remark: Mapped[str] = text(255)
    estimated_time: Mapped[datetime | None] = when()
    check_time: Mapped[datetime | None] = when()
    lines: Mapped[list[ProcessLine]] = relationship(cascade="all, delete-orphan", order_by="ProcessLine.rec_id")


class ProcessLine(Base):
    """A raw material (`is_product` false) or finished spec of a production order, totals for the order."""

    __tablename__ = "process_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process_order.process_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    is_product: Mapped[bool] = flag()
    position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batch_no: Mapped[str] = text(40)
    production_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    validity_days: Mapped[int] = integer(0)
    remark: Mapped[str] = text(255)
    out_num: Mapped[Decimal] = money()
    in_num: Mapped[Decimal] = money()
    process_num: Mapped[Decimal] = money()
    bad_num: Mapped[Decimal] = money()
    bad_in_num: Mapped[Decimal] = money()


class ProcessSettlement(Timestamps, Base):
    """生产结算单 (JS…): made when a production order completes; 20 待审核 until checked (30)."""

    __tablename__ = "process_settlement"
    __table_args__ = (UniqueConstraint("tenant_id", "settle_no"),
                      Index("ix_process_settlement_tenant_created", "tenant_id", "created"))
    settle_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    settle_no: Mapped[str] = mapped_column(String(40))
    status: Mapped[int] = integer(20)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producer.producer_id"))
    process_id: Mapped[int] = mapped_column(ForeignKey("process_order.process_id"), index=True)
    remark: Mapped[str] = text(255)
    is_share_other_fee: Mapped[int] = integer(0)
    goods_count: Mapped[Decimal] = money()
    material_amount: Mapped[Decimal] = money()
    process_fee: Mapped[Decimal] = money()
    other_fee: Mapped[Decimal] = money()
    lines: Mapped[list[ProcessSettlementLine]] = relationship(cascade="all, delete-orphan",
                                                              order_by="ProcessSettlementLine.rec_id")


class ProcessSettlementLine(Base):
    __tablename__ = "process_settlement_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    settle_id: Mapped[int] = mapped_column(ForeignKey("process_settlement.settle_id", ondelete="CASCADE"),
                                           index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    warehouse_id: Mapped[int] = integer(0)
    defect: Mapped[bool] = flag()
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    settle_num: Mapped[Decimal] = money()
    cost: Mapped[Decimal] = money()
    cost_price: Mapped[Decimal] = money()
    proportion: Mapped[Decimal] = money()
    cost_total: Mapped[Decimal] = money()
    share_other_fee: Mapped[Decimal] = money()
    stockin_price: Mapped[Decimal] = money()
    remark: Mapped[str] = text(255)
