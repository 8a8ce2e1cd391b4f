"""purchase.*: applies, provider goods, purchase orders, appointments (采购申请单, 供应商货品, 采购单, 预约入库单)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods import purchase_rows as rows
from wdterp.api.methods.owners import APPLY, ORDER, owner
from wdterp.api.registry import declare
from wdterp.api.wire import Columns, Envelope, documented_fields, wire_column
from wdterp.domain.purchase import applies, autopilot, common, orders, provider_goods, searches
from wdterp.domain.queries import split_list
from wdterp.protocol.clock import wire_millis
from wdterp.protocol.errors import ApiError, business_error

#: the pages type line quantities Int, but decimals are a tenant setting (engine.quantity decides)
LINE_NUM = {"num": "Decimal(19,4)"}


def statuses(value: Any) -> list[int]:
    return [int(s) for s in split_list(str(value if value is not None else ""))]


def each(numbers: list[Any], work: Any) -> list[tuple[str, str]]:
    """Run `work(number)` on each number on its own: the (number, refusal) of those refused."""
    refused: list[tuple[str, str]] = []
    for raw in numbers:
        number = str(raw)
        try:
            work(number)
        except ApiError as err:  # a per-number outcome the pages document, not a call failure
            refused.append((number, err.message))
    return refused


# ---------------------------------------------------------------------------- applies


@declare("purchase.PurchaseApply.upload", field_types=LINE_NUM)
def upload_apply(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, params["warehouse_no"]) if params.get("warehouse_no") else None
    apply = applies.upload(ctx.session, ctx.tenant_id, params, warehouse, ctx.settings, ctx.access.key)
    return {"status": 0, "message": apply.apply_no}


def _apply_errors(ctx: CallContext, numbers: list[Any], work: Any) -> Any:
    def one(number: str) -> None:
        apply = applies.find(ctx.session, ctx.tenant_id, number)
        if apply is None:
            raise business_error("采购申请单不存在", f"purchase apply {number!r} not found")
        work(ctx.session, apply)

    refused = each(numbers, one)
    found = {a.apply_no: a.apply_id for a in (applies.find(ctx.session, ctx.tenant_id, n) for n, _ in refused) if a}
    data = [{"order_id": found.get(number, 0), "order_no": number, "error": message, "error_code": 0}
            for number, message in refused]
    return Envelope({"total": len(data), "data": data}) if data else []


@declare("purchase.PurchaseApply.cancelForApi", owner=owner(APPLY, "applyList"))
def cancel_apply(ctx: CallContext, applyList: list[Any]) -> Any:  # noqa: N803 (the page's name)
    return _apply_errors(ctx, applyList, applies.cancel)


@declare("purchase.PurchaseApply.stopForApi", owner=owner(APPLY, "applyList"))
def stop_apply(ctx: CallContext, applyList: list[Any]) -> Any:  # noqa: N803
    return _apply_errors(ctx, applyList, applies.stop)


@declare("purchase.PurchaseApply.search", list_name="order_list")
def search_apply(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    shape = rows.apply_shape()
    bound = searches.applies(ctx.tenant_id, params, ctx.permitted_warehouses())
    return ctx.search(bound, shape.head, shape.computed(ctx.connection))


# ---------------------------------------------------------------------------- provider goods


@declare("purchase.ProviderGoods.upload")
def upload_provider_goods(ctx: CallContext, purchase_provider_goods_list: list[dict[str, Any]]) -> dict[str, Any]:
    return {"error_list": provider_goods.upload(ctx.session, ctx.tenant_id, purchase_provider_goods_list)}


_GOODS_STOCK = ("stock_num", "to_purchase_num", "subscribe_num", "order_num", "sending_num", "avaliable_num",
                "purchase_num", "purchase_arrive_num")
_GOODS_SALES = tuple(searches.sales_windows(searches.now_china()))
PROVIDER_GOODS_ROWS = Columns(
    documented_fields("purchase.ProviderGoods.queryDetail", "details"), searches.PROVIDER_GOODS.columns,
    (*_GOODS_STOCK, *_GOODS_SALES, "last_purchase_time", "follower_id", "unit_name", "unit_ratio"),
    {"provider_type": 0})
_AT = {name: searches.PROVIDER_GOODS.index(name) for name in ("spec_id", "last_purchase_time", "_follower",
                                                               "purchase_unit_name")}


@declare("purchase.ProviderGoods.queryDetail")
def query_provider_goods(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    conn = ctx.connection

    def computed(found: list[Any]) -> dict[str, list[Any]]:
        spec_ids = [row[_AT["spec_id"]] for row in found]
        stock = searches.stock_figures(conn, spec_ids)
        sales = searches.sales_figures(conn, spec_ids)
        followers = searches.employee_ids(conn, ctx.tenant_id, [row[_AT["_follower"]] for row in found])
        out: dict[str, list[Any]] = {name: [float(stock[s][name]) for s in spec_ids] for name in _GOODS_STOCK}
        out.update({name: [float(sales[name].get(s, 0)) for s in spec_ids] for name in _GOODS_SALES})
        out["last_purchase_time"] = [wire_millis(_time(row[_AT["last_purchase_time"]])) for row in found]
        out["follower_id"] = [followers.get(row[_AT["_follower"]], 0) for row in found]
        out["unit_name"] = wire_column(row[_AT["purchase_unit_name"]] or "无" for row in found)
        out["unit_ratio"] = [1.0] * len(found)
        return out

    return ctx.search(searches.provider_goods(ctx.tenant_id, params), PROVIDER_GOODS_ROWS, computed)


def _time(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


# ---------------------------------------------------------------------------- orders


@declare("purchase.PurchaseOrder.createOrder", field_types=LINE_NUM,
         optional=("purchaser_name", "receive_warehouse_nos", "expect_warehouse_no"))
def create_order(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    places = orders.order_warehouses(ctx.session, ctx.tenant_id, params, ctx.permitted_warehouses())
    purchaser = common.purchaser(ctx.session, ctx.tenant_id, params.get("purchaser_name"), ctx.access.key,
                                 ctx.settings)
    order = orders.create(ctx.session, ctx.tenant_id, params, places, purchaser, ctx.settings, ctx.access.key)
    if params.get("is_check"):
        failed = orders.check_or_report(ctx.session, order, ctx.access.key, ctx.settings)
    else:
        failed = autopilot.after_create(ctx.session, order, ctx.settings)
    if failed:
        return {"status": 20, "message": failed}
    return {"status": 0, "message": order.purchase_no}


def _order(ctx: CallContext, number: str) -> Any:
    return orders.existing(ctx.session, ctx.tenant_id, number)


@declare("purchase.PurchaseOrder.updatePurchaseInfo", owner=owner(ORDER, "purchase_no"))
def update_order(ctx: CallContext, params: dict[str, Any]) -> None:
    orders.set_flag(ctx.session, _order(ctx, str(params["purchase_no"])), str(params["flag_name"]))


@declare("purchase.PurchaseOrder.cancelOrder", owner=owner(ORDER, "purchase_no"))
def cancel_order(ctx: CallContext, purchase_no: str) -> None:
    orders.cancel(ctx.session, _order(ctx, str(purchase_no)))


@declare("purchase.PurchaseOrder.cancelByType", owner=owner(ORDER, "purchase_no_list"))
def cancel_by_type(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    kind = int(params["operate_type"])
    allow = bool(params.get("allow_cancel_checked_order"))

    def one(number: str) -> None:
        order = _order(ctx, number)
        if kind == 0:
            orders.cancel(ctx.session, order, allow)
        else:
            orders.stop_waiting(ctx.session, order)

    refused = each(params.get("purchase_no_list") or [], one)
    if not refused:
        return {"code": 0, "message": "", "error_count": 0}
    message = json.dumps([{"error": f"采购单编号:{n},{m}"} for n, m in refused], ensure_ascii=False,
                         separators=(",", ":"))
    return {"code": 1, "message": message, "error_count": len(refused)}


@declare("purchase.PurchaseOrder.pending", owner=owner(ORDER, "purchaseNos"))
def pending_order(ctx: CallContext, purchaseNos: list[Any]) -> dict[str, Any]:  # noqa: N803
    def one(number: str) -> None:
        order = orders.find(ctx.session, ctx.tenant_id, number)
        if order is None:
            raise business_error("采购单号不存在", f"purchase order {number!r} not found")
        orders.stop_waiting(ctx.session, order)

    refused = each(purchaseNos, one)
    return {"error_info": [{"order_no": n, "message": m} for n, m in refused], "status": 0}


@declare("purchase.PurchaseOrder.queryWithDetail", list_name="order")
def query_orders(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    shape = rows.order_shape()
    bound = searches.orders(ctx.tenant_id, params, ctx.permitted_warehouses(), statuses(params.get("status")))
    result = ctx.search(bound, shape.head, shape.computed(ctx.connection))
    if params.get("fuzzy_query") and params.get("purchase_no") and result["total_count"] > 1:
        raise business_error("业务单号模糊查询匹配到多条单据", f"{params['purchase_no']!r} matches several")
    return result


@declare("purchase.StockInPreOrder.search", list_name="order_list", window_unless=("pre_order_no",))
def search_pre_orders(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    shape = rows.pre_order_shape()
    return ctx.search(searches.pre_orders(ctx.tenant_id, params, ctx.permitted_warehouses()), shape.head,
                      shape.computed(ctx.connection))
