"""goods.*: the goods archive (goods, specs, suites, barcodes, brands, classes), platform goods, categories."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.docs import doc
from wdterp.api.registry import declare
from wdterp.api.validation import ArgsValidator, model_for
from wdterp.api.wire import documented_fields, project, search_shape
from wdterp.domain.catalog import barcodes, brands, listings, search, service, suites
from wdterp.domain.catalog import searches as catalog_searches
from wdterp.domain.catalog.models import ApiGoods, PlatformCategory
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.masterdata.searches import active_shop_id
from wdterp.domain.masterdata.service import active_shop
from wdterp.protocol.clock import CHINA_TZ, now_china
from wdterp.protocol.errors import ApiError

QUERY_SPAN = timedelta(days=30)


def _names(method: str, table: str) -> tuple[str, ...]:
    return documented_fields(method, table)


def _millis(value: datetime) -> int:
    """queryWithSpec answers goods_modified/spec_modified as epoch milliseconds (as the vendor does)."""
    return int(value.replace(tzinfo=CHINA_TZ).timestamp() * 1000)


def _default_end(params: dict[str, Any]) -> None:
    """`end_time` defaults to now; the 30-day span then holds against now (E24)."""
    start = params.get("start_time")
    if start is not None and params.get("end_time") is None:
        params["end_time"] = now_china() + timedelta(seconds=1)
        if params["end_time"] - start > QUERY_SPAN + timedelta(seconds=1):
            raise ApiError("E24", f"start_time {start} without end_time spans more than 30 days")


# ---------------------------------------------------------------------------- goods pushes


@declare("goods.Goods.push")
def push(ctx: CallContext, goods_info: dict[str, Any], spec_list: list[dict[str, Any]]) -> int:
    return service.push_goods(ctx.session, ctx.tenant_id, goods_info, spec_list).goods.goods_id


@declare("goods.Goods.push2")
def push2(ctx: CallContext, goods_info: dict[str, Any], spec_list: list[dict[str, Any]]) -> dict[str, Any]:
    result = service.push_goods(ctx.session, ctx.tenant_id, goods_info, spec_list)
    spec_names = _names(ctx.method, "spec_info_list")
    return project(result.goods, _names(ctx.method, "data"),
                   spec_info_list=[project(s, spec_names) for s in result.specs])


@declare("goods.Goods.batchPush")
def batch_push(ctx: CallContext, goods_list: list[dict[str, Any]]) -> dict[str, Any]:
    errors = service.batch_push(ctx.session, ctx.tenant_id, goods_list)
    names = _names(ctx.method, "error_list")
    return {"error_list": [project(e, names) for e in errors]}


# ---------------------------------------------------------------------------- goods query


@declare("goods.Goods.queryWithSpec", narrowing=("start_time", "end_time", "spec_no", "goods_no"))
def query_with_spec(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    _default_end(params)
    result = ctx.paginate(search.goods_query(ctx.tenant_id, params), lambda g: g)
    views = search.goods_views(ctx.connection, ctx.tenant_id, result["goods_list"], params)
    result["goods_list"] = [_goods_row(ctx.method, v) for v in views]
    return result


def _goods_row(method: str, view: search.GoodsView) -> dict[str, Any]:
    goods = view.goods
    code_names = _names(method, "barcode_list")
    spec_names = _names(method, "spec_list")
    specs = [project(s.spec, spec_names, spec_modified=_millis(s.spec.modified), spec_created=s.spec.created,
                     spec_unit_name=s.spec.unit_name or goods.unit_name,
                     spec_aux_unit_name=s.spec.aux_unit_name or goods.aux_unit_name,
                     spec_flag_name=s.spec.flag_name or goods.flag_name, barcode_count=len(s.barcodes),
                     barcode_list=[project(c, code_names, is_master=int(c.is_master)) for c in s.barcodes])
             for s in view.specs]
    return project(goods, _names(method, "goods_list"),
                   spec_count=view.spec_count, brand_name=view.brand.brand_name if view.brand else "",
                   brand_no=view.brand.brand_no if view.brand else "",
                   class_name=view.goods_class.class_name if view.goods_class else "",
                   goods_modified=_millis(goods.modified), goods_created=goods.created, modified=view.modified,
                   spec_list=specs)


# ---------------------------------------------------------------------------- suites


def _suite_arg() -> Callable[[Any], Any]:
    """`goods_label_name` is required but may be "" ("no label"): present, not necessarily filled."""
    method = doc("goods.Suite.upload2")
    table = method.arg_table("suite") or ()
    relaxed = tuple(replace(f, required=False) if f.name == "goods_label_name" else f for f in table)
    model = model_for(method, relaxed, False)

    def step(value: Any) -> dict[str, Any]:
        if isinstance(value, dict) and "goods_label_name" not in value:
            raise ApiError("E71", "suite.goods_label_name is missing", field="goods_label_name")
        return ArgsValidator.validate_map(model, value, None)

    return step


@declare("goods.Suite.upload2", paged=False, overrides={"suite": _suite_arg()})
def upload_suite(ctx: CallContext, suite: dict[str, Any], details: list[dict[str, Any]]) -> int:
    return suites.upload(ctx.session, ctx.tenant_id, suite, details).suite_id


@declare("goods.Suite.search", narrowing=("start_time", "end_time", "suite_no"))
def search_suite(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    _default_end(params)
    result = ctx.paginate(suites.suites_query(ctx.tenant_id, params), lambda s: s)
    views = suites.suite_views(ctx.connection, ctx.tenant_id, result["suite_list"])
    result["suite_list"] = [_suite_row(ctx.method, v) for v in views]
    return result


def _suite_row(method: str, view: suites.SuiteView) -> dict[str, Any]:
    suite = view.suite
    detail_names = _names(method, "detail_list")
    details = [project(d.detail, detail_names, spec_no=d.spec.spec_no, spec_name=d.spec.spec_name,
                       spec_code=d.spec.spec_code, barcode=d.spec.barcode, goods_no=d.goods.goods_no,
                       goods_id=d.goods.goods_id, goods_name=d.goods.goods_name, deleted=d.spec.deleted,
                       unit=d.unit)
               for d in view.details]
    return project(suite, _names(method, "suite_list"),
                   brand_name=view.brand.brand_name if view.brand else "",
                   class_name=view.goods_class.class_name if view.goods_class else "",
                   goods_label=suite.goods_label_name, suite_modified=suite.modified,
                   suite_created=suite.created, barcode_count=view.barcode_count, detail_list=details)


# ---------------------------------------------------------------------------- barcodes


@declare("goods.Barcode.upload")
def upload_barcodes(ctx: CallContext, items: list[dict[str, Any]]) -> dict[str, Any]:
    errors = barcodes.upload(ctx.session, ctx.tenant_id, items)
    names = _names(ctx.method, "error_list")
    return {"error_list": [project(e, names) for e in errors]}


# ---------------------------------------------------------------------------- brands and classes


def _brand_arg() -> Callable[[Any], Any]:
    """The page types `params` as one map; its own example sends a list of them: both are taken."""
    method = doc("goods.GoodsBrand.upload")
    model = model_for(method, method.arg_table("params") or (), False)

    def step(value: Any) -> list[dict[str, Any]]:
        items = value if isinstance(value, list) else [value]
        return [ArgsValidator.validate_map(model, item, None) for item in items]

    return step


@declare("goods.GoodsBrand.upload", overrides={"params": _brand_arg()})
def upload_brand(ctx: CallContext, items: list[dict[str, Any]]) -> dict[str, Any]:
    names = _names(ctx.method, "ErrorInfo")
    errors = [e for e in (brands.upload_brand(ctx.session, ctx.tenant_id, item) for item in items) if e]
    return {"error_info": [{**project(e, names), "name": e.brand_name} for e in errors]}


@declare("goods.GoodsBrand.search")
def search_brand(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(catalog_searches.brands(ctx.tenant_id, params), BRAND_ROWS, _brand_flags)


BRAND_ROWS = search_shape("goods.GoodsBrand.search", "detail_list", catalog_searches.BRANDS.columns, ("is_disabled",))
_DISABLED = catalog_searches.BRANDS.index("is_disabled")


def _brand_flags(rows: list[Any]) -> dict[str, list[Any]]:
    return {"is_disabled": [int(bool(r[_DISABLED])) for r in rows]}


@declare("goods.GoodsClass.upload", paged=False)
def upload_class(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    row = brands.create_class(ctx.session, ctx.tenant_id, params["class_name"], params.get("parent_class_name"),
                              bool(params["is_leaf"]))
    return project(row, _names(ctx.method, "data"))


@declare("goods.GoodsClass.search")
def search_class(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(catalog_searches.classes(ctx.tenant_id, params), CLASS_ROWS)


CLASS_ROWS = search_shape("goods.GoodsClass.search", "order_list", catalog_searches.CLASSES.columns)


# ---------------------------------------------------------------------------- platform goods, categories


@declare("goods.ApiGoods.upload")
def upload_api_goods(ctx: CallContext, param: dict[str, Any]) -> dict[str, Any]:
    shop = active_shop(ctx.session, ctx.tenant_id, param.get("shop_no"), ctx.permitted_shops())
    saved = listings.upload(ctx.session, ctx.tenant_id, shop, list(param.get("goods_list") or []))
    return {"status": 0, "rec_ids": [row.rec_id for row in saved]}


def _shop_scope(ctx: CallContext, params: dict[str, Any]) -> list[int] | None:
    if params.get("shop_no"):
        return [active_shop_id(ctx.connection, ctx.tenant_id, params["shop_no"], ctx.permitted_shops())]
    return listings.shop_ids(ctx.connection, ctx.tenant_id, ctx.permitted_shops())


@declare("goods.ApiGoods.search")
def search_api_goods(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = listings.listings_query(ctx.tenant_id, params, _shop_scope(ctx, params))
    result = ctx.paginate(stmt, lambda row: row, scalars=False)
    targets = listings.targets_of(ctx.connection, [listing for listing, _ in result["goods_list"]])
    names = _names(ctx.method, "goods_list")
    result["goods_list"] = [_listing_row(names, listing, shop, targets.get(listing.rec_id))
                            for listing, shop in result["goods_list"]]
    return result


def _listing_row(names: tuple[str, ...], listing: ApiGoods, shop: Shop,
                 target: listings.Target | None) -> dict[str, Any]:
    return project(listing, names, shop_no=shop.shop_no, shop_name=shop.shop_name,
                   is_auto_match=int(listing.is_auto_match), merchant_no=target.merchant_no if target else "",
                   merchant_name=target.merchant_name if target else "",
                   merchant_code=target.merchant_code if target else "",
                   brand_id=target.brand_id if target else 0, goods_no=target.goods_no if target else "")


@declare("goods.Category.search")
def search_category(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = listings.categories_query(ctx.tenant_id, params, _shop_scope(ctx, params))
    names = _names(ctx.method, "category_list")

    def row(pair: tuple[PlatformCategory, Shop]) -> dict[str, Any]:
        category, shop = pair
        return project(category, names, shop_no=shop.shop_no)

    return ctx.paginate(stmt, row, scalars=False)
