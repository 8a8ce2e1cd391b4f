"""finance.settle.Purchase.* / finance.settle.PurchaseReturn.upload: purchase settlements (采购结算单)."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods import purchase_rows as rows
from wdterp.api.methods.owners import ORDER, RETURN, owner
from wdterp.api.methods.purchase import statuses
from wdterp.api.registry import declare
from wdterp.domain.purchase import returns, searches, settlement


def _upload(ctx: CallContext, doc: Any, settle_order: dict[str, Any],
            detail_list: list[dict[str, Any]]) -> dict[str, Any]:
    docrows.permit_order(ctx, doc.warehouse_id)
    settle = settlement.create(ctx.session, ctx.tenant_id, doc, settle_order, detail_list, ctx.access.key)
    if settle_order.get("is_check"):
        # a failed check rises and the call's transaction keeps no document
        settlement.check(ctx.session, settle, ctx.access.key)
    return {"order_no": settle.settle_no}


@declare("finance.settle.Purchase.upload", owner=owner(ORDER, "purchase_no"))
def upload_settle(ctx: CallContext, settle_order: dict[str, Any], detail_list: list[dict[str, Any]]) -> dict[str, Any]:
    order = settlement.find_order(ctx.session, ctx.tenant_id, str(settle_order["purchase_no"]),
                                  bool(settle_order.get("fuzzy_query")))
    return _upload(ctx, order, settle_order, detail_list)


@declare("finance.settle.PurchaseReturn.upload", owner=owner(RETURN, "return_no"))
def upload_return_settle(ctx: CallContext, settle_order: dict[str, Any],
                         detail_list: list[dict[str, Any]]) -> dict[str, Any]:
    ret = returns.find(ctx.session, ctx.tenant_id, str(settle_order["return_no"]))
    return _upload(ctx, ret, settle_order, detail_list)


@declare("finance.settle.Purchase.search", list_name="order")
def search_settles(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    shape = rows.settle_shape()
    bound = searches.settles(ctx.tenant_id, params, ctx.permitted_warehouses(), statuses(params.get("status")))
    conn = ctx.connection
    figures = shape.computed(conn)

    def computed(rows: list[Any]) -> dict[str, list[Any]]:
        out = figures(rows)
        out["stockin_no"] = searches.stockin_numbers(conn, [row[_SRC_ID] for row in rows])
        return out

    return ctx.search(bound, shape.head, computed)


_SRC_ID = searches.SETTLES.index("src_id")
