"""wms.stockin.PreStockin.*: pre-stockins (退货预入库单, src 22). `search` serves the internal channel only
(E32 for ordinary apps: the page's 此接口仅支持奇门自定场景访问)."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.owners import DOCUMENT, owner
from wdterp.api.methods.wms_transfer_rows import column, page, pick, wire_time
from wdterp.api.registry import declare
from wdterp.api.wire import documented_fields
from wdterp.domain.aftersales import prestockin
from wdterp.domain.documents import engine
from wdterp.domain.documents.doclines import document_lines
from wdterp.domain.documents.statuses import OrderType
from wdterp.protocol.numbers import as_decimal as decimal


#: stockin_no is marked required, the page's own example leaves it out: without one the pre-stockin gets
#: the next number of its own (YR…); remark "若无可为””"
@declare("wms.stockin.PreStockin.createExt", optional=("remark", "stockin_no"), field_types={"num": "Decimal(19,4)"})
def create(ctx: CallContext, stockin_order: dict[str, Any], spec_list: list[dict[str, Any]]) -> int:
    warehouse = docrows.warehouse(ctx, stockin_order.get("warehouse_no"))
    doc = prestockin.create(ctx.session, ctx.tenant_id, warehouse, stockin_order, spec_list, ctx.settings,
                            ctx.access.key)
    return doc.doc_id


@declare("wms.stockin.PreStockin.cancel", owner=owner(DOCUMENT, "pre_stockin_no"), time_span=None)
def cancel(ctx: CallContext, pre_stockin_no: str) -> None:
    doc = engine.find(ctx.session, ctx.tenant_id, prestockin.PRE_STOCKIN, str(pre_stockin_no))
    prestockin.cancel(ctx.session, doc)


def _fields(ctx: CallContext, rows: list[Any]) -> dict[str, list[Any]]:
    search = prestockin.PRE_STOCKINS
    ids = column(search, rows, "doc_id")
    lines = document_lines(ctx.connection, ctx.tenant_id, ids)
    names = documented_fields(ctx.method, "detail_list")
    modified = [wire_time(v) for v in column(search, rows, "modified")]
    created = [wire_time(v) for v in column(search, rows, "created")]
    details = [[pick(line, names, stockin_id=doc_id, num2=0, expect_num=line.num, weight=line.unit_weight,
                     goods_weight=decimal(line.unit_weight) * line.num, unit_ratio=1, need_inspect_num=0,
                     unit_name=line.spec_unit or line.goods_unit, modified_date=changed, created_date=made,
                     validity_days=0) for line in lines[doc_id]]
               for doc_id, changed, made in zip(ids, modified, created, strict=True)]
    return {"stockin_id": ids, "stockin_no": column(search, rows, "doc_no"), "detail_list": details,
            "src_order_type": [OrderType.PRE_STOCKIN] * len(rows), "note_count": [0] * len(rows),
            "modified_date": modified, "created_date": created,
            "prop3": [""] * len(rows), "wms_code": [""] * len(rows)}


@declare("wms.stockin.PreStockin.search", time_fields=("mt_from", "mt_to"), time_required=False, list_name="order")
def search(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    return page(ctx, prestockin.pre_stockins(ctx.tenant_id, params, ctx.permitted_warehouses()), "order", _fields)
