"""Money: bills pushed by the mall, account checks, payments, invoices and waybills through HTTP."""

from __future__ import annotations

from helpers import op, window
from support import TenantHandle
from wdterp.api.wire import documented_fields
from wdterp.domain.masterdata.models import Logistics, Shop
from wdterp.domain.sales.models import RawTrade


def _seed(tenant: TenantHandle) -> None:
    with tenant.db.transaction() as session:
        mall = Shop(tenant_id=tenant.tenant_id, shop_no="mall", shop_name="自有商城", platform_id=127)
        other = Shop(tenant_id=tenant.tenant_id, shop_no="tb", shop_name="淘宝店", platform_id=1)
        session.add_all([mall, other, Logistics(tenant_id=tenant.tenant_id, logistics_no="SF",
                                                logistics_name="顺丰", logistics_type=4)])
        session.flush()
        session.add(RawTrade(tenant_id=tenant.tenant_id, shop_id=mall.shop_id, tid="T1"))


def test_bills_and_account_check(tenant: TenantHandle) -> None:
    _seed(tenant)
    bills = [{"shop_no": "mall", "order_no": "T1", "pay_order_no": "P1", "type": 1, "in_amount": 80, "num": 2,
              "remark": "首付"},
             {"shop_no": "mall", "order_no": "T1", "pay_order_no": "P2", "type": 1, "in_amount": 20, "num": 0},
             {"shop_no": "mall", "order_no": "NOPE", "type": 1, "in_amount": 5}]
    envelope = tenant.caller.call("finance.RawPayment.push", bills)
    assert envelope == {"status": 0, "total": 1, "data": [{"order_no": "NOPE", "error": "关联单号不存在"}]}
    # pushing the same bill again updates it instead of adding one
    assert tenant.caller.call("finance.RawPayment.push", bills[:1]) == {"status": 0, "data": []}
    found = tenant.caller.ok("finance.RawPayment.search", window(shop_no="mall"), {}, page=(10, 0))
    assert found["total_count"] == 2
    first = found["detail_list"][0]
    assert set(first) == set(documented_fields("finance.RawPayment.search", "detail_list"))
    assert first["order_no"] == "T1" and first["pay_order_no"] == "P1" and first["in_amount"] == 80
    assert first["status"] == 0 and first["shop_no"] == "mall" and first["platform_id"] == 127
    assert isinstance(first["create_time"], int) and first["create_time"] > 1_600_000_000_000

    result = op(tenant, "finance.account_check.import", shop_no="mall", tid="T1", send_amount=100, send_num=2)
    assert result["status"] == 3 and result["received"] == 100
    checks = tenant.caller.ok("finance.AlipayAccountCheck.search", window(platform_id=127), {}, page=(10, 0))
    row = checks["order"][0]
    assert set(row) == set(documented_fields("finance.AlipayAccountCheck.search", "order"))
    assert checks["total_count"] == 1 and row["tid"] == "T1" and row["status"] == 3 and row["received"] == 100
    assert row["shop_name"] == "自有商城" and row["check_ratio"] == 1 and row["payment_num"] == 2
    assert len(row["check_time"]) == 19
    found = tenant.caller.ok("finance.RawPayment.search", window(type=1), {}, page=(10, 0))
    assert {r["status"] for r in found["detail_list"]} == {4}
    partly = op(tenant, "finance.account_check.import", shop_no="mall", tid="T1", send_amount=150)
    assert partly["status"] == 1
    assert tenant.caller.ok("finance.AlipayAccountCheck.search", window(platform_id=127, status=1), {},
                            page=(10, 0))["total_count"] == 1


def test_payments(tenant: TenantHandle) -> None:
    _seed(tenant)
    made = op(tenant, "finance.payment.create", type=1, amount=99.5, object_no="C1", object_name="客户甲",
               details=[{"src_order_type": 1, "src_order_no": "JY1", "fee_type": 1, "amount": 99.5,
                         "shop_no": "mall"}])
    assert made["status"] == 20
    op(tenant, "finance.payment.check", payment_no=made["payment_no"])
    data = tenant.caller.ok("finance.Payment.search", window(status=30), {}, page=(10, 0))
    assert data["total_count"] == 1
    order = data["order"][0]
    assert order["payment_no"] == made["payment_no"] and order["amount"] == 99.5 and order["type"] == 1
    assert order["object_name"] == "客户甲" and len(order["check_time"]) == 19
    detail = order["detail_list"][0]
    assert set(order) == set(documented_fields("finance.Payment.search", "order"))
    assert set(detail) == set(documented_fields("finance.Payment.search", "detail_list"))
    assert detail["payment_order_id"] == order["rec_id"] and detail["shop_name"] == "自有商城"
    assert tenant.caller.ok("finance.Payment.search", window(status=10), {}, page=(10, 0))["total_count"] == 0


def test_invoices(tenant: TenantHandle) -> None:
    _seed(tenant)
    made = op(tenant, "invoice.create", shop_no="mall", trade_no="JY1", payer_name="某公司",
               lines=[{"item_name": "杯子", "item_no": "S1", "num": 2, "price": 50, "tax_rate": 0.13, "tid": "T1"}])
    assert made["invoice_amount"] == 113
    no = made["invoice_order_no"]
    data = tenant.caller.ok("finance.invoice.InvoiceOrder.search", window(), {}, page=(10, 0))
    inv = data["order"][0]
    assert set(inv) == set(documented_fields("finance.invoice.InvoiceOrder.search", "order"))
    assert set(inv["detail_list"][0]) == set(documented_fields("finance.invoice.InvoiceOrder.search", "detail_list"))
    assert data["total_count"] == 1 and inv["invoice_order_no"] == no and inv["status"] == 45
    assert inv["goods_amount"] == 100 and inv["goods_tax"] == 13 and inv["payer_name"] == "某公司"
    assert isinstance(inv["created"], int) and inv["detail_list"][0]["sum_amount"] == 113
    reply = tenant.caller.call("finance.invoice.InvoiceOrder.updateInvoice", [
        {"invoice_order_no": no, "invoice_no": "0001", "invoice_code": "C1", "status": 60,
         "file_url": "https://x/1.pdf"},
        {"invoice_order_no": "FPNONE", "invoice_no": "2", "invoice_code": "C", "status": 85},
    ])
    assert reply == {"status": 0, "error_info": {"FPNONE": "发票不存在"}}
    again = tenant.caller.call("finance.invoice.InvoiceOrder.updateInvoice", [
        {"invoice_order_no": no, "invoice_no": "0001", "invoice_code": "C1", "status": 85}])
    assert again["error_info"] == {no: "发票状态不是线下待开票或线下开票失败,不能回传"}
    # issued invoices leave the default (offline to-issue) view; mode 1 finds them
    assert tenant.caller.ok("finance.invoice.InvoiceOrder.search", window(), {}, page=(10, 0))["total_count"] == 0
    issued = tenant.caller.ok("finance.invoice.InvoiceOrder.search", {"invoice_order_no": no, "mode": 1,
                                                                     "status": 60}, {}, page=(10, 0))
    assert issued["order"][0]["invoice_no"] == "0001" and issued["order"][0]["file_url"] == "https://x/1.pdf"
    assert len(issued["order"][0]["invoice_time"]) == 19
    other = op(tenant, "invoice.create", shop_no="mall", lines=[{"item_name": "a", "num": 1, "price": 1}])
    assert tenant.caller.call("finance.invoice.InvoiceOrder.updateInvoice", [
        {"invoice_order_no": other["invoice_order_no"], "invoice_no": "9", "invoice_code": "9", "status": 60}]
    )["error_info"] == {other["invoice_order_no"]: "发票下载地址不能为空"}


def test_waybills(tenant: TenantHandle) -> None:
    _seed(tenant)
    op(tenant, "waybill.assign", trade_no="JY1", logistics_code="SF", logistics_no="SF100")
    op(tenant, "waybill.assign", trade_no="JY2", logistics_code="SF", logistics_no="SF200")
    op(tenant, "waybill.step", logistics_no="SF200", step="void")
    data = tenant.caller.ok("finance.settle.Logistics.search", window(), {}, page=(10, 0))
    assert [(r["logistics_no"], r["satus"], r["trade_no"]) for r in data["detail_list"]] == [
        ("SF100", 1, "JY1"), ("SF200", 8, "JY2")]
    assert data["detail_list"][0]["logistics_type"] == 4
    assert set(data["detail_list"][0]) == set(documented_fields("finance.settle.Logistics.search", "detail_list"))
    assert tenant.caller.ok("finance.settle.Logistics.search", window(status=8), {},
                            page=(10, 0))["total_count"] == 1


def test_errors(tenant: TenantHandle) -> None:
    _seed(tenant)
    call = tenant.caller.call
    assert call("finance.RawPayment.push", [{"shop_no": "x", "order_no": "T1"}]) == {
        "status": 100, "message": "店铺编号不存在或已停用"}
    assert call("finance.RawPayment.push", [{"shop_no": "tb", "order_no": "T1"}]) == {
        "status": 100, "message": "店铺平台不是自有平台"}
    assert call("finance.RawPayment.push", [{"shop_no": "mall"}]) == {"status": 100, "message": "order_no不能为空"}
    assert call("finance.RawPayment.push", [{"shop_no": "mall", "order_no": "T" * 41}]) == {
        "status": 100, "message": "Data truncation: Data too long for column 'order_no' at row 1"}
    assert call("finance.RawPayment.search", {}, {}, page=(10, 0)) == {
        "status": 100, "message": "参数中必须包含起止时间"}
    assert call("finance.RawPayment.search", {"start_time": "2024-01-01 00:00:00",
                                              "end_time": "2024-03-01 00:00:00"}, {}, page=(10, 0)) == {
        "status": 100, "message": "您的查询时间过宽,查询时间不能大于30天"}
    assert call("finance.invoice.InvoiceOrder.search", {}, {}, page=(10, 0)) == {
        "status": 100, "message": "参数中必须包含起止时间"}
    assert call("finance.settle.Logistics.search", {"start_time": "2024-01-01 00:00:00",
                                                    "end_time": "2024-01-01 02:00:00"}, {}, page=(10, 0)) == {
        "status": 100, "message": "您的查询时间过宽,查询时间不能大于60分钟"}
    assert call("finance.AlipayAccountCheck.search", window(), {}, page=(10, 0)) == {
        "status": 100, "message": "platform_id不能为空"}
    assert call("finance.Payment.search", window(bogus=1), {}, page=(10, 0)) == {"status": 2, "message": "bogus"}
    assert call("finance.invoice.InvoiceOrder.updateInvoice", [{"invoice_order_no": "FP1", "invoice_no": "1",
                                                                "invoice_code": "1"}]) == {
        "status": 100, "message": "status不能为空"}
    assert call("finance.Payment.search", {"start_time": "2024-13-01"}, {}, page=(10, 0)) == {
        "status": 100, "message": "Unparseable date: 2024-13-01"}
