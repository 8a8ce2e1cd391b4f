"""wms.stockout.Sales.* (sales stockout queries and weighing), wms.stockout.SalesPick.*, wms.stockout.Pack.search."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select

from wdterp.api.context import DEFAULT_PAGE, CallContext
from wdterp.api.methods.wms_sales_rows import stockout_mapper
from wdterp.api.registry import declare
from wdterp.api.wire import Envelope, documented_fields, project
from wdterp.domain.documents import views
from wdterp.domain.masterdata.models import Logistics
from wdterp.domain.sales_wms import facts as stockout_facts
from wdterp.domain.sales_wms import picking, queries, service
from wdterp.domain.sales_wms.allocation import allocations_of
from wdterp.domain.sales_wms.common import trade_of
from wdterp.domain.sales_wms.models import Package
from wdterp.domain.sales_wms.statuses import LOGISTICS_STATUS
from wdterp.domain.sales_wms.weighing import Weighed

ONE_HOUR = timedelta(hours=1)


def _page(ctx: CallContext, stmt: Select[Any], scalars: bool = True) -> tuple[list[Any], int, int]:
    """One page of a select: (rows, total, offset)."""
    rows, total = ctx.fetch_page(stmt, scalars)
    return rows, total, (ctx.page or DEFAULT_PAGE).offset


# ---------------------------------------------------------------------------- stockout queries


def _stockouts(ctx: CallContext, params: dict[str, Any], history: bool) -> dict[str, Any]:
    stmt = queries.stockouts_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_warehouses(),
                                   ctx.permitted_shops(), history)
    docs, total, offset = _page(ctx, stmt)
    facts = stockout_facts.load(ctx.connection, ctx.tenant_id, docs, with_sn=bool(params.get("need_sn")))
    mapper = stockout_mapper(facts, ctx.method, params, offset)
    return ctx.page_of([mapper(d) for d in docs], total, "order")


# status_type / status: the page marks them required but describes a default (0) and status as used only
# with status_type 3; its own example sends neither. The window may be left out with a document number.
@declare("wms.stockout.Sales.queryWithDetail", window_unless=("stockout_no", "src_order_no", "logistics_no"),
         optional=("status_type", "status"), filters=("params",))
def query_with_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _stockouts(ctx, params, history=False)


@declare("wms.stockout.Sales.queryHistoryWithDetail", window_unless=("stockout_no", "src_order_no", "logistics_no"),
         optional=("status_type",), filters=("params",))
def query_history_with_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _stockouts(ctx, params, history=True)


@declare("wms.stockout.Sales.searchCancel", time_span=ONE_HOUR, list_name="order_list")
def search_cancel(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    names = documented_fields(ctx.method, "order_list")
    stmt = queries.cancelled_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_warehouses())
    return ctx.paginate(stmt, lambda d: project(d, names, stockout_id=d.doc_id, stockout_no=d.doc_no),
                        "order_list")


@declare("wms.stockout.Sales.searchLogistics", list_name="order_list")
def search_logistics(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    names = documented_fields(ctx.method, "order_list")
    stmt = queries.logistics_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_warehouses())
    rows, total, _ = _page(ctx, stmt, scalars=False)
    facts = views.load(ctx.connection, ctx.tenant_id, warehouse_ids=[p.warehouse_id for p, *_ in rows],
                       logistics_ids=[p.logistics_id for p, *_ in rows])
    out = []
    for package, doc, _trade, shop in rows:
        warehouse = facts.warehouse(package.warehouse_id)
        out.append(project(package, names, stockout_no=doc.doc_no, stockout_id=doc.doc_id,
                           logistics_name=facts.carrier(package.logistics_id)[1],
                           status=LOGISTICS_STATUS.get(package.status, package.status),
                           goods_count=sum((x.num for x in package.lines), Decimal(0)),
                           warehouse_name=warehouse.name, warehouse_no=warehouse.warehouse_no,
                           import_weight=Decimal(0), import_postage=Decimal(0),
                           weight_diff=package.weight - package.calc_weight, postage_diff=Decimal(0),
                           shop_no=shop.shop_no, shop_name=shop.shop_name))
    return ctx.page_of(out, total, "order_list")


@declare("wms.stockout.Sales.searchPositionDetail", list_name="order_list")
def search_position_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    head = documented_fields(ctx.method, "order_list")
    stmt = queries.allocated_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_warehouses())
    docs, total, _ = _page(ctx, stmt)
    allocated = allocations_of(ctx.connection, [d.doc_id for d in docs])
    facts = stockout_facts.load(ctx.connection, ctx.tenant_id, docs)
    stockins: dict[int, dict[tuple[int, str], str]] = {}
    for warehouse_id in sorted({d.warehouse_id for d in docs}):
        in_warehouse = [a for d in docs if d.warehouse_id == warehouse_id for x in d.lines
                        for a in allocated.get(x.rec_id, [])]
        stockins[warehouse_id] = queries.source_stockins(ctx.connection, ctx.tenant_id, warehouse_id, in_warehouse)
    out = []
    for doc in docs:
        details = [_position_line(ctx, doc, line, a, facts, stockins[doc.warehouse_id])
                   for line in doc.lines for a in allocated.get(line.rec_id, [])]
        warehouse = facts.base.warehouse(doc.warehouse_id)
        out.append(project(doc, head, stockout_id=doc.doc_id, stockout_no=doc.doc_no,
                           warehouse_no=warehouse.warehouse_no, trade_no=doc.src_order_no, detail_list=details))
    return ctx.page_of(out, total, "order_list")


def _position_line(ctx: CallContext, doc: Any, line: Any, a: Any, facts: Any,
                   stockins: dict[tuple[int, str], str]) -> dict[str, Any]:
    order = facts.order(line)
    spec = facts.base.spec_fields(line.spec_id)
    return project(a, documented_fields(ctx.method, "detail_list"), stockout_id=doc.doc_id,
                   stockout_detail_id=line.rec_id, spec_no=spec["spec_no"], spec_name=spec["spec_name"],
                   goods_no=spec["goods_no"], goods_name=spec["goods_name"], short_name=spec["short_name"],
                   barcode=spec["barcode"], share_price=order.share_price if order else line.price,
                   num=line.num, dis_num=a.num, position_no=facts.base.position_no(a.position_id),
                   remark=order.remark if order else line.remark,
                   stockin_no=stockins.get((a.spec_id, a.batch_no), ""))


# ---------------------------------------------------------------------------- packing lists


@declare("wms.stockout.Pack.search", time_span=timedelta(days=30), window_unless=("stockout_no", "logistics_no"),
         list_name="order_list")
def search_packs(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    head, lines = documented_fields(ctx.method, "order_list"), documented_fields(ctx.method, "detail_list")
    stmt = queries.packages_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_warehouses())
    rows, total, _ = _page(ctx, stmt, scalars=False)
    packages: list[Package] = [p for p, _ in rows]
    facts = views.load(ctx.connection, ctx.tenant_id, spec_ids=[x.spec_id for p in packages for x in p.lines],
                       batch_nos=[x.batch_no for p in packages for x in p.lines],
                       warehouse_ids=[p.warehouse_id for p in packages],
                       logistics_ids=[p.logistics_id for p in packages])
    out = []
    for package, doc in rows:
        details = []
        for x in package.lines:
            spec = facts.spec_fields(x.spec_id)
            details.append(project(x, lines, logistics_order_id=package.rec_id, spec_no=spec["spec_no"],
                                   spec_name=spec["spec_name"], spec_code=spec["spec_code"], barcode=spec["barcode"],
                                   goods_no=spec["goods_no"], goods_name=spec["goods_name"],
                                   batch_id=facts.batch(x.batch_no)[0]))
        out.append(project(package, head, warehouse_no=facts.warehouse(package.warehouse_id).warehouse_no,
                           stockout_no=doc.doc_no, logistics_company_no=facts.carrier(package.logistics_id)[0],
                           goods_count=sum((x.num for x in package.lines), Decimal(0)),
                           goods_type_count=len({x.spec_id for x in package.lines}),
                           packager_name=package.packager_name or "系统", detail_list=details))
    return ctx.page_of(out, total, "order_list")


# ---------------------------------------------------------------------------- pick lists


@declare("wms.stockout.SalesPick.pickListOverviewForApi", paged=False)
def pick_list_overview(ctx: CallContext, pick_no: str) -> Envelope:
    """The page's example nests the overview: {"status": 0, "data": {"data": {...}, "status": 0}}."""
    found = picking.overview(ctx.connection, ctx.tenant_id, pick_no or "", ctx.permitted_warehouses())
    pick = found["pick"]
    goods_names = documented_fields(ctx.method, "pick_goods_data_list")
    place_names = documented_fields(ctx.method, "position_data")
    out_names = documented_fields(ctx.method, "stockout_list")
    goods_rows = []
    for g, places in found["goods"]:
        shaped = [{name: place[name] for name in place_names} for place in places]
        goods_rows.append(project(None, goods_names, **{
            "aux_name": g.spec.aux_unit_name or g.goods.aux_unit_name, "barcode": g.spec.barcode,
            "batch_id": g.batch_id, "defect": g.defect,
            "goods_name": g.goods.goods_name, "goods_no": g.goods.goods_no, "img_url": g.spec.img_url,
            "num": int(g.num), "possible_position": shaped[0]["position_no"], "short_name": g.goods.short_name,
            "sn_type": g.spec.sn_type, "spec_code": g.spec.spec_code, "spec_id": g.spec.spec_id,
            "spec_name": g.spec.spec_name, "spec_no": g.spec.spec_no,
            "unit_name": g.spec.unit_name or g.goods.unit_name, "unit_ratio": Decimal(1),
            "validity_days": g.spec.validity_days, "batch_no": g.batch_no, "expire_date": g.expire,
            "validity_type": g.spec.validity_type, "pick_group_id": 0, "position_data": shaped[0],
            "position_list": shaped[1:],
            "stockout_list": [{name: s[name] for name in out_names} for s in g.stockouts]}))
    data = project(pick, documented_fields(ctx.method, "data"), aisle_no_len=0, order_count=found["order_count"],
                   pick_group_id=0, pick_type=0, print_type=0, scan_type=0, sort=False, sort_mode=-1, sort_type=0,
                   zone_id=0, pick_goods_data_list=goods_rows)
    return Envelope({"data": {"data": data, "status": 0}})


# ---------------------------------------------------------------------------- weighing


def _weighed(ctx: CallContext, w: Weighed) -> dict[str, Any]:
    logistics: Logistics | None = w.logistics
    return {"logistics_name": (logistics.main_logistics_name or logistics.logistics_name) if logistics else "",
            "sys_logistics_name": logistics.logistics_name if logistics else "",
            "logistics_no": w.logistics_no, "calc_weight": float(w.calc_weight)}


# The weighing pages mark packagerId, operateTableName and force required, and onceWeighing's own
# example sends operateTableName null: read as optional (empty, no packager, not forced).
@declare("wms.stockout.Sales.weighingExt", optional=("packageBarcode", "packagerId", "force"))
def weighing_ext(ctx: CallContext, number: str, package_barcode: str | None, weight: Decimal,
                 packager_id: int | None, force: bool | None) -> dict[str, Any]:
    w = service.weigh(ctx.session, ctx.tenant_id, number or "", weight, settings=ctx.settings,
                      permitted=ctx.permitted_warehouses(), package_barcode=package_barcode or "",
                      packager_id=packager_id, force=bool(force))
    return {"logistics_name": _weighed(ctx, w)["logistics_name"]}


@declare("wms.stockout.Sales.onceWeighing", optional=("packageBarcode", "packagerId", "operateTableName", "force"))
def once_weighing(ctx: CallContext, number: str, package_barcode: str | None, weight: Decimal,
                  packager_id: int | None, table_name: str | None, force: bool | None) -> dict[str, Any]:
    w = service.weigh(ctx.session, ctx.tenant_id, number or "", weight, settings=ctx.settings,
                      permitted=ctx.permitted_warehouses(), package_barcode=package_barcode or "",
                      packager_id=packager_id, operate_table_name=table_name or "", force=bool(force))
    return _weighed(ctx, w)


@declare("wms.stockout.Sales.onceWeighingByNo", optional=("packageBarcode", "packagerNo", "operateTableName", "force"))
def once_weighing_by_no(ctx: CallContext, number: str, package_barcode: str | None, weight: Decimal,
                        packager_no: str | None, table_name: str | None, force: bool | None) -> dict[str, Any]:
    w = service.weigh(ctx.session, ctx.tenant_id, number or "", weight, settings=ctx.settings,
                      permitted=ctx.permitted_warehouses(), package_barcode=package_barcode or "",
                      packager_no=packager_no or None, operate_table_name=table_name or "", force=bool(force))
    return _weighed(ctx, w)


@declare("wms.stockout.Sales.salesWeighing")
def sales_weighing(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    w = service.weigh(ctx.session, ctx.tenant_id, params["order_no"], params["weight"], settings=ctx.settings,
                      permitted=ctx.permitted_warehouses(), package_barcode=params.get("package_barcode", ""),
                      packager_no=params.get("packager_no"), packager_id=params.get("packager_id"),
                      operate_table_name=params.get("operator_table_name", ""), force=bool(params.get("force")),
                      dimensions={k: params.get(k) for k in ("length", "width", "height")})
    trade = trade_of(ctx.session, w.doc)
    region = (trade.receiver_province, trade.receiver_city, trade.receiver_district) if trade else (0, 0, 0)
    return {**_weighed(ctx, w), "province": str(region[0]), "city": str(region[1]), "district": str(region[2])}

