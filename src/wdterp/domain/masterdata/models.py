"""Master data tables; column names follow the vendor's query responses."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.storage.base import Base, Timestamps


def _tenant() -> Mapped[int]:
    return mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"), index=True)


def _text(length: int) -> Mapped[str]:
    return mapped_column(String(length), default="")


class Shop(Timestamps, Base):
    __tablename__ = "shop"
    __table_args__ = (UniqueConstraint("tenant_id", "shop_no"),
                      Index("ix_shop_tenant_modified", "tenant_id", "modified"))
    shop_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    shop_no: Mapped[str] = mapped_column(String(20))
    shop_name: Mapped[str] = _text(64)
    platform_id: Mapped[int] = mapped_column(Integer, default=127)
    sub_platform_id: Mapped[int] = mapped_column(Integer, default=0)
    contact: Mapped[str] = _text(32)
    province: Mapped[str] = _text(50)
    city: Mapped[str] = _text(50)
    district: Mapped[str] = _text(50)
    address: Mapped[str] = _text(255)
    telno: Mapped[str] = _text(40)
    mobile: Mapped[str] = _text(40)
    zip: Mapped[str] = _text(16)
    email: Mapped[str] = _text(64)
    remark: Mapped[str] = _text(255)
    website: Mapped[str] = _text(1024)
    group_id: Mapped[str] = _text(64)
    account_id: Mapped[str] = _text(64)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    auth_state: Mapped[int] = mapped_column(Integer, default=1)
    auth_time: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    expire_time: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    re_expire_time: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Warehouse(Timestamps, Base):
    __tablename__ = "warehouse"
    __table_args__ = (UniqueConstraint("tenant_id", "warehouse_no"),
                      Index("ix_warehouse_tenant_modified", "tenant_id", "modified"))
    warehouse_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    warehouse_no: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = _text(64)
    #: 1 普通 (internal), 2 自流转, 3 平台, 4 京东沧海, 6 抖音云仓, 125 代发仓, 126 分销委外; 11 outsourced
    type: Mapped[int] = mapped_column(Integer, default=1)
    sub_type: Mapped[int] = mapped_column(Integer, default=0)
    zip: Mapped[str] = _text(255)
    address: Mapped[str] = _text(255)
    province: Mapped[str] = _text(50)
    city: Mapped[str] = _text(50)
    district: Mapped[str] = _text(50)
    mobile: Mapped[str] = _text(40)
    telno: Mapped[str] = _text(20)
    contact: Mapped[str] = _text(20)
    remark: Mapped[str] = _text(255)
    purchase_contact: Mapped[str] = _text(20)
    purchase_telno: Mapped[str] = _text(20)
    purchase_address: Mapped[str] = _text(255)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_external: Mapped[bool] = mapped_column(Boolean, default=False)


class Logistics(Timestamps, Base):
    __tablename__ = "logistics"
    __table_args__ = (UniqueConstraint("tenant_id", "logistics_no"),)
    logistics_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    logistics_no: Mapped[str] = mapped_column(String(40))
    logistics_name: Mapped[str] = _text(64)
    main_logistics_name: Mapped[str] = _text(64)
    logistics_type: Mapped[int] = mapped_column(Integer, default=0)
    is_support_cod: Mapped[bool] = mapped_column(Boolean, default=False)
    contact: Mapped[str] = _text(64)
    telno: Mapped[str] = _text(40)
    mobile: Mapped[str] = _text(40)
    address: Mapped[str] = _text(255)
    ebill_api: Mapped[int] = mapped_column(Integer, default=0)
    is_preset_no: Mapped[bool] = mapped_column(Boolean, default=False)
    send_type: Mapped[int] = mapped_column(Integer, default=0)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    max_weight: Mapped[Decimal] = mapped_column(Numeric(19, 4), default=Decimal(0))
    remark: Mapped[str] = _text(255)
    month_card: Mapped[str] = _text(64)
    volume_weight_ratio: Mapped[Decimal] = mapped_column(Numeric(19, 4), default=Decimal(0))
    volume_weight_ratio_switch: Mapped[int] = mapped_column(Integer, default=0)
    volume_type: Mapped[int] = mapped_column(Integer, default=0)
    volume_threshold: Mapped[Decimal] = mapped_column(Numeric(19, 4), default=Decimal(0))
    volume_weight_ratio_special: Mapped[Decimal] = mapped_column(Numeric(19, 4), default=Decimal(0))
    #: business type: 1 销售出库, 2 销售退货, 3 WMS销售, 4 JIT销售, 10 采购
    type: Mapped[int] = mapped_column(Integer, default=1)
    quantity: Mapped[str] = _text(32)


class Employee(Timestamps, Base):
    __tablename__ = "employee"
    __table_args__ = (UniqueConstraint("tenant_id", "employee_no"),
                      Index("ix_employee_tenant_modified", "tenant_id", "modified"))
    employee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    employee_no: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = _text(64)
    shortname: Mapped[str] = _text(64)
    gender: Mapped[int] = mapped_column(Integer, default=0)
    position_name: Mapped[str] = _text(64)
    department_name: Mapped[str] = _text(64)
    #: 工种 bitmask: 1 业务员 2 审单员 4 打单员 8 验货员 16 打包员 32 拣货员 64 发货员 ... 1024 采购员
    roles_mask: Mapped[int] = mapped_column(Integer, default=0)
    remark: Mapped[str] = _text(255)
    is_system_user: Mapped[bool] = mapped_column(Boolean, default=False)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[int] = mapped_column(Integer, default=0)


class Provider(Timestamps, Base):
    __tablename__ = "provider"
    __table_args__ = (UniqueConstraint("tenant_id", "provider_no"),
                      Index("ix_provider_tenant_modified", "tenant_id", "modified"))
    provider_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    provider_no: Mapped[str] = mapped_column(String(20))
    provider_name: Mapped[str] = _text(64)
    contact: Mapped[str] = _text(64)
    telno: Mapped[str] = _text(20)
    mobile: Mapped[str] = _text(20)
    fax: Mapped[str] = _text(20)
    qq: Mapped[str] = _text(20)
    zip: Mapped[str] = _text(20)
    wangwang: Mapped[str] = _text(64)
    email: Mapped[str] = _text(64)
    website: Mapped[str] = _text(128)
    address: Mapped[str] = _text(128)
    arrive_cycle_days: Mapped[int] = mapped_column(Integer, default=0)
    remark: Mapped[str] = _text(256)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    account_bank_no: Mapped[str] = _text(30)
    account_bank: Mapped[str] = _text(30)
    collect_name: Mapped[str] = _text(64)
    province_id: Mapped[int] = mapped_column(Integer, default=0)
    city_id: Mapped[int] = mapped_column(Integer, default=0)
    district_id: Mapped[int] = mapped_column(Integer, default=0)
    provider_group: Mapped[str] = _text(64)
    follower_name: Mapped[str] = _text(64)
    description: Mapped[str] = _text(128)
    last_purchase_time: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class OperationReason(Timestamps, Base):
    __tablename__ = "operation_reason"
    __table_args__ = (Index("ix_operation_reason_tenant_modified", "tenant_id", "modified"),)
    reason_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    #: reason class (退换原因 4, ...); the kind named in E77 comes from it
    class_id: Mapped[int] = mapped_column(Integer, default=4)
    title: Mapped[str] = _text(64)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class TradeLabel(Timestamps, Base):
    """订单标签: a tenant's custom trade attributes (setting.CustomAttr)."""

    __tablename__ = "trade_label"
    __table_args__ = (UniqueConstraint("tenant_id", "attr_type", "attr_key"),
                      Index("ix_trade_label_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    attr_type: Mapped[int] = mapped_column(Integer, default=12)
    attr_key: Mapped[int] = mapped_column(Integer)
    attr_name: Mapped[str] = _text(64)
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class Flag(Timestamps, Base):
    """标记: a user label put on documents (flag_name); unknown or disabled ones answer E76."""

    __tablename__ = "flag"
    __table_args__ = (UniqueConstraint("tenant_id", "flag_name"),)
    flag_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant()
    flag_name: Mapped[str] = mapped_column(String(32))
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
