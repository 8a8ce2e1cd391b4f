"""finance.StockCost.search and the stockin/stockout cost collects, plus the stock operations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from invtools import move, seed

from helpers import window
from wdterp.api.ops import run_operation
from wdterp.api.wire import documented_fields
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, LineSpec
from wdterp.domain.documents.statuses import StockinStatus, StockoutStatus
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.tenancy import service as tenancy

E23 = {"status": 100, "message": "参数中必须包含起止时间"}
OTHER_IN = Kind("in", 20, "RK", duplicate_row="E45")
OTHER_OUT = Kind("out", 21, "CK", duplicate_row="E45")


def day() -> dict[str, Any]:
    return window(days=1, ahead_minutes=60)


def _document(tenant, kind: Kind, warehouse_id: int, spec_id: int, num: int, price: str, check: bool) -> str:
    with tenant.db.transaction() as session:
        warehouse, spec = session.get(Warehouse, warehouse_id), session.get(Spec, spec_id)
        assert warehouse is not None and spec is not None
        status = StockinStatus.AWAITING_CHECK if kind.direction == "in" else StockoutStatus.AWAITING_CHECK
        doc = engine.create(session, tenant.tenant_id, kind, warehouse,
                            [LineSpec(spec, Decimal(num), price=Decimal(price))], status, operator_name="tester")
        if check:
            engine.check(session, doc, "tester")
        return doc.doc_no


def test_stock_cost_search(tenant):
    s = seed(tenant, ("WH1", "WH2"), ("C1",))
    move(tenant, s.warehouses["WH1"], s.specs["C1"], 10, price="2")
    move(tenant, s.warehouses["WH2"], s.specs["C1"], 10, price="4")
    method = "finance.StockCost.search"
    data = tenant.caller.ok(method, day(), page=(10, 0))
    (row,) = data["detail_list"]
    assert set(row) == set(documented_fields(method, "detail_list"))
    assert (row["warehouse_no"], row["avg_cost"], row["spec_no"], row["defect"]) == ("", 3, "C1", False)
    assert tenant.caller.ok(method, {"spec_nos": "C1"}, page=(10, 0))["total_count"] == 1
    assert tenant.caller.call(method, {}, page=(10, 0)) == E23
    with tenant.db.transaction() as session:
        tenancy.update_tenant(session, tenant.sid, settings={"multi_warehouse_cost": 1})
    tenant.backend.server.gateway.cache.invalidate()
    per_warehouse = tenant.caller.ok(method, {"warehouse_no": "WH2"}, page=(10, 0))["detail_list"]
    assert [(r["warehouse_no"], r["avg_cost"]) for r in per_warehouse] == [("WH2", 4)]
    with tenant.db.transaction() as session:
        out = run_operation(session, "stock.set_planned_cost", tenant.sid,
                            {"spec_no": "C1", "planned_cost": "3.5", "warehouse_no": "WH2"})
    assert out["planned_cost"] == 3.5
    row = tenant.caller.ok(method, {"warehouse_no": "WH2"}, page=(10, 0))["detail_list"][0]
    assert row["planned_cost"] == 3.5


def test_stockin_collect(tenant):
    s = seed(tenant, ("WH1",), ("K1",))
    wh, spec = s.warehouses["WH1"], s.specs["K1"]
    done = _document(tenant, OTHER_IN, wh, spec, 4, "2.5", check=True)
    _document(tenant, OTHER_IN, wh, spec, 1, "1", check=False)  # not completed: not collected
    with tenant.db.transaction() as session:
        run_operation(session, "stock.set_planned_cost", tenant.sid, {"spec_no": "K1", "planned_cost": "2"})
    method = "statistic.StockinCollect.queryCostWithDetail"
    data = tenant.caller.ok(method, day(), page=(10, 0))
    (order,) = data["order"]
    assert set(order) == set(documented_fields(method, "Order"))
    assert (order["stockin_no"], order["status"], order["src_order_type"], order["goods_count"]) == (done, 80, 20, 4)
    assert (order["checked_goods_total_cost"], order["planned_goods_total_cost"]) == (10, 8)
    (line,) = order["detail_list"]
    assert set(line) == set(documented_fields(method, "detail_list"))
    assert (line["checked_cost_price"], line["total_checked_cost_price"], line["planned_cost"]) == (2.5, 10, 2)
    assert (line["position_no"], line["goods_weight"], line["spec_no"]) == ("ZANCUNQU", 2, "K1")
    assert tenant.caller.ok(method, {"stockin_no": done}, page=(10, 0))["total_count"] == 1
    assert tenant.caller.ok(method, {**day(), "time_type": 2}, page=(10, 0))["total_count"] == 1
    assert tenant.caller.call(method, {}, page=(10, 0)) == E23
    assert tenant.caller.call(method, window(days=8, ahead_minutes=60), page=(10, 0)) == {
        "status": 100, "message": "您的查询时间过宽,查询时间不能大于7天"}


def test_stockout_collect(tenant):
    s = seed(tenant, ("WH1",), ("K2",))
    wh, spec = s.warehouses["WH1"], s.specs["K2"]
    move(tenant, wh, spec, 5, price="3")
    done = _document(tenant, OTHER_OUT, wh, spec, 2, "0", check=True)
    method = "statistic.StockoutCollect.queryCostWithDetail"
    data = tenant.caller.ok(method, day(), page=(10, 0))
    (order,) = data["order"]
    assert set(order) == set(documented_fields(method, "order"))
    assert (order["stockout_no"], order["status"], order["src_order_type"], order["employee_name"]) == (
        done, 110, 21, "tester")
    assert tenant.caller.ok(method, {"stockout_no": done}, page=(10, 0))["total_count"] == 1
    assert tenant.caller.call(method, {"warehouse_no": "WH1"}, page=(10, 0)) == E23


def test_stock_operations(tenant):
    s = seed(tenant, ("WH1",), ("K3",))
    move(tenant, s.warehouses["WH1"], s.specs["K3"], 5)
    with tenant.db.transaction() as session:
        counted = run_operation(session, "stock.count", tenant.sid, {"warehouse_no": "WH1", "spec_no": "K3",
                                                                      "num": "2"})
        alarm = run_operation(session, "stock.set_alarm", tenant.sid, {"warehouse_no": "WH1", "spec_no": "K3",
                                                                        "safe_stock": "1", "safe_stock_upper": "9"})
        audit = run_operation(session, "stock.audit", tenant.sid, {})
        shown = run_operation(session, "stock.show", tenant.sid, {"spec_no": "K3"})
    assert counted["stock_num"] == 2 and counted["pd_no"].startswith("PD")
    assert (alarm["safe_stock"], alarm["safe_stock_upper"]) == (1, 9)
    assert audit == {"ok": True, "problems": []}
    assert shown["stocks"][0]["stock_num"] == 2
    row = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": ["K3"]}, page=(10, 0))["detail_list"][0]
    assert (row["safe_stock"], row["safe_stock_upper"], row["stock_num"]) == (1, 9, 2)
    assert row["last_pd_time"] != ""
    history = tenant.caller.ok("wms.StockSpec.queryChangeHistory", {
        "start_date": day()["start_time"], "end_date": day()["end_time"], "spec_no": "K3"}, page=(10, 0))
    assert [(r["src_order_type"], r["type"], r["num"]) for r in history["data"]] == [(20, 1, 5), (4, 2, 3)]
