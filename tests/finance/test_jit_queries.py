"""JIT: a JIT stockout ships stock out; a JIT return is received back; the three queries show them."""

from __future__ import annotations

from decimal import Decimal

from helpers import op, window
from support import TenantHandle
from wdterp.api.wire import documented_fields
from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.inventory.service import DocumentRef, Move, apply_moves, available
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse


def _seed(tenant: TenantHandle) -> tuple[int, int]:
    with tenant.db.transaction() as session:
        shop = Shop(tenant_id=tenant.tenant_id, shop_no="vip", shop_name="唯品会店", platform_id=9)
        wh = Warehouse(tenant_id=tenant.tenant_id, warehouse_no="WH1", name="主仓")
        goods = Goods(tenant_id=tenant.tenant_id, goods_no="G1", goods_name="杯子")
        session.add_all([shop, wh, goods, Logistics(tenant_id=tenant.tenant_id, logistics_no="SF",
                                                    logistics_name="顺丰")])
        session.flush()
        spec = Spec(tenant_id=tenant.tenant_id, goods_id=goods.goods_id, spec_no="S1", spec_name="红",
                    weight=Decimal("0.5"), barcode="690001")
        session.add(spec)
        session.flush()
        apply_moves(session, tenant.tenant_id, [Move(wh.warehouse_id, spec.spec_id, Decimal(10), price=Decimal(4))],
                    DocumentRef(src_order_type=20, src_order_no="QR1"))
        return wh.warehouse_id, spec.spec_id


def _available(tenant: TenantHandle, wh: int, spec: int) -> Decimal:
    with tenant.db.transaction() as session:
        return available(session, wh, spec)


def test_jit_stockout_and_return(tenant: TenantHandle) -> None:
    wh, spec = _seed(tenant)
    out = op(tenant, "jit.order.create", shop_no="vip", warehouse_no="WH1", logistics_code="SF",
              details=[{"spec_no": "S1", "num": 4, "price": 9, "po_no": "PO1"}], po_no_list="PO1",
              receive_warehouse_no="VIP_NH", receive_warehouse_name="南海仓", src_tids="PICK1", logistics_no="SF9")
    assert out["status"] == 110 and _available(tenant, wh, spec) == 6
    data = tenant.caller.ok("wms.stockout.JitOrder.search", window(), {}, page=(10, 0))
    order = data["order_list"][0]
    assert data["total_count"] == 1 and order["stockout_no"] == out["stockout_no"]
    assert order["shop_no"] == "vip" and order["po_no_list"] == "PO1" and order["receive_warehouse_name"] == "南海仓"
    assert order["logistics_company_name"] == "顺丰" and order["logistics_no"] == "SF9" and order["amount"] == 36
    assert order["goods_count"] == 4 and len(order["consign_time"]) == 19 and order["warehouse_no"] == "WH1"
    line = order["detail_list"][0]
    assert set(order) == set(documented_fields("wms.stockout.JitOrder.search", "order_list"))
    assert set(line) == set(documented_fields("wms.stockout.JitOrder.search", "detail_list"))
    assert line["spec_no"] == "S1" and line["num"] == 4 and line["po_no"] == "PO1" and line["weight"] == 2
    assert line["checked_cost_price"] == 4 and line["barcode"] == "690001" and line["goods_name"] == "杯子"

    refund = op(tenant, "jit.refund.create", shop_no="vip", warehouse_no="WH1", jit_refund_no="R-1",
                 details=[{"spec_no": "S1", "num": 3, "price": 9, "po_no": "PO1", "box_no": "B1",
                           "platform_spec_no": "VIP-S1", "return_reason": "滞销"}], receiver="张三")
    assert refund["status"] == 30
    partly = op(tenant, "jit.refund.stockin", refund_no=refund["refund_no"], quantities={"S1": 1})
    assert partly["refund_status"] == 40 and _available(tenant, wh, spec) == 7
    rest = op(tenant, "jit.refund.stockin", refund_no=refund["refund_no"])
    assert rest["refund_status"] == 50 and _available(tenant, wh, spec) == 9

    refunds = tenant.caller.ok("sales.jit.JitRefund.search", {"jit_refund_no": "R-1"}, {}, page=(10, 0))
    row = refunds["order_list"][0]
    assert row["refund_no"] == refund["refund_no"] and row["status"] == 50 and row["receiver"] == "张三"
    detail = row["detail_list"][0]
    assert set(row) == set(documented_fields("sales.jit.JitRefund.search", "order_list"))
    assert set(detail) == set(documented_fields("sales.jit.JitRefund.search", "detail_list"))
    assert detail["merchant_no"] == "S1" and detail["spec_no"] == "VIP-S1" and detail["stockin_num"] == 3
    assert detail["jit_efund_no"] == "R-1" and detail["box_no"] == "B1"

    stockins = tenant.caller.ok("wms.stockin.JitRefund.searchOrderWithDetail", window(), {}, page=(10, 0))
    assert stockins["total_count"] == 2
    first = stockins["order_list"][0]
    method = "wms.stockin.JitRefund.searchOrderWithDetail"
    assert set(first) == set(documented_fields(method, "order_list"))
    assert set(first["detail_list"][0]) == set(documented_fields(method, "detail_list"))
    assert first["stockin_no"] == partly["stockin_no"] and first["status"] == 80
    assert first["refund_no"] == refund["refund_no"] and first["jit_refund_no"] == "R-1" and first["shop_no"] == "vip"
    assert first["detail_list"][0]["num"] == 1 and first["detail_list"][0]["expect_num"] == 3
    assert first["amount"] == 9


def test_errors(tenant: TenantHandle) -> None:
    _seed(tenant)
    call = tenant.caller.call
    assert call("wms.stockout.JitOrder.search", {}, {}, page=(10, 0)) == {
        "status": 100, "message": "参数中必须包含起止时间"}
    assert call("wms.stockin.JitRefund.searchOrderWithDetail", {"start_time": "2024-01-01 00:00:00",
                                                                "end_time": "2024-03-01 00:00:00"},
                {}, page=(10, 0)) == {"status": 100, "message": "您的查询时间过宽,查询时间不能大于30天"}
    assert call("sales.jit.JitRefund.search", {"jit_refund_no": "x" * 51}, {}, page=(10, 0)) == {
        "status": 100, "message": "Data truncation: Data too long for column 'jit_refund_no' at row 1"}
    assert call("sales.jit.JitRefund.search", {}, {}) == {
        "status": 100, "message": "此方法仅支持分页查询：sales.jit.JitRefund.search"}


def test_a_jit_stockout_without_weighed_postage_is_collected(tenant: TenantHandle) -> None:
    # a defect found by the documented-fields sweep: an empty weigh_post_cost broke StockoutCollect (99)
    _seed(tenant)
    op(tenant, "jit.order.create", shop_no="vip", warehouse_no="WH1", details=[{"spec_no": "S1", "num": 1}])
    data = tenant.caller.ok("statistic.StockoutCollect.queryCostWithDetail", window(), page=(10, 0))
    assert [row["weigh_post_cost"] for row in data["order"]] == [0]
    jit = tenant.caller.ok("wms.stockout.JitOrder.search", window(), {}, page=(10, 0))["order_list"]
    assert [row["weigh_post_cost"] for row in jit] == ["0"]
