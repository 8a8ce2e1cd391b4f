"""wms.outer.OuterIn.* / wms.outer.OuterOut.*: outsourced-warehouse adjust in/out (外仓调整入/出库单)."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.wms_transfer_rows import column, page, pick, wire_time
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields
from wdterp.domain.documents.doclines import document_lines
from wdterp.domain.outer import searches, service

#: the pages type `num` Int, the tenant's decimal-quantity setting decides (as for every document)
NUM_TYPES = {"num": "Decimal(19,4)"}
NUMBER_FIELD = {"in": "outer_in_no", "out": "outer_out_no"}


def _create(ctx: CallContext, direction: str, order: dict[str, Any], details: list[dict[str, Any]],
            is_check: bool) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, order.get("warehouse_no"))
    made = service.create(ctx.session, ctx.tenant_id, direction, warehouse, order, details, ctx.settings,
                          ctx.access.key, bool(is_check))
    if made.check_error:
        return {"status": 20, "message": f"审核失败: {made.check_error}"}
    return {"status": 0, "message": made.doc.doc_no}


@declare("wms.outer.OuterIn.createOrder", field_types=NUM_TYPES)
def create_in(ctx: CallContext, order: dict[str, Any], order_details: list[dict[str, Any]],
              is_check: bool) -> dict[str, Any]:
    return _create(ctx, "in", order, order_details, is_check)


@declare("wms.outer.OuterOut.createOrder", field_types=NUM_TYPES)
def create_out(ctx: CallContext, order: dict[str, Any], order_details: list[dict[str, Any]],
               is_check: bool) -> dict[str, Any]:
    return _create(ctx, "out", order, order_details, is_check)


def _fields(direction: str) -> Any:
    def compute(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
        search = searches.ADJUSTS[direction][1]
        ids = column(search, rows, "doc_id")
        lines = document_lines(ctx.connection, ctx.tenant_id, ids)
        names = documented_fields(ctx.method, "detail_list")
        details = [[pick(line, names, num2=0, unit_ratio=1, base_unit_name=line.spec_unit or line.goods_unit)
                    for line in lines[i]] for i in ids]
        wire = service.WIRE_STATUS[direction]
        return {"rec_id": ids, NUMBER_FIELD[direction]: column(search, rows, "doc_no"), "detail_list": details,
                "status": [wire.get(s, s) for s in column(search, rows, "status")],
                "creator_name": column(search, rows, "operator_name"),
                "created": [wire_time(v) for v in column(search, rows, "created")],
                "modified": [wire_time(v) for v in column(search, rows, "modified")]}
    return compute


def _query(ctx: CallContext, direction: str, params: dict[str, Any]) -> dict[str, Any]:
    bound = searches.adjusts(ctx.tenant_id, direction, params, ctx.permitted_warehouses())
    return page(ctx, bound, "Order", _fields(direction), own=("status", "created", "modified"))


@declare("wms.outer.OuterIn.queryWithDetail", window_unless=("outer_in_no",), list_name="order")
def query_in(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _query(ctx, "in", params)


#: the page marks outer_out_no required; its own start_time says "若无出库单编号，则为必填": either one
@declare("wms.outer.OuterOut.queryWithDetail", window_unless=("outer_out_no",), optional=("outer_out_no",),
         list_name="order")
def query_out(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _query(ctx, "out", params)
