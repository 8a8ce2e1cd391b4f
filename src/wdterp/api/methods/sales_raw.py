"""sales.RawTrade.*: the own mall pushes orders (raw trades) and reads them back."""

from __future__ import annotations

from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.methods.sales_rows import raw_trade_mapper
from wdterp.api.registry import declare
from wdterp.domain.sales import search, service

#: required on the page, but its own notes let them be empty: end_time "若无则传null", warehouse_no
#: "非自流转订单传入空字符串即可", json "若无可传“”"; the page's example sends refund_amount "" and remark ""
_OPTIONAL = ("end_time", "warehouse_no", "json", "remark", "refund_amount")


def _push(ctx: CallContext, shop_no: str, trades: list[dict[str, Any]], lines: list[dict[str, Any]],
          discounts: list[dict[str, Any]] | None, per_trade_errors: bool) -> dict[str, Any]:
    result = service.push_raw_trades(ctx.session, ctx.tenant_id, shop_no, trades, lines, discounts or [],
                                     ctx.permitted_shops(), per_trade_errors)
    data: dict[str, Any] = {"chg_count": result.chg_count, "new_count": result.new_count}
    if per_trade_errors:
        data["error_list"] = result.errors
    return data


@declare("sales.RawTrade.pushSelf", optional=_OPTIONAL)
def push_self(ctx: CallContext, shop_no: str, trades: list[dict[str, Any]], lines: list[dict[str, Any]],
              discounts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Deprecated first version: any trade failing its rules fails the whole call."""
    return _push(ctx, shop_no, trades, lines, discounts, per_trade_errors=False)


@declare("sales.RawTrade.pushSelf2", optional=_OPTIONAL)
def push_self2(ctx: CallContext, shop_no: str, trades: list[dict[str, Any]], lines: list[dict[str, Any]],
               discounts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Insert or update by tid; a trade failing its rules is reported in `error_list`."""
    return _push(ctx, shop_no, trades, lines, discounts, per_trade_errors=True)


def _search(ctx: CallContext, params: dict[str, Any], history: bool, self_only: bool) -> dict[str, Any]:
    stmt = search.raw_trades_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_shops(), history, self_only)
    return ctx.paginate(stmt, raw_trade_mapper(ctx.connection, ctx.method, params.get("detail_mask") == 1))


@declare("sales.RawTrade.search")
def search_raw(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _search(ctx, params, history=False, self_only=False)


@declare("sales.RawTrade.searchHistory")
def search_history(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _search(ctx, params, history=True, self_only=False)


@declare("sales.RawTrade.searchSelfOrder")
def search_self_order(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _search(ctx, params, history=False, self_only=True)


@declare("sales.RawTrade.searchHistorySelfOrder")
def search_history_self_order(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return _search(ctx, params, history=True, self_only=True)
