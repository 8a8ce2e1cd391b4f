"""Virtual-warehouse orders (虚拟仓单据, VO…): 1 锁定分配 lock · 2 释放出库 release · 3 虚拟仓间调拨
transfer · 4 采购入库 (a lock that also records the purchase quantity). Checked at create (is_check),
by the `vw.order.check` operation, or — a transfer with is_pre_check — once its pre_time is due
(`vw.order.run_due`). A failed check leaves the order 待审核 (the page's status 20)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents.engine import quantity
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.virtual_warehouse import service
from wdterp.domain.virtual_warehouse.models import VirtualOrder, VirtualOrderLine, VirtualWarehouse
from wdterp.domain.virtual_warehouse.service import Source
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.protocol.numbers import as_decimal as _decimal

PREFIX = "VO"
LOCK, RELEASE, TRANSFER, PURCHASE = 1, 2, 3, 4
EDITING, AWAITING_CHECK, AWAITING_AUTO_CHECK, CHECKED, CANCELLED = 10, 20, 25, 30, 90
#: the ledger's source type of a virtual-warehouse order (no vendor src code exists for them)
SRC_VIRTUAL_ORDER = 100
ZERO = Decimal(0)


@dataclass
class CreateResult:
    order: VirtualOrder
    check_error: str | None = None



def _pre_time(values: dict[str, Any]) -> datetime | None:
    raw = values.get("pre_time")
    if raw in (None, ""):
        return None
    try:
        when = raw if isinstance(raw, datetime) else datetime.strptime(str(raw)[:16], "%Y-%m-%d %H:%M")
    except ValueError:
        raise business_error("审核时间格式不正确", f"pre_time {raw!r} is not yyyy-MM-dd HH:mm") from None
    if when < now_china() + timedelta(minutes=2):
        raise business_error("审核时间要大于当前服务器时间2分钟以上", f"pre_time {raw!r} is too soon")
    return when


def create(session: Session, tenant_id: int, values: dict[str, Any], details: Sequence[dict[str, Any]],
           warehouses: dict[str, Warehouse], settings: dict[str, Any]) -> CreateResult:
    """VirtualWarehouse.create: a new order (待审核), checked when asked."""
    vw = service.active(session, tenant_id, str(values.get("virtual_warehouse_no") or ""), "虚拟仓不存在")
    order_type = int(values.get("order_type") or LOCK)
    if order_type not in (LOCK, RELEASE, TRANSFER, PURCHASE):
        raise business_error("单据类型不正确", f"order_type {order_type}")
    target = None
    if order_type == TRANSFER:
        target = service.active(session, tenant_id, str(values.get("to_virtual_warehouse_no") or ""), "虚拟仓不存在")
    pre = _pre_time(values) if order_type == TRANSFER and values.get("is_pre_check") else None
    order = VirtualOrder(tenant_id=tenant_id, order_no=next_no(session, tenant_id, PREFIX), order_type=order_type,
                         virtual_warehouse_id=vw.virtual_warehouse_id,
                         to_virtual_id=target.virtual_warehouse_id if target else 0,
                         status=2 if order_type == RELEASE else 1,
                         order_status=AWAITING_AUTO_CHECK if pre else AWAITING_CHECK, pre_check_time=pre,
                         remark=str(values.get("remark") or ""))
    order.lines = _lines(session, tenant_id, vw, target, details, warehouses, settings)
    order.num = sum((x.num for x in order.lines), ZERO)
    order.type_num = Decimal(len({x.spec_id for x in order.lines}))
    order.total_amount = sum((x.num * x.price for x in order.lines), ZERO)
    session.add(order)
    session.flush()
    if values.get("is_check") and not pre:
        try:
            with session.begin_nested():
                check(session, order)
        except ApiError as err:  # the page answers a failed check as status 20 with its reason
            session.refresh(order)
            return CreateResult(order, err.message)
    return CreateResult(order)


def _lines(session: Session, tenant_id: int, vw: VirtualWarehouse, target: VirtualWarehouse | None,
           details: Sequence[dict[str, Any]], warehouses: dict[str, Warehouse],
           settings: dict[str, Any]) -> list[VirtualOrderLine]:
    if not details:
        raise ApiError("E45", "no detail lines")
    specs = specs_by_no(session, tenant_id, [str(r.get("spec_no", "")) for r in details])
    lines, seen = [], set()
    for raw in details:
        spec = specs.get(str(raw.get("spec_no", "")))
        if spec is None:
            raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
        warehouse = warehouses[str(raw.get("warehouse_no"))]
        for each in (vw, target):
            if each is not None:
                service.require_member(session, each, warehouse)
        if (spec.spec_id, warehouse.warehouse_id) in seen:
            raise ApiError("E45", f"spec_no {spec.spec_no} repeated for {warehouse.warehouse_no}")
        seen.add((spec.spec_id, warehouse.warehouse_id))
        num = quantity(raw.get("num") if raw.get("num") not in (None, "") else 1, settings)
        lines.append(VirtualOrderLine(spec_id=spec.spec_id, warehouse_id=warehouse.warehouse_id, num=num,
                                      expected_num=num, price=_decimal(raw.get("price")),
                                      purchase_num=_decimal(raw.get("purchase_num")),
                                      factory_num=_decimal(raw.get("factory_num"))))
    return lines


def check(session: Session, order: VirtualOrder) -> None:
    """审核: the quantities move into / out of / between the virtual warehouses."""
    if order.order_status not in (EDITING, AWAITING_CHECK, AWAITING_AUTO_CHECK):
        raise business_error("单据状态不正确", f"{order.order_no} is in status {order.order_status}, cannot check")
    source = Source(SRC_VIRTUAL_ORDER, order.order_no, order.remark)
    specs = {s.spec_id: s.spec_no for s in specs_of(session, order)}
    for line in order.lines:
        if order.order_type in (RELEASE, TRANSFER):
            service.release(session, order.tenant_id, order.virtual_warehouse_id, line.warehouse_id, line.spec_id,
                            line.num, source)
        if order.order_type in (LOCK, PURCHASE):
            service.lock(session, order.tenant_id, order.virtual_warehouse_id, line.warehouse_id, line.spec_id,
                         line.num, source, specs.get(line.spec_id, ""), line.purchase_num, line.factory_num)
        if order.order_type == TRANSFER:
            service.lock(session, order.tenant_id, order.to_virtual_id, line.warehouse_id, line.spec_id, line.num,
                         source, specs.get(line.spec_id, ""))
        line.final_num = line.num
    order.order_status, order.check_time = CHECKED, now_china()
    order.modified = order.check_time


def specs_of(session: Session, order: VirtualOrder) -> list[Spec]:
    return list(session.scalars(select(Spec).where(Spec.spec_id.in_({x.spec_id for x in order.lines}))))


def find(session: Session, tenant_id: int, order_no: str) -> VirtualOrder:
    found = session.scalar(select(VirtualOrder).where(VirtualOrder.tenant_id == tenant_id,
                                                      VirtualOrder.order_no == order_no))
    if found is None:
        raise ApiError("E26", f"virtual-warehouse order {order_no!r} not found")
    return found


def cancel(session: Session, order: VirtualOrder) -> None:
    if order.order_status == CANCELLED:
        raise ApiError("E26", f"{order.order_no} is already cancelled")
    if order.order_status == CHECKED:
        raise business_error("单据状态不正确", f"{order.order_no} is checked")
    order.order_status = CANCELLED
    order.modified = now_china()


def run_due_everywhere(session: Session, now: datetime) -> int:
    """The autopilot's round: every tenant's due pre-checked transfers (待自动审核 whose time has come)."""
    tenants = session.scalars(select(VirtualOrder.tenant_id).where(
        VirtualOrder.order_status == AWAITING_AUTO_CHECK, VirtualOrder.pre_check_time <= now).distinct())
    return sum(len(run_due(session, tenant_id, now)) for tenant_id in list(tenants))


def run_due(session: Session, tenant_id: int, now: datetime | None = None) -> list[str]:
    """Check the transfers whose pre-check time has come (one that cannot go through stays due)."""
    due = session.scalars(select(VirtualOrder).where(
        VirtualOrder.tenant_id == tenant_id, VirtualOrder.order_status == AWAITING_AUTO_CHECK,
        VirtualOrder.pre_check_time <= (now or now_china())).order_by(VirtualOrder.order_id))
    done = []
    for order in due:
        try:
            with session.begin_nested():
                check(session, order)
            done.append(order.order_no)
        except ApiError:  # insufficient stock: left for the next run
            continue
    return done
