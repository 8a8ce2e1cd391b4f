"""Documents: trades, stockouts, stockins, stock by warehouse, and every other document table (found
in the metadata, so a new domain's documents appear without changes here): list with filters and
paging, and a detail view with the document's lines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from wdterp.console.common import chosen_sid
from wdterp.domain import browse
from wdterp.domain.tenancy import service as tenancy

if TYPE_CHECKING:
    from wdterp.console.app import Console, Handler

PAGE_SIZE = 25
SHOWN_COLUMNS = 10


@dataclass(frozen=True)
class View:
    name: str
    title: str
    table: str
    filters: tuple[str, ...] = ()
    fixed: dict[str, Any] = field(default_factory=dict)


VIEWS = {v.name: v for v in (
    View("trades", "销售订单 Trades", "sales_trade", ("trade_no", "src_tids", "trade_status", "shop_id")),
    View("stockouts", "出库单 Stockouts", "stock_document", ("doc_no", "order_type", "status", "warehouse_id"),
         {"direction": "out"}),
    View("stockins", "入库单 Stockins", "stock_document", ("doc_no", "order_type", "status", "warehouse_id"),
         {"direction": "in"}),
    View("stock", "库存 Stock by warehouse", "stock", ("warehouse_id", "spec_id", "defect")),
    View("purchase_applies", "采购申请单 Purchase applies", "purchase_apply", ("apply_no", "status", "warehouse_id")),
    View("purchase_orders", "采购单 Purchase orders", "purchase_order",
         ("purchase_no", "status", "stockin_status", "warehouse_id")),
    View("purchase_returns", "采购退货单 Purchase returns", "purchase_return", ("return_no", "status", "warehouse_id")),
    View("raw_refunds", "原始退款单 Raw refunds", "raw_refund", ("refund_no", "type", "process_status", "shop_id")),
    View("refunds", "退换单 Refunds", "refund", ("refund_no", "type", "status", "stockin_status", "shop_id")),
    View("transfers", "调拨单 Transfers", "transfer_order",
         ("transfer_no", "status", "stock_out_in_status", "from_warehouse_id", "to_warehouse_id")),
    View("production", "生产单 Production orders", "process_order", ("process_no", "status", "type")),
    View("virtual_orders", "虚拟仓单据 Virtual-warehouse orders", "virtual_order",
         ("order_no", "order_type", "status", "virtual_warehouse_id")),
)}


def all_views() -> dict[str, View]:
    covered = {v.table for v in VIEWS.values()}
    found = {name: View(name, name, name, (browse.key_of(name),)) for name in browse.document_tables(covered)}
    return {**VIEWS, **found}


def _shown(columns: list[str], key: str) -> list[str]:
    rest = [c for c in columns if c not in (key, "tenant_id", "extra")]
    preferred = [c for c in rest if c.endswith(("_no", "status", "_id", "_num", "type", "amount", "time"))]
    ordered = preferred + [c for c in rest if c not in preferred]
    return [key, *ordered[:SHOWN_COLUMNS - 1]]


def _display(value: Any, labels: dict[Any, str]) -> tuple[str, Any]:
    """A value as shown, and the id behind it when it is shown by the number it refers to."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str), None
    if value is None:
        return "", None
    label = labels.get(value)
    return (label, value) if label is not None else (str(value), None)


def _page(session: Session, view: View, sid: str, filters: dict[str, str], page_no: int) -> dict[str, Any]:
    tenant_id = _tenant_id(session, sid)
    if tenant_id is None:
        return {"page": None, "labels": {}}
    page = browse.list_rows(session, view.table, tenant_id, filters, PAGE_SIZE, page_no, view.fixed)
    return {"page": page, "labels": browse.labels(session, view.table, page.rows)}


def _tenant_id(session: Session, sid: str) -> int | None:
    tenant = tenancy.find_tenant(session, sid)
    return tenant.id if tenant else None


def routes(console: Console) -> list[tuple[str, Handler, list[str]]]:
    async def index(request: Request) -> Response:
        return console.render(request, "documents.html", views=all_views(), view=None, sid=chosen_sid(request))

    async def listing(request: Request) -> Response:
        view = all_views().get(request.path_params["view"])
        if view is None:
            return await console.not_found(request)
        sid = chosen_sid(request)
        filters = {name: request.query_params.get(name, "") for name in view.filters}
        raw_page = request.query_params.get("page", "0")
        page_no = int(raw_page) if raw_page.isdigit() else 0

        try:
            found = await console.read(lambda s: _page(s, view, sid, filters, page_no))
        except ValueError as exc:
            return console.render(request, "error.html", status=400, message=f"bad filter: {exc}")
        key = browse.key_of(view.table)
        page = found["page"]
        columns = _shown(page.columns, key) if page else []
        cells = [(r[key], [_display(r[c], found["labels"].get(c, {}))[0] for c in columns])
                 for r in (page.rows if page else [])]
        return console.render(request, "documents.html", views=all_views(), view=view, sid=sid, filters=filters,
                              columns=columns, cells=cells, page=page, page_no=page_no, page_size=PAGE_SIZE,
                              base_query=urlencode({k: v for k, v in request.query_params.items() if k != "page"}))

    async def detail(request: Request) -> Response:
        view = all_views().get(request.path_params["view"])
        key = request.path_params["key"]
        if view is None or not key.isdigit():
            return await console.not_found(request)
        sid = chosen_sid(request)

        def work(session: Session) -> Any:
            tenant_id = _tenant_id(session, sid)
            row, lines = browse.row_detail(session, view.table, tenant_id or 0, int(key))
            return row, lines, browse.labels(session, view.table, [row] if row else [])

        row, lines, labels = await console.read(work)
        if row is None:
            return console.render(request, "error.html", status=404, message=f"no {view.name} {key} in {sid}")
        fields = [(name, *_display(value, labels.get(name, {}))) for name, value in row.items()]
        return console.render(request, "document.html", view=view, fields=fields, lines=lines, sid=sid)

    return [("/documents", index, ["GET"]), ("/documents/{view}", listing, ["GET"]),
            ("/documents/{view}/{key}", detail, ["GET"])]
