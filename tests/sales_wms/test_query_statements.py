"""Sales-stockout queries read a page in a fixed number of statements, however many stockouts,
lines and allocations it holds (no statement per row)."""

from __future__ import annotations

from swmstools import SF, WH, checked_stockout, op, seed, window

from helpers import selects
from support import TenantHandle

POSITIONS = "wms.stockout.Sales.searchPositionDetail"
#: tables only the stockout queries read while a test calls them
WATCHED = ("stock_ledger", "stock_document_line", "sales_stockout_allocation", "sales_package_line")
QUERIES = {  # method: (its arguments, its list)
    POSITIONS: ({"warehouse_no": WH}, "order_list"),
    "wms.stockout.Sales.queryWithDetail": ({"warehouse_no": WH}, "order"),
    "wms.stockout.Sales.searchLogistics": ({"status": 20}, "order_list"),
    "wms.stockout.Pack.search": ({}, "order_list"),
}


def _statements_for(tenant: TenantHandle) -> dict[str, tuple[int, int]]:
    """method → (rows, statements) of one call."""
    out = {}
    for method, (params, list_name) in QUERIES.items():
        with selects(tenant) as seen:
            rows = tenant.caller.ok(method, window(**params), page=(50, 0))[list_name]
        out[method] = (len(rows), len([s for s in seen if any(table in s for table in WATCHED)]))
    return out


def _shipped(tenant: TenantHandle, tid: str, lines: dict[str, int] | None = None) -> None:
    trade = checked_stockout(tenant, tid, lines)
    op(tenant, "sales.consign", trade_no=trade["trade_no"], logistics_no=SF, tracking_no=f"SF-{tid}")


def test_statements_do_not_grow_with_the_page(tenant: TenantHandle) -> None:
    seed(tenant)
    _shipped(tenant, "N1")
    one = _statements_for(tenant)
    for tid in ("N2", "N3", "N4"):
        _shipped(tenant, tid, {"A": 1, "B": 2})
    four = _statements_for(tenant)
    for method in QUERIES:
        assert (one[method][0], four[method][0]) == (1, 4), method
        assert four[method][1] == one[method][1], (method, one[method], four[method])
