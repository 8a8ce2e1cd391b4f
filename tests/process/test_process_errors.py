"""The contract rows and page messages production methods answer, through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from proctools import process_order, seed

from helpers import expect, expect_business, op, window
from wdterp.api.ops import OperationError

BOM_UPLOAD = "process.Bom.upload"
UPLOAD = "process.Process.upload"
QUERIES = ("process.Bom.search", "process.Process.search", "wms.stockout.Process.queryWithDetail",
           "wms.stockin.Process.queryWithDetail", "finance.settle.process.search")


def _bom(*lines: dict[str, Any], name: str = "B1") -> dict[str, Any]:
    return {"bom_name": name, "detail_list": list(lines or [{"spec_no": "FIN1", "num": 1, "is_product": True},
                                                            {"spec_no": "RAW1", "num": 2}])}


def test_bom_upload_rows(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    call = sqlite_tenant.caller.call
    product = {"spec_no": "FIN1", "num": 1, "is_product": True}
    expect(call(BOM_UPLOAD, _bom(product, {"spec_no": "NOPE", "num": 1})), "E45")
    expect(call(BOM_UPLOAD, _bom(product, {"spec_no": "RAW1", "num": 1}, {"spec_no": "RAW1", "num": 2})), "E45")
    expect(call(BOM_UPLOAD, _bom(product, {"spec_no": "RAW1", "num": 0})), "E56")
    expect(call(BOM_UPLOAD, _bom(product, {"spec_no": "RAW1", "num": "1.5"})), "E56")
    expect_business(call(BOM_UPLOAD, _bom(product)), "货品列表必须同时包含成品和原料")
    assert sqlite_tenant.caller.ok(BOM_UPLOAD, _bom()) == {"status": 0}
    expect_business(call(BOM_UPLOAD, _bom()), "已经存在同名物料单！")


def test_process_upload_rows(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    call = sqlite_tenant.caller.call
    # a required field sent empty: the validator's row (E31 is for fields named warehouse_no)
    expect(call(UPLOAD, process_order(out_warehouse_no="")), "E70", field="out_warehouse_no")
    expect(call(UPLOAD, process_order(in_warehouse_no="NOPE")), "E34")
    expect(call(UPLOAD, process_order(detail_list=[{"spec_no": "NOPE", "num": 1},
                                                   {"spec_no": "FIN1", "num": 1, "is_product": True}])), "E45")
    expect(call(UPLOAD, process_order(process_count=0)), "E56")
    expect(call(UPLOAD, process_order(detail_list=[{"spec_no": "RAW1", "num": -1},
                                                   {"spec_no": "FIN1", "num": 1, "is_product": True}])), "E56")
    expect(call(UPLOAD, process_order(flag_name="没有的标记")), "E76", name="没有的标记")
    expect_business(call(UPLOAD, process_order(producer_no="NOPE")), "生产商NOPE不存在或已停用")
    expect(call(UPLOAD, process_order(type=3)), "E69", field="type", max=1)  # the page's codes: 0 and 1
    expect(call(UPLOAD, process_order(total_fee="1e30")), "E69", field="total_fee", max="999999999999999.9999")
    expect_business(call(UPLOAD, process_order(operator_name="停用员")), "员工 停用员 不存在/已停用/无生产员角色")
    expect_business(call(UPLOAD, process_order(bom_name="没有的清单", detail_list=[])),
                    "物料清单没有的清单不存在或已停用")
    sqlite_tenant.update_app(warehouses=["WH2"])
    expect(call(UPLOAD, process_order()), "E34")
    expect(call(UPLOAD, process_order(out_warehouse_no="WH2")), "E34")


def test_query_rows(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    call = sqlite_tenant.caller.call
    for method in QUERIES:
        expect(call(method, {}, page=(10, 0)), "E23")
    wide = {"start_time": window(days=40)["start_time"], "end_time": window()["end_time"]}
    for method in QUERIES[:4]:  # the settlement page sets no span
        expect(call(method, wide, page=(10, 0)), "E24")
    for method in QUERIES[2:4]:  # the contract's status-list row answers before the page's own wording
        expect(call(method, {"process_no": "PS1", "status": "完成"}, page=(10, 0)), "E49")


def test_operation_refusals(sqlite_tenant: Any) -> None:
    seed(sqlite_tenant)
    number = sqlite_tenant.caller.ok(UPLOAD, process_order())["process_no"]
    with pytest.raises(OperationError, match="单据不存在"):
        op(sqlite_tenant, "process.check", process_no="PS-NONE")
    with pytest.raises(OperationError, match="单据状态不正确"):
        op(sqlite_tenant, "process.pick", process_no=number)
    op(sqlite_tenant, "process.check", process_no=number)
    op(sqlite_tenant, "process.pick", process_no=number)
    with pytest.raises(OperationError, match="数量不合法"):
        op(sqlite_tenant, "process.produce", process_no=number, runs=5)
    with pytest.raises(OperationError, match="单据状态不正确"):
        op(sqlite_tenant, "process.cancel", process_no=number)
    op(sqlite_tenant, "process.finish", process_no=number)
