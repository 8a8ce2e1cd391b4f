"""wms.stockin.Purchase.* / wms.stockout.PurchaseReturn.*: purchase stockins (kind 10) and purchase-return
stockouts (kind 14); purchase.PurchaseReturn.*: the returns themselves."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods import purchase_rows as rows
from wdterp.api.methods.owners import DOCUMENT, ORDER, RETURN, owner
from wdterp.api.methods.purchase import each, statuses
from wdterp.api.registry import declare
from wdterp.domain.documents import engine
from wdterp.domain.purchase import orders, receiving, returns, searches
from wdterp.protocol.errors import ApiError, business_error

#: 一次推送不超过20条 (batchCancelOrder) · 一次请求退货单数量不可大于500 (pending)
BATCH_CANCEL_MAX = 20
PENDING_MAX = 500


# ---------------------------------------------------------------------------- purchase stockins


@declare("wms.stockin.Purchase.upload", owner=owner(ORDER, "purchase_no"))
def upload_stockin(ctx: CallContext, stockin_order: dict[str, Any],
                   stockin_detail_list: list[dict[str, Any]]) -> str:
    warehouse = docrows.warehouse(ctx, stockin_order.get("warehouse_no"))
    order = orders.existing(ctx.session, ctx.tenant_id, str(stockin_order["purchase_no"]), lock=True)
    doc = receiving.upload(ctx.session, ctx.tenant_id, order, warehouse, stockin_order, stockin_detail_list,
                           ctx.settings, ctx.access.key)
    return doc.doc_no


@declare("wms.stockin.Purchase.cancel", owner=owner(DOCUMENT, "stockin_no"))
def cancel_stockin(ctx: CallContext, stockin_no: str) -> None:
    doc = engine.find(ctx.session, ctx.tenant_id, receiving.PURCHASE_IN, str(stockin_no))
    receiving.cancel(ctx.session, doc)


@declare("wms.stockin.Purchase.queryWithDetail", list_name="order")
def query_stockins(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    shape = rows.stockin_shape()
    bound = searches.stockins(ctx.tenant_id, params, ctx.permitted_warehouses(), statuses(params.get("status")))
    return ctx.search(bound, shape.head, shape.computed(ctx.connection))


# ---------------------------------------------------------------------------- purchase returns


def _return(ctx: CallContext, number: str) -> Any:
    return returns.find(ctx.session, ctx.tenant_id, number)


@declare("purchase.PurchaseReturn.createOrder")
def create_return(ctx: CallContext, orderInfo: dict[str, Any], detailList: list[dict[str, Any]],  # noqa: N803
                  is_check: bool) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, orderInfo.get("warehouse_no"))
    ret = returns.create(ctx.session, ctx.tenant_id, warehouse, orderInfo, detailList, ctx.settings, ctx.access.key)
    if is_check:
        failed = returns.check_or_report(ctx.session, ret, ctx.access.key, bool(orderInfo.get("check_fail_cancel")))
        if failed:
            return {"status": 20, "message": failed}
    return {"status": 0, "message": ret.return_no}


@declare("purchase.PurchaseReturn.cancelOrder", owner=owner(RETURN, "return_no"))
def cancel_return(ctx: CallContext, return_no: str) -> dict[str, Any]:
    returns.cancel(ctx.session, _return(ctx, str(return_no)))
    return {"message": "OK", "status": 0}


@declare("purchase.PurchaseReturn.batchCancelOrder", owner=owner(RETURN, "returnNos"))
def batch_cancel_returns(ctx: CallContext, returnNos: list[Any]) -> dict[str, Any]:  # noqa: N803
    if len(returnNos) > BATCH_CANCEL_MAX:
        raise business_error(f"一次推送不超过{BATCH_CANCEL_MAX}条", f"{len(returnNos)} return numbers")
    refused = each(returnNos, lambda n: returns.cancel(ctx.session, _return(ctx, n)))
    info = [{"order_no": n, "message": "采购退货单号不存在" if m == _E42 else m} for n, m in refused]
    return {"error_info": info, "error_num": len(info), "status": 0}


_E42 = ApiError("E42").message


@declare("purchase.PurchaseReturn.pending", owner=owner(RETURN, "purchaseReturnNos"))
def pending_returns(ctx: CallContext, purchaseReturnNos: list[Any]) -> dict[str, Any]:  # noqa: N803
    if len(purchaseReturnNos) > PENDING_MAX:
        raise business_error(f"一次请求退货单数量不可大于{PENDING_MAX}", f"{len(purchaseReturnNos)} numbers")
    refused = each(purchaseReturnNos, lambda n: returns.stop_waiting(ctx.session, _return(ctx, n)))
    return {"error_info": [{"order_no": n, "message": m} for n, m in refused], "status": 0}


@declare("purchase.PurchaseReturn.queryWithDetail", list_name="order", window_unless=("return_no",))
def query_returns(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    shape = rows.return_shape()
    result = ctx.search(searches.returns(ctx.tenant_id, params, ctx.permitted_warehouses()), shape.head,
                        shape.computed(ctx.connection))
    if params.get("fuzzy_query") and params.get("return_no") and result["total_count"] > 1:
        raise business_error("业务单号模糊查询匹配到多条单据", f"{params['return_no']!r} matches several")
    return result


# ---------------------------------------------------------------------------- return stockouts


@declare("wms.stockout.PurchaseReturn.createOrder", owner=owner(RETURN, "return_no"))
def create_return_stockout(ctx: CallContext, orderInfo: dict[str, Any],  # noqa: N803
                           detailList: list[dict[str, Any]]) -> dict[str, Any]:  # noqa: N803
    warehouse = docrows.warehouse(ctx, orderInfo.get("warehouse_no"))
    ret = _return(ctx, str(orderInfo["return_no"]))
    doc = returns.create_stockout(ctx.session, ctx.tenant_id, ret, warehouse, orderInfo, detailList, ctx.settings,
                                  ctx.access.key)
    return {"message": doc.doc_no, "status": 0}


@declare("wms.stockout.PurchaseReturn.queryWithDetail", list_name="order",
         window_unless=("stockout_no", "src_order_no"))
def query_return_stockouts(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    shape = rows.stockout_shape()
    bound = searches.return_stockouts(ctx.tenant_id, params, ctx.permitted_warehouses(),
                                      statuses(params.get("status")))
    return ctx.search(bound, shape.head, shape.computed(ctx.connection))
