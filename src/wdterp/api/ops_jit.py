"""ERP-side JIT operations: JIT stockouts to platform warehouses, JIT returns and their receipt."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import Param, operation
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.jit import service
from wdterp.domain.masterdata.service import active_logistics, active_shop
from wdterp.domain.tenancy.service import settings_of


@operation("jit.order.create", extra=True, help="Create a JIT stockout (JIT出库单) and, unless consign=false, "
           'ship it; details: [{"spec_no":"..","num":2,"price":10,"po_no":".."}]; extra keys: po_no_list, '
           "receive_warehouse_no, receive_warehouse_name, src_tids, logistics_no, remark, weigh_post_cost",
           params={"shop_no": str, "warehouse_no": str, "details": list, "logistics_code": Param(str, ""),
                   "consign": Param(bool, True)})
def create_jit_order(session: Session, tenant_id: int, shop_no: str, warehouse_no: str,
                     details: list[dict[str, Any]], logistics_code: str, consign: bool,
                     **header: Any) -> dict[str, Any]:
    shop = active_shop(session, tenant_id, shop_no)
    company = active_logistics(session, tenant_id, logistics_code) if logistics_code else None
    doc = service.create_jit_stockout(session, tenant_id, settings_of(session, tenant_id), shop=shop,
                                      warehouse_no=warehouse_no, details=details, logistics=company,
                                      consign=consign, **header)
    return {"stockout_no": doc.doc_no, "status": doc.status}


@operation("jit.order.consign", help="Ship a JIT stockout created with consign=false", params={"stockout_no": str})
def consign_jit_order(session: Session, tenant_id: int, stockout_no: str) -> dict[str, Any]:
    doc: StockDocument = service.engine.find(session, tenant_id, service.JIT_OUT, stockout_no)
    service.consign_jit_stockout(session, doc)
    return {"stockout_no": doc.doc_no, "status": doc.status}


@operation("jit.refund.create", extra=True, help="Record a JIT return (JIT退货单, 已审核); details: "
           '[{"spec_no":"..","num":1,"price":10,"po_no":"..","box_no":"..","return_reason":".."}]; extra keys: '
           "receiver, mobile, address, refund_type, jit_warehouse ...",
           params={"shop_no": str, "warehouse_no": str, "jit_refund_no": str, "details": list})
def create_jit_refund(session: Session, tenant_id: int, shop_no: str, warehouse_no: str, jit_refund_no: str,
                      details: list[dict[str, Any]], **header: Any) -> dict[str, Any]:
    shop = active_shop(session, tenant_id, shop_no)
    refund = service.create_jit_refund(session, tenant_id, shop=shop, warehouse_no=warehouse_no,
                                       jit_refund_no=jit_refund_no, details=details, **header)
    return {"refund_no": refund.refund_no, "status": refund.status}


@operation("jit.refund.stockin", help="Receive a JIT return into stock (JIT退货入库); quantities: "
           '{"spec_no": num} (default: everything outstanding)',
           params={"refund_no": str, "quantities": Param(dict, None)})
def stockin_jit_refund(session: Session, tenant_id: int, refund_no: str,
                       quantities: dict[str, Any] | None) -> dict[str, Any]:
    nums = {k: Decimal(str(v)) for k, v in quantities.items()} if quantities else None
    doc = service.stockin_jit_refund(session, tenant_id, settings_of(session, tenant_id), refund_no, nums)
    refund = service.find_refund(session, tenant_id, refund_no)
    return {"stockin_no": doc.doc_no, "refund_status": refund.status}


@operation("jit.refund.cancel", help="Cancel a JIT return nothing of which was received",
           params={"refund_no": str})
def cancel_jit_refund(session: Session, tenant_id: int, refund_no: str) -> dict[str, Any]:
    refund = service.cancel_jit_refund(session, tenant_id, refund_no)
    return {"refund_no": refund.refund_no, "status": refund.status}
