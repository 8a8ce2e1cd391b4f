"""Catalog tables; column names follow goods.Goods.push / queryWithSpec and goods.Suite.*."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.domain.columns import flag, integer, money, tenant_fk, text
from wdterp.storage.base import Base, Timestamps


class Brand(Timestamps, Base):
    __tablename__ = "goods_brand"
    __table_args__ = (UniqueConstraint("tenant_id", "brand_no"),)
    brand_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    brand_no: Mapped[str] = text(40)
    brand_name: Mapped[str] = text(64)
    remark: Mapped[str] = text(255)
    is_disabled: Mapped[bool] = flag()


class GoodsClass(Timestamps, Base):
    __tablename__ = "goods_class"
    __table_args__ = (UniqueConstraint("tenant_id", "class_name", "parent_id"),)
    class_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    class_name: Mapped[str] = text(100)
    parent_id: Mapped[int] = integer(0)
    is_leaf: Mapped[bool] = flag(True)
    path: Mapped[str] = text(255)


class Goods(Timestamps, Base):
    __tablename__ = "goods"
    __table_args__ = (UniqueConstraint("tenant_id", "goods_no"),
                      Index("ix_goods_tenant_modified", "tenant_id", "modified"))
    goods_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    goods_no: Mapped[str] = text(40)
    goods_name: Mapped[str] = text(255)
    short_name: Mapped[str] = text(255)
    alias: Mapped[str] = text(255)
    goods_type: Mapped[int] = integer(1)
    class_id: Mapped[int] = integer(0)
    brand_id: Mapped[int] = integer(0)
    unit_name: Mapped[str] = text(20)
    aux_unit_name: Mapped[str] = text(20)
    flag_name: Mapped[str] = text(32)
    origin: Mapped[str] = text(64)
    remark: Mapped[str] = text(512)
    prop1: Mapped[str] = text(255)
    prop2: Mapped[str] = text(255)
    prop3: Mapped[str] = text(255)
    prop4: Mapped[str] = text(255)
    prop5: Mapped[str] = text(255)
    prop6: Mapped[str] = text(255)
    washing_label: Mapped[str] = text(255)
    #: 0 normal; non-zero: deleted (the vendor stores the deletion time id)
    deleted: Mapped[int] = integer(0)


class Spec(Timestamps, Base):
    __tablename__ = "spec"
    __table_args__ = (UniqueConstraint("tenant_id", "spec_no"),
                      Index("ix_spec_tenant_modified", "tenant_id", "modified"))
    spec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    goods_id: Mapped[int] = mapped_column(ForeignKey("goods.goods_id", ondelete="CASCADE"), index=True)
    spec_no: Mapped[str] = text(40)
    spec_code: Mapped[str] = text(40)
    spec_name: Mapped[str] = text(100)
    barcode: Mapped[str] = text(50)
    wms_process_mask: Mapped[int] = integer(0)
    goods_label: Mapped[str] = text(64)
    sn_type: Mapped[int] = integer(0)
    lowest_price: Mapped[Decimal] = money()
    retail_price: Mapped[Decimal] = money()
    wholesale_price: Mapped[Decimal] = money()
    member_price: Mapped[Decimal] = money()
    market_price: Mapped[Decimal] = money()
    custom_price1: Mapped[Decimal] = money()
    custom_price2: Mapped[Decimal] = money()
    validity_days: Mapped[int] = integer(0)
    validity_type: Mapped[int] = integer(0)
    sales_days: Mapped[int] = integer(0)
    receive_days: Mapped[int] = integer(0)
    weight: Mapped[Decimal] = money()
    length: Mapped[Decimal] = money()
    width: Mapped[Decimal] = money()
    height: Mapped[Decimal] = money()
    large_type: Mapped[int] = integer(0)
    is_lower_cost: Mapped[bool] = flag()
    is_not_use_air: Mapped[int] = integer(0)
    is_not_need_examine: Mapped[int] = integer(0)
    tax_rate: Mapped[Decimal] = money()
    tax_code: Mapped[str] = text(40)
    img_url: Mapped[str] = text(1024)
    remark: Mapped[str] = text(512)
    unit_name: Mapped[str] = text(20)
    aux_unit_name: Mapped[str] = text(20)
    flag_name: Mapped[str] = text(32)
    prop1: Mapped[str] = text(255)
    prop2: Mapped[str] = text(255)
    prop3: Mapped[str] = text(255)
    prop4: Mapped[str] = text(255)
    prop5: Mapped[str] = text(255)
    prop6: Mapped[str] = text(255)
    sale_score: Mapped[Decimal] = money()
    pack_score: Mapped[Decimal] = money()
    pick_score: Mapped[Decimal] = money()
    scan_score: Mapped[Decimal] = money()
    deleted: Mapped[int] = integer(0)


class Suite(Timestamps, Base):
    """组合装: a bundle of specs sold as one SKU."""

    __tablename__ = "suite"
    __table_args__ = (UniqueConstraint("tenant_id", "suite_no"),
                      Index("ix_suite_tenant_modified", "tenant_id", "modified"))
    suite_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    suite_no: Mapped[str] = text(40)
    suite_name: Mapped[str] = text(255)
    short_name: Mapped[str] = text(255)
    barcode: Mapped[str] = text(50)
    class_id: Mapped[int] = integer(0)
    brand_id: Mapped[int] = integer(0)
    unit_name: Mapped[str] = text(20)
    aux_unit_name: Mapped[str] = text(20)
    goods_label_name: Mapped[str] = text(64)
    weight: Mapped[Decimal] = money()
    retail_price: Mapped[Decimal] = money()
    wholesale_price: Mapped[Decimal] = money()
    member_price: Mapped[Decimal] = money()
    market_price: Mapped[Decimal] = money()
    print_suite_mode: Mapped[int] = integer(0)
    large_type: Mapped[int] = integer(0)
    remark: Mapped[str] = text(512)
    prop1: Mapped[str] = text(255)
    prop2: Mapped[str] = text(255)
    prop3: Mapped[str] = text(255)
    prop4: Mapped[str] = text(255)
    prop5: Mapped[str] = text(255)
    prop6: Mapped[str] = text(255)
    deleted: Mapped[int] = integer(0)


class SuiteDetail(Base):
    __tablename__ = "suite_detail"
    __table_args__ = (UniqueConstraint("suite_id", "spec_id"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suite_id: Mapped[int] = mapped_column(ForeignKey("suite.suite_id", ondelete="CASCADE"), index=True)
    spec_id: Mapped[int] = mapped_column(ForeignKey("spec.spec_id"), index=True)
    num: Mapped[Decimal] = money()
    is_fixed_price: Mapped[bool] = flag()
    fixed_price: Mapped[Decimal] = money()
    ratio: Mapped[Decimal] = money()


class Barcode(Timestamps, Base):
    """A barcode of a spec (target_type 1) or a suite (2); unique per tenant (E73)."""

    __tablename__ = "barcode"
    __table_args__ = (UniqueConstraint("tenant_id", "barcode"),)
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    barcode: Mapped[str] = text(50)
    target_type: Mapped[int] = integer(1)
    target_id: Mapped[int] = mapped_column(Integer, index=True)
    #: 1 单品条码, 2 组合装条码, 3 箱码 ...
    type: Mapped[int] = integer(1)
    is_master: Mapped[bool] = flag()
