"""process.*: bills of materials and production orders — upload and search."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.nested import ALL, by_parent, column
from wdterp.api.registry import declare
from wdterp.api.wire import Columns, documented_fields, search_shape
from wdterp.domain.process import boms, searches, service

BOM_SEARCH = "process.Bom.search"
PROCESS_SEARCH = "process.Process.search"
BOM_ROWS = search_shape(BOM_SEARCH, "order_list", searches.BOMS.columns, ("product_list", "material_list"))
BOM_LINE_ROWS = Columns(documented_fields(BOM_SEARCH, "product_list"), searches.BOM_LINES.columns)
PROCESS_ROWS = search_shape(PROCESS_SEARCH, "order", searches.PROCESSES.columns, ("detail_list",))
PROCESS_LINE_ROWS = Columns(documented_fields(PROCESS_SEARCH, "detail_list"), searches.PROCESS_LINES.columns)
_IS_PRODUCT = searches.BOM_LINES.index("is_product")


# ---------------------------------------------------------------------------- BOMs


@declare("process.Bom.upload")
def upload_bom(ctx: CallContext, param: dict[str, Any]) -> dict[str, Any]:
    boms.upload(ctx.session, ctx.tenant_id, param, param.get("detail_list") or [], ctx.settings, ctx.access.key)
    return {"status": 0}


def _bom_lines(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    ids = column(rows, searches.BOMS, "bom_id")
    bound = searches.lines(searches.BOM_LINES, ids)
    products: dict[Any, list[Any]] = {i: [] for i in ids}
    materials: dict[Any, list[Any]] = {i: [] for i in ids}
    lines = bound.page(ctx.connection, ALL, 0)
    shaped = BOM_LINE_ROWS.rows(lines, dialect=ctx.connection.dialect)
    parent = searches.BOM_LINES.index("bom_id")
    for raw, row in zip(lines, shaped, strict=True):
        (products if row["is_product"] else materials)[raw[parent]].append(row)
    return {"product_list": [products[i] for i in ids], "material_list": [materials[i] for i in ids]}


# the page types order_list as a Map; it is a list of BOMs (its own example): decided here
@declare(BOM_SEARCH, list_name="order_list", window_unless=("bom_no",))
def search_boms(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.boms(ctx.tenant_id, params), BOM_ROWS, lambda rows: _bom_lines(ctx, rows))


# ---------------------------------------------------------------------------- production orders


@declare("process.Process.upload")
def upload_process(ctx: CallContext, param: dict[str, Any]) -> dict[str, Any]:
    out_warehouse = docrows.warehouse(ctx, param.get("out_warehouse_no"))
    in_warehouse = docrows.warehouse(ctx, param.get("in_warehouse_no"))
    result = service.upload(ctx.session, ctx.tenant_id, param, param.get("detail_list") or [], out_warehouse,
                            in_warehouse, ctx.settings, ctx.access.key)
    order = result.order
    if result.check_error:
        return {"process_id": 0, "process_no": order.process_no, "status": 20, "message": result.check_error}
    return {"process_id": order.process_id, "process_no": order.process_no, "status": 0, "message": ""}


def _process_lines(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    ids = column(rows, searches.PROCESSES, "process_id")
    lines = by_parent(ctx, searches.PROCESS_LINES, searches.lines(searches.PROCESS_LINES, ids), PROCESS_LINE_ROWS,
                      "process_id")
    return {"detail_list": [lines.get(i, []) for i in ids]}


@declare(PROCESS_SEARCH, window_unless=("process_no",))
def search_processes(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.processes(ctx.tenant_id, params, ctx.permitted_warehouses()), PROCESS_ROWS,
                      lambda rows: _process_lines(ctx, rows))
