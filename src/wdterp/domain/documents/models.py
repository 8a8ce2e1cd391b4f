"""Stock documents (入库单 / 出库单) of every kind, their lines, serial numbers
recorded on them, and box codes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, when
from wdterp.domain.columns import text as text_column
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps


class StockDocument(Timestamps, Base):
    """A stockin (direction "in") or stockout ("out") of any kind (order_type = src code)."""

    __tablename__ = "stock_document"
    __table_args__ = (
        UniqueConstraint("tenant_id", "doc_no"),
        Index("uq_stock_document_outer_no", "tenant_id", "direction", "order_type", "outer_no", unique=True,
              sqlite_where=text("outer_no != ''"), postgresql_where=text("outer_no != ''")),
        Index("ix_stock_document_tenant_modified", "tenant_id", "modified"),
        Index("ix_stock_document_kind_modified", "tenant_id", "direction", "order_type", "modified"),
        Index("ix_stock_document_src", "tenant_id", "src_order_no"),
        # time windows of statistic.StockinCollect / StockoutCollect (created, check, consign time)
        Index("ix_stock_document_dir_created", "tenant_id", "direction", "created"),
        Index("ix_stock_document_dir_checked", "tenant_id", "direction", "check_time"),
        Index("ix_stock_document_dir_consigned", "tenant_id", "direction", "consign_time"),
    )
    doc_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    direction: Mapped[str] = mapped_column(String(3))
    order_type: Mapped[int] = mapped_column(Integer)
    doc_no: Mapped[str] = mapped_column(String(40))
    status: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"), index=True)
    src_order_no: Mapped[str] = text_column(40)
    src_order_id: Mapped[int] = integer(0)
    outer_no: Mapped[str] = text_column(40)
    reason: Mapped[str] = text_column(255)
    remark: Mapped[str] = text_column(255)
    flag_name: Mapped[str] = text_column(32)
    logistics_id: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text_column(40)
    operator_name: Mapped[str] = text_column(64)
    checker_name: Mapped[str] = text_column(64)
    check_time: Mapped[datetime | None] = when()
    consign_time: Mapped[datetime | None] = when()
    #: bit flags of warehouse steps done (1 examined, 2 weighed, 16 picked ...)
    consign_status: Mapped[int] = integer(0)
    weight: Mapped[Decimal] = money()
    goods_count: Mapped[Decimal] = money()
    goods_type_count: Mapped[int] = integer(0)
    total_price: Mapped[Decimal] = money()
    is_reserved: Mapped[bool] = flag()
    prop1: Mapped[str] = text_column(255)
    prop2: Mapped[str] = text_column(255)
    #: kind-specific header fields (receiver, provider, refund no ...) as the kind's docs name them
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lines: Mapped[list[StockDocumentLine]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="StockDocumentLine.rec_id")


class StockDocumentLine(Base):
    __tablename__ = "stock_document_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_document.doc_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"), index=True)
    num: Mapped[Decimal] = money()
    price: Mapped[Decimal] = money()
    cost_price: Mapped[Decimal] = money()
    defect: Mapped[bool] = flag()
    position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batch_no: Mapped[str] = mapped_column(String(40), default="")
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    production_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    remark: Mapped[str] = text_column(255)
    src_line_id: Mapped[int] = integer(0)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    document: Mapped[StockDocument] = relationship(back_populates="lines")


class GoodsSn(Timestamps, Base):
    """序列号 (GoodsSN): one serial number of a spec and where it is (states.md §21)."""

    __tablename__ = "goods_sn"
    __table_args__ = (UniqueConstraint("tenant_id", "spec_id", "sn"),
                      Index("ix_goods_sn_tenant_created", "tenant_id", "created"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"), index=True)
    sn: Mapped[str] = text_column(80)
    #: 序列号集合码 (sn_suite_no of sn_new_list)
    second_sn: Mapped[str] = text_column(80)
    #: 10 初始录入 · 15 二次录入 · 20 已入库 · 30 已占用 · 40 已出库 (`SnStatus`)
    status: Mapped[int] = integer(10)
    warehouse_id: Mapped[int] = integer(0)
    stockin_no: Mapped[str] = text_column(40)
    stockout_no: Mapped[str] = text_column(40)
    src_order_no: Mapped[str] = text_column(40)
    src_order_type: Mapped[int] = integer(0)


class DocumentSn(Base):
    """A serial number recorded on a stockin/stockout line (stockin/stockout SN records)."""

    __tablename__ = "stock_document_sn"
    __table_args__ = (UniqueConstraint("doc_id", "spec_id", "sn"),
                      Index("ix_stock_document_sn_tenant_created", "tenant_id", "created"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_document.doc_id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("stock_document_line.rec_id", ondelete="CASCADE"))
    spec_id: Mapped[int] = mapped_column(Integer)
    sn: Mapped[str] = text_column(80)
    second_sn: Mapped[str] = text_column(80)
    defect: Mapped[bool] = flag()
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)


class GoodsPack(Timestamps, Base):
    """箱码: a box of one spec with its own barcode (wms.GoodsPack.upload)."""

    __tablename__ = "goods_pack"
    __table_args__ = (UniqueConstraint("tenant_id", "pack_barcode"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    pack_barcode: Mapped[str] = text_column(50)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    #: 0 未入库 not in stock · 2 已入库 in stock
    status: Mapped[int] = integer(0)
    batch_no: Mapped[str] = text_column(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
