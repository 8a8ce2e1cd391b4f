"""wms.StockSpec.*: stock per warehouse/spec, available stock, the stock ledger, stock details.

Decisions the pages leave open:
- search / search2 need spec_nos or a time window (E44); half a window answers E23.
- warehouse_type is 0 for an ordinary warehouse (type 1, not external), else the warehouse's type.
- flag_name is "无" when the spec has no flag, as in the pages' examples.
- Sales figures, cost price and alarm fields are always filled (the `mask` / `need_alarm_info`
  switches only save the vendor work; sending the fields anyway breaks no client).
- queryChangeHistory: without spec_no the window may span 60 minutes (E25), with it 30 days.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from wdterp.api.context import CallContext
from wdterp.api.registry import declare
from wdterp.api.wire import Envelope, documented_fields, project
from wdterp.domain.documents import figures
from wdterp.domain.inventory import queries
from wdterp.domain.inventory.detail import NO_EXPIRY
from wdterp.domain.inventory.queries import (
    Found,
    Window,
    detail_rows,
    flag_ids,
    goods_spec_ids,
    ledger_rows,
    spec_ids_of,
    stock_rows,
    wire_times,
)
from wdterp.protocol.errors import ApiError

ZERO = Decimal(0)
NO_FLAG = "无"
WAREHOUSE_MISSING = "仓库不存在 仓库编号: {}"
ONE_HOUR = timedelta(minutes=60)


# ---------------------------------------------------------------------------- shared by the stock methods


def warehouse_scope(ctx: CallContext, warehouse_no: str | None,
                    missing: str = WAREHOUSE_MISSING) -> list[int] | None:
    """Warehouse ids a query may read: the named one (unknown → code 100, not permitted → E34), else
    the app's permitted warehouses (None = all)."""
    scope = queries.warehouse_scope(ctx.connection, ctx.tenant_id, warehouse_no, ctx.permitted_warehouses(), missing)
    if warehouse_no:
        ctx.require_warehouse(warehouse_no)
    return scope


def window_of(params: dict[str, Any], start: str = "start_time", end: str = "end_time") -> Window:
    if (params.get(start) is None) != (params.get(end) is None):
        raise ApiError("E23", f"{start} and {end} go together")
    return Window(params.get(start), params.get(end))


def as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value or () if str(v)]


def four(value: Decimal | None) -> str:
    """A Decimal(19,4) the way the page's example writes it: a string with four places."""
    return f"{Decimal(value or 0):.4f}"


# ---------------------------------------------------------------------------- search, search2


def _stock_page(ctx: CallContext, params: dict[str, Any], missing: str) -> tuple[Found, list[dict[str, Any]]]:
    window = window_of(params)
    scope = warehouse_scope(ctx, params.get("warehouse_no"), missing)
    spec_nos = as_list(params.get("spec_nos"))
    found = stock_rows(ctx.connection, ctx.tenant_id, ctx.paging, spec_nos=spec_nos or None, warehouse_ids=scope,
                       window=window, raw_times=True)
    names = documented_fields(ctx.method, "detail_list" if ctx.method.endswith("2") else "data")
    return found, _stock_wire_rows(ctx, found, names, v1=not ctx.method.endswith("2"))


def _stock_wire_rows(ctx: CallContext, found: Found, names: tuple[str, ...], v1: bool) -> list[dict[str, Any]]:
    """Wire rows of a stock page, column by column; the page's values are already wire-ready (floats,
    time text): a field is the column of its name, or computed, None as ""."""
    rows = found.rows
    if not rows:
        return []
    index = {name: at for at, name in enumerate(rows[0]._fields)}
    by_column: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for name in found.raw_times:
        by_column[index[name]] = wire_times(by_column[index[name]])

    def column(name: str) -> Sequence[Any]:
        return by_column[index[name]]

    defects = [bool(d) for d in column("defect")]
    keys = list(zip(column("warehouse_id"), column("spec_id"), defects, strict=True))
    pending = figures.pending_quantities(ctx.connection, ctx.tenant_id, keys)
    sales = figures.sales_figures(ctx.connection, ctx.tenant_id, keys)
    flag_names = [spec or goods for spec, goods in zip(column("spec_flag_name"), column("goods_flag_name"),
                                                        strict=True)]
    flags = flag_ids(ctx.connection, ctx.tenant_id, set(flag_names))
    stock, lock = column("stock_num"), column("lock_num")
    synced = [t is not None for t in column("wms_sync_time")]
    computed: dict[str, Any] = {
        "defect": [int(d) for d in column("defect")] if v1 else defects,
        "available_send_stock": [round(n - locked, 4) for n, locked in zip(stock, lock, strict=True)],
        "wms_stock_diff": [round(w - n, 4) if s else 0.0
                           for w, n, s in zip(column("wms_sync_stock"), stock, synced, strict=True)],
        "wms_preempty_diff": [round(w - locked, 4) if s else 0.0
                              for w, locked, s in zip(column("wms_preempty_stock"), lock, synced, strict=True)],
        "warehouse_type": [0 if kind == 1 and not external else kind
                           for kind, external in zip(column("warehouse_kind"), column("is_external"), strict=True)],
        "unit_name": [spec or goods for spec, goods in zip(column("spec_unit_name"), column("goods_unit_name"),
                                                            strict=True)],
        "aux_unit_name": [spec or goods for spec, goods in zip(column("spec_aux_unit_name"),
                                                                column("goods_aux_unit_name"), strict=True)],
        "flag_name": [name or NO_FLAG for name in flag_names],
        "flag_id": [flags.get(name, 0) for name in flag_names],
        "safe_stock_uppe": column("safe_stock_upper"),
    }
    for figures_of, buckets in ((pending, figures.PENDING_BUCKETS),
                                (sales, (*figures.SALES_FIGURES, "num_yesterday"))):
        if not figures_of:
            computed.update((bucket, [0.0] * len(rows)) for bucket in buckets)  # float(ZERO)
            continue
        per_row = [figures_of.get(key, {}) for key in keys]
        computed.update((bucket, [float(row.get(bucket, ZERO)) for row in per_row]) for bucket in buckets)
    columns = []
    for name in names:
        values = computed[name] if name in computed else column(name)
        columns.append(["" if v is None else v for v in values] if None in values else values)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


@declare("wms.StockSpec.search", narrowing=("spec_nos", "start_time", "end_time"), page_size_max=1000)
def search(ctx: CallContext, params: dict[str, Any]) -> Envelope:
    found, rows = _stock_page(ctx, params, WAREHOUSE_MISSING)
    return Envelope({"total": found.total, "data": rows})


@declare("wms.StockSpec.search2", narrowing=("spec_nos", "start_time", "end_time"), page_size_max=1000)
def search2(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    found, rows = _stock_page(ctx, params, "仓库不存在  仓库编号: {}")
    return ctx.page_of(rows, found.total)


# ---------------------------------------------------------------------------- available stock


@declare("wms.StockSpec.queryAvailableStock", narrowing=("spec_no", "start_time", "end_time"))
def query_available_stock(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    window = window_of(params)
    scope = warehouse_scope(ctx, params.get("warehouse_no"))
    spec_ids: list[int] | None = None
    if params.get("spec_no"):
        spec_ids = spec_ids_of(ctx.connection, ctx.tenant_id, [params["spec_no"]])
    if params.get("goods_no"):
        of_goods = goods_spec_ids(ctx.connection, ctx.tenant_id, params["goods_no"])
        spec_ids = of_goods if spec_ids is None else [s for s in spec_ids if s in of_goods]
    found = stock_rows(ctx.connection, ctx.tenant_id, ctx.paging, spec_ids=spec_ids, warehouse_ids=scope,
                       window=window)
    names = documented_fields(ctx.method, "stocks")
    rows = [project(r, names, num=round(r.stock_num - r.lock_num, 4), type=0, defect=bool(r.defect),
                    brand_name=r.brand_name or "", class_name=r.class_name or NO_FLAG,
                    status=0 if r.stock_num - r.lock_num > 0 else 1) for r in found.rows]
    return ctx.page_of(rows, found.total)


# ---------------------------------------------------------------------------- change history


@declare("wms.StockSpec.queryChangeHistory", time_fields=("start_date", "end_date"), time_required=True)
def query_change_history(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    window = window_of(params, "start_date", "end_date")
    if not params.get("spec_no") and window.start and window.end and window.end - window.start > ONE_HOUR:
        raise ApiError("E25", f"{window.end - window.start} > 60 minutes without spec_no")
    scope = warehouse_scope(ctx, params.get("warehouse_no"))
    spec_ids = spec_ids_of(ctx.connection, ctx.tenant_id, [params["spec_no"]]) if params.get("spec_no") else None
    found = ledger_rows(ctx.connection, ctx.tenant_id, ctx.paging, window, defect=bool(params.get("defect")),
                        spec_ids=spec_ids, warehouse_ids=scope, direction=params.get("type"))
    names = documented_fields(ctx.method, "data#2")
    rows = [project(r, names, type=1 if r.num > 0 else 2, stock_num_old=r.stock_before, num=abs(r.num),
                    stock_num_new=r.stock_after, defect=bool(r.defect)) for r in found.rows]
    return ctx.page_of(rows, found.total, "data")


# ---------------------------------------------------------------------------- stock details


# the page marks both ids required; its example says either will do (the list wins)
@declare("wms.StockSpec.stockDetailSearch", optional=("stock_spec_id", "stock_spec_id_list"))
def stock_detail_search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("stock_spec_id_list"):
        try:
            ids = [int(v) for v in as_list(params["stock_spec_id_list"])]
        except ValueError:
            raise ApiError("E07", f"stock_spec_id_list {params['stock_spec_id_list']!r} is not ids") from None
    elif params.get("stock_spec_id") is not None:
        ids = [params["stock_spec_id"]]
    else:
        raise ApiError("E71", "stock_spec_id or stock_spec_id_list is required", field="stock_spec_id")
    rows = detail_rows(ctx.connection, ctx.tenant_id, ids, warehouse_scope(ctx, None))
    names = documented_fields(ctx.method, "detail_list")
    out, left_locked, current = [], ZERO, None
    for r in rows:  # the reservation sits on the details stock leaves first (pick order)
        if r.stock_id != current:
            current, left_locked = r.stock_id, max(r.lock_num, ZERO)
        reserved = min(r.stock_num, left_locked) if r.stock_num > 0 else ZERO
        left_locked -= reserved
        out.append(project(r, names, stock_num=four(r.stock_num), reserve_num=four(reserved),
                           expire_date="" if r.expire_date in (None, NO_EXPIRY) else r.expire_date,
                           production_date=r.production_date or "", stock_spec_id=r.stock_id))
    return {"detail_list": out, "total_count": len(out)}
