"""`wdterp load` sections of the catalog: goods (with specs and barcodes), suites, api_goods, categories.

Rows are named as the vendor's query responses name them:

    goods:
      - goods_no: TS01
        goods_name: T恤
        brand_name: 演示品牌          # created when missing
        spec_list:
          - {spec_no: TS01-W-M, spec_name: 白 M, retail_price: 59, barcode: "6900000000011",
             barcode_list: ["6900000000012"]}
    suites:
      - {suite_no: TS-SET, suite_name: 两件套, detail_list: [{spec_no: TS01-W-M, num: 2}]}
    api_goods:
      - {shop_no: demo-mall, goods_id: "1001", spec_id: "1001-1", spec_outer_id: TS01-W-M}
    categories:
      - {shop_no: demo-mall, cid: "30", category_name: 上衣, parent_id: "0"}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog import barcodes, listings, service, suites
from wdterp.domain.catalog.models import ApiGoods, Goods, PlatformCategory, Spec, Suite, SuiteDetail
from wdterp.domain.masterdata.loader import LoadError, SectionHandler, SectionResult, cast, each_row
from wdterp.domain.masterdata.service import find_shop

_GOODS_KEYS = ("goods_no", "brand_name", "class_name", "spec_list", *service.GOODS_FIELDS)
_SPEC_KEYS = ("spec_no", "barcode", "barcode_list", *service.SPEC_FIELDS)
_SUITE_KEYS = ("suite_no", "brand_name", "class_name", "barcode", "goods_label", "detail_list", *suites.SUITE_FIELDS)
_DETAIL_KEYS = ("spec_no", "num", "is_fixed_price", "fixed_price", "ratio")
_LISTING_KEYS = ("shop_no", "goods_id", "spec_id", "outer_id", "spec_outer_id", "goods_name", "spec_name",
                 "spec_code", "barcode", "spec_sku_properties", "cid", "pic_url", "price", "stock_num", "status",
                 "hold_stock_type", "is_auto_listing", "is_auto_delisting", "is_disable_syn", "merchant_no")
_CATEGORY_KEYS = ("shop_no", "cid", "parent_id", "category_name", "is_leaf", "path", "status", "commission_factor")


def _fields(model: Any, raw: dict[str, Any], allowed: Iterable[str], where: str,
            nested: Iterable[str] = ()) -> dict[str, Any]:
    known = tuple(allowed)
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise LoadError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}; known fields: {', '.join(known)}")
    out: dict[str, Any] = {}
    columns = model.__table__.columns
    for name, value in raw.items():
        try:
            out[name] = cast(columns[name].type, value) if name in columns and name not in nested else value
        except (TypeError, ValueError) as exc:
            raise LoadError(f"{where}.{name}: {exc}") from exc
    return out


def _rows(raw: Any, where: str) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise LoadError(f"{where} must be a list of mappings")
    return raw


def load_goods(session: Session, tenant_id: int, rows: list[dict[str, Any]], section: str) -> SectionResult:
    def one(raw: dict[str, Any], where: str) -> bool:
        values = _fields(Goods, raw, _GOODS_KEYS, where, nested=("spec_list",))
        existed = service.find_goods(session, tenant_id, str(values["goods_no"])) is not None
        specs = []
        for i, spec_raw in enumerate(_rows(values.pop("spec_list", None), f"{where}.spec_list")):
            specs.append(_fields(Spec, spec_raw, _SPEC_KEYS, f"{where}.spec_list[{i}]", nested=("barcode_list",)))
        result = service.push_goods(session, tenant_id, {**values, "auto_create_bc": True}, specs)
        for spec, spec_values in zip(result.specs, specs, strict=True):
            for code in spec_values.get("barcode_list") or []:
                text = code.get("barcode") if isinstance(code, dict) else code
                barcodes.claim(session, tenant_id, str(text), barcodes.SPEC, spec.spec_id)
        return existed

    return each_row(rows, section, "goods_no", one)


def load_suites(session: Session, tenant_id: int, rows: list[dict[str, Any]], section: str) -> SectionResult:
    def one(raw: dict[str, Any], where: str) -> bool:
        values = _fields(Suite, raw, _SUITE_KEYS, where, nested=("detail_list",))
        if "goods_label" in values:
            values["goods_label_name"] = values.pop("goods_label")
        details = [_fields(SuiteDetail, d, _DETAIL_KEYS, f"{where}.detail_list[{i}]")
                   for i, d in enumerate(_rows(values.pop("detail_list", None), f"{where}.detail_list"))]
        existed = session.scalar(select(Suite.suite_id).where(
            Suite.tenant_id == tenant_id, Suite.suite_no == str(values["suite_no"]))) is not None
        suites.upload(session, tenant_id, values, details)
        return existed

    return each_row(rows, section, "suite_no", one)


def _shop(session: Session, tenant_id: int, shop_no: Any, where: str) -> Any:
    shop = find_shop(session, tenant_id, str(shop_no or ""))
    if shop is None:
        raise LoadError(f"{where}: unknown shop_no {shop_no!r} (list it under 'shops')")
    return shop


def load_api_goods(session: Session, tenant_id: int, rows: list[dict[str, Any]], section: str) -> SectionResult:
    def one(raw: dict[str, Any], where: str) -> bool:
        values = _fields(ApiGoods, raw, _LISTING_KEYS, where)
        shop = _shop(session, tenant_id, values.pop("shop_no"), where)
        merchant_no = values.pop("merchant_no", None)
        existed = session.scalar(select(ApiGoods.rec_id).where(
            ApiGoods.shop_id == shop.shop_id, ApiGoods.goods_id == str(values.get("goods_id") or ""),
            ApiGoods.spec_id == str(values.get("spec_id") or ""))) is not None
        listing = listings.save_listing(session, tenant_id, shop, values)
        if merchant_no:
            listings.match_by_hand(session, tenant_id, listing, str(merchant_no))
        return existed

    return each_row(rows, section, "shop_no", one)


def load_categories(session: Session, tenant_id: int, rows: list[dict[str, Any]], section: str) -> SectionResult:
    def one(raw: dict[str, Any], where: str) -> bool:
        values = _fields(PlatformCategory, raw, _CATEGORY_KEYS, where)
        shop = _shop(session, tenant_id, values.pop("shop_no"), where)
        if values.get("cid") in (None, ""):
            raise LoadError(f"{where}: 'cid' is required (it identifies the row)")
        existed = session.scalar(select(PlatformCategory.rec_id).where(
            PlatformCategory.shop_id == shop.shop_id, PlatformCategory.cid == str(values["cid"]))) is not None
        listings.save_category(session, tenant_id, shop, values)
        return existed

    return each_row(rows, section, "shop_no", one)


#: the sections of this module in load order (registered by `wdterp.wiring`)
SECTIONS: tuple[tuple[str, SectionHandler], ...] = (
    ("goods", load_goods),
    ("suites", load_suites),
    ("api_goods", load_api_goods),
    ("categories", load_categories),
)
