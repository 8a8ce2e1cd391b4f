"""finance.settle.OtherIn.upload: settle what an other-in business order received."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.owners import DOCUMENT, owner
from wdterp.api.registry import declare
from wdterp.domain.stockother import settlement


@declare("finance.settle.OtherIn.upload", owner=owner(DOCUMENT, "other_in_no"))
def upload(ctx: CallContext, order_info: dict[str, Any], detail_list: list[dict[str, Any]] | None = None,
           ) -> dict[str, Any]:
    order = settlement.find_order(ctx.session, ctx.tenant_id, str(order_info.get("other_in_no") or ""),
                                  bool(order_info.get("fuzzy_query")))
    docrows.permit_order(ctx, order.warehouse_id)
    made = settlement.upload(ctx.session, ctx.tenant_id, order_info, detail_list or [], order)
    return {"order_no": made.settle_no}
