"""Entry points of the warehouse side of sales stockouts, addressed by the numbers callers know.

The vendor methods (api/methods/wms_sales.py) and the ERP-side operations (api/ops_sales_wms.py) call
these. Importing this module registers the hooks on the sales stockout's ship/cancel steps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from wdterp.domain.documents.engine import active_warehouse
from wdterp.domain.masterdata.models import Employee
from wdterp.domain.masterdata.service import active_logistics
from wdterp.domain.sales import flow
from wdterp.domain.sales_wms import (
    hooks,  # noqa: F401  (registers the stockout hooks)
    packing,
    picking,
    weighing,
)
from wdterp.domain.sales_wms.common import employee_by_id, employee_by_no, open_stockout, trade_of
from wdterp.domain.sales_wms.models import Package, PickList
from wdterp.domain.sales_wms.packing import PackRequest
from wdterp.domain.sales_wms.statuses import ConsignBit
from wdterp.domain.sales_wms.weighing import Weighed, Weighing
from wdterp.protocol.clock import now_china


def packager(session: Session, tenant_id: int, packager_no: str | None, packager_id: int | None) -> Employee | None:
    """The packer named by number (wins) or id (0 = none); unknown ones answer E59."""
    if packager_no:
        return employee_by_no(session, tenant_id, packager_no)
    return employee_by_id(session, tenant_id, int(packager_id or 0))


def weigh(session: Session, tenant_id: int, number: str, weight: Decimal, *, settings: dict[str, Any],
          permitted: frozenset[str] | None, package_barcode: str = "", packager_no: str | None = None,
          packager_id: int | None = None, operate_table_name: str = "", force: bool = False,
          dimensions: dict[str, Decimal | None] | None = None) -> Weighed:
    who = packager(session, tenant_id, packager_no, packager_id)
    dims = dimensions or {}
    request = Weighing(number=number, weight=Decimal(weight), package_barcode=package_barcode or "",
                       packager=who, operate_table_name=operate_table_name or "", force=bool(force),
                       length=dims.get("length"), width=dims.get("width"), height=dims.get("height"))
    return weighing.weigh(session, tenant_id, request, settings, permitted)


def assign_waybill(session: Session, tenant_id: int, stockout_no: str, logistics_code: str,
                   tracking_no: str) -> dict[str, Any]:
    """电子面单: a checked stockout gets its carrier (E43 when unknown) and tracking number before it ships."""
    doc = open_stockout(session, tenant_id, stockout_no, None)
    logistics = active_logistics(session, tenant_id, logistics_code)
    number = tracking_no or flow.generate_tracking_no(session, tenant_id, carrier_code=logistics.logistics_no)
    doc.logistics_id, doc.logistics_no = logistics.logistics_id, number
    doc.consign_status = (doc.consign_status or 0) | ConsignBit.EBILL_RETURNED
    doc.modified = now_china()
    for package in packing.packages_of(session, doc):
        if package.is_main:
            package.logistics_id, package.logistics_no = logistics.logistics_id, number
    trade = trade_of(session, doc)
    if trade is not None:
        trade.logistics_id, trade.logistics_no, trade.modified = logistics.logistics_id, number, now_china()
    return {"stockout_no": doc.doc_no, "logistics_code": logistics.logistics_no, "logistics_no": number,
            "consign_status": doc.consign_status}


def create_pick_list(session: Session, tenant_id: int, warehouse_no: str, stockout_nos: list[str],
                     max_orders: int) -> PickList:
    warehouse = active_warehouse(session, tenant_id, warehouse_no)
    return picking.create_pick_list(session, tenant_id, warehouse, stockout_nos, max_orders)


def finish_pick_list(session: Session, tenant_id: int, pick_no: str, picker_no: str) -> PickList:
    picker = employee_by_no(session, tenant_id, picker_no) if picker_no else None
    return picking.finish_pick_list(session, tenant_id, pick_no, picker)


def create_package(session: Session, tenant_id: int, req: PackRequest, settings: dict[str, Any],
                   packager_no: str = "") -> Package:
    req.packager = employee_by_no(session, tenant_id, packager_no) if packager_no else None
    return packing.create_package(session, tenant_id, req, settings)
