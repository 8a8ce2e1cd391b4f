"""Catalog tables; column names follow goods.Goods.push / queryWithSpec, goods.Suite.*,
goods.ApiGoods.* (platform goods) and goods.Category.search (platform categories).

Deletion: `deleted` is 0 for a live row and the row's own id once deleted (the vendor stores an
increasing id there, "> 0 means deleted").
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.domain.columns import CustomProps, flag, integer, money, tenant_fk, text, when
from wdterp.storage.base import Base, Timestamps

#: the name of the brand, class, unit and flag a goods gets when none is given (the vendor's '无')
NONE_NAME = "无"
#: parent_id of a top-level goods class
ROOT_CLASS = -1


class Brand(Timestamps, Base):
    __tablename__ = "goods_brand"
    __table_args__ = (UniqueConstraint("tenant_id", "brand_no"), UniqueConstraint("tenant_id", "brand_name"),
                      Index("ix_goods_brand_tenant_modified", "tenant_id", "modified"))
    brand_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    brand_no: Mapped[str] = text(40)
    brand_name: Mapped[str] = text(64)
    remark: Mapped[str] = text(255)
    is_disabled: Mapped[bool] = flag()


class GoodsClass(Timestamps, Base):
    __tablename__ = "goods_class"
    __table_args__ = (UniqueConstraint("tenant_id", "class_name", "parent_id"),
                      Index("ix_goods_class_tenant_modified", "tenant_id", "modified"))
    class_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    class_name: Mapped[str] = text(100)
    #: ROOT_CLASS (-1) for a top-level class
    parent_id: Mapped[int] = integer(ROOT_CLASS)
    #: True: a class (no children allowed); False: a group that may hold classes
    is_leaf: Mapped[bool] = flag(True)
    #: ids from the root down to this class, comma separated ("-1,12,917")
    path: Mapped[str] = text(255)


class GoodsUnit(Timestamps, Base):
    """计量单位: unit names get an id the first time a goods, spec or suite names them."""

    __tablename__ = "goods_unit"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)
    unit_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    name: Mapped[str] = text(20)


class Goods(CustomProps, Timestamps, Base):
    __tablename__ = "goods"
    __table_args__ = (UniqueConstraint("tenant_id", "goods_no"),
                      Index("ix_goods_tenant_modified", "tenant_id", "modified"))
    goods_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    goods_no: Mapped[str] = text(40)
    goods_name: Mapped[str] = text(255)
    short_name: Mapped[str] = text(255)
    alias: Mapped[str] = text(255)
    pinyin: Mapped[str] = text(40)
    goods_type: Mapped[int] = integer(0)
    class_id: Mapped[int] = integer(0)
    brand_id: Mapped[int] = integer(0)
    unit_name: Mapped[str] = text(20)
    aux_unit_name: Mapped[str] = text(20)
    flag_name: Mapped[str] = text(32)
    origin: Mapped[str] = text(64)
    remark: Mapped[str] = text(512)
    washing_label: Mapped[str] = text(255)
    #: 0 normal; > 0 deleted (the goods' own id)
    deleted: Mapped[int] = integer(0)


class Spec(CustomProps, Timestamps, Base):
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
    sale_score: Mapped[Decimal] = money()
    pack_score: Mapped[Decimal] = money()
    pick_score: Mapped[Decimal] = money()
    scan_score: Mapped[Decimal] = money()
    sort_score: Mapped[Decimal] = money()
    supply_score: Mapped[Decimal] = money()
    shelve_score: Mapped[Decimal] = money()
    stockin_score: Mapped[Decimal] = money()
    inspect_score: Mapped[Decimal] = money()
    packing_score: Mapped[Decimal] = money()
    operate_score: Mapped[Decimal] = money()
    weigh_score: Mapped[Decimal] = money()
    consign_score: Mapped[Decimal] = money()
    #: 0 normal; > 0 deleted (the spec's own id)
    deleted: Mapped[int] = integer(0)


class Suite(CustomProps, Timestamps, Base):
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
    flag_name: Mapped[str] = text(32)
    goods_label_name: Mapped[str] = text(64)
    weight: Mapped[Decimal] = money()
    retail_price: Mapped[Decimal] = money()
    wholesale_price: Mapped[Decimal] = money()
    member_price: Mapped[Decimal] = money()
    market_price: Mapped[Decimal] = money()
    print_suite_mode: Mapped[int] = integer(0)
    large_type: Mapped[int] = integer(0)
    remark: Mapped[str] = text(512)
    deleted: Mapped[int] = integer(0)


class SuiteDetail(Timestamps, Base):
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
    #: how many units one scan of this barcode counts for (goods.Barcode.upload `num`)
    num: Mapped[int] = integer(1)


class ApiGoods(Timestamps, Base):
    """平台货品: a shop's listing (platform goods_id + spec_id) and its match to a spec or suite.

    Stock sync bookkeeping: `mark_stock_changed` raises `stock_change_count` and sets
    `is_stock_changed`; a successful sync stores `last_syn_num`/`last_syn_time` and clears the flag
    when the count it synced is still current.
    """

    __tablename__ = "api_goods"
    __table_args__ = (UniqueConstraint("shop_id", "goods_id", "spec_id"),
                      Index("ix_api_goods_tenant_modified", "tenant_id", "modified"),
                      Index("ix_api_goods_match", "tenant_id", "match_target_type", "match_target_id"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id", ondelete="CASCADE"), index=True)
    platform_id: Mapped[int] = integer(127)
    #: platform ids and codes of the listing
    goods_id: Mapped[str] = text(40)
    spec_id: Mapped[str] = text(40)
    outer_id: Mapped[str] = text(40)
    spec_outer_id: Mapped[str] = text(40)
    goods_name: Mapped[str] = text(255)
    spec_name: Mapped[str] = text(100)
    spec_code: Mapped[str] = text(40)
    barcode: Mapped[str] = text(255)
    spec_sku_properties: Mapped[str] = text(1024)
    cid: Mapped[str] = text(40)
    pic_url: Mapped[str] = text(255)
    price: Mapped[Decimal] = money()
    stock_num: Mapped[Decimal] = money()
    #: 0 deleted, 1 on shelf, 2 off shelf
    status: Mapped[int] = integer(1)
    #: 0 normal, 1 deleted on the platform, 2 deleted by hand
    is_deleted: Mapped[int] = integer(0)
    is_auto_match: Mapped[bool] = flag(True)
    #: match to the system: 0 none, 1 spec, 2 suite
    match_target_type: Mapped[int] = integer(0)
    match_target_id: Mapped[int] = integer(0)
    match_code: Mapped[str] = text(40)
    hold_stock: Mapped[Decimal] = money()
    #: 1 拍下减库存, 2 付款减库存
    hold_stock_type: Mapped[int] = integer(2)
    is_auto_listing: Mapped[bool] = flag(True)
    is_auto_delisting: Mapped[bool] = flag(True)
    list_time: Mapped[datetime | None] = when()
    delist_time: Mapped[datetime | None] = when()
    flag_id: Mapped[int] = integer(0)
    flag_name: Mapped[str] = mapped_column(String(32), default=NONE_NAME)
    # stock sync bookkeeping (sales.StockSync.*)
    is_disable_syn: Mapped[bool] = flag()
    disable_syn_until: Mapped[int] = integer(0)
    disabled_reason: Mapped[str] = text(255)
    #: 1 临时延时
    mask: Mapped[int] = integer(0)
    #: -1 until the first successful sync
    last_syn_num: Mapped[Decimal] = mapped_column(Numeric(19, 4), default=Decimal(-1))
    last_syn_time: Mapped[datetime | None] = when()
    last_syn_result: Mapped[str] = text(1024)
    stock_change_count: Mapped[int] = integer(0)
    is_stock_changed: Mapped[bool] = flag()


class PlatformCategory(Timestamps, Base):
    """平台类目: a shop's platform category (goods.Category.search)."""

    __tablename__ = "platform_category"
    __table_args__ = (UniqueConstraint("shop_id", "cid"),
                      Index("ix_platform_category_tenant_modified", "tenant_id", "modified"))
    rec_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.shop_id", ondelete="CASCADE"), index=True)
    platform_id: Mapped[int] = integer(127)
    cid: Mapped[str] = text(40)
    parent_id: Mapped[str] = text(40)
    category_name: Mapped[str] = text(64)
    is_leaf: Mapped[int] = integer(1)
    path: Mapped[str] = text(1024)
    #: 0 normal, 1 deleted category, 2 invalid category
    status: Mapped[int] = integer(0)
    commission_factor: Mapped[Decimal] = money()

