"""sales.LogisticsSync.* and sales.StockSync.*: reporting tracking numbers and stock to the own mall."""

from __future__ import annotations

from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import Envelope, documented_fields, project
from wdterp.domain.sync import logistics, stock
from wdterp.protocol.errors import ApiError

# ---------------------------------------------------------------------------- logistics sync


@declare("sales.LogisticsSync.getSyncListExt", time_span=None)
def get_sync_list_ext(ctx: CallContext, params: dict[str, Any]) -> Envelope:
    stmt = logistics.pending_query(ctx.connection, ctx.tenant_id, params, ctx.permitted_shops())
    found, total = ctx.fetch_page(stmt)
    names = documented_fields(ctx.method, "data")
    rows = [project(row, names, is_part_sync=int(row.is_part_sync)) for row in found]
    return Envelope({"total": total, "data": rows})


@declare("sales.LogisticsSync.update")
def update_sync(ctx: CallContext, sync_list: list[dict[str, Any]]) -> list[str]:
    return logistics.record_results(ctx.session, ctx.tenant_id, sync_list, ctx.permitted_shops())


# ---------------------------------------------------------------------------- stock sync

CALC_FIELDS = "sales.StockSync.calcStock"
#: the pages' examples send only the figure, the change count and the rule snapshot
_INFO_OPTIONAL = ("stock_syn_rule_id", "stock_syn_rule_no", "stock_syn_other", "stock_syn_warehouses",
                  "stock_syn_mask", "stock_syn_percent", "stock_syn_plus", "stock_syn_min", "stock_syn_max",
                  "is_auto_listing", "is_auto_delisting", "is_syn_success", "is_manual", "syn_result")
WAIT_COUNT_MIN, WAIT_COUNT_MAX = 10, 5000


def _calc_row(ctx: CallContext, api_goods_id: int, force_sync: bool) -> dict[str, Any]:
    listing, shop, rule, figure = stock.calc(ctx.session, ctx.tenant_id, api_goods_id, force_sync,
                                             ctx.permitted_shops())
    snapshot = stock.rule_dict(rule)
    snapshot["is_auto_listing"] = rule.is_auto_listing and listing.is_auto_listing
    snapshot["is_auto_delisting"] = rule.is_auto_delisting and listing.is_auto_delisting
    return project(listing, documented_fields(CALC_FIELDS, "data"), **snapshot, syn_stock=figure,
                   sub_platform_id=shop.sub_platform_id, platform_id=shop.platform_id, reserve_s="")


@declare("sales.StockSync.calcStock", paged=False)
def calc_stock(ctx: CallContext, api_goods_id: int, force_sync: bool) -> dict[str, Any]:
    return _calc_row(ctx, api_goods_id, bool(force_sync))


@declare("sales.StockSync.batchCalcStock", paged=False)
def batch_calc_stock(ctx: CallContext, params: list[dict[str, Any]]) -> dict[str, Any]:
    success: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for item in params:
        try:
            success.append(_calc_row(ctx, int(item["api_goods_id"]), bool(item["force_sync"])))
        except ApiError as err:  # a listing that cannot be computed is reported, the others still are
            errors.append({"rec_id": item["api_goods_id"], "err_msg": err.message})
    return {"success_date": success, "error_date": errors}


@declare("sales.StockSync.getSelfWaitSyncIdListOpen", paged=False)
def get_self_wait_sync_id_list(ctx: CallContext, count: int, position: int) -> dict[str, Any]:
    if count > WAIT_COUNT_MAX:
        raise ApiError("E69", f"count {count} > {WAIT_COUNT_MAX}", field="count", max=WAIT_COUNT_MAX)
    ids, last = stock.pending_ids(ctx.session, ctx.tenant_id, max(count, WAIT_COUNT_MIN), max(position, 0),
                                  ctx.permitted_shops())
    return {"id_list": ids, "position": last}


@declare("sales.StockSync.syncSuccess",
         optional=_INFO_OPTIONAL)
def sync_success(ctx: CallContext, api_goods_id: int, info: dict[str, Any]) -> Envelope:
    stock.record_success(ctx.session, ctx.tenant_id, api_goods_id, info, ctx.permitted_shops())
    return Envelope()


@declare("sales.StockSync.syncFail",
         optional=_INFO_OPTIONAL)
def sync_fail(ctx: CallContext, api_goods_id: int, info: dict[str, Any]) -> Envelope:
    stock.record_fail(ctx.session, ctx.tenant_id, api_goods_id, info, ctx.permitted_shops())
    return Envelope()


@declare("sales.StockSync.cancelSync")
def cancel_sync(ctx: CallContext, api_goods_id: int, stock_change_count: int) -> Envelope:
    stock.cancel(ctx.session, ctx.tenant_id, api_goods_id, stock_change_count, ctx.permitted_shops())
    return Envelope()
