"""JIT queries: wms.stockout.JitOrder.search, sales.jit.JitRefund.search,
wms.stockin.JitRefund.searchOrderWithDetail."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.jit import service
from wdterp.domain.jit.models import JitRefund
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.queries import by_id

ZERO = Decimal(0)


def _lookups(ctx: CallContext, docs: list[Any]) -> tuple[dict[int, Shop], dict[int, Warehouse], dict[int, Any]]:
    shop_ids = {int((d.extra or {}).get("shop_id") or 0) for d in docs}
    shops = by_id(ctx.connection, Shop, shop_ids)
    whs = by_id(ctx.connection, Warehouse, {d.warehouse_id for d in docs})
    specs = service.catalog_of(ctx.connection, {line.spec_id for d in docs for line in d.lines})
    return shops, whs, specs


def _page(ctx: CallContext, stmt: Any) -> tuple[dict[str, Any], list[Any]]:
    """The page's envelope (its list filled by the caller) and its documents."""
    docs, total = ctx.fetch_page(stmt)
    return ctx.page_of([], total, "order_list"), docs


@declare("wms.stockout.JitOrder.search", list_name="order_list")
def search_jit_order(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    page, docs = _page(ctx, service.jit_stockouts_query(ctx.tenant_id, params))
    shops, whs, specs = _lookups(ctx, docs)
    companies = by_id(ctx.connection, Logistics, {d.logistics_id for d in docs})
    head, lines = documented_fields(ctx.method, "order_list"), documented_fields(ctx.method, "detail_list")

    def row(doc: StockDocument) -> dict[str, Any]:
        shop, wh, extra = shops.get(int(doc.extra.get("shop_id", 0))), whs[doc.warehouse_id], doc.extra or {}
        company = companies.get(doc.logistics_id)
        details = []
        for line in doc.lines:
            spec, goods, brand = specs[line.spec_id]
            details.append(project(line, lines, barcode=spec.barcode, brand_name=brand.brand_name if brand else "",
                                   brand_no=brand.brand_no if brand else "", goods_name=goods.goods_name,
                                   goods_no=goods.goods_no, spec_code=spec.spec_code, spec_name=spec.spec_name,
                                   spec_no=spec.spec_no, volume=spec.length * spec.width * spec.height * line.num,
                                   weight=spec.weight * line.num, checked_cost_price=line.cost_price,
                                   tax_price=Decimal(str(line.extra.get("tax_price", line.price))),
                                   stockout_id=doc.doc_id, goods_id=goods.goods_id, modified=doc.modified,
                                   created=doc.created, po_no=line.extra.get("po_no", "")))
        return project(doc, head, logistics_company_name=company.logistics_name if company else "",
                       po_no_list=extra.get("po_no_list", ""), receive_warehouse_name=extra.get(
                           "receive_warehouse_name", ""), receive_warehouse_no=extra.get("receive_warehouse_no", ""),
                       shop_no=shop.shop_no if shop else "", shop_id=shop.shop_id if shop else 0,
                       shop_name=shop.shop_name if shop else "", src_tids=extra.get("src_tids", ""),
                       stockout_no=doc.doc_no, stockout_id=doc.doc_id, warehouse_no=wh.warehouse_no,
                       warehouse_name=wh.name, weigh_post_cost=extra.get("weigh_post_cost", ""),
                       amount=doc.total_price, detail_list=details)

    page["order_list"] = [row(d) for d in docs]
    return page


@declare("sales.jit.JitRefund.search", list_name="order_list")
def search_jit_refund(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    page, refunds = _page(ctx, service.jit_refunds_query(ctx.tenant_id, params))
    shops = by_id(ctx.connection, Shop, {r.shop_id for r in refunds})
    whs = by_id(ctx.connection, Warehouse, {r.warehouse_id for r in refunds})
    specs = service.catalog_of(ctx.connection, {line.spec_id for r in refunds for line in r.lines})
    head, lines = documented_fields(ctx.method, "order_list"), documented_fields(ctx.method, "detail_list")

    def row(refund: JitRefund) -> dict[str, Any]:
        details = []
        for line in refund.lines:
            spec, goods, _ = specs[line.spec_id]
            details.append(project(line, lines, jit_efund_no=refund.jit_refund_no, merchant_no=spec.spec_no,
                                   spec_no=line.platform_spec_no, goods_id=goods.goods_id, goods_no=goods.goods_no,
                                   goods_name=goods.goods_name, spec_name=spec.spec_name, spec_code=spec.spec_code))
        return project(refund, head, shop_no=shops[refund.shop_id].shop_no,
                       warehouse_no=whs[refund.warehouse_id].warehouse_no,
                       warehouse_id=str(refund.warehouse_id), detail_list=details)

    page["order_list"] = [row(r) for r in refunds]
    return page


@declare("wms.stockin.JitRefund.searchOrderWithDetail", list_name="order_list")
def search_jit_refund_stockin(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    page, docs = _page(ctx, service.jit_stockins_query(ctx.tenant_id, params, ctx.permitted_warehouses()))
    shops, whs, specs = _lookups(ctx, docs)
    head, lines = documented_fields(ctx.method, "order_list"), documented_fields(ctx.method, "detail_list")

    def row(doc: StockDocument) -> dict[str, Any]:
        extra, wh = doc.extra or {}, whs[doc.warehouse_id]
        shop = shops.get(int(extra.get("shop_id", 0)))
        details, tax_total, cost_total = [], ZERO, ZERO
        for line in doc.lines:
            spec, goods, brand = specs[line.spec_id]
            tax_price = Decimal(str(line.extra.get("tax_price", line.price)))
            tax_total += tax_price * line.num
            cost_total += line.cost_price * line.num
            details.append(project(
                line, lines, stockin_id=doc.doc_id, spec_no=spec.spec_no,
                expect_num=Decimal(str(line.extra.get("expect_num", line.num))), num2=ZERO,
                goods_name=goods.goods_name, goods_no=goods.goods_no, spec_name=spec.spec_name,
                spec_code=spec.spec_code, base_unit_name=spec.unit_name or goods.unit_name,
                aux_unit_name=spec.aux_unit_name or goods.aux_unit_name, brand_no=brand.brand_no if brand else "",
                brand_id=goods.brand_id, checked_cost_price=line.cost_price, tax_price=tax_price,
                amount=line.price * line.num, tax_amount=tax_price * line.num, po_no=line.extra.get("po_no", ""),
                checked_cost_amount=line.cost_price * line.num, total_cost=line.cost_price * line.num,
                goods_id=goods.goods_id, modified=doc.modified, created=doc.created))
        return project(doc, head, stockin_id=doc.doc_id, stockin_no=doc.doc_no, refund_no=extra.get("refund_no", ""),
                       warehouse_no=wh.warehouse_no, warehouse_name=wh.name,
                       jit_refund_no=extra.get("jit_refund_no", ""), note_count=0,
                       shop_no=shop.shop_no if shop else "", shop_id=shop.shop_id if shop else 0,
                       tax_amount=tax_total, amount=doc.total_price, total_cost=cost_total, detail_list=details)

    page["order_list"] = [row(d) for d in docs]
    return page
