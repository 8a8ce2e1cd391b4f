"""wms.StockPd.*: stock counts (盘点单) — the one-step count push and the count queries.

The other warehouse-work queries (default positions, replenishment, move orders, defect conversion)
are in `wms_ops_positions.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import Envelope, documented_fields, project
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.warehouse_ops import service
from wdterp.domain.warehouse_ops.models import StockCount, StockCountLine
from wdterp.domain.warehouse_ops.statuses import DefectMode
from wdterp.protocol.errors import ApiError

ZERO = Decimal(0)
SYNC = "wms.StockPd.stockSyncByPd"


def permitted_filter(ctx: CallContext, params: dict[str, Any]) -> None:
    """A warehouse named in a query filter must be one the app may use (E34)."""
    if params.get("warehouse_no"):
        ctx.require_warehouse(params["warehouse_no"])


def shaped_page(ctx: CallContext, stmt: Any, shape: Callable[[list[Any]], list[dict[str, Any]]],
                scalars: bool = False) -> dict[str, Any]:
    """One page of `stmt`, shaped as a whole (so that lines and goods load once per page)."""
    result = ctx.paginate(stmt, lambda row: row, scalars=scalars)
    name = ctx.list_name or "details"
    result[name] = shape(result[name])
    return result


# ---------------------------------------------------------------------------- stockSyncByPd


@declare(SYNC, optional=("remark",))
def stock_sync_by_pd(ctx: CallContext, pd_order: dict[str, Any], spec_list: list[dict[str, Any]]) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, pd_order.get("warehouse_no"))
    defect_mode = pd_order["defect_mode"]
    if defect_mode not in tuple(DefectMode):
        raise ApiError("E69", f"defect_mode {defect_mode} is not 0, 1 or 2", field="defect_mode", max=2)
    quantities = [service.counted_quantity(line["new_num"], ctx.settings) for line in spec_list]
    count, skipped = service.counting.sync_by_count(
        ctx.session, ctx.tenant_id, warehouse, spec_list, quantities, defect_mode=defect_mode,
        strict=bool(pd_order.get("is_post_error")), remark=pd_order.get("remark", ""), operator=ctx.access.key)
    return {"pd_no": count.pd_no, str(count.rec_id): "ok", "skip_spec_no": ",".join(skipped)}


# ---------------------------------------------------------------------------- queryStockPd


@declare("wms.StockPd.queryStockPd")
def query_stock_pd(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    permitted_filter(ctx, params)
    names = documented_fields(ctx.method, "pd_list")

    def shape(rows: list[Any]) -> list[dict[str, Any]]:
        return [project(count, names, warehouse_no=warehouse.warehouse_no) for count, warehouse in rows]

    return shaped_page(ctx, service.searches.counts(ctx.tenant_id, params, ctx.permitted_warehouses()), shape)


# ---------------------------------------------------------------------------- queryStockPdDetail


@declare("wms.StockPd.queryStockPdDetail")
def query_stock_pd_detail(ctx: CallContext, params: dict[str, Any]) -> Envelope:
    names = documented_fields(ctx.method, "pd_detail_list")
    stmt = service.searches.count_lines(ctx.tenant_id, params, ctx.permitted_warehouses())

    def shape(rows: list[tuple[StockCountLine, StockCount]]) -> list[dict[str, Any]]:
        infos = service.spec_infos(ctx.connection, [line.spec_id for line, _ in rows])
        positions = service.positions_by_id(ctx.connection, [line.position_id for line, _ in rows])
        defaults = {count.warehouse_id: inventory.default_position_of(ctx.connection, ctx.tenant_id, count.warehouse_id)
                    for _, count in rows}
        out = []
        for line, count in rows:
            position = positions.get(line.position_id or 0) or defaults[count.warehouse_id]
            out.append(project(line, names, **infos[line.spec_id].goods_fields(), defect=int(line.defect),
                               new_num=line.old_num if line.new_num is None else line.new_num,
                               unit=0, aux_unit=0, expire_date=service.wire_expire(line.expire_date),
                               position_no=position.position_no))
        return out

    page = shaped_page(ctx, stmt, shape)
    return Envelope({"total": page["total_count"], "data": {"pd_detail_list": page[ctx.list_name or ""]}})


# ---------------------------------------------------------------------------- 盘盈 / 盘亏 documents


def _count_documents(ctx: CallContext, direction: str, params: dict[str, Any],
                     shape_doc: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    permitted_filter(ctx, params)
    stmt = service.searches.count_documents(ctx.tenant_id, direction, params, ctx.permitted_warehouses())

    def shape(rows: list[tuple[StockDocument, Warehouse]]) -> list[dict[str, Any]]:
        lines = service.searches.lines_by_document(ctx.connection, [doc.doc_id for doc, _ in rows])
        all_lines = [line for group in lines.values() for line in group]
        infos = service.spec_infos(ctx.connection, [line.spec_id for line in all_lines])
        positions = service.positions_by_id(ctx.connection, [line.position_id for line in all_lines])
        remarks = service.searches.count_remarks(ctx.connection, ctx.tenant_id, [doc.src_order_no for doc, _ in rows])
        return [shape_doc(doc, warehouse, lines[doc.doc_id], infos, positions, remarks.get(doc.src_order_no, ""))
                for doc, warehouse in rows]

    return shaped_page(ctx, stmt, shape)


def _position_no(positions: dict[int, Any], line: StockDocumentLine) -> str:
    found = positions.get(line.position_id or 0)
    return found.position_no if found is not None else ""


@declare("wms.StockPd.queryStockPdInDetail", window_unless=("stockin_no", "src_order_no"))
def query_stock_pd_in_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    order_names = documented_fields(ctx.method, "order")
    line_names = documented_fields(ctx.method, "detail_list")

    def shape_doc(doc: StockDocument, warehouse: Warehouse, lines: list[StockDocumentLine],
                  infos: dict[int, service.SpecInfo], positions: dict[int, Any], pd_remark: str) -> dict[str, Any]:
        details = [project(line, line_names, **infos[line.spec_id].goods_fields(), stockin_id=doc.doc_id,
                           goods_count=line.num, total_cost=docrows.line_cost(line),
                           right_num=Decimal(str(line.extra.get("right_num", line.num))),
                           goods_unit=infos[line.spec_id].unit_name, position_no=_position_no(positions, line),
                           expire_date=service.wire_expire(line.expire_date),
                           production_date=service.wire_expire(line.production_date))
                   for line in lines]
        return project(doc, order_names, stockin_id=doc.doc_id, order_no=doc.doc_no,
                       warehouse_no=warehouse.warehouse_no, warehouse_name=warehouse.name,
                       stockin_time=doc.check_time, created_time=doc.created, pd_order_remark=pd_remark,
                       detail_list=details)

    return _count_documents(ctx, "in", params, shape_doc)


@declare("wms.StockPd.queryStockPdOutDetail", window_unless=("stockout_no", "src_order_no"))
def query_stock_pd_out_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    order_names = documented_fields(ctx.method, "order")
    line_names = documented_fields(ctx.method, "detail_list")

    def shape_doc(doc: StockDocument, warehouse: Warehouse, lines: list[StockDocumentLine],
                  infos: dict[int, service.SpecInfo], positions: dict[int, Any], pd_remark: str) -> dict[str, Any]:
        details = [project(line, line_names, **infos[line.spec_id].goods_fields(), stockout_id=doc.doc_id,
                           goods_count=line.num, unit_name=infos[line.spec_id].unit_name,
                           weight=(infos[line.spec_id].spec.weight or ZERO) * line.num,
                           position_no=_position_no(positions, line),
                           expire_date=service.wire_expire(line.expire_date))
                   for line in lines]
        receiver = {name: doc.extra.get(name, 0 if name in _RECEIVER_IDS else "")
                    for name in order_names if name.startswith("receiver_")}
        total_cost = sum((docrows.line_cost(x) for x in lines), ZERO)
        return project(doc, order_names, **receiver, stockout_id=doc.doc_id, order_no=doc.doc_no,
                       warehouse_no=warehouse.warehouse_no, goods_total_cost=total_cost,
                       pd_order_remark=pd_remark, detail_list=details)

    return _count_documents(ctx, "out", params, shape_doc)


#: receiver fields the page types as ids (a count's stockout has no receiver: 0)
_RECEIVER_IDS = frozenset({"receiver_country", "receiver_province", "receiver_city", "receiver_district"})
