"""setting.strategy.VirtualWarehouse.* queries: virtual warehouses, what they hold, their orders."""

from __future__ import annotations

from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.nested import by_parent, column
from wdterp.api.registry import declare
from wdterp.api.wire import Columns, documented_fields, search_shape
from wdterp.domain.virtual_warehouse import searches, service
from wdterp.protocol.clock import wire_millis as _millis

QUERY = "setting.strategy.VirtualWarehouse.query"
WAREHOUSE_SEARCH = "setting.strategy.VirtualWarehouse.warehouseSearch"
STOCK_SEARCH = "setting.strategy.VirtualWarehouse.stockSearch"
ORDER_SEARCH = "setting.strategy.VirtualWarehouse.orderSearch"

QUERY_ROWS = search_shape(QUERY, "detail_list", searches.WAREHOUSES.columns, ("sys_warehouse_list", "shop_list"))
SYS_WAREHOUSE_ROWS = Columns(documented_fields(QUERY, "sys_warehouse_list"), searches.MEMBERS.columns)
SHOP_ROWS = Columns(documented_fields(QUERY, "shop_list"), searches.SHOPS.columns)
SEARCH_ROWS = search_shape(WAREHOUSE_SEARCH, "detail_list", searches.WAREHOUSES.columns, ("warehouse_list",))
MEMBER_ROWS = Columns(documented_fields(WAREHOUSE_SEARCH, "warehouse_list"), searches.MEMBERS.columns)
#: no prediction of other-in allocations is kept: 预计其他入库锁定量 0
STOCK_ROWS = Columns(documented_fields(STOCK_SEARCH, "detail_list"), searches.STOCK.columns,
                     constants={"trial_other_in_num": 0})
ORDER_ROWS = search_shape(ORDER_SEARCH, "order", searches.ORDERS.columns,
                          ("checked_time", "warehouse_names", "warehouse_id_str", "detail_list"))
ORDER_LINE_ROWS = Columns(documented_fields(ORDER_SEARCH, "detail_list"), searches.ORDER_LINES.columns)


def _members(ctx: CallContext, ids: list[Any], shape: Columns) -> dict[Any, list[dict[str, Any]]]:
    return by_parent(ctx, searches.MEMBERS, searches.lines(searches.MEMBERS, ids), shape, "virtual_warehouse_id")


@declare(QUERY)
def query(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    def computed(rows: list[Any]) -> dict[str, list[Any]]:
        ids = column(rows, searches.WAREHOUSES, "virtual_warehouse_id")
        members = _members(ctx, ids, SYS_WAREHOUSE_ROWS)
        shops = by_parent(ctx, searches.SHOPS, searches.lines(searches.SHOPS, ids), SHOP_ROWS, "virtual_warehouse_id")
        return {"sys_warehouse_list": [members.get(i, []) for i in ids], "shop_list": [shops.get(i, []) for i in ids]}

    bound = searches.warehouses(ctx.tenant_id, params, ctx.permitted_warehouses(), "sys_warehouse_no")
    return ctx.search(bound, QUERY_ROWS, computed)


@declare(WAREHOUSE_SEARCH)
def warehouse_search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    def computed(rows: list[Any]) -> dict[str, list[Any]]:
        ids = column(rows, searches.WAREHOUSES, "virtual_warehouse_id")
        members = _members(ctx, ids, MEMBER_ROWS)
        return {"warehouse_list": [members.get(i, []) for i in ids]}

    return ctx.search(searches.warehouses(ctx.tenant_id, params, ctx.permitted_warehouses()), SEARCH_ROWS, computed)


# the page: spec_nos is required when no time window is given
@declare(STOCK_SEARCH, window_unless=("spec_nos",))
def stock_search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.stock(ctx.tenant_id, params, ctx.permitted_warehouses()), STOCK_ROWS)



@declare(ORDER_SEARCH)
def order_search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("virtual_warehouse_no"):
        service.require_known(ctx.connection, ctx.tenant_id, str(params["virtual_warehouse_no"]))

    def computed(rows: list[Any]) -> dict[str, list[Any]]:
        ids = column(rows, searches.ORDERS, "order_id")
        lines = by_parent(ctx, searches.ORDER_LINES, searches.lines(searches.ORDER_LINES, ids), ORDER_LINE_ROWS,
                          "order_id")
        names, numbers = [], []
        for i in ids:
            seen = {row["warehouse_id"]: row["warehouse_name"] for row in lines.get(i, [])}
            names.append(",".join(seen[k] for k in sorted(seen)))
            numbers.append(",".join(str(k) for k in sorted(seen)))
        return {"checked_time": [_millis(v) for v in column(rows, searches.ORDERS, "check_time")],
                "warehouse_names": names, "warehouse_id_str": numbers, "detail_list": [lines.get(i, []) for i in ids]}

    return ctx.search(searches.orders(ctx.tenant_id, params, ctx.permitted_warehouses()), ORDER_ROWS, computed)
