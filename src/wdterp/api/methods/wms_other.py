"""wms.stockother.*: other-in / other-out business orders (其它入库/出库业务单) — push, cancel, query."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project
from wdterp.domain.documents.views import Facts, load
from wdterp.domain.stockother import service as orders
from wdterp.domain.stockother.models import OtherOrder
from wdterp.protocol.errors import ApiError, business_error

#: the pages type `num` as Int, but their own example sends "200.0000" and decimals are a tenant setting
PUSH_TYPES = {"num": "Decimal(19,4)"}
NUMBER_FIELD = {"in": "other_in_no", "out": "other_out_no"}
DONE_FIELD = {"in": "in_num", "out": "out_num"}
ORDER_ID_FIELD = {"in": "other_in_id", "out": "other_out_id"}


# ---------------------------------------------------------------------------- push


def _push(ctx: CallContext, direction: str, order: dict[str, Any], details: list[dict[str, Any]]) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, order.get("warehouse_no"))
    result = orders.push(ctx.session, ctx.tenant_id, direction, warehouse, order, details, ctx.settings,
                         ctx.access.key)
    number = result.order.order_no
    if result.check_error:
        return {"status": 20, "message": result.check_error, "outer_no": number}
    return {"status": 0, "message": number, "outer_no": number}


@declare("wms.stockother.In.push",
         field_types=PUSH_TYPES)
def push_in(ctx: CallContext, order: dict[str, Any], order_details: list[dict[str, Any]]) -> dict[str, Any]:
    return _push(ctx, "in", order, order_details)


@declare("wms.stockother.Out.push",
         field_types=PUSH_TYPES)
def push_out(ctx: CallContext, order: dict[str, Any], order_details: list[dict[str, Any]]) -> dict[str, Any]:
    return _push(ctx, "out", order, order_details)


# ---------------------------------------------------------------------------- cancel


def _cancel(ctx: CallContext, direction: str, order_nos: list[Any]) -> dict[str, Any]:
    """Each number on its own: the cancelled ones in success_data, the others with their reason."""
    success: list[str] = []
    errors: list[dict[str, Any]] = []
    for raw in order_nos:
        order_no = str(raw)
        try:
            order = orders.find(ctx.session, ctx.tenant_id, direction, order_no)
            # not `owner=`: the page answers a foreign warehouse per number (无仓库访问权限 in error_data)
            docrows.permit_order(ctx, order.warehouse_id)
            orders.cancel(ctx.session, ctx.tenant_id, direction, order_no)
            success.append(order_no)
        except ApiError as err:  # a per-number outcome the page documents, not a call failure
            errors.append({"order_no": order_no, "err_msg": err.message})
    return {"success_data": success, "error_data": errors}


@declare("wms.stockother.In.cancelOrder")
def cancel_in(ctx: CallContext, order_no_list: list[Any]) -> dict[str, Any]:
    return _cancel(ctx, "in", order_no_list)


@declare("wms.stockother.Out.cancelOrder")
def cancel_out(ctx: CallContext, order_no_list: list[Any]) -> dict[str, Any]:
    return _cancel(ctx, "out", order_no_list)


# ---------------------------------------------------------------------------- queries


def _facts(ctx: CallContext, rows: list[OtherOrder]) -> Facts:
    lines = [line for order in rows for line in order.lines]
    return load(ctx.connection, ctx.tenant_id, spec_ids=[x.spec_id for x in lines],
                position_ids=[x.position_id for x in lines], warehouse_ids=[o.warehouse_id for o in rows],
                logistics_ids=[o.logistics_id for o in rows])


def _shaper(method: str, direction: str) -> Any:
    order_names = documented_fields(method, "Order")
    line_names = documented_fields(method, "detail_list")

    def shape(order: OtherOrder, facts: Facts) -> dict[str, Any]:
        warehouse = facts.warehouse(order.warehouse_id)
        _, carrier_name, _ = facts.carrier(order.logistics_id)
        details = [project(line, line_names, **facts.spec_fields(line.spec_id), **{
            ORDER_ID_FIELD[direction]: order.rec_id, DONE_FIELD[direction]: line.done_num,
            "position_no": facts.position_no(line.position_id), "modified_date": line.modified,
            "created_date": line.created}) for line in order.lines]
        return project(order, order_names, **{
            NUMBER_FIELD[direction]: order.order_no, "warehouse_no": warehouse.warehouse_no,
            "warehouse_name": warehouse.name, "logistics_name": carrier_name,
            "is_reserved": int(order.is_reserved), "detail_list": details})

    return shape


def _query(ctx: CallContext, direction: str, params: dict[str, Any]) -> dict[str, Any]:
    number = params.get(NUMBER_FIELD[direction])
    stmt = orders.orders_query(ctx.tenant_id, direction, params, ctx.permitted_warehouses())
    result = docrows.page_of(ctx, stmt, lambda rows: _facts(ctx, rows), _shaper(ctx.method, direction))
    if number and params.get("fuzzy_query") and result["total_count"] > 1:
        raise business_error("业务单号模糊查询匹配到多条单据", f"{number!r} matches {result['total_count']} orders")
    return result


@declare("wms.stockother.InQuery.queryWithDetail", window_unless=(NUMBER_FIELD["in"],))
def query_in(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _query(ctx, "in", params)


@declare("wms.stockother.OutQuery.queryWithDetail", window_unless=(NUMBER_FIELD["out"],))
def query_out(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _query(ctx, "out", params)
