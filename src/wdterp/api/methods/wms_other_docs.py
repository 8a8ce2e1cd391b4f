"""wms.stockin.Other.* / wms.stockout.Other*: other stockins and stockouts (src 20/21)."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.owners import DOCUMENT, owner
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project
from wdterp.domain.documents import engine
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.views import Facts, for_documents
from wdterp.domain.stockother import stockio

IN_CREATE = "wms.stockin.Other.createOtherOrder"
OUT_CREATE = "wms.stockout.Other.createOther"


# ---------------------------------------------------------------------------- create, cancel


def _create(ctx: CallContext, direction: str, order: dict[str, Any]) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, order.get("warehouse_no"))
    doc = stockio.create(ctx.session, ctx.tenant_id, direction, warehouse, order, ctx.settings, ctx.access.key)
    return {"message": doc.doc_no, "status": 0}


@declare(IN_CREATE)
def create_in(ctx: CallContext, stockin_order: dict[str, Any]) -> dict[str, Any]:
    return _create(ctx, "in", stockin_order)


@declare(OUT_CREATE)
def create_out(ctx: CallContext, stockout_order: dict[str, Any]) -> dict[str, Any]:
    return _create(ctx, "out", stockout_order)


def _cancel(ctx: CallContext, direction: str, order_no: str, is_force: bool) -> None:
    doc = engine.find(ctx.session, ctx.tenant_id, stockio.kind_of(direction), str(order_no))
    stockio.cancel(ctx.session, doc, bool(is_force))


@declare("wms.stockin.Other.cancelOtherOrder", owner=owner(DOCUMENT, "order_no"))
def cancel_in(ctx: CallContext, order_no: str, is_force: bool) -> None:
    _cancel(ctx, "in", order_no, is_force)


@declare("wms.stockout.Other.cancelOtherOrder", owner=owner(DOCUMENT, "order_no"))
def cancel_out(ctx: CallContext, order_no: str, is_force: bool) -> None:
    _cancel(ctx, "out", order_no, is_force)


# ---------------------------------------------------------------------------- queries


def _stockin_row(method: str) -> Any:
    order_names = documented_fields(method, "Order")
    line_names = documented_fields(method, "detail_list")

    def shape(doc: StockDocument, facts: Facts) -> dict[str, Any]:
        warehouse = facts.warehouse(doc.warehouse_id)
        carrier_no, _, carrier_type = facts.carrier(doc.logistics_id)
        details = []
        for line in doc.lines:
            spec = facts.spec_fields(line.spec_id)
            details.append(project(line, line_names, **spec, stockin_id=doc.doc_id, goods_count=line.num,
                                   total_cost=docrows.line_cost(line), right_num=line.num,
                                   goods_unit=spec["unit_name"], checked_cost_price=line.cost_price,
                                   position_no=facts.position_no(line.position_id)))
        return project(doc, order_names, stockin_id=doc.doc_id, order_no=doc.doc_no,
                       warehouse_no=warehouse.warehouse_no, warehouse_name=warehouse.name,
                       stockin_time=doc.check_time, created_time=doc.created, logistics_type=carrier_type,
                       total_cost=docrows.doc_cost(doc), logistics_company_no=carrier_no,
                       wms_stock_change_no=str(doc.extra.get("wms_stock_change_no", "")), detail_list=details)

    return shape


def _stockout_row(method: str) -> Any:
    order_names = documented_fields(method, "Order")
    line_names = documented_fields(method, "detail_list")
    position_names = documented_fields(method, "position_details_list")

    def shape(doc: StockDocument, facts: Facts) -> dict[str, Any]:
        warehouse = facts.warehouse(doc.warehouse_id)
        carrier_no, _, _ = facts.carrier(doc.logistics_id)
        details = []
        for line in doc.lines:
            spec = facts.spec_fields(line.spec_id)
            position = {"position_id": line.position_id or 0, "position_no": facts.position_no(line.position_id)}
            placed = project(line, position_names, **position, stockout_detail_id=line.rec_id,
                             position_goods_count=line.num)
            details.append(project(line, line_names, **spec, **position, stockout_id=doc.doc_id,
                                   goods_count=line.num, total_amount=docrows.line_cost(line),
                                   weight=spec["unit_weight"] * line.num, base_unit_id=0,
                                   position_details_list=[placed]))
        cost = docrows.doc_cost(doc)
        return project(doc, order_names, **{f: doc.extra.get(f, "") for f in stockio.orders.RECEIVER_FIELDS},
                       stockout_id=doc.doc_id, order_no=doc.doc_no, warehouse_no=warehouse.warehouse_no,
                       warehouse_name=warehouse.name, post_fee=float(doc.extra.get("post_fee") or 0),
                       weight=docrows.doc_weight(doc, facts), goods_total_cost=cost, goods_total_amount=cost,
                       checked_goods_total_cost=cost, logistics_company_no=carrier_no, detail_list=details)

    return shape


@declare("wms.stockin.Other.queryWithDetail", window_unless=("stockin_no", "other_stockin_no"))
def query_in(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = stockio.docs_query(ctx.tenant_id, "in", params, ctx.permitted_warehouses())
    return docrows.page_of(ctx, stmt, lambda rows: for_documents(ctx.connection, ctx.tenant_id, rows),
                           _stockin_row(ctx.method))


@declare("wms.stockout.OtherQuery.queryWithDetail", window_unless=("stockout_no", "src_order_no"))
def query_out(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    stmt = stockio.docs_query(ctx.tenant_id, "out", params, ctx.permitted_warehouses())
    return docrows.page_of(ctx, stmt, lambda rows: for_documents(ctx.connection, ctx.tenant_id, rows),
                           _stockout_row(ctx.method))
