"""Every documented response field of the document queries is filled, nested lists included, and no other."""

from __future__ import annotations

from typing import Any

from docseed import day_window, seed, short_window

from helpers import window
from wdterp.api.docs import doc


def _table_of(method: str, name: str) -> str:
    tables = doc(method).response_tables
    return next(t for t in tables if t.lower() == name.lower())


def _check(method: str, table: str, rows: list[dict[str, Any]]) -> None:
    documented = [f.name for f in doc(method).response_tables[table]]
    assert rows, f"{method} {table}: no rows"
    for row in rows:
        assert list(row) == documented or set(row) == set(documented), (method, table, set(documented) ^ set(row))
        for name, value in row.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                _check(method, _table_of(method, name), value)


def test_every_documented_field_is_filled(tenant: Any) -> None:
    seed(tenant)
    ok = tenant.caller.ok
    ok("wms.stockother.In.push", {"warehouse_no": "WH1", "is_check": True}, [{"spec_no": "S1", "num": 1}])
    ok("wms.stockother.Out.push", {"warehouse_no": "WH1", "is_check": True}, [{"spec_no": "S1", "num": 1}])
    ok("wms.stockin.Other.createOtherOrder", {"outer_no": "F-IN", "warehouse_no": "WH1", "is_check": 1,
                                              "goods_list": [{"spec_no": "S3", "num": 1, "sn_list": ["F1"]}]})
    ok("wms.stockout.Other.createOther", {"outer_no": "F-OUT", "warehouse_no": "WH1", "is_check": 1,
                                          "goods_list": [{"spec_no": "S3", "num": 1, "is_enable_sn": 1,
                                                          "sn_list": "F1"}]})
    cases = [
        ("wms.stockother.InQuery.queryWithDetail", window(days=1), "order"),
        ("wms.stockother.OutQuery.queryWithDetail", window(days=1), "order"),
        ("wms.stockin.Other.queryWithDetail", window(days=1), "order"),
        ("wms.stockout.OtherQuery.queryWithDetail", window(days=1), "order"),
        ("wms.stockin.Base.search", day_window(), "order_list"),
        ("wms.stockout.Base.search", short_window(), "order_list"),
        ("wms.stockin.Base.searchSN", window(days=1), "detail_list"),
        ("wms.stockout.Base.searchSN", window(days=1), "detail_list"),
        ("wms.GoodsSN.queryWithDetail", window(days=1), "sn_list"),
    ]
    for method, params, list_name in cases:
        data = ok(method, params, page=(50, 0))
        assert set(data) == {"total_count", list_name}
        _check(method, _table_of(method, list_name), data[list_name])
