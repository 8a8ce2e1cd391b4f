"""Tables of the warehouse side of sales stockouts (one row per stockout, pick lists, packing lists,
position allocations). The stockout itself is a `StockDocument` (order_type 1)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text, when
from wdterp.storage.base import Base, Timestamps


class StockoutWms(Timestamps, Base):
    """Warehouse facts of one sales stockout: who packed/picked it, its packaging and measurements."""

    __tablename__ = "sales_stockout_wms"
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_document.doc_id", ondelete="CASCADE"), primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    packager_id: Mapped[int] = integer(0)
    packager_name: Mapped[str] = text(64)
    picker_name: Mapped[str] = text(64)
    operate_table_name: Mapped[str] = text(64)
    #: the packaging item (包装物) used, 0 none
    package_spec_id: Mapped[int] = integer(0)
    package_name: Mapped[str] = text(100)
    package_fee: Mapped[Decimal] = money()
    calc_weight: Mapped[Decimal] = money()
    length: Mapped[Decimal] = money()
    width: Mapped[Decimal] = money()
    height: Mapped[Decimal] = money()
    weigh_time: Mapped[datetime | None] = when()


class PickList(Timestamps, Base):
    """分拣波次: checked sales stockouts of one warehouse picked together."""

    __tablename__ = "sales_pick_list"
    __table_args__ = (UniqueConstraint("tenant_id", "pick_no"),)
    pick_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    pick_no: Mapped[str] = text(40)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    logistics_id: Mapped[int] = integer(0)
    #: PickStatus
    status: Mapped[int] = integer(0)
    picker_name: Mapped[str] = text(64)
    finish_time: Mapped[datetime | None] = when()
    orders: Mapped[list[PickListOrder]] = relationship(
        cascade="all, delete-orphan", order_by="PickListOrder.seq")


class PickListOrder(Base):
    __tablename__ = "sales_pick_list_order"
    __table_args__ = (UniqueConstraint("pick_id", "doc_id"), Index("ix_sales_pick_list_order_doc", "doc_id"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pick_id: Mapped[int] = mapped_column(ForeignKey("sales_pick_list.pick_id", ondelete="CASCADE"))
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_document.doc_id", ondelete="CASCADE"))
    #: 分拣序号 (1-based)
    seq: Mapped[int] = integer(1)


class Package(Timestamps, Base):
    """装箱单 / 物流单: one package of a stockout with its own tracking number."""

    __tablename__ = "sales_package"
    __table_args__ = (UniqueConstraint("tenant_id", "order_no"),
                      Index("ix_sales_package_tenant_modified", "tenant_id", "modified"),
                      Index("ix_sales_package_logistics_no", "tenant_id", "logistics_no"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    order_no: Mapped[str] = text(40)
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_document.doc_id", ondelete="CASCADE"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.warehouse_id"))
    src_order_type: Mapped[int] = integer(1)
    #: PackageStatus
    status: Mapped[int] = integer(10)
    logistics_id: Mapped[int] = integer(0)
    logistics_no: Mapped[str] = text(50)
    weight: Mapped[Decimal] = money()
    calc_weight: Mapped[Decimal] = money()
    length: Mapped[Decimal] = money()
    width: Mapped[Decimal] = money()
    height: Mapped[Decimal] = money()
    postage: Mapped[Decimal] = money()
    package_name: Mapped[str] = text(40)
    packager_id: Mapped[int] = integer(0)
    packager_name: Mapped[str] = text(64)
    remark: Mapped[str] = text(256)
    consign_time: Mapped[datetime | None] = when()
    #: the stockout's first package (weighing lands on it)
    is_main: Mapped[bool] = flag()
    lines: Mapped[list[PackageLine]] = relationship(cascade="all, delete-orphan", order_by="PackageLine.rec_id")


class PackageLine(Base):
    __tablename__ = "sales_package_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("sales_package.rec_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"))
    num: Mapped[Decimal] = money()
    defect: Mapped[bool] = flag()
    batch_no: Mapped[str] = text(40)
    remark: Mapped[str] = text(512)


class Allocation(Base):
    """分配明细: where (position, batch, expiry) a stockout line's goods were taken from at shipment."""

    __tablename__ = "sales_stockout_allocation"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_document.doc_id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("stock_document_line.rec_id", ondelete="CASCADE"))
    spec_id: Mapped[int] = mapped_column(Integer)
    position_id: Mapped[int] = mapped_column(Integer)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    production_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    num: Mapped[Decimal] = money()
