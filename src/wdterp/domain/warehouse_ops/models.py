"""Warehouse work documents: stock counts, move orders, replenishments, defect conversions; zones and
default positions. Column names follow the vendor's query responses (wms.StockPd.*, wms.MoveOrder.*,
wms.StockShelve.*, wms.stockdefect.DefectChange.*, wms.PositionCapacity.search)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wdterp.domain.columns import flag, integer, money, tenant_fk, text
from wdterp.protocol.clock import now_china
from wdterp.storage.base import Base, Timestamps


def _warehouse() -> Mapped[int]:
    return mapped_column(ForeignKey("warehouse.warehouse_id"), index=True)


def _spec() -> Mapped[int]:
    return mapped_column(ForeignKey("spec.spec_id"), index=True)


def _expire() -> Mapped[date | None]:
    return mapped_column(Date, nullable=True)


# ---------------------------------------------------------------------------- zones, default positions


class Zone(Timestamps, Base):
    """货区: a named area of a warehouse; positions name their zone by `zone_no`."""

    __tablename__ = "warehouse_zone"
    __table_args__ = (UniqueConstraint("warehouse_id", "zone_no"),)
    zone_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    warehouse_id: Mapped[int] = _warehouse()
    zone_no: Mapped[str] = text(20)
    name: Mapped[str] = text(64)
    #: statuses.ZoneType: 1 picking, 2 storage, 3 other
    type: Mapped[int] = integer(1)


class PositionCapacity(Timestamps, Base):
    """默认货位: a spec's default (picking) position in a warehouse and how much it holds."""

    __tablename__ = "position_capacity"
    __table_args__ = (UniqueConstraint("warehouse_id", "spec_id", "defect"),
                      Index("ix_position_capacity_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    warehouse_id: Mapped[int] = _warehouse()
    spec_id: Mapped[int] = _spec()
    defect: Mapped[bool] = flag()
    position_id: Mapped[int] = mapped_column(ForeignKey("position.position_id"))
    #: the most the position holds (replenishment fills up to it); 0 = no limit set
    capacity: Mapped[Decimal] = money()
    #: replenish when the position holds less than this
    low_num: Mapped[Decimal] = money()


# ---------------------------------------------------------------------------- stock counts


class StockCount(Timestamps, Base):
    """盘点单 (the vendor's pd): `rec_id` is the pd id, `pd_no` its number."""

    __tablename__ = "stock_count"
    __table_args__ = (UniqueConstraint("tenant_id", "pd_no"),
                      Index("ix_stock_count_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    pd_no: Mapped[str] = text(20)
    warehouse_id: Mapped[int] = _warehouse()
    mode: Mapped[int] = integer(0)
    status: Mapped[int] = integer(30)
    defect_mode: Mapped[int] = integer(0)
    creator_no: Mapped[str] = text(40)
    operator_no: Mapped[str] = text(40)
    remark: Mapped[str] = text(255)
    finished_time: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    lines: Mapped[list[StockCountLine]] = relationship(
        back_populates="count", cascade="all, delete-orphan", order_by="StockCountLine.rec_id")


class StockCountLine(Base):
    __tablename__ = "stock_count_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pd_id: Mapped[int] = mapped_column(ForeignKey("stock_count.rec_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = _spec()
    defect: Mapped[bool] = flag()
    #: set for position counts (mode 1/3); None = the whole stock row
    position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = _expire()
    #: stock before the count: the snapshot at start, replaced by the figure at execution
    old_num: Mapped[Decimal] = money()
    #: the counted quantity; None until entered
    new_num: Mapped[Decimal | None] = mapped_column(Numeric(19, 4), nullable=True)
    executed: Mapped[bool] = flag()
    remark: Mapped[str] = text(255)
    created: Mapped[datetime] = mapped_column(DateTime, default=now_china)
    modified: Mapped[datetime] = mapped_column(DateTime, default=now_china, onupdate=now_china)
    count: Mapped[StockCount] = relationship(back_populates="lines")


# ---------------------------------------------------------------------------- move orders


class MoveOrder(Timestamps, Base):
    """移位单: stock moved between positions of one warehouse."""

    __tablename__ = "move_order"
    __table_args__ = (UniqueConstraint("tenant_id", "order_no"),
                      Index("ix_move_order_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    order_no: Mapped[str] = text(20)
    warehouse_id: Mapped[int] = _warehouse()
    type: Mapped[int] = integer(0)
    status: Mapped[int] = integer(10)
    remark: Mapped[str] = text(255)
    creator_name: Mapped[str] = text(50)
    lines: Mapped[list[MoveOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="MoveOrderLine.rec_id")


class MoveOrderLine(Base):
    __tablename__ = "move_order_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("move_order.rec_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = _spec()
    defect: Mapped[bool] = flag()
    num: Mapped[Decimal] = money()
    from_position_id: Mapped[int] = mapped_column(ForeignKey("position.position_id"))
    to_position_id: Mapped[int] = mapped_column(ForeignKey("position.position_id"))
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = _expire()
    order: Mapped[MoveOrder] = relationship(back_populates="lines")


# ---------------------------------------------------------------------------- replenishment


class StockShelve(Timestamps, Base):
    """补货单: stock taken down from storage positions and put up on picking positions."""

    __tablename__ = "stock_shelve"
    __table_args__ = (UniqueConstraint("tenant_id", "order_no"),
                      Index("ix_stock_shelve_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    order_no: Mapped[str] = text(40)
    warehouse_id: Mapped[int] = _warehouse()
    type: Mapped[int] = integer(0)
    status: Mapped[int] = integer(10)
    from_zone_no: Mapped[str] = text(20)
    to_zone_no: Mapped[str] = text(20)
    operator_name: Mapped[str] = text(50)
    remark: Mapped[str] = text(255)
    lines: Mapped[list[StockShelveLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="StockShelveLine.rec_id")


class StockShelveLine(Base):
    __tablename__ = "stock_shelve_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("stock_shelve.rec_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = _spec()
    defect: Mapped[bool] = flag()
    from_position_id: Mapped[int] = mapped_column(ForeignKey("position.position_id"))
    to_position_id: Mapped[int] = mapped_column(ForeignKey("position.position_id"))
    down_num: Mapped[Decimal] = money()
    up_num: Mapped[Decimal] = money()
    cart_seat: Mapped[int] = integer(0)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = _expire()
    order: Mapped[StockShelve] = relationship(back_populates="lines")


# ---------------------------------------------------------------------------- defect conversion


class DefectChange(Timestamps, Base):
    """正残转换单: stock converted between good and defective (`type` true = 残转正)."""

    __tablename__ = "defect_change"
    __table_args__ = (UniqueConstraint("tenant_id", "change_no"),
                      Index("ix_defect_change_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    change_no: Mapped[str] = text(20)
    warehouse_id: Mapped[int] = _warehouse()
    type: Mapped[bool] = flag()
    status: Mapped[int] = integer(30)
    goods_count: Mapped[Decimal] = money()
    goods_type_count: Mapped[int] = integer(0)
    creator_name: Mapped[str] = text(20)
    creator_id: Mapped[int] = integer(0)
    remark: Mapped[str] = text(255)
    lines: Mapped[list[DefectChangeLine]] = relationship(
        back_populates="change", cascade="all, delete-orphan", order_by="DefectChangeLine.rec_id")


class DefectChangeLine(Timestamps, Base):
    __tablename__ = "defect_change_line"
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("defect_change.rec_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = _spec()
    #: the source side's defect flag (the stock converted from)
    defect: Mapped[bool] = flag()
    num: Mapped[Decimal] = money()
    #: None: the stock row as a whole, without positions
    from_position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    to_position_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batch_no: Mapped[str] = text(40)
    expire_date: Mapped[date | None] = _expire()
    remark: Mapped[str] = text(255)
    change: Mapped[DefectChange] = relationship(back_populates="lines")
