"""称重: the weight of a sales stockout's package, its packaging item (包装物) and the overweight rules."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Barcode, Goods, Spec
from wdterp.domain.documents.engine import ref_of
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import Move
from wdterp.domain.masterdata.models import Employee, Logistics
from wdterp.domain.sales.statuses import LogType
from wdterp.domain.sales.tradelog import add_log
from wdterp.domain.sales_wms import packing
from wdterp.domain.sales_wms.common import ZERO, goods_weight, open_stockout, trade_of, wms_row
from wdterp.domain.sales_wms.statuses import (
    DEFAULT_WEIGHING_TOLERANCE,
    PACKAGING_GOODS_TYPE,
    SETTING_WEIGHING_TOLERANCE,
    ConsignBit,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error


@dataclass
class Weighing:
    """One weighing as the four methods send it."""

    number: str
    weight: Decimal
    package_barcode: str = ""
    packager: Employee | None = None
    operate_table_name: str = ""
    force: bool = False
    length: Decimal | None = None
    width: Decimal | None = None
    height: Decimal | None = None


@dataclass
class Weighed:
    doc: StockDocument
    logistics: Logistics | None
    calc_weight: Decimal
    #: the tracking number of the package weighed
    logistics_no: str


def packaging_item(session: Session, tenant_id: int, barcode: str) -> Spec:
    """The packaging spec a scanned barcode names (E37 when unknown or not a packaging item)."""
    spec = session.scalar(select(Spec).join(Barcode, Barcode.target_id == Spec.spec_id).where(
        Barcode.tenant_id == tenant_id, Barcode.barcode == barcode, Barcode.target_type == 1))
    if spec is None:
        spec = session.scalar(select(Spec).where(Spec.tenant_id == tenant_id, Spec.deleted == 0,
                                                 (Spec.barcode == barcode) | (Spec.spec_no == barcode)).limit(1))
    goods = session.get(Goods, spec.goods_id) if spec is not None else None
    if spec is None or spec.deleted or goods is None or goods.deleted or goods.goods_type != PACKAGING_GOODS_TYPE:
        raise ApiError("E37", f"barcode {barcode!r} is no packaging item")
    return spec


def weigh(session: Session, tenant_id: int, w: Weighing, settings: dict[str, Any],
          permitted: frozenset[str] | None) -> Weighed:
    doc = open_stockout(session, tenant_id, w.number, permitted)
    if w.weight <= 0:
        raise business_error("包裹重量必须大于0", f"weight {w.weight}")
    row = wms_row(session, doc)
    package = packaging_item(session, tenant_id, w.package_barcode) if w.package_barcode else None
    calc = goods_weight(session, doc) + (Decimal(package.weight or 0) if package is not None else ZERO)
    logistics = session.get(Logistics, doc.logistics_id) if doc.logistics_id else None
    if not w.force:
        _check_overweight(w.weight, calc, logistics, settings)
    if package is not None:
        _use_packaging(session, doc, row, package)
    now = now_china()
    row.calc_weight, row.weigh_time, row.operate_table_name = calc, now, w.operate_table_name[:64]
    if w.packager is not None:
        row.packager_id, row.packager_name = w.packager.employee_id, w.packager.name or w.packager.employee_no
    for name in ("length", "width", "height"):
        if getattr(w, name) is not None:
            setattr(row, name, getattr(w, name))
    main = packing.main_package(session, doc, w.number)
    main.weight, main.calc_weight, main.modified = w.weight, calc, now
    main.length, main.width, main.height = row.length, row.width, row.height
    main.package_name = row.package_name or main.package_name
    main.packager_id, main.packager_name = row.packager_id, row.packager_name
    doc.weight = packing.total_weight(session, doc)
    doc.consign_status = (doc.consign_status or 0) | ConsignBit.WEIGHED
    doc.modified = now
    trade = trade_of(session, doc)
    if trade is not None:
        add_log(session, trade, LogType.WEIGHED, f"称重 {w.weight}kg {doc.doc_no}",
                row.packager_name or "系统")
    return Weighed(doc, logistics, calc, main.logistics_no or doc.logistics_no)


def _check_overweight(weight: Decimal, calc: Decimal, logistics: Logistics | None, settings: dict[str, Any]) -> None:
    limit = Decimal(logistics.max_weight or 0) if logistics is not None else ZERO
    if limit > 0 and weight > limit:
        raise business_error(f"包裹重量{_kg(weight)}kg超过物流公司{logistics.logistics_name if logistics else ''}"
                             f"最大重量{_kg(limit)}kg", f"weight {weight} > max_weight {limit}")
    tolerance = Decimal(str(settings.get(SETTING_WEIGHING_TOLERANCE, DEFAULT_WEIGHING_TOLERANCE)))
    if calc > 0 and tolerance > 0 and abs(weight - calc) > calc * tolerance / 100:
        raise business_error(f"称重重量{_kg(weight)}kg与预估重量{_kg(calc)}kg相差过大",
                             f"weight {weight} vs estimate {calc}, tolerance {tolerance}%")


def _kg(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _use_packaging(session: Session, doc: StockDocument, row: Any, spec: Spec) -> None:
    """One unit of the packaging item leaves the stockout's warehouse (the previous one comes back)."""
    if row.package_spec_id == spec.spec_id:
        return
    ref = ref_of(doc)
    if row.package_spec_id:
        inventory.apply_moves(session, doc.tenant_id, [Move(doc.warehouse_id, row.package_spec_id, Decimal(1))],
                              ref)
    ledger = inventory.apply_moves(
        session, doc.tenant_id, [Move(doc.warehouse_id, spec.spec_id, Decimal(-1), spec_no=spec.spec_no)], ref,
        on_short=lambda move, available: business_error(
            f"包装物{spec.spec_no}库存不足", f"packaging {spec.spec_no}: available {available}"))
    row.package_spec_id, row.package_name = spec.spec_id, spec.spec_name or spec.spec_no
    row.package_fee = ledger[0].cost_price if ledger else ZERO
