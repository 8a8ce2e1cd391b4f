"""Warehouse-work queries: default positions (wms.PositionCapacity.search), replenishment
(wms.StockShelve.queryWithDetail), move orders (wms.MoveOrder.queryWithDetail) and good↔defect
conversions (wms.stockdefect.DefectChange.search)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.wms_ops import permitted_filter, shaped_page
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields, project
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Position
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.warehouse_ops import service
from wdterp.domain.warehouse_ops.models import DefectChange, MoveOrder, PositionCapacity, StockShelve, Zone
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
SHELVE = "wms.StockShelve.queryWithDetail"
MOVE = "wms.MoveOrder.queryWithDetail"


def _position_no(positions: dict[int, Position], position_id: int | None) -> str:
    found = positions.get(position_id or 0)
    return found.position_no if found is not None else ""


# ---------------------------------------------------------------------------- default positions


@declare("wms.PositionCapacity.search")
def search_position_capacity(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("start_time") is None or params.get("end_time") is None:
        # without a time window the page asks for both the warehouse and the spec
        if not params.get("warehouse_no"):
            raise ApiError("E31", "warehouse_no is required without start_time/end_time")
        if not params.get("spec_no"):
            raise business_error("商家编码不能为空", "spec_no is required without start_time/end_time")
    permitted_filter(ctx, params)
    names = documented_fields(ctx.method, "detail_list")
    stmt = service.searches.capacities(ctx.tenant_id, params, ctx.permitted_warehouses())

    def shape(rows: list[tuple[PositionCapacity, Warehouse, Position]]) -> list[dict[str, Any]]:
        infos = service.spec_infos(ctx.connection, [cap.spec_id for cap, _, _ in rows])
        out = []
        for cap, warehouse, position in rows:
            zone: Zone | None = service.positions.zone_of(ctx.connection, position)
            stock = inventory.stock_row(ctx.connection, cap.warehouse_id, cap.spec_id, cap.defect)
            out.append(project(cap, names, **infos[cap.spec_id].goods_fields(),
                               stock_num=stock.stock_num if stock is not None else ZERO,
                               warehouse_no=warehouse.warehouse_no, position_no=position.position_no,
                               zone_id=zone.zone_id if zone else 0, zone_no=position.zone_no))
        return out

    return shaped_page(ctx, stmt, shape)


# ---------------------------------------------------------------------------- replenishment


def _position_moves(ctx: CallContext, warehouse: Warehouse,
                    line_table: str) -> Callable[[list[StockShelve] | list[MoveOrder]], list[dict[str, Any]]]:
    """Rows of documents whose lines move stock between positions (replenishments, move orders)."""
    order_names = documented_fields(ctx.method, "order")
    line_names = documented_fields(ctx.method, line_table)

    def shape(rows: list[StockShelve] | list[MoveOrder]) -> list[dict[str, Any]]:
        lines = [line for order in rows for line in order.lines]
        infos = service.spec_infos(ctx.connection, [line.spec_id for line in lines])
        positions = service.positions_by_id(ctx.connection, [p for x in lines for p in (x.from_position_id,
                                                                                    x.to_position_id)])
        return [project(order, order_names, warehouse_no=warehouse.warehouse_no, detail_list=[
            project(line, line_names, **infos[line.spec_id].goods_fields(),
                    from_position_no=_position_no(positions, line.from_position_id),
                    to_position_no=_position_no(positions, line.to_position_id),
                    expire_date=service.wire_expire(line.expire_date))
            for line in order.lines]) for order in rows]

    return shape


@declare(SHELVE, filters=("params",))
def query_stock_shelve(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, params.get("warehouse_no"), read=True)
    return shaped_page(ctx, service.searches.shelves(ctx.tenant_id, warehouse.warehouse_id, params),
                       _position_moves(ctx, warehouse, "detailList"), scalars=True)


# ---------------------------------------------------------------------------- move orders


@declare(MOVE, window_unless=("order_no",), filters=("params",))
def query_move_order(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, params.get("warehouse_no"), read=True)
    return shaped_page(ctx, service.searches.moves(ctx.tenant_id, warehouse.warehouse_id, params),
                       _position_moves(ctx, warehouse, "detail_list"), scalars=True)


# ---------------------------------------------------------------------------- defect conversion


@declare("wms.stockdefect.DefectChange.search")
def search_defect_change(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    order_names = documented_fields(ctx.method, "order")
    line_names = documented_fields(ctx.method, "details_list")
    stmt = service.searches.defect_changes(ctx.tenant_id, params, ctx.permitted_warehouses())

    def shape(rows: list[tuple[DefectChange, Warehouse]]) -> list[dict[str, Any]]:
        lines = [line for change, _ in rows for line in change.lines]
        infos = service.spec_infos(ctx.connection, [line.spec_id for line in lines])
        positions = service.positions_by_id(ctx.connection, [p for x in lines for p in (x.from_position_id,
                                                                                    x.to_position_id)])
        return [project(change, order_names, warehouse_no=warehouse.warehouse_no, details_list=[
            project(line, line_names, spec_no=infos[line.spec_id].spec.spec_no,
                    from_position_no=_position_no(positions, line.from_position_id),
                    to_position_no=_position_no(positions, line.to_position_id),
                    unit_name=infos[line.spec_id].unit_name, aux_unit_name=infos[line.spec_id].aux_unit_name,
                    unit_id=0, base_unit_id=0, unit_ratio=Decimal(1), num2=line.num,
                    expire_date=service.wire_expire(line.expire_date))
            for line in change.lines]) for change, warehouse in rows]

    return shaped_page(ctx, stmt, shape)
