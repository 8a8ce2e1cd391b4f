"""sales.TradeQuery.*, sales.TradeEdit.*, sales.TradeImport.upload, sales.Payment.queryWithDetail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.docs import doc
from wdterp.api.methods.sales_rows import TradeShaper
from wdterp.api.registry import declare
from wdterp.api.validation import ArgsValidator, model_for
from wdterp.api.wire import search_shape
from wdterp.domain.sales import edits, pages, search, searches
from wdterp.protocol.errors import ApiError, business_error

# ---------------------------------------------------------------------------- trade queries


def _trades(ctx: CallContext, params: dict[str, Any], history: bool, self_only: bool) -> dict[str, Any]:
    """One page of trades read as Core rows (no ORM objects), with their lines and what those point to
    (specs, goods, stock costs, barcodes) in one query each, shaped column by column."""
    stmt = search.trades_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_shops(), history, self_only)
    shaper = TradeShaper(ctx.connection, ctx.tenant_id, ctx.method, bool(params.get("cal_share_post_amount")))
    trades, total = ctx.fetch_page(stmt.with_only_columns(*pages.TRADE_COLUMNS), core=True)
    return ctx.page_of(shaper(trades), total)


# the window is required only without trade_no / src_tid / logistics_no (E23 in the query itself)
@declare("sales.TradeQuery.queryWithDetail", window_unless=("trade_no", "src_tid", "logistics_no"))
def query_with_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _trades(ctx, params, history=False, self_only=False)


@declare("sales.TradeQuery.queryHistoryWithDetail", window_unless=("trade_no", "src_tid", "logistics_no"))
def query_history_with_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _trades(ctx, params, history=True, self_only=False)


@declare("sales.TradeQuery.querySelfOrderWithDetail", window_unless=("trade_no", "src_tid", "logistics_no"))
def query_self_order_with_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _trades(ctx, params, history=False, self_only=True)


@declare("sales.TradeQuery.queryHistorySelfOrderWithDetail", window_unless=("trade_no", "src_tid", "logistics_no"))
def query_history_self_order_with_detail(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _trades(ctx, params, history=True, self_only=True)


TRADE_LOG_ROWS = search_shape("sales.TradeQuery.getLog", "detail_list", searches.TRADE_LOGS.columns)
MERGE_LOG_ROWS = search_shape("sales.TradeQuery.getTradeMergedLog", "log_list", searches.MERGE_LOGS.columns)


@declare("sales.TradeQuery.getLog")
def get_log(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    trade = searches.trade_of_log(ctx.connection, ctx.tenant_id, params["trade_no"])
    permitted = ctx.permitted_shops()
    if trade is None or trade[1] is None or (permitted is not None and trade[1] not in permitted):
        raise business_error("订单不存在或无店铺权限", f"trade {params['trade_no']!r} not found or shop not permitted")
    return {"detail_list": ctx.rows(searches.trade_logs(ctx.tenant_id, trade[0]), TRADE_LOG_ROWS)}


@declare("sales.TradeQuery.getTradeMergedLog", time_span=timedelta(days=edits.MERGE_LOG_DAYS))
def get_trade_merged_log(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.merge_logs(ctx.tenant_id, params), MERGE_LOG_ROWS, list_name="log_list")


# ---------------------------------------------------------------------------- edits

_REMARK_DOC = doc("sales.TradeEdit.modifyRemark")
_REMARK_ITEM = model_for(_REMARK_DOC, _REMARK_DOC.arg_table("data") or (), False)


def _remark_items(value: Any) -> list[dict[str, Any]]:
    """The page's own example wraps the list as {"data": [...]}; both shapes are read."""
    if isinstance(value, dict) and "data" in value:
        value = value["data"]
    return ArgsValidator.validate_list(_REMARK_ITEM, value)


@declare("sales.TradeEdit.modifyRemark", overrides={"data": _remark_items})
def modify_remark(ctx: CallContext, items: list[dict[str, Any]]) -> dict[str, Any]:
    errors = edits.modify_remarks(ctx.session, ctx.tenant_id, items, ctx.access.key, ctx.rights)
    return {"message": "成功" if not errors else "部分失败", "error": errors}


@declare("sales.TradeEdit.toException")
def to_exception(ctx: CallContext, trade_no: str) -> dict[str, Any]:
    if not trade_no:
        raise ApiError("E21", "empty trade_no")
    return {"message": edits.to_exception(ctx.session, ctx.tenant_id, trade_no, ctx.access.key, ctx.rights)}


# ---------------------------------------------------------------------------- import, payments


@declare("sales.TradeImport.upload")
def import_trades(ctx: CallContext, rows: list[dict[str, Any]]) -> dict[str, Any]:
    if not ctx.access.create_trade:
        raise ApiError("E55", f"app {ctx.access.key} may not create trades")
    edits.import_trades(ctx.session, ctx.tenant_id, rows, ctx.permitted_shops(), ctx.permitted_warehouses())
    return {"message": "OK"}


# the system (系统) made and received it: no employee row, id 0
SALES_PAYMENT_ROWS = search_shape("sales.Payment.queryWithDetail", "payment_list", searches.SALES_PAYMENTS.columns,
                                  constants={"operator_id": 0, "checker_id": 0})


@declare("sales.Payment.queryWithDetail")
def query_payments(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return ctx.search(searches.sales_payments(ctx.tenant_id, params, ctx.permitted_shops()), SALES_PAYMENT_ROWS)
