"""Catalog queries as prepared searches (storage/prepared.py): brands and classes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select

from wdterp.domain.catalog.models import Brand, GoodsClass
from wdterp.storage.prepared import Bound, Search, before, equal, given, since

BRANDS = Search(select(*Brand.__table__.c).where(Brand.tenant_id == bindparam("tenant_id")),
                order_by=(Brand.brand_id,), filters={
                    "brand_no": equal(Brand.brand_no), "brand_name": equal(Brand.brand_name),
                    "start_time": since(Brand.modified), "end_time": before(Brand.modified)})

CLASSES = Search(select(*GoodsClass.__table__.c).where(GoodsClass.tenant_id == bindparam("tenant_id")),
                 order_by=(GoodsClass.class_id,), filters={
                     "class_name": equal(GoodsClass.class_name),
                     "start_time": since(GoodsClass.modified), "end_time": before(GoodsClass.modified)})


def brands(tenant_id: int, f: dict[str, Any]) -> Bound:
    return BRANDS.bind(tenant_id=tenant_id, **given(f, "brand_no", "brand_name"),
                       start_time=f.get("start_time"), end_time=f.get("end_time"))


def classes(tenant_id: int, f: dict[str, Any]) -> Bound:
    return CLASSES.bind(tenant_id=tenant_id, **given(f, "class_name"),
                        start_time=f.get("start_time"), end_time=f.get("end_time"))
