"""wms.stockin.Refund.* / wms.stockin.SmartRefund.upload: return stockins (退货入库单, src 12)."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.wms_transfer_rows import column, page, pick, wire_time
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields
from wdterp.domain.aftersales import searches, service
from wdterp.domain.documents.doclines import document_lines
from wdterp.domain.documents.statuses import OrderType
from wdterp.protocol.clock import wire_millis as millis
from wdterp.protocol.numbers import as_decimal as decimal

_FIXED = {"attach_type": 3, "operator_id": 0, "check_operator_id": 0, "reason_id": 0, "flag_id": 0, "note_count": 0,
          "adjust_num": 0, "src_order_type": OrderType.SALES_RETURN_IN}


#: the refund's shop is checked after the refund is found, not by `owner=`: a finished refund answers
#: E61 before the shop's rights (tests/aftersales/test_return_flow.py relies on that order)
@declare("wms.stockin.Refund.createOrder")
def create_order(ctx: CallContext, stockin_order: dict[str, Any]) -> str:
    warehouse = docrows.warehouse(ctx, stockin_order.get("warehouse_no"))
    refund = service.receivable(ctx.session, ctx.tenant_id, str(stockin_order.get("refund_no") or ""))
    ctx.rights.require_row(ctx.session, refund.shop_id, None, f"refund {refund.refund_no}")
    doc = service.create_stockin(ctx.session, refund, warehouse, stockin_order,
                                 stockin_order.get("detail_list") or [], ctx.settings, ctx.access.key)
    return doc.doc_no


#: remark is required by the page "无备注可以传空字符串": an empty one is accepted
@declare("wms.stockin.SmartRefund.upload", optional=("remark",))
def smart_refund(ctx: CallContext, refund_info: dict[str, Any], details: list[dict[str, Any]],
                 create_pre_stockin: bool) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, refund_info.get("return_warehouse_no"))
    refund = service.refund_for_return(ctx.session, ctx.tenant_id, str(refund_info.get("tid") or ""), details,
                                       ctx.access.key)
    ctx.rights.require_row(ctx.session, refund.shop_id, None, f"refund {refund.refund_no}")
    rows = [{"spec_no": d.get("spec_no"), "num": d.get("stockin_num"), "remark": d.get("remark")} for d in details]
    values = {"create_mode": 2, "remark": refund_info.get("remark")}
    doc = service.create_stockin(ctx.session, refund, warehouse, values, rows, ctx.settings, ctx.access.key)
    return {"stockin_id": doc.doc_id, "type": OrderType.SALES_RETURN_IN}


# ---------------------------------------------------------------------------- queries


def _stockin_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = searches.STOCKINS[0]
    ids = column(search, rows, "doc_id")
    lines = document_lines(ctx.connection, ctx.tenant_id, ids)
    names = documented_fields(ctx.method, "details_list")
    refunds = column(search, rows, "src_order_id")
    tids = column(search, rows, "tid")
    details = []
    for doc_id, refund_id, tid in zip(ids, refunds, tids, strict=True):
        details.append([pick(line, names, stockin_id=doc_id, refund_detail_id=str(line.src_line_id),
                             total_cost=line.num * line.cost_price, right_num=line.num, expect_num=line.num,
                             stockin_num=line.num, checked_cost_price=line.cost_price, src_order_id=refund_id,
                             base_unit_name=line.goods_unit, src_order_type=OrderType.SALES_RETURN_IN,
                             refund_amount=line.num * line.price, actual_refund_amount=line.num * line.price,
                             original_price=line.price, tid=tid, sn_list=[], refund_order_detail_list=[])
                        for line in lines[doc_id]])
    totals = [float(sum((x.num * x.cost_price for x in lines[i]), decimal(0))) for i in ids]
    counts = [float(sum((x.num for x in lines[i]), decimal(0))) for i in ids]
    return {"details_list": details, "stockin_id": ids, "order_no": column(search, rows, "doc_no"),
            "created_time": [millis(v) for v in column(search, rows, "created")],
            "check_time": [millis(v) for v in column(search, rows, "check_time")],
            "nick_name": column(search, rows, "buyer_nick"), "customer_name": column(search, rows, "receiver_name"),
            "trade_no_list": column(search, rows, "trade_no"), "tid_list": column(search, rows, "tid"),
            "total_price": totals, "total_goods_stockin_num": counts, "total_amount": totals,
            "process_status": column(search, rows, "refund_status"),
            "check_operator_name": column(search, rows, "checker_name"),
            "sum_refund_amount": [float(decimal(v)) for v in column(search, rows, "refund_amount")],
            "modified": [wire_time(v) for v in column(search, rows, "modified")],
            "gov_subsidy_info": [[] for _ in rows], **{k: [v] * len(rows) for k, v in _FIXED.items()}}


def _query(ctx: CallContext, params: dict[str, Any], history: bool) -> dict[str, Any]:
    bound = searches.stockins(ctx.tenant_id, params, ctx.permitted_warehouses(), ctx.permitted_shops(), history)
    result = page(ctx, bound, "order", _stockin_fields, own=("check_time", "modified", "type"))
    result["summary_data"] = _summary(result["order"]) if params.get("need_summary") else []
    return result


def _summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """汇总: per warehouse, shop and spec, the quantities and refund amounts of the page's stockins."""
    tree: dict[str, dict[str, dict[str, list[float]]]] = {}
    for row in rows:
        specs = tree.setdefault(row["warehouse_no"], {}).setdefault(row["shop_no"], {})
        for line in row["details_list"]:
            figures = specs.setdefault(line["spec_no"], [0.0, 0.0])
            figures[0] += float(line["num"] or 0)
            figures[1] += float(line["refund_amount"] or 0)
    return [{"warehouse_no": w, "shop_data": [
        {"shop_no": shop, "spec_data": [{"spec_no": spec, "num": n, "total_refund_amount": a}
                                        for spec, (n, a) in specs.items()]} for shop, specs in shops.items()]}
            for w, shops in tree.items()]


@declare("wms.stockin.Refund.queryWithDetail", window_unless=("stockin_no", "refund_no"), list_name="order")
def query(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _query(ctx, params, history=False)


@declare("wms.stockin.Refund.queryHisWithDetail", window_unless=("stockin_no", "refund_no"), list_name="order")
def query_history(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _query(ctx, params, history=True)


def _package_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = searches.STOCKINS[0]
    return {"rec_id": column(search, rows, "doc_id"), "stockin_no": column(search, rows, "doc_no"),
            "stockin_status": column(search, rows, "status"),
            "stockin_operator_name": column(search, rows, "operator_name"),
            "created": [wire_time(v) for v in column(search, rows, "created")],
            "check_time": [wire_time(v) for v in column(search, rows, "check_time")],
            "stockin_time": [wire_time(v) for v in column(search, rows, "check_time")],
            "pre_stockin_no": [""] * len(rows), "pre_stockin_status": [0] * len(rows)}


#: the page lists the packages as data.record, each row as its table order_list names it
@declare("wms.stockin.Refund.returnLogisticsPackageQuery", window_unless=("logistics_no",), list_name="record")
def return_packages(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """The returns' packages: one per return stockin with its tracking number."""
    return page(ctx, searches.stockins(ctx.tenant_id, params, ctx.permitted_warehouses(), ctx.permitted_shops(),
                                       False), "order_list", _package_fields, own=("created", "check_time"))
