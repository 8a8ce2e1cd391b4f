"""Brands and goods classes: lookups by name (created on the fly where a page allows), uploads, searches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import NONE_NAME, ROOT_CLASS, Brand, GoodsClass, GoodsUnit
from wdterp.domain.catalog.rows import check_lengths
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import Reader
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error

#: prefix of generated brand numbers (BD + YYYYMMDD + sequence, as the vendor numbers them)
BRAND_PREFIX = "BD"


# ---------------------------------------------------------------------------- brands


def find_brand(session: Session, tenant_id: int, brand_name: str) -> Brand | None:
    return session.scalar(select(Brand).where(Brand.tenant_id == tenant_id, Brand.brand_name == brand_name))


def brand_named(session: Session, tenant_id: int, brand_name: str | None, create: bool) -> Brand:
    """The brand of a pushed goods: '无' when none is named; an unknown one is created when allowed."""
    name = brand_name or NONE_NAME
    brand = find_brand(session, tenant_id, name)
    if brand is None:
        if not create and name != NONE_NAME:
            raise business_error(f"品牌{name}不存在", f"brand {name!r} unknown and auto_create_bc is off")
        check_lengths(Brand, {"brand_name": name})
        brand = Brand(tenant_id=tenant_id, brand_no=next_no(session, tenant_id, BRAND_PREFIX), brand_name=name)
        session.add(brand)
        session.flush()
    return brand


@dataclass(frozen=True)
class BrandError:
    brand_name: str
    err_msg: str


def upload_brand(session: Session, tenant_id: int, values: dict[str, Any]) -> BrandError | None:
    """Create or update one brand (by brand_no when given); a duplicate name is reported, not raised."""
    name = str(values["brand_name"])
    brand_no = values.get("brand_no")
    brand = None
    if brand_no:
        brand = session.scalar(select(Brand).where(Brand.tenant_id == tenant_id, Brand.brand_no == brand_no))
    same_name = find_brand(session, tenant_id, name)
    if same_name is not None and same_name is not brand:
        return BrandError(name, f"{name}:品牌名称重复")
    if brand is None:
        brand = Brand(tenant_id=tenant_id, brand_no=brand_no or next_no(session, tenant_id, BRAND_PREFIX))
        session.add(brand)
    brand.brand_name = name
    if values.get("remark") is not None:
        brand.remark = str(values["remark"])
    if values.get("is_disabled") is not None:
        brand.is_disabled = bool(values["is_disabled"])
    brand.modified = now_china()
    session.flush()
    return None




# ---------------------------------------------------------------------------- classes


def find_class(session: Session, tenant_id: int, class_name: str) -> GoodsClass | None:
    """A class by name; where names repeat in the tree, a leaf class first, then the oldest."""
    stmt = (select(GoodsClass).where(GoodsClass.tenant_id == tenant_id, GoodsClass.class_name == class_name)
            .order_by(GoodsClass.is_leaf.desc(), GoodsClass.class_id).limit(1))
    return session.scalar(stmt)


def class_named(session: Session, tenant_id: int, class_name: str | None, create: bool) -> GoodsClass:
    name = class_name or NONE_NAME
    found = find_class(session, tenant_id, name)
    if found is None:
        if not create and name != NONE_NAME:
            raise business_error(f"分类{name}不存在", f"class {name!r} unknown and auto_create_bc is off")
        found = _new_class(session, tenant_id, name, None, is_leaf=True)
    return found


def file_under(session: Session, tenant_id: int, item: Any, values: dict[str, Any], create: bool,
               is_new: bool) -> None:
    """Set the brand and class of a goods or suite: a new one gets '无' for what is not named, an existing
    one changes only what is named."""
    if is_new or values.get("brand_name"):
        item.brand_id = brand_named(session, tenant_id, values.get("brand_name"), create).brand_id
    if is_new or values.get("class_name"):
        item.class_id = class_named(session, tenant_id, values.get("class_name"), create).class_id


def _new_class(session: Session, tenant_id: int, name: str, parent: GoodsClass | None,
               is_leaf: bool) -> GoodsClass:
    check_lengths(GoodsClass, {"class_name": name})
    row = GoodsClass(tenant_id=tenant_id, class_name=name, is_leaf=is_leaf,
                     parent_id=parent.class_id if parent else ROOT_CLASS)
    session.add(row)
    session.flush()
    row.path = f"{parent.path if parent else ROOT_CLASS},{row.class_id}"
    session.flush()
    return row


def create_class(session: Session, tenant_id: int, class_name: str, parent_class_name: str | None,
                 is_leaf: bool) -> GoodsClass:
    """goods.GoodsClass.upload: a class (leaf) or group under a group, top level by default."""
    parent = None
    if parent_class_name:
        parent = session.scalar(select(GoodsClass).where(
            GoodsClass.tenant_id == tenant_id, GoodsClass.class_name == parent_class_name,
            GoodsClass.is_leaf.is_(False)).order_by(GoodsClass.class_id).limit(1))
        if parent is None:
            raise business_error(f"父分类{parent_class_name}不存在或不是分组",
                                 f"parent class {parent_class_name!r} unknown or a leaf class")
    parent_id = parent.class_id if parent else ROOT_CLASS
    exists = session.scalar(select(GoodsClass.class_id).where(
        GoodsClass.tenant_id == tenant_id, GoodsClass.class_name == class_name,
        GoodsClass.parent_id == parent_id))
    if exists is not None:
        raise business_error(f"分类{class_name}已存在", f"class {class_name!r} exists under {parent_id}")
    return _new_class(session, tenant_id, class_name, parent, is_leaf)




# ---------------------------------------------------------------------------- units


def ensure_units(session: Session, tenant_id: int, names: Iterable[str | None]) -> None:
    """Give every named unit an id ('无' and empty names have none: 0)."""
    wanted = {n for n in names if n and n != NONE_NAME}
    if not wanted:
        return
    known = set(session.scalars(select(GoodsUnit.name).where(GoodsUnit.tenant_id == tenant_id,
                                                              GoodsUnit.name.in_(sorted(wanted)))))
    for name in sorted(wanted - known):
        check_lengths(GoodsUnit, {"name": name})
        session.add(GoodsUnit(tenant_id=tenant_id, name=name))
    session.flush()


def unit_ids(session: Reader, tenant_id: int, names: Iterable[str]) -> dict[str, int]:
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    return dict(session.execute(select(GoodsUnit.name, GoodsUnit.unit_id).where(
        GoodsUnit.tenant_id == tenant_id, GoodsUnit.name.in_(wanted))).all())
