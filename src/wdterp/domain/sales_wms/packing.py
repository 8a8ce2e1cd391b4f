"""装箱单 (packing lists = logistics orders): packages of a sales stockout, each with a tracking number.

The first package (`is_main`) covers what no other package holds and carries the stockout's own tracking
number; weighing lands on it. Extra packages (`pack.create`) name their lines and their own number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import spec_by_no
from wdterp.domain.documents import engine
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.masterdata.models import Employee
from wdterp.domain.masterdata.service import active_logistics
from wdterp.domain.numbering.service import next_no
from wdterp.domain.sales.statuses import LogType
from wdterp.domain.sales.tradelog import add_log
from wdterp.domain.sales_wms.common import ZERO, open_stockout, trade_of, wms_row
from wdterp.domain.sales_wms.models import Package, PackageLine
from wdterp.domain.sales_wms.statuses import PACK_PREFIX, PackageStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error


def packages_of(session: Session, doc: StockDocument) -> list[Package]:
    return list(session.scalars(select(Package).where(Package.doc_id == doc.doc_id).order_by(Package.rec_id)))


def _new_package(session: Session, doc: StockDocument, is_main: bool, logistics_id: int, logistics_no: str) -> Package:
    package = Package(tenant_id=doc.tenant_id, order_no=next_no(session, doc.tenant_id, PACK_PREFIX),
                      doc_id=doc.doc_id, warehouse_id=doc.warehouse_id, src_order_type=doc.order_type,
                      status=PackageStatus.OPEN, logistics_id=logistics_id, logistics_no=logistics_no,
                      is_main=is_main, weight=ZERO, calc_weight=ZERO, length=ZERO, width=ZERO, height=ZERO,
                      postage=ZERO, package_name="", packager_id=0, packager_name="", remark="")
    session.add(package)
    session.flush()
    return package


def main_package(session: Session, doc: StockDocument, number: str = "") -> Package:
    """The package a weighing addressed by `number` lands on: the one with that tracking number, else the
    stockout's main package (made, holding the lines no other package holds, when there is none)."""
    packages = packages_of(session, doc)
    named = [p for p in packages if number and p.logistics_no == number]
    if named:
        return named[0]
    main = next((p for p in packages if p.is_main), None)
    if main is None:
        main = _new_package(session, doc, True, doc.logistics_id, doc.logistics_no)
        main.lines = _unpacked_lines(doc, packages)
        session.flush()
    return main


def _unpacked_lines(doc: StockDocument, packages: list[Package]) -> list[PackageLine]:
    held: dict[tuple[int, bool], Decimal] = {}
    for package in packages:
        for packed in package.lines:
            held[(packed.spec_id, packed.defect)] = held.get((packed.spec_id, packed.defect), ZERO) + packed.num
    out: list[PackageLine] = []
    for line in doc.lines:
        key = (line.spec_id, line.defect)
        taken = min(held.get(key, ZERO), line.num)
        held[key] = held.get(key, ZERO) - taken
        if line.num - taken > 0:
            out.append(PackageLine(spec_id=line.spec_id, num=line.num - taken, defect=line.defect,
                                   batch_no=line.batch_no, remark=line.remark))
    return out


def total_weight(session: Session, doc: StockDocument) -> Decimal:
    session.flush()
    total = session.scalar(select(func.coalesce(func.sum(Package.weight), 0)).where(Package.doc_id == doc.doc_id))
    return Decimal(total or 0)


@dataclass
class PackRequest:
    stockout_no: str
    logistics_code: str = ""
    tracking_no: str = ""
    lines: list[dict[str, Any]] = field(default_factory=list)
    weight: Decimal = ZERO
    packager: Employee | None = None
    remark: str = ""


def create_package(session: Session, tenant_id: int, req: PackRequest, settings: dict[str, Any]) -> Package:
    """装箱: a package of some (default: all not yet packed) lines of a checked sales stockout."""
    doc = open_stockout(session, tenant_id, req.stockout_no, None)
    logistics_id = active_logistics(session, tenant_id, req.logistics_code).logistics_id \
        if req.logistics_code else doc.logistics_id
    packages = packages_of(session, doc)
    if req.tracking_no and any(p.logistics_no == req.tracking_no for p in packages):
        raise business_error(f"物流单号{req.tracking_no}已存在", f"{doc.doc_no} has a package {req.tracking_no}")
    # named lines make an extra package; the rest of the stockout is its main package (the stockout's number)
    is_main = not req.lines and not any(p.is_main for p in packages)
    if is_main and req.tracking_no and not doc.logistics_no:
        doc.logistics_no, doc.logistics_id = req.tracking_no, logistics_id
    number = doc.logistics_no if is_main else req.tracking_no
    lines = _requested_lines(session, tenant_id, doc, packages, req.lines, settings) if req.lines \
        else _unpacked_lines(doc, packages)
    if not lines:
        raise business_error("出库单货品已全部装箱", f"{doc.doc_no}: nothing left to pack")
    package = _new_package(session, doc, is_main, logistics_id, number)
    package.lines = lines
    package.weight, package.remark = req.weight, req.remark[:256]
    if req.packager is not None:
        package.packager_id, package.packager_name = req.packager.employee_id, req.packager.name
    row = wms_row(session, doc)
    package.package_name = row.package_name
    session.flush()
    doc.weight = total_weight(session, doc)
    doc.modified = now_china()
    trade = trade_of(session, doc)
    if trade is not None:
        add_log(session, trade, LogType.PACKED, f"装箱 {package.order_no} {number}", package.packager_name or "系统")
    return package


def _requested_lines(session: Session, tenant_id: int, doc: StockDocument, packages: list[Package],
                     raw: list[dict[str, Any]], settings: dict[str, Any]) -> list[PackageLine]:
    left: dict[int, Decimal] = {}
    for line in _unpacked_lines(doc, packages):
        left[line.spec_id] = left.get(line.spec_id, ZERO) + line.num
    out: list[PackageLine] = []
    for item in raw:
        spec = spec_by_no(session, tenant_id, str(item.get("spec_no") or ""))
        if spec is None or spec.spec_id not in left:
            raise ApiError("E45", f"spec_no {item.get('spec_no')!r} is not on {doc.doc_no}")
        num = engine.quantity(item.get("num"), settings)
        if num > left[spec.spec_id]:
            raise business_error(f"商家编码{spec.spec_no}装箱数量超过出库数量",
                                 f"{num} > unpacked {left[spec.spec_id]}")
        left[spec.spec_id] -= num
        out.append(PackageLine(spec_id=spec.spec_id, num=num, defect=False, batch_no="",
                               remark=str(item.get("remark") or "")[:512]))
    return out


# ---------------------------------------------------------------------------- shipment and cancellation


def on_shipped(session: Session, doc: StockDocument) -> None:
    """The stockout ships: every package (the main one made if missing) is 已发货 with its number."""
    main_package(session, doc)
    now = now_china()
    for package in packages_of(session, doc):
        package.status, package.consign_time, package.modified = PackageStatus.SHIPPED, now, now
        if package.is_main or not package.logistics_no:
            package.logistics_no = doc.logistics_no
        package.logistics_id = package.logistics_id or doc.logistics_id


def on_cancelled(session: Session, doc: StockDocument) -> None:
    for package in packages_of(session, doc):
        session.delete(package)
