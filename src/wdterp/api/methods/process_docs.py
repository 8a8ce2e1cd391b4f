"""The stock documents of production orders (wms.stockout.Process / wms.stockin.Process) and their
settlements (finance.settle.process.search)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.nested import by_parent, column
from wdterp.api.registry import declare
from wdterp.api.wire import Columns, documented_fields, wire_column
from wdterp.domain.process import searches

OUT_QUERY = "wms.stockout.Process.queryWithDetail"
IN_QUERY = "wms.stockin.Process.queryWithDetail"
SETTLE_QUERY = "finance.settle.process.search"
#: no notes, WMS errors or scanning are kept for these documents; every unit is the base unit
DOC_CONSTANTS = {"error_info": "", "note_count": 0}
LINE_CONSTANTS = {"scan_type": 0, "unit_ratio": 1, "need_inspect_num": 0}

OUT_ROWS = Columns(documented_fields(OUT_QUERY, "Order"), searches.STOCKOUTS.columns, ("detail_list",),
                   DOC_CONSTANTS, nullable=("producer_name",))
IN_ROWS = Columns(documented_fields(IN_QUERY, "Order"), searches.STOCKINS.columns, ("detail_list",), DOC_CONSTANTS)
OUT_LINE_ROWS = Columns(documented_fields(OUT_QUERY, "detail_list"), searches.DOC_LINES.columns,
                        ("position_details_list",), LINE_CONSTANTS)
IN_LINE_ROWS = Columns(documented_fields(IN_QUERY, "detail_list"), searches.DOC_LINES.columns, (), LINE_CONSTANTS)
#: amounts the settlement page answers as text with four decimals (its example: "material_amount":"3.1936")
SETTLE_TEXTS = ("material_amount", "process_fee", "other_fee")
SETTLE_LINE_TEXTS = ("cost", "cost_price", "share_other_fee")
SETTLE_ROWS = Columns(documented_fields(SETTLE_QUERY, "order"), searches.SETTLEMENTS.columns,
                      ("detail_list", *SETTLE_TEXTS))
SETTLE_LINE_ROWS = Columns(documented_fields(SETTLE_QUERY, "detail_list"), searches.SETTLEMENT_LINES.columns,
                           SETTLE_LINE_TEXTS)
_L = searches.DOC_LINES.index


def _placed(rows: list[Any]) -> dict[str, list[Any]]:
    """出库货位明细: each line was taken from one position (its own, else the default one)."""
    at = {k: _L(k) for k in ("rec_id", "position_key", "position_no", "expire_date", "production_date",
                             "batch_no", "num")}
    return {"position_details_list": [[{
        "rec_id": row[at["rec_id"]], "stockout_detail_id": row[at["rec_id"]],
        "position_id": row[at["position_key"]], "position_no": row[at["position_no"]],
        "expire_date": wire_column([row[at["expire_date"]]])[0],
        "production_date": wire_column([row[at["production_date"]]])[0],
        "batch_no": row[at["batch_no"]], "position_goods_count": float(row[at["num"]])}] for row in rows]}


def _documents(ctx: CallContext, direction: str, params: dict[str, Any]) -> dict[str, Any]:
    search = searches.STOCKOUTS if direction == "out" else searches.STOCKINS
    lines_shape = OUT_LINE_ROWS if direction == "out" else IN_LINE_ROWS

    def details(rows: list[Any]) -> dict[str, list[Any]]:
        ids = column(rows, search, "doc_id")
        lines = by_parent(ctx, searches.DOC_LINES, searches.lines(searches.DOC_LINES, ids), lines_shape, "doc_id",
                          _placed if direction == "out" else None)
        return {"detail_list": [lines.get(i, []) for i in ids]}

    bound = searches.documents(direction, ctx.tenant_id, params, ctx.permitted_warehouses())
    return ctx.search(bound, OUT_ROWS if direction == "out" else IN_ROWS, details)


@declare(OUT_QUERY, list_name="order", window_unless=("stockout_no", "process_no"))
def query_stockouts(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _documents(ctx, "out", params)


@declare(IN_QUERY, list_name="order", window_unless=("stockin_no", "process_no"))
def query_stockins(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _documents(ctx, "in", params)


def _texts(rows: list[Any], search: Any, names: tuple[str, ...]) -> dict[str, list[Any]]:
    return {name: [f"{Decimal(str(v or 0)):.4f}" for v in column(rows, search, name)] for name in names}


def _settlement_lines(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    ids = column(rows, searches.SETTLEMENTS, "settle_id")
    lines = by_parent(ctx, searches.SETTLEMENT_LINES, searches.lines(searches.SETTLEMENT_LINES, ids),
                      SETTLE_LINE_ROWS, "settle_id",
                      lambda found: _texts(found, searches.SETTLEMENT_LINES, SETTLE_LINE_TEXTS))
    return {"detail_list": [lines.get(i, []) for i in ids], **_texts(rows, searches.SETTLEMENTS, SETTLE_TEXTS)}


# the page's error example ("参数中必须包含起止时间") asks for the window unless a number is given
@declare(SETTLE_QUERY, window_unless=("process_no", "settle_no"))
def search_settlements(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.settlements(ctx.tenant_id, params, ctx.permitted_warehouses()), SETTLE_ROWS,
                      lambda rows: _settlement_lines(ctx, rows))
