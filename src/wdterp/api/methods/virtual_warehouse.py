"""setting.strategy.VirtualWarehouse.* writes: virtual-warehouse orders and strategies."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.validation import PLAIN_TEXT
from wdterp.domain.virtual_warehouse import orders, service, strategies

STRATEGY_MADE = {"data": "策略创建成功"}


def _permit_strategy(ctx: CallContext, detail: list[dict[str, Any]]) -> None:
    """A strategy moves stock of its virtual warehouses' real warehouses: the app needs them all (E34)."""
    names = {str(raw.get(key)) for raw in detail for key in ("vir_warehouse_no", "to_virwarehouse_no") if raw.get(key)}
    for warehouse_no in service.warehouse_nos(ctx.session, ctx.tenant_id, sorted(names)):
        ctx.require_warehouse(warehouse_no)


# pre_time is "yyyy-MM-dd HH:mm" (its page), not a wire time: the domain parses it
@declare("setting.strategy.VirtualWarehouse.create", field_types={"pre_time": PLAIN_TEXT})
def create(ctx: CallContext, orderMap: dict[str, Any], detailList: list[dict[str, Any]]) -> dict[str, Any]:  # noqa: N803
    warehouses = {str(raw.get("warehouse_no")): docrows.warehouse(ctx, raw.get("warehouse_no")) for raw in detailList}
    result = orders.create(ctx.session, ctx.tenant_id, orderMap, detailList, warehouses, ctx.settings)
    if result.check_error:
        return {"status": 20, "message": result.check_error}
    return {"status": 0, "message": result.order.order_no}


# the page types order_no Int, but the documents it names (调拨单 TF…, 盘点单 PD…) have text numbers
@declare("setting.strategy.VirtualWarehouse.reserveExtractAdd", paged=False, field_types={"order_no": "String"})
def reserve_extract_add(ctx: CallContext, orderInfo: dict[str, Any],  # noqa: N803
                        detail: list[dict[str, Any]]) -> dict[str, Any]:
    _permit_strategy(ctx, detail)
    strategies.create_release(ctx.session, ctx.tenant_id, orderInfo, detail)
    return STRATEGY_MADE


@declare("setting.strategy.VirtualWarehouse.strategyAllocationCreate", paged=False)
def strategy_allocation_create(ctx: CallContext, params: dict[str, Any],
                               detail: list[dict[str, Any]]) -> dict[str, Any]:
    _permit_strategy(ctx, detail)
    strategies.create_allocation(ctx.session, ctx.tenant_id, params, detail)
    return STRATEGY_MADE
