"""The contract rows transfers answer over HTTP: E33 (out of an external warehouse without the receiver),
E34 (a warehouse the app may not use), E45/E56/E67/E68 (lines), E26, E47."""

from __future__ import annotations

from typing import Any

from xfertools import seed, set_settings

from helpers import expect, window

CREATE = "wms.stocktransfer.Edit.createOrder"
RECEIVER = {"contact": "王五", "telno": "13900000000", "province": "上海", "city": "上海市", "address": "一号路"}


def header(outer_no: str, source: str = "WH1", target: str = "WH2", **extra: Any) -> dict[str, Any]:
    return {"outer_no": outer_no, "from_warehouse_no": source, "to_warehouse_no": target, "mode": 0, **extra}


def test_out_of_an_external_warehouse_needs_the_receiver(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(CREATE, header("E-1", "EXT"), [{"spec_no": "S1", "num": 1}], True), "E33")
    expect(tenant.caller.call(CREATE, header("E-2", "EXT", contact="王五"), [{"spec_no": "S1", "num": 1}], True),
           "E33")
    # with the receiver the transfer is checked like any other: the external warehouse has no stock
    expect(tenant.caller.call(CREATE, header("E-3", "EXT", **RECEIVER), [{"spec_no": "S1", "num": 1}], True),
           "E35", spec_no="S1")


def test_lines_and_permissions(tenant: Any) -> None:
    seed(tenant)
    expect(tenant.caller.call(CREATE, header("L-1"), [{"spec_no": "NOPE", "num": 1}], True), "E45")
    expect(tenant.caller.call(CREATE, header("L-2"), [{"spec_no": "S1", "num": 0}], True), "E56")
    expect(tenant.caller.call(CREATE, header("L-3"), [{"spec_no": "S1", "num": 1.5}], True), "E56")
    expect(tenant.caller.call(CREATE, header("L-4"), [{"spec_no": "S1", "num": 1}, {"spec_no": "S1", "num": 1}],
                              True), "E67")
    set_settings(tenant, allow_same_spec=True)
    expect(tenant.caller.call(CREATE, header("L-5"), [{"spec_no": "S1", "num": 1}, {"spec_no": "S1", "num": 1}],
                              True), "E68")
    made = tenant.caller.ok(CREATE, header("L-6"), [{"spec_no": "S1", "num": 1}], True)["transfer_no"]
    tenant.update_app(warehouses=["WH1"])
    expect(tenant.caller.call(CREATE, header("P-1"), [{"spec_no": "S1", "num": 1}], True), "E34")
    expect(tenant.caller.call("wms.stockin.Transfer.createOrder", {"src_order_no": made, "warehouse_no": "WH2"},
                              [{"spec_no": "S1", "num": 1}]), "E34")
    expect(tenant.caller.call("wms.stocktransfer.Manage.cancelOrder", made), "E34")
    rows = tenant.caller.ok("wms.stocktransfer.Manage.queryWithDetail", {"transfer_no": made}, page=(10, 0))
    assert rows["total_count"] == 1  # visible: one of its warehouses is the app's
    tenant.update_app(warehouses=["WH-OTHER"])
    assert tenant.caller.ok("wms.stocktransfer.Manage.queryWithDetail", {"transfer_no": made},
                            page=(10, 0))["total_count"] == 0


def test_queries_and_cancels_of_unknown_documents(tenant: Any) -> None:
    seed(tenant)
    query = "wms.stocktransfer.Manage.queryWithDetail"
    expect(tenant.caller.call(query, {**window(days=1), "status": "a,b"}, page=(10, 0)), "E49")
    expect(tenant.caller.call(query, {}, page=(10, 0)), "E23")
    expect(tenant.caller.call("wms.stockin.Transfer.cancelOrder", "RK-NOPE"), "E26")
    expect(tenant.caller.call("wms.stockout.Transfer.cancelOrder", "CK-NOPE"), "E26")
    expect(tenant.caller.call("wms.stockout.Transfer.createOrder", {"src_order_no": "TF-NOPE", "warehouse_no": "WH1"},
                              [{"spec_no": "S1", "num": 1}], True), "E47")
