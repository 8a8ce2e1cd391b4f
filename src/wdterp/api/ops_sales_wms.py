"""ERP-side warehouse work on sales stockouts: e-waybills, pick lists (拣货/分拣波次), packing lists (装箱),
weighing at the packing table."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.queries import split_list
from wdterp.domain.sales_wms import service
from wdterp.domain.sales_wms.packing import PackRequest
from wdterp.domain.tenancy.service import settings_of


def _decimal(name: str, value: str) -> Decimal:
    try:
        return Decimal(value or "0")
    except InvalidOperation:
        raise OperationError(f"parameter {name!r}: expected a number, got {value!r}") from None


@operation("sales_stockout.waybill", help="电子面单: give a checked sales stockout its carrier and tracking number",
           params={"stockout_no": str, "logistics_code": Param(str, help="carrier code (setting.Logistics)"),
                   "tracking_no": Param(str, default="", help="tracking number (generated when empty)")})
def waybill(session: Session, tenant_id: int, stockout_no: str, logistics_code: str,
            tracking_no: str) -> dict[str, Any]:
    return service.assign_waybill(session, tenant_id, stockout_no, logistics_code, tracking_no)


@operation("pick.create", help="分拣波次: group checked, unpicked sales stockouts of a warehouse into a pick list",
           params={"warehouse_no": str,
                   "stockout_nos": Param(str, default="", help="comma-separated; default every pickable one"),
                   "max_orders": Param(int, default=100)})
def create_pick(session: Session, tenant_id: int, warehouse_no: str, stockout_nos: str,
                max_orders: int) -> dict[str, Any]:
    pick = service.create_pick_list(session, tenant_id, warehouse_no, split_list(stockout_nos), max_orders)
    return {"pick_no": pick.pick_no, "pick_id": pick.pick_id, "order_count": len(pick.orders)}


@operation("pick.finish", help="拣货完成: the pick list's stockouts are picked (consign_status bit 16)",
           params={"pick_no": str, "picker_no": Param(str, default="", help="employee_no of the picker")})
def finish_pick(session: Session, tenant_id: int, pick_no: str, picker_no: str) -> dict[str, Any]:
    pick = service.finish_pick_list(session, tenant_id, pick_no, picker_no)
    return {"pick_no": pick.pick_no, "status": pick.status, "picker_name": pick.picker_name}


@operation("pack.create", help="装箱: a packing list of a checked sales stockout (default: its unpacked lines)",
           params={"stockout_no": str,
                   "logistics_code": Param(str, default="", help="carrier code; default the stockout's"),
                   "tracking_no": Param(str, default="", help="the package's tracking number"),
                   "lines": Param(list, default=[], help='JSON list [{"spec_no": "A", "num": 1}]'),
                   "weight": Param(str, default="0", help="weight in kg"),
                   "packager_no": Param(str, default="", help="employee_no of the packer"),
                   "remark": Param(str, default="")})
def create_pack(session: Session, tenant_id: int, stockout_no: str, logistics_code: str, tracking_no: str,
                lines: list[Any], weight: str, packager_no: str, remark: str) -> dict[str, Any]:
    if not all(isinstance(x, dict) for x in lines):
        raise OperationError("lines must be a JSON list of objects")
    req = PackRequest(stockout_no=stockout_no, logistics_code=logistics_code, tracking_no=tracking_no,
                      lines=lines, weight=_decimal("weight", weight), remark=remark)
    package = service.create_package(session, tenant_id, req, settings_of(session, tenant_id), packager_no)
    return {"order_no": package.order_no, "rec_id": package.rec_id, "logistics_no": package.logistics_no,
            "goods_count": float(sum((x.num for x in package.lines), Decimal(0)))}


@operation("sales_stockout.weigh", help="称重 at the packing table (as wms.stockout.Sales.onceWeighingByNo)",
           params={"number": Param(str, help="stockout_no or tracking number"), "weight": str,
                   "package_barcode": Param(str, default=""), "packager_no": Param(str, default=""),
                   "force": Param(bool, default=False)})
def weigh(session: Session, tenant_id: int, number: str, weight: str, package_barcode: str, packager_no: str,
          force: bool) -> dict[str, Any]:
    w = service.weigh(session, tenant_id, number, _decimal("weight", weight), settings=settings_of(session, tenant_id),
                      permitted=None, package_barcode=package_barcode, packager_no=packager_no or None, force=force)
    return {"stockout_no": w.doc.doc_no, "weight": float(w.doc.weight), "calc_weight": float(w.calc_weight),
            "consign_status": w.doc.consign_status}
