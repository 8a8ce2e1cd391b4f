"""The transfer queries: transfers, transfer stockouts and stockins, transfer settlements (prepared searches)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.methods.wms_transfer_rows import column, page, pick, wire_time
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields
from wdterp.domain.documents.doclines import document_lines
from wdterp.domain.transfer import searches
from wdterp.protocol.clock import wire_millis as millis
from wdterp.protocol.errors import business_error
from wdterp.protocol.numbers import as_decimal as decimal

ZERO = Decimal(0)


def _unit(line: Any) -> str:
    return str(line.spec_unit or line.goods_unit or "") if hasattr(line, "spec_unit") else str(line.goods_unit or "")


# ---------------------------------------------------------------------------- transfers


def _transfer_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = searches.TRANSFERS
    ids = column(search, rows, "transfer_id")
    lines = searches.transfer_lines(ctx.connection, ids)
    names = documented_fields(ctx.method, "details_list")
    details = [[pick(line, names, from_position=line.from_position or "", to_position=line.to_position or "",
                     batch_id=line.batch_id or 0, stock_num=line.stock_num or ZERO, aux_num=ZERO,
                     unit_name=line.goods_unit or "") for line in lines[i]] for i in ids]
    modified, created = column(search, rows, "modified"), column(search, rows, "created")
    return {"details_list": details, "modified": [millis(v) for v in modified],
            "created": [millis(v) for v in created], "modified_date": [wire_time(v) for v in modified],
            "created_date": [wire_time(v) for v in created], "logistics_type": [
                v or 0 for v in column(search, rows, "logistics_type")]}


@declare("wms.stocktransfer.Manage.queryWithDetail", window_unless=("transfer_no",), list_name="order")
def query_transfers(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    result = page(ctx, searches.transfers(ctx.tenant_id, params, ctx.permitted_warehouses()), "order",
                  _transfer_fields, own=("modified", "created", "logistics_type"))
    if params.get("fuzzy_query") and params.get("transfer_no") and result["total_count"] > 1:
        raise business_error("业务单号模糊查询匹配到多条单据",
                             f"{params['transfer_no']!r} matches {result['total_count']} transfers")
    return result


# ---------------------------------------------------------------------------- transfer stockouts


def _line_costs(lines: list[Any]) -> list[Decimal]:
    return [decimal(x.num) * decimal(x.cost_price) for x in lines]


def _stockout_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    ids = column(searches.STOCKOUTS, rows, "doc_id")
    lines = document_lines(ctx.connection, ctx.tenant_id, ids)
    names = documented_fields(ctx.method, "detail_list")
    placed = documented_fields(ctx.method, "position_details_list")
    details = []
    for doc_id in ids:
        shaped = []
        for line, cost in zip(lines[doc_id], _line_costs(lines[doc_id]), strict=True):
            position = pick(line, placed, stockout_detail_id=line.rec_id, position_id=line.position_id or 0,
                            position_goods_count=line.num)
            shaped.append(pick(line, names, stockout_id=doc_id, goods_count=line.num, total_amount=cost,
                               weight=decimal(line.unit_weight) * line.num, std_remark=line.remark,
                               unit_name=_unit(line), src_order_detail_id=line.src_line_id,
                               position_details_list=[position]))
        details.append(shaped)
    totals = [float(sum(_line_costs(lines[i]), ZERO)) for i in ids]
    return {"stockout_id": ids, "order_no": column(searches.STOCKOUTS, rows, "doc_no"), "detail_list": details,
            "goods_total_cost": totals, "post_fee": [0.0] * len(rows), "package_fee": [0.0] * len(rows),
            **{f: [0] * len(rows) for f in ("receiver_country", "receiver_province", "receiver_city",
                                             "receiver_district")}}


@declare("wms.stockout.Transfer.queryWithDetail", window_unless=("stockout_no", "src_order_no"), list_name="order")
def query_stockouts(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return page(ctx, searches.stockouts(ctx.tenant_id, params, ctx.permitted_warehouses()), "order",
                _stockout_fields)


# ---------------------------------------------------------------------------- transfer stockins


def _stockin_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = searches.STOCKINS
    ids = column(search, rows, "doc_id")
    lines = document_lines(ctx.connection, ctx.tenant_id, ids)
    names = documented_fields(ctx.method, "detail_list")
    details = [[pick(line, names, stockin_id=doc_id, total_cost=cost, right_num=line.num,
                     src_order_detail_id=line.src_line_id)
                for line, cost in zip(lines[doc_id], _line_costs(lines[doc_id]), strict=True)] for doc_id in ids]
    return {"stockin_id": ids, "order_no": column(search, rows, "doc_no"), "detail_list": details,
            "created_time": [millis(v) for v in column(search, rows, "created")],
            "total_price": [float(sum(_line_costs(lines[i]), ZERO)) for i in ids],
            # a stop-waiting back-fill stockin is in the transfer's source: its "target" is that warehouse
            "to_warehouse_no": column(search, rows, "warehouse_no"),
            "to_warehouse_name": column(search, rows, "warehouse_name"),
            "logistics_type": [v or 0 for v in column(search, rows, "logistics_type")]}


@declare("wms.stockin.Transfer.queryWithDetail", window_unless=("stockin_no", "transfer_no"), list_name="order")
def query_stockins(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return page(ctx, searches.stockins(ctx.tenant_id, params, ctx.permitted_warehouses()), "order",
                _stockin_fields, own=("to_warehouse_no", "to_warehouse_name", "logistics_type"))


# ---------------------------------------------------------------------------- settlements


def _settle_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = searches.SETTLES[0]
    ids = column(search, rows, "order_id")
    lines = searches.transfer_lines(ctx.connection, ids)
    names = documented_fields(ctx.method, "detail_list")
    details = [[pick(line, names, share_post_fee=ZERO, share_other=ZERO) for line in lines[i]] for i in ids]
    totals = [float(decimal(v)) for v in column(search, rows, "total_cost")]
    return {"transfer_order_id": ids, "total_amount": totals, "detail_list": details}


@declare("finance.settle.Transfer.search", window_unless=("settle_no", "transfer_no"), list_name="order")
def search_settles(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return page(ctx, searches.settles(ctx.tenant_id, params, ctx.permitted_warehouses()), "order", _settle_fields)
