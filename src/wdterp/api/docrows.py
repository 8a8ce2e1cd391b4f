"""Helpers shared by the stock-document namespaces: the caller's warehouse, pages of documents shaped
with their goods facts loaded once per page, and the "number or time window" rule of their queries."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import Select

from wdterp.api.context import CallContext
from wdterp.domain.documents import engine
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.views import Facts
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.queries import by_id, columns_of, record_rows, with_children

ZERO = Decimal(0)


def warehouse(ctx: CallContext, warehouse_no: str | None, read: bool = False) -> Warehouse:
    """The warehouse a call names: E31 empty, E34 not permitted for the app, unknown or disabled
    (`read`: looked up on the call's connection, a `Record`; else an ORM instance to write with)."""
    ctx.require_warehouse(warehouse_no)
    assert warehouse_no
    return engine.active_warehouse(ctx.connection if read else ctx.session, ctx.tenant_id, warehouse_no)


def permit_order(ctx: CallContext, warehouse_id: int) -> None:
    """An app without permission for a document's warehouse cannot act on the document (E34)."""
    found = by_id(ctx.session, Warehouse, [warehouse_id]).get(warehouse_id)
    ctx.require_warehouse(found.warehouse_no if found else "")


def page_of(ctx: CallContext, stmt: Select[Any], load: Callable[[list[Any]], Facts],
            shape: Callable[[Any, Facts], dict[str, Any]]) -> dict[str, Any]:
    """One page of `stmt` (a select of one model that has `lines`), its facts loaded once, each row
    shaped. Documents and lines are read as Core rows on the call's connection (`Record`s)."""
    model = stmt.column_descriptions[0]["entity"]
    rows, total = ctx.fetch_page(stmt.with_only_columns(*columns_of(model)), core=True)
    docs = with_children(ctx.connection, model, record_rows(ctx.connection, model, rows))
    facts = load(docs)
    return ctx.page_of([shape(doc, facts) for doc in docs], total)


def line_cost(line: StockDocumentLine) -> Decimal:
    return (line.num or ZERO) * (line.cost_price or ZERO)


def doc_cost(doc: StockDocument) -> Decimal:
    return sum((line_cost(line) for line in doc.lines), ZERO)


def doc_weight(doc: StockDocument, facts: Facts) -> Decimal:
    computed = sum(((facts.specs[x.spec_id].weight or ZERO) * x.num for x in doc.lines), ZERO)
    return doc.weight or computed
