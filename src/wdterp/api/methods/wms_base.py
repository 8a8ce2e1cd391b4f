"""wms.stockin.Base.* / wms.stockout.Base.* (every non-sales stockin/stockout, their SNs),
wms.GoodsSN.queryWithDetail (the SN register) and wms.GoodsPack.upload (box codes)."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.owners import DOCUMENT, owner
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project
from wdterp.domain.catalog.lookup import spec_by_no
from wdterp.domain.documents import engine, packs, serials
from wdterp.domain.documents.engine import Kind
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import StockinStatus, StockoutStatus
from wdterp.domain.documents.views import Facts, base_query, for_documents
from wdterp.protocol.errors import ApiError, business_error

#: kinds whose documents take SNs through uploadSN, and the state they must be in (编辑中; 48 未确认 out)
SN_KINDS = {"in": frozenset({2, 6, 20}), "out": frozenset({2, 5, 14, 21})}
SN_EDITING = {"in": StockinStatus.EDITING, "out": StockoutStatus.UNCONFIRMED}
NUMBER = {"in": "stockin_no", "out": "stockout_no"}
DOC_ID = {"in": "stockin_id", "out": "stockout_id"}
DETAIL_ID = {"in": "stockin_detail_id", "out": "stockout_detail_id"}


# ---------------------------------------------------------------------------- Base.search


def _base_row(method: str, direction: str) -> Any:
    order_names = documented_fields(method, "order_list")
    line_names = documented_fields(method, "detail_list")

    def shape(doc: StockDocument, facts: Facts) -> dict[str, Any]:
        warehouse = facts.warehouse(doc.warehouse_id)
        carrier_no, carrier_name, carrier_type = facts.carrier(doc.logistics_id)
        details = []
        for line in doc.lines:
            spec = facts.spec_fields(line.spec_id)
            batch_id, batch_remark = facts.batch(line.batch_no)
            details.append(project(line, line_names, **spec, **{DOC_ID[direction]: doc.doc_id}, adjust_num=0,
                                   base_unit_id=0, unit_id=0, aux_unit_id=0, unit_ratio=1, num2=0, batch_id=batch_id,
                                   batch_remark=batch_remark, created=doc.created, modified=doc.modified,
                                   expect_num=line.num, goods_unit_name=spec["unit_name"], unit=spec["unit_name"],
                                   org_stockin_detail_id=0, src_order_detail_id=line.src_line_id,
                                   position_id=line.position_id or 0, position_no=facts.position_no(line.position_id),
                                   checked_cost_price=line.cost_price, weight=spec["unit_weight"] * line.num,
                                   is_package=False, scan_type=0))
        cost = docrows.doc_cost(doc)
        return project(doc, order_names, **{f: doc.extra.get(f, "") for f in (
            "receiver_province", "receiver_city", "receiver_district", "receiver_zip")},
            **{DOC_ID[direction]: doc.doc_id, NUMBER[direction]: doc.doc_no},
            src_order_type=doc.order_type, flag_id=facts.flag_id(doc.flag_name), note_count=0,
            operator_id=facts.employee_id(doc.operator_name), warehouse_no=warehouse.warehouse_no,
            warehouse_name=warehouse.name, warehouse_type=warehouse.type, logistics_type=carrier_type,
            logistics_name=carrier_name, logistics_company_no=carrier_no, receiver_country=0,
            calc_post_cost=0, weigh_post_cost=0, calc_weight=docrows.doc_weight(doc, facts),
            weight=docrows.doc_weight(doc, facts), checked_goods_total_cost=cost, custom_type=0,
            error_info="", detail_list=details)

    return shape


def _search(ctx: CallContext, direction: str, params: dict[str, Any]) -> dict[str, Any]:
    stmt = base_query(ctx.tenant_id, direction, params, ctx.permitted_warehouses())
    return docrows.page_of(ctx, stmt, lambda rows: for_documents(ctx.connection, ctx.tenant_id, rows),
                           _base_row(ctx.method, direction))


@declare("wms.stockin.Base.search")
def search_in(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _search(ctx, "in", params)


@declare("wms.stockout.Base.search", window_unless=("stockout_no",))
def search_out(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _search(ctx, "out", params)


# ---------------------------------------------------------------------------- SN


def _sn_rows(ctx: CallContext, direction: str, params: dict[str, Any]) -> dict[str, Any]:
    names = documented_fields(ctx.method, "detail_list")
    stmt = serials.document_sn_query(ctx.tenant_id, direction, params, ctx.permitted_warehouses())

    def shape(row: Any) -> dict[str, Any]:
        record, doc, spec_no = row
        return project(record, names, **{DOC_ID[direction]: doc.doc_id, NUMBER[direction]: doc.doc_no,
                                         DETAIL_ID[direction]: record.line_id}, spec_no=spec_no)

    return ctx.paginate(stmt, shape, scalars=False)


@declare("wms.stockin.Base.searchSN")
def search_sn_in(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _sn_rows(ctx, "in", params)


@declare("wms.stockout.Base.searchSN")
def search_sn_out(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _sn_rows(ctx, "out", params)


def _upload_sn(ctx: CallContext, direction: str, params: dict[str, Any], details: list[dict[str, Any]]) -> Any:
    order_type = int(params["order_type"])
    if order_type not in SN_KINDS[direction]:
        raise business_error(f"单据类型{order_type}不支持推送SN", f"order_type {order_type} takes no SNs")
    doc = engine.find(ctx.session, ctx.tenant_id, Kind(direction, order_type, ""), str(params[NUMBER[direction]]))
    if doc.status != SN_EDITING[direction]:
        raise business_error("单据状态不是编辑中，不能推送SN", f"{doc.doc_no} is in status {doc.status}")
    for item in details:
        spec_no = str(item["spec_no"])
        spec = spec_by_no(ctx.session, ctx.tenant_id, spec_no)
        line = next((x for x in doc.lines if spec is not None and x.spec_id == spec.spec_id
                     and x.defect == bool(item.get("defect", False))
                     and (not item.get("batch_no") or x.batch_no == item["batch_no"])), None)
        if line is None:
            raise ApiError("E45", f"{spec_no} is not a line of {doc.doc_no}")
        sns = serials.entries(item.get("sn_list"), item.get("sn_new_list"))
        if not sns:
            raise ApiError("E71", f"{spec_no}: sn_list and sn_new_list both empty", field="sn_list")
        serials.attach(ctx.session, doc, line, spec_no, sns)
    return {"message": "OK"}


SN_OPTIONAL = ("sn_list", "sn_new_list")


@declare("wms.stockin.Base.uploadSN", owner=owner(DOCUMENT, "stockin_no"), paged=False,
         optional=SN_OPTIONAL)
def upload_sn_in(ctx: CallContext, params: dict[str, Any], detailList: list[dict[str, Any]]) -> Any:  # noqa: N803
    return _upload_sn(ctx, "in", params, detailList)


@declare("wms.stockout.Base.uploadSN", owner=owner(DOCUMENT, "stockout_no"), paged=False,
         optional=SN_OPTIONAL)
def upload_sn_out(ctx: CallContext, params: dict[str, Any], detailList: list[dict[str, Any]]) -> Any:  # noqa: N803
    return _upload_sn(ctx, "out", params, detailList)


@declare("wms.GoodsSN.queryWithDetail", window_unless=("sn", "order_no"))
def query_goods_sn(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    names = documented_fields(ctx.method, "sn_list")
    stmt = serials.goods_sn_query(ctx.tenant_id, params, ctx.permitted_warehouses())

    def shape(row: Any) -> dict[str, Any]:
        sn, spec_no, warehouse = row
        return project(sn, names, spec_no=spec_no, warehouse_no=warehouse.warehouse_no if warehouse else "",
                       warehouse_name=warehouse.name if warehouse else "")

    return ctx.paginate(stmt, shape, scalars=False)


# ---------------------------------------------------------------------------- box codes


@declare("wms.GoodsPack.upload", paged=False)
def upload_pack(ctx: CallContext, params: dict[str, Any]) -> str:
    warehouse = docrows.warehouse(ctx, params.get("warehouse_no"))
    return packs.create_pack(ctx.session, ctx.tenant_id, warehouse, params, ctx.settings).pack_barcode
