"""finance.StockCost.search and statistic.StockinCollect / StockoutCollect.queryCostWithDetail.

Decisions:
- finance.StockCost.search: the window is required unless warehouse_no or spec_nos narrow the query
  (E23 otherwise, the page's own example error). Without the tenant setting `multi_warehouse_cost`
  rows are tenant-wide and carry warehouse_no "" (a warehouse_no filter is then checked, not applied).
- The collects need a window unless document numbers are given (E23); spans are 7 days (code 100
  "您的查询时间过宽,查询时间不能大于7天"). Only completed documents (80 / 110) are returned.
- unit ids are 0 and unit_ratio 1 (no unit table: quantities are in the base unit), note_count 0
  (documents carry no notes), expect_num is the line's expected quantity when its kind recorded one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.methods.wms_stock import as_list, warehouse_scope, window_of
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project
from wdterp.domain.documents import collect
from wdterp.domain.inventory import cost
from wdterp.domain.inventory.detail import NO_EXPIRY
from wdterp.domain.inventory.queries import cost_rows, spec_ids_of

ZERO = Decimal(0)
NO_NAME = "无"


# ---------------------------------------------------------------------------- inventory cost


@declare("finance.StockCost.search", window_unless=("warehouse_no", "spec_nos"))
def search_stock_cost(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    window = window_of(params)
    scope = warehouse_scope(ctx, params.get("warehouse_no"))
    spec_nos = as_list(params.get("spec_nos"))
    per_warehouse = cost.multi_warehouse(ctx.settings)
    found = cost_rows(ctx.connection, ctx.tenant_id, ctx.paging, window, per_warehouse=per_warehouse,
                      spec_ids=spec_ids_of(ctx.connection, ctx.tenant_id, spec_nos) if spec_nos else None,
                      warehouse_ids=scope)
    names = documented_fields(ctx.method, "detail_list")
    rows = [project(r, names, warehouse_no=r.warehouse_no or "", defect=bool(r.defect)) for r in found.rows]
    return ctx.page_of(rows, found.total)


# ---------------------------------------------------------------------------- collects


def _planned(ctx: CallContext, lines: list[Any]) -> dict[tuple[int, int, bool], Decimal]:
    return cost.planned_costs(ctx.connection, ctx.tenant_id, {r.spec_id for r in lines},
                              ctx.settings)


def _line_row(ctx: CallContext, r: Any, names: tuple[str, ...],
              planned: dict[tuple[int, int, bool], Decimal]) -> dict[str, Any]:
    line = r
    scope = cost.cost_scope(ctx.settings, r.warehouse_id)
    plan = planned.get((scope, line.spec_id, bool(line.defect)), ZERO)
    position_id = line.position_id or r.default_position_id or 0
    return project(line, names, stockin_id=line.doc_id, expire_date="" if line.expire_date in (None, NO_EXPIRY)
                   else line.expire_date, production_date=line.production_date or "",
                   goods_name=r.goods_name, goods_no=r.goods_no, short_name=r.short_name, spec_no=r.spec_no,
                   spec_name=r.spec_name, spec_code=r.spec_code, barcode=r.barcode, defect=bool(line.defect),
                   checked_cost_price=line.cost_price, total_checked_cost_price=line.num * line.cost_price,
                   planned_cost=plan, total_planned_cost=line.num * plan,
                   position_no=r.position_no or r.default_position_no or "", position_id=position_id,
                   weight=r.weight, goods_weight=r.weight * line.num, unit_name=r.spec_unit_name or r.goods_unit_name,
                   brand_name=r.brand_name or "", goods_id=r.goods_id, base_unit_id=0, unit_id=0, num2=line.num,
                   brand_id=r.brand_id, expect_num=Decimal(str((line.extra or {}).get("expect_num", line.num))),
                   unit_ratio=Decimal(1), validity_days=r.validity_days)


def _header(r: Any, names: tuple[str, ...], **computed: Any) -> dict[str, Any]:
    return project(r, names, src_order_type=r.order_type, flag_id=r.flag_id or 0,
                   logistics_name=r.logistics_name or NO_NAME, goods_count=int(r.goods_count), note_count=0,
                   **computed)


@declare("statistic.StockinCollect.queryCostWithDetail", window_unless=("stockin_no",))
def stockin_collect(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    window = window_of(params)
    scope = warehouse_scope(ctx, params.get("warehouse_no"))
    found = collect.completed_stockins(ctx.connection, ctx.tenant_id, ctx.paging, window,
                                       time_type=params.get("time_type") or collect.TIME_CREATED,
                                       doc_nos=as_list(params.get("stockin_no")), warehouse_ids=scope)
    lines = collect.document_lines(ctx.connection, [r.doc_id for r in found.rows])
    planned = _planned(ctx, [line for rows in lines.values() for line in rows])
    header_names = documented_fields(ctx.method, "Order")
    line_names = documented_fields(ctx.method, "detail_list")
    orders = []
    for r in found.rows:
        details = [_line_row(ctx, line, line_names, planned) for line in lines.get(r.doc_id, [])]
        checked = sum((Decimal(str(d["total_checked_cost_price"])) for d in details), ZERO)
        planned_total = sum((Decimal(str(d["total_planned_cost"])) for d in details), ZERO)
        orders.append(_header(r, header_names, stockin_no=r.doc_no, stockin_id=r.doc_id,
                              checked_goods_total_cost=checked, planned_goods_total_cost=planned_total,
                              detail_list=details))
    return ctx.page_of(orders, found.total, "order")


@declare("statistic.StockoutCollect.queryCostWithDetail", window_unless=("stockout_no",))
def stockout_collect(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    window = window_of(params)
    scope = warehouse_scope(ctx, params.get("warehouse_no"))
    found = collect.completed_stockouts(ctx.connection, ctx.tenant_id, ctx.paging, window,
                                        doc_nos=as_list(params.get("stockout_no")), warehouse_ids=scope)
    names = documented_fields(ctx.method, "order")
    orders = [_header(r, names, stockout_id=r.doc_id, stockout_no=r.doc_no, employee_name=r.operator_name,
                      weigh_post_cost=Decimal(str((r.extra or {}).get("weigh_post_cost") or 0)))
              for r in found.rows]
    return ctx.page_of(orders, found.total, "order")
