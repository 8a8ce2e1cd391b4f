"""Every implemented method accepts the request example printed on its own doc page.

Integrators copy those examples; a validation error on one (wrong type, unknown filter, missing or
empty field, bad date) would mean our schema disagrees with the vendor's. Business answers (an
unknown shop, a document that does not exist) are fine: the tenant is empty.
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from support import TenantHandle
from wdterp.api.registry import load_all

VALIDATION_ROWS = {"E01", "E02", "E07", "E10", "E49", "E66", "E70", "E71", "E78", "E46"}
#: examples that break the page's own table, each checked by hand against the page
KNOWN_BAD_EXAMPLES: dict[str, str] = {
    "finance.invoice.InvoiceOrder.updateInvoice": "omits invoice_code, which its table marks 是 (E71)",
    "sales.TradeImport.upload": "omits order_price, which its table marks Y (E71)",
    "wms.StockShelve.queryWithDetail": "filters on start_date; the table documents start_time (E10)",
    "wms.stockin.Base.searchSN": "2023-06-31 is not a date (E66)",
    "wms.stockin.Refund.returnLogisticsPackageQuery": "filters on startTime/endTime; the table documents "
                                                      "start_time/end_time (E10)",
    "wms.stockout.Base.searchSN": "2023-06-31 is not a date (E66)",
    "wms.stockother.In.push": "'2020-07- 01 00:00:00' is not a date (E66)",
    "wms.stockother.Out.push": "'2020-07- 01 00:00:00' is not a date (E66)",
}


def _examples() -> list[tuple[str, Any]]:
    out = []
    for name, method in sorted(load_all().items()):
        example = method.doc.example_request
        if isinstance(example, list) and name not in KNOWN_BAD_EXAMPLES:
            out.append((name, example))
    return out


def test_known_bad_examples_are_still_refused(sqlite_tenant: TenantHandle) -> None:
    # the list above stays honest: each of those examples really breaks its page's own table
    for method in KNOWN_BAD_EXAMPLES:
        registered = load_all()[method]
        page = (10, 0) if registered.paged else None
        example = orjson.dumps(registered.doc.example_request)
        assert sqlite_tenant.caller.raw(method, example, page=page)["status"] != 0, method


def _validation_messages() -> dict[str, str]:
    from wdterp.protocol.errors import catalog

    return {r.row: r.template for r in catalog().values() if r.row in VALIDATION_ROWS}


@pytest.mark.parametrize(("method", "example"), _examples(), ids=[m for m, _ in _examples()])
def test_doc_example_passes_validation(sqlite_tenant: TenantHandle, method: str, example: Any) -> None:
    registered = load_all()[method]
    page = (10, 0) if registered.paged else None
    envelope = sqlite_tenant.caller.raw(method, orjson.dumps(example), page=page)
    if envelope["status"] == 0:
        return
    message = envelope["message"]
    templates = _validation_messages()
    hits = [row for row, template in templates.items()
            if (template.split("{")[0] and message.startswith(template.split("{")[0]))
            or message == template or (template.startswith("{") and message.endswith(template.split("}")[-1])
                                       and template.split("}")[-1])]
    assert envelope["status"] not in (1, 2) and not hits, (method, envelope)
