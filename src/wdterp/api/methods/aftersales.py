"""aftersales.refund.*: raw refunds pushed by the mall (RawRefund.upload/upload2/search/searchHistory) and
refunds (退换单, Refund.search/searchHistory)."""

from __future__ import annotations

from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.methods.wms_transfer_rows import column, page, pick, wire_time
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields
from wdterp.domain.aftersales import autopilot, searches, service
from wdterp.domain.masterdata import service as masterdata
from wdterp.protocol.clock import wire_millis as millis
from wdterp.protocol.errors import ApiError, business_error
from wdterp.protocol.numbers import as_decimal as decimal

#: the pages type line `num` as Decimal; rows of one refund_no are its lines (one per oid)
MAX_ROWS = 100


def _upload(ctx: CallContext, shop_no: str, rows: list[dict[str, Any]], per_refund: bool) -> dict[str, Any]:
    shop = masterdata.active_shop(ctx.session, ctx.tenant_id, shop_no, ctx.permitted_shops())
    if len(rows) > MAX_ROWS:
        raise business_error(f"单次推送不能超过{MAX_ROWS}条", f"{len(rows)} rows")
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(str(row["refund_no"]), []).append(row)
    new = changed = 0
    saved = []
    errors: list[dict[str, Any]] = []
    for refund_no, lines in groups.items():
        try:
            with ctx.session.begin_nested():
                raw, is_new = service.save_raw_refund(ctx.session, shop, refund_no, lines)
        except ApiError as err:
            if not per_refund:
                raise
            errors.append({"no": refund_no, "error": err.message})  # upload2 answers it per refund
            continue
        saved.append(raw)
        new, changed = new + is_new, changed + (not is_new)
    autopilot.after_upload(ctx.session, ctx.tenant_id, saved)
    answer: dict[str, Any] = {"chg_count": changed, "new_count": new}
    if per_refund:
        answer["error_list"] = errors
    return answer


#: reason is marked required, the page's own example sends "": an empty (or absent) reason is accepted
_UPLOAD_OPTIONAL = ("reason",)


@declare("aftersales.refund.RawRefund.upload", optional=_UPLOAD_OPTIONAL)
def upload(ctx: CallContext, shop_no: str, order_list: list[dict[str, Any]]) -> dict[str, Any]:
    return _upload(ctx, shop_no, order_list, per_refund=False)


@declare("aftersales.refund.RawRefund.upload2", optional=_UPLOAD_OPTIONAL)
def upload2(ctx: CallContext, shop_no: str, order_list: list[dict[str, Any]]) -> dict[str, Any]:
    return _upload(ctx, shop_no, order_list, per_refund=True)


# ---------------------------------------------------------------------------- raw refund queries


def _raw_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = searches.RAW_REFUNDS[1]
    ids = column(search, rows, "refund_id")
    lines = searches.raw_refund_lines(ctx.connection, ids)
    names = documented_fields(ctx.method, "detail_list")
    platforms = column(search, rows, "platform_id")
    details = [[pick(line, names, platform_id=platform, refund_no=line_no, type=0,
                     refund_time=line.created, modified_date=line.modified, created_date=line.created)
                for line in lines[i]] for i, platform, line_no in zip(ids, platforms, column(
                    search, rows, "refund_no"), strict=True)]
    firsts = [lines[i][0] if lines[i] else None for i in ids]
    return {"detail_list": details, "discount_list": [[] for _ in rows],
            **{name: [("" if f is None else getattr(f, name)) for f in firsts] for name in (
                "price", "total_amount", "goods_id", "spec_id", "goods_no", "spec_no")},
            "reason_id": [0] * len(rows), "is_reject": [0] * len(rows), "tag": [""] * len(rows),
            "is_external": [0] * len(rows)}


def _raw_search(ctx: CallContext, params: dict[str, Any], history: bool) -> dict[str, Any]:
    bound = searches.raw_refunds(ctx.tenant_id, params, ctx.permitted_shops(), history)
    shaped = page(ctx, bound, "order", _raw_fields)
    for row in shaped["order"]:
        for name in ("price", "total_amount"):
            row[name] = float(row[name] or 0)
    return shaped


_RAW_BY_NUMBER = ("refund_no", "tid", "logistics_no")
#: the page marks time_type required, its own text: 不传按照修改时间获取数据
_OPTIONAL = ("time_type",)


@declare("aftersales.refund.RawRefund.search", window_unless=_RAW_BY_NUMBER, optional=_OPTIONAL, list_name="order")
def search_raw(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _raw_search(ctx, params, history=False)


@declare("aftersales.refund.RawRefund.searchHistory", window_unless=_RAW_BY_NUMBER, optional=_OPTIONAL,
         list_name="order")
def search_raw_history(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _raw_search(ctx, params, history=True)


# ---------------------------------------------------------------------------- refund queries


def _refund_fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = searches.REFUNDS
    ids = column(search, rows, "refund_id")
    lines = searches.refund_lines(ctx.connection, ids)
    names = documented_fields(ctx.method, "detail_list")
    trades = column(search, rows, "trade_no")
    raws = column(search, rows, "raw_refund_no")
    details = [[pick(line, names, platform_id=127, trade_no=trade_no, sys_goods_id=line.goods_id,
                     sys_spec_id=line.spec_id, goods_id=line.api_goods_id, spec_id=line.api_spec_id,
                     raw_refund_nos=raw_no, raw_refund_no=raw_no, is_guarantee=False, checked_cost_price=0,
                     modified_date=line.modified, discount=0, paid=0, suite_num=0, suite_id=0, gift_type=0)
                for line in lines[i]] for i, trade_no, raw_no in zip(ids, trades, raws, strict=True)]
    modified = column(search, rows, "modified")
    amounts = [[{"rec_id": i, "refund_id": i, "refund_type": 1, "is_return": 0, "refund_amount": float(decimal(a)),
                 "receive_amount": 0.0, "is_guarantee": 0, "account_id": 0, "pay_account": "", "account_name": "",
                 "account_bank": "", "is_auto": 1, "remark": ""}]
               for i, a in zip(ids, column(search, rows, "actual_refund_amount"), strict=True)]
    swaps = _swap_orders(ctx, column(search, rows, "swap_trade_no"))
    return {"detail_list": details, "amount_detail_list": amounts, "swap_order": swaps,
            "gov_subsidy_info": [[] for _ in rows], "src_tids": column(search, rows, "tid"),
            "tid_list": column(search, rows, "tid"), "trade_no_list": trades, "raw_refund_nos": raws,
            "return_goods_count": [float(v or 0) for v in column(search, rows, "stockin_num")],
            "return_goods_amount": [float(v or 0) for v in column(search, rows, "goods_amount")],
            "reason_name": column(search, rows, "reason"), "refund_reason": column(search, rows, "reason"),
            "operator_name": column(search, rows, "creator_name"), "customer_name": column(search, rows,
                                                                                           "receiver_name"),
            "modified": [millis(v) for v in modified], "modified_date": [wire_time(v) for v in modified],
            "note_count": [0] * len(rows), "reason_id": [0] * len(rows), "customer_id": [0] * len(rows)}


_SWAP_HEADER = ("tid", "shop_no", "shop_name", "warehouse_no", "shop_id", "warehouse_id")


def _swap_orders(ctx: CallContext, trade_nos: list[Any]) -> list[Any]:
    """swap_order of each row: its exchange-out trade; "" for a refund that has none (not an exchange, or not
    checked yet — the page: 非换货类型的单据不返回)."""
    found = searches.swap_trades(ctx.connection, ctx.tenant_id, [str(no or "") for no in trade_nos])
    out: list[Any] = []
    for no in trade_nos:
        if no not in found:
            out.append("")
            continue
        trade, lines = found[no]
        details = [{"oid": line.src_oid, "target_type": 1, "target_id": line.spec_id, "defect": False,
                    "goods_name": line.goods_name or "", "goods_no": line.goods_no or "",
                    "spec_name": line.spec_name or "", "spec_code": line.spec_code or "",
                    "merchant_no": line.spec_no or "", "price": float(decimal(line.price)),
                    "total_amount": float(decimal(line.total_amount)), "num": float(decimal(line.num)),
                    "remark": line.remark} for line in lines]
        out.append({**{name: getattr(trade, name) for name in _SWAP_HEADER},
                    "swap_province": trade.receiver_province, "swap_city": trade.receiver_city,
                    "swap_area": trade.receiver_area, "swap_district": trade.receiver_district,
                    "swap_logistics_id": trade.logistics_id, "post_amount": float(decimal(trade.post_amount)),
                    "other_amount": float(decimal(trade.other_amount)), "swap_order_detail_list": details})
    return out


def _refund_search(ctx: CallContext, params: dict[str, Any], history: bool) -> dict[str, Any]:
    bound = searches.refunds(ctx.tenant_id, params, ctx.permitted_shops(), history)
    result = page(ctx, bound, "order", _refund_fields, own=("modified",))
    if params.get("fuzzy_query") and params.get("refund_no") and result["total_count"] > 1:
        raise business_error("业务单号模糊查询匹配到多条单据",
                             f"{params['refund_no']!r} matches {result['total_count']}")
    return result


_REFUND_TIMES = ("modified_from", "modified_to")
#: the page types its time filters String; they are times (parsed as every start_time is)
_TIME_TYPES = {name: "Date" for name in ("modified_from", "modified_to", "settle_from", "settle_to", "agree_from",
                                          "agree_to", "current_phase_timeout_from", "current_phase_timeout_to")}


@declare("aftersales.refund.Refund.search", time_fields=_REFUND_TIMES, time_required=False, list_name="order",
         field_types=_TIME_TYPES)
def search_refunds(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _refund_search(ctx, params, history=False)


@declare("aftersales.refund.Refund.searchHistory", window_unless=("refund_no",), list_name="order")
def search_refund_history(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """The history page names its filters its own way: its window is the modified time."""
    mapped = {"modified_from": params.get("start_time"), "modified_to": params.get("end_time"),
              "shop_nos": params.get("shop_no"), "refund_no": params.get("refund_no"), "type": params.get("type"),
              "statuses": params.get("status")}
    return _refund_search(ctx, {k: v for k, v in mapped.items() if v is not None}, history=True)
