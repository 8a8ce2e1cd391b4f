"""`wdterp load` section `stock`: figures set through checked 初始化入库/出库 documents, seen through HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from support import TenantHandle
from wdterp.api.ops import run_operation
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.masterdata.loader import LoadError, LoadReport, load_document
from wdterp.protocol.clock import format_wire_time, now_china

CATALOG: dict[str, Any] = {
    "warehouses": [{"warehouse_no": "WA", "name": "A"}, {"warehouse_no": "WB", "name": "B"}],
    "goods": [{"goods_no": "G", "goods_name": "货品", "spec_list": [{"spec_no": "S1"}, {"spec_no": "S2"}]}],
}
STOCK = [
    {"warehouse_no": "WA", "spec_no": "S1", "num": 10, "cost_price": 5},
    {"warehouse_no": "WA", "spec_no": "S1", "num": 4, "position_no": "P-01", "batch_no": "B1",
     "expire_date": "2030-01-31"},
    {"warehouse_no": "WA", "spec_no": "S2", "num": 1, "defect": True},
    {"warehouse_no": "WB", "spec_no": "S2", "num": 7, "cost_price": "2.5"},
]


def _load(tenant: TenantHandle, stock: list[dict[str, Any]], **extra: Any) -> LoadReport:
    with tenant.db.transaction() as session:
        return load_document(session, {"sid": tenant.sid, **CATALOG, "stock": stock, **extra})


def _figures(tenant: TenantHandle) -> dict[tuple[str, str, bool], tuple[float, float]]:
    envelope = tenant.caller.call("wms.StockSpec.search", {"spec_nos": ["S1", "S2"]}, page=(50, 0))
    assert envelope["status"] == 0, envelope
    return {(r["warehouse_no"], r["spec_no"], bool(r["defect"])): (r["stock_num"], r["cost_price"])
            for r in envelope["data"]}


def _documents(tenant: TenantHandle) -> list[tuple[str, int, int]]:
    with tenant.db.transaction() as session:
        return [(d.direction, d.order_type, d.status) for d in session.scalars(
            select(StockDocument).where(StockDocument.tenant_id == tenant.tenant_id)
            .order_by(StockDocument.doc_id))]


def _audit(tenant: TenantHandle) -> dict[str, Any]:
    with tenant.db.transaction() as session:
        return run_operation(session, "stock.audit", tenant.sid, {})


def test_stock_section_brings_stock_in_on_init_stockins(tenant: TenantHandle) -> None:
    report = _load(tenant, STOCK)
    assert (report.sections["stock"].created, report.sections["stock"].existing) == (4, 0)
    assert _figures(tenant) == {("WA", "S1", False): (14, 5), ("WA", "S2", True): (1, 0), ("WB", "S2", False): (7, 2.5)}
    # one checked 初始化入库 (33) per warehouse, and the ledger explains every unit
    assert _documents(tenant) == [("in", 33, 80), ("in", 33, 80)]
    assert _audit(tenant) == {"ok": True, "problems": []}
    window = {"start_date": format_wire_time(now_china() - timedelta(minutes=30)),
              "end_date": format_wire_time(now_china() + timedelta(minutes=5))}
    history = tenant.caller.ok("wms.StockSpec.queryChangeHistory", {**window, "spec_no": "S1"}, page=(10, 0))
    assert sorted((r["src_order_type"], r["type"], r["num"]) for r in history["data"]) == [(33, 1, 4), (33, 1, 10)]
    # the detail rows: the default position, and the named position with its batch and expiry
    rec_id = next(r["rec_id"] for r in tenant.caller.call("wms.StockSpec.search", {"spec_nos": ["S1"]},
                                                              page=(10, 0))["data"])
    details = tenant.caller.ok("wms.StockSpec.stockDetailSearch", {"stock_spec_id": rec_id})["detail_list"]
    assert sorted((d["position_no"], d["batch_no"], str(d["expire_date"])[:10], float(d["stock_num"]))
                  for d in details) == [("P-01", "B1", "2030-01-31", 4.0), ("ZANCUNQU", "", "", 10.0)]


def test_reloading_sets_the_figures_again(tenant: TenantHandle) -> None:
    _load(tenant, STOCK)
    again = _load(tenant, STOCK)
    assert (again.sections["stock"].created, again.sections["stock"].existing) == (0, 4)
    assert len(_documents(tenant)) == 2  # nothing moved, no document

    with tenant.db.transaction() as session:  # the figure changes meanwhile (a count)
        run_operation(session, "stock.count", tenant.sid, {"warehouse_no": "WB", "spec_no": "S2", "num": 9})
    changed = [dict(row) for row in STOCK]
    changed[0]["num"] = 6  # lower the default-position figure of S1 in WA
    report = _load(tenant, changed)
    assert (report.sections["stock"].created, report.sections["stock"].existing) == (2, 2)
    figures = _figures(tenant)
    assert figures[("WA", "S1", False)][0] == 10 and figures[("WB", "S2", False)][0] == 7
    # WA lost 4 on one 初始化出库 (34); WB went back from 9 to 7 the same way
    assert _documents(tenant)[-2:] == [("out", 34, 110), ("out", 34, 110)]
    assert _audit(tenant) == {"ok": True, "problems": []}


@pytest.mark.parametrize(("row", "message"), [
    ({"warehouse_no": "WA", "spec_no": "S1"}, "'num' is required"),
    ({"warehouse_no": "NOPE", "spec_no": "S1", "num": 1}, "unknown or disabled warehouse_no 'NOPE'"),
    ({"warehouse_no": "WA", "spec_no": "NOPE", "num": 1}, "unknown spec_no 'NOPE'"),
    ({"warehouse_no": "WA", "spec_no": "S1", "num": -1}, "must be >= 0"),
    ({"warehouse_no": "WA", "spec_no": "S1", "num": 1.5}, "whole unless"),
    ({"warehouse_no": "WA", "spec_no": "S1", "num": 1, "price": 3}, "unknown field(s) 'price'"),
    ({"warehouse_no": "WA", "spec_no": "S1", "num": "x"}, "stock[1].num"),
])
def test_bad_rows_are_refused_and_nothing_is_written(sqlite_tenant: TenantHandle, row: dict[str, Any],
                                                     message: str) -> None:
    with pytest.raises(LoadError) as caught:
        _load(sqlite_tenant, [STOCK[0], row])
    assert message in str(caught.value) and "stock[" in str(caught.value)
    assert _documents(sqlite_tenant) == []


def test_the_same_detail_twice_is_refused(sqlite_tenant: TenantHandle) -> None:
    with pytest.raises(LoadError, match=r"stock\[1\]: the same stock detail as stock\[0\]"):
        _load(sqlite_tenant, [STOCK[0], {**STOCK[0], "num": 3}])


def test_decimal_quantities_follow_the_tenant_setting(sqlite_tenant: TenantHandle) -> None:
    _load(sqlite_tenant, [{"warehouse_no": "WA", "spec_no": "S1", "num": 1.5}], settings={"decimal_quantity": 1})
    assert _figures(sqlite_tenant)[("WA", "S1", False)][0] == 1.5
