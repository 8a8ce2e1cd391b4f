"""Purchase orders (采购单, states.md §8): create, submit, check, finance check, uncheck, cancel, stop
waiting, flag; and what receipts and settlements do to them.

A checked order counts what is still to come as 采购在途量 (purchase_num) of its warehouse; the count
falls as goods are received, and what is left is given back when the order stops waiting or is
unchecked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.documents.engine import is_external
from wdterp.domain.masterdata.models import Flag, Warehouse
from wdterp.domain.masterdata.service import active_logistics
from wdterp.domain.numbering.service import next_no
from wdterp.domain.purchase import applies, common
from wdterp.domain.purchase.models import PurchaseOrder, PurchaseOrderLine
from wdterp.domain.purchase.statuses import OrderStatus, SettleState, StockinState
from wdterp.domain.queries import split_list
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.storage.units import each_in_savepoint

ZERO = Decimal(0)
#: the flag name that clears an order's flag
NO_FLAG = "无"
HEADER_TEXT = ("receive_address", "contact", "telno", "remark", "prop1", "prop2", "prop3", "prop4")
LINE_TEXT = ("remark", "prop1", "prop2", "prop3", "prop4", "purchase_unit_name")


def find(session: Session, tenant_id: int, purchase_no: str, lock: bool = False) -> PurchaseOrder | None:
    """An order by number; `lock` holds its row to the end of the transaction (PostgreSQL), so
    concurrent receipts of one order are counted one after the other (SQLite serialises writers)."""
    stmt = select(PurchaseOrder).where(PurchaseOrder.tenant_id == tenant_id, PurchaseOrder.purchase_no == purchase_no)
    return session.scalar(stmt.with_for_update() if lock else stmt)


def existing(session: Session, tenant_id: int, purchase_no: str, lock: bool = False) -> PurchaseOrder:
    """An order that is not cancelled (E26 else)."""
    order = find(session, tenant_id, purchase_no, lock)
    if order is None or order.status == OrderStatus.CANCELLED:
        raise ApiError("E26", f"purchase order {purchase_no!r} not found or cancelled")
    return order


@dataclass
class Warehouses:
    """The warehouses a createOrder names: where goods are expected, where they may be received."""

    expect: Warehouse
    receive: list[Warehouse]


def order_warehouses(session: Session, tenant_id: int, values: dict[str, Any],
                     permitted: frozenset[str] | None) -> Warehouses:
    """E64 no permitted receive warehouse, E79 an outsourced one among several, E65 the expected one."""
    allowed = (lambda no: True) if permitted is None else (lambda no: no in permitted)
    nos = split_list(str(values.get("receive_warehouse_nos") or ""))
    found = [w for w in (common.warehouse_by_no(session, tenant_id, no) for no in nos if allowed(no)) if w]
    if not found or len(found) != len(nos):
        raise ApiError("E64", f"receive warehouses {nos} empty, unknown or not permitted")
    outsourced = next((w for w in found if is_external(w)), None)
    if outsourced is not None and len(found) > 1:
        raise ApiError("E79", f"{outsourced.warehouse_no} is outsourced", warehouse_no=outsourced.warehouse_no)
    expect_no = str(values.get("expect_warehouse_no") or "")
    expect = common.warehouse_by_no(session, tenant_id, expect_no) if expect_no and allowed(expect_no) else None
    if expect is None:
        raise ApiError("E65", f"expect warehouse {expect_no!r} empty, unknown or not permitted")
    return Warehouses(expect, found)


def create(session: Session, tenant_id: int, values: dict[str, Any], places: Warehouses, purchaser: str,
           settings: dict[str, Any], operator: str) -> PurchaseOrder:
    number = str(values.get("purchase_no") or "")
    if number and find(session, tenant_id, number) is not None:
        raise ApiError("E39", f"purchase order {number!r} already exists")
    provider = common.provider(session, tenant_id, values.get("provider_no"))
    lines = common.goods_lines(session, tenant_id, values.get("purchase_details") or [], settings, required=False)
    supplied = common.provider_goods(session, tenant_id, provider.provider_id, [x.spec.spec_id for x in lines])
    if settings.get(common.SETTING_RIGHTS_BY_PROVIDER):
        supplied = common.require_supplied(session, tenant_id, provider.provider_id, lines, "E75")
    order = PurchaseOrder(
        tenant_id=tenant_id, purchase_no=number or next_no(session, tenant_id, "CG"),
        provider_id=provider.provider_id, warehouse_id=places.expect.warehouse_id,
        receive_warehouse_nos=",".join(w.warehouse_no for w in places.receive), status=OrderStatus.EDITING,
        creator_name=operator, purchaser_name=purchaser, pay_type=int(values.get("pay_type") or 1),
        postfee_pay_type=int(values.get("postfee_pay_type") or 0), post_fee=values.get("post_fee") or ZERO,
        other_fee=values.get("other_fee") or ZERO, expect_arrive_time=values.get("expect_time"),
        apply_nos=str(values.get("apply_nos") or ""),
        **{name: str(values.get(name) or "") for name in HEADER_TEXT})
    if values.get("created"):
        order.created = values["created"]
    if values.get("logistics_no"):
        order.logistics_id = active_logistics(session, tenant_id, str(values["logistics_no"])).logistics_id
    if values.get("flag_name"):
        order.flag_name = _flag(session, tenant_id, str(values["flag_name"]))
    order.lines = [PurchaseOrderLine(
        spec_id=x.spec.spec_id, num=x.num, batch_no=x.batch_no, expire_date=x.expire_date,
        **{name: getattr(x, name) if x.raw.get(name) is not None else _listed(supplied, x.spec.spec_id, name)
           for name in ("price", "discount", "tax_rate")},
        **{name: str(x.raw.get(name) or "") for name in LINE_TEXT}) for x in lines]
    session.add(order)
    session.flush()
    if order.apply_nos:
        applies.reference(session, tenant_id, split_list(order.apply_nos), order.lines,
                          {x.spec.spec_id: x.spec.spec_no for x in lines})
    return order


#: what a line without its own figure takes when the provider lists none
_UNLISTED = {"price": ZERO, "discount": Decimal(1), "tax_rate": ZERO}


def _listed(supplied: dict[int, Any], spec_id: int, name: str) -> Decimal:
    """A line without price, discount or tax rate takes the provider's (供应商货品) for the goods."""
    found = supplied.get(spec_id)
    return getattr(found, name) if found is not None else _UNLISTED[name]


def _flag(session: Session, tenant_id: int, name: str) -> str:
    if name == NO_FLAG:
        return ""
    found = session.scalar(select(Flag).where(Flag.tenant_id == tenant_id, Flag.flag_name == name))
    if found is None or found.is_disabled:
        raise business_error(f"采购标记不存在:{name}", f"flag {name!r} unknown or disabled")
    return name


def set_flag(session: Session, order: PurchaseOrder, name: str) -> None:
    """updatePurchaseInfo: only while editing (E38); 无 clears the flag."""
    if order.status != OrderStatus.EDITING:
        raise ApiError("E38", f"{order.purchase_no} is in status {order.status}")
    order.flag_name = _flag(session, order.tenant_id, name)
    order.modified = now_china()


# ---------------------------------------------------------------------------- check and its undoing


def submit(order: PurchaseOrder) -> None:
    if order.status != OrderStatus.EDITING:
        raise ApiError("E38", f"{order.purchase_no} is in status {order.status}")
    if not order.lines:
        raise business_error("采购单没有货品", f"{order.purchase_no} has no lines")
    order.status = OrderStatus.AWAITING_CHECK
    order.modified = now_china()


def check(session: Session, order: PurchaseOrder, operator: str, settings: dict[str, Any]) -> None:
    """审核 (from 编辑中 or 待审核): 已审核, or 待财审 first when the tenant has finance checks on."""
    if order.status == OrderStatus.EDITING:
        submit(order)
    if order.status != OrderStatus.AWAITING_CHECK:
        raise business_error("采购单不是待审核状态", f"{order.purchase_no} is in status {order.status}")
    order.check_operator_name = operator
    order.check_time = now_china()
    if settings.get(common.SETTING_FINANCE_CHECK):
        order.status = OrderStatus.FINANCE_CHECK
        order.modified = order.check_time
        return
    _checked(session, order)


def finance_check(session: Session, order: PurchaseOrder, operator: str) -> None:
    if order.status != OrderStatus.FINANCE_CHECK:
        raise business_error("采购单不是待财审状态", f"{order.purchase_no} is in status {order.status}")
    order.facheck_operator_name = operator
    _checked(session, order)


def _checked(session: Session, order: PurchaseOrder) -> None:
    order.status = OrderStatus.CHECKED
    order.modified = now_china()
    for line in order.lines:
        common.count(session, order.tenant_id, order.warehouse_id, line.spec_id, purchase_num=_due(line))


def _due(line: PurchaseOrderLine) -> Decimal:
    """Still to come: ordered, less received and given up."""
    return max(line.num - line.stockin_num - line.stopwait_num, ZERO)


def uncheck(session: Session, order: PurchaseOrder) -> None:
    """反审核 then 反编辑: back to 编辑中, only before anything is received."""
    if order.status == OrderStatus.CHECKED and not any(line.stockin_num or line.arrive_num for line in order.lines):
        for line in order.lines:
            common.count(session, order.tenant_id, order.warehouse_id, line.spec_id, purchase_num=-_due(line))
    elif order.status not in (OrderStatus.AWAITING_CHECK, OrderStatus.FINANCE_CHECK):
        raise business_error("采购单状态不正确", f"{order.purchase_no} is in status {order.status}, cannot uncheck")
    order.status = OrderStatus.EDITING
    order.check_time = None
    order.modified = now_china()


def cancel(session: Session, order: PurchaseOrder, allow_checked: bool = False) -> None:
    """cancelOrder: 编辑中 only (E38); cancelByType with allow_cancel_checked_order also 待审核/已审核."""
    if allow_checked and order.status in (OrderStatus.AWAITING_CHECK, OrderStatus.FINANCE_CHECK,
                                          OrderStatus.CHECKED):
        uncheck(session, order)
    if order.status != OrderStatus.EDITING:
        raise ApiError("E38", f"{order.purchase_no} is in status {order.status}")
    if order.apply_nos:
        applies.unreference(session, order.tenant_id, split_list(order.apply_nos), order.lines)
    order.status = OrderStatus.CANCELLED
    order.modified = now_china()


def stop_waiting(session: Session, order: PurchaseOrder) -> None:
    """停止等待 (pending, cancelByType 1/2): only a partly received order; the rest is given up."""
    if order.stockin_status not in (StockinState.PART, StockinState.PART_OVER) or order.status in (
            OrderStatus.CANCELLED, OrderStatus.COMPLETED):
        raise business_error("采购单非部分入库状态", f"{order.purchase_no} has stockin_status {order.stockin_status}")
    for line in order.lines:
        due = _due(line)
        line.stopwait_num += due
        common.count(session, order.tenant_id, order.warehouse_id, line.spec_id, purchase_num=-due)
    order.stockin_status = StockinState.STOPPED
    order.status = OrderStatus.TO_SETTLE
    order.settle_status = SettleState.TO_SETTLE
    order.modified = now_china()


# ---------------------------------------------------------------------------- receipts and settlements


def line_of(order: PurchaseOrder, spec_id: int) -> PurchaseOrderLine | None:
    return next((line for line in order.lines if line.spec_id == spec_id), None)


def arriving(order: PurchaseOrder, line: PurchaseOrderLine, num: Decimal) -> Decimal:
    """A stockin not yet checked holds `num` (negative: no longer) of the line (到货未入库): the
    delta of the line's 采购到货量 (purchase_arrive_num) for the caller to count."""
    line.arrive_num += num
    return num


def received(order: PurchaseOrder, line: PurchaseOrderLine, num: Decimal, price: Decimal, defect: bool) -> Decimal:
    """A checked stockin brought `num` of the line in (more than ordered is 超量入库): the delta of its
    采购在途量 (purchase_num) for the caller to count."""
    due = _due(line)
    line.stockin_num += num
    line.stockin_amount += num * price
    if defect:
        line.defect_stockin_num += num
    return -min(num, due)


def follow_receipts(order: PurchaseOrder) -> None:
    """The order's statuses after its receipts changed."""
    if order.stockin_status == StockinState.STOPPED:
        order.modified = now_china()
        return
    got = [line.stockin_num for line in order.lines]
    over = any(line.stockin_num > line.num for line in order.lines)
    full = all(line.stockin_num >= line.num for line in order.lines)
    if not any(got):
        order.stockin_status, status = StockinState.NONE, OrderStatus.CHECKED
    elif full:
        order.stockin_status = StockinState.OVER if over else StockinState.DONE
        status = OrderStatus.ARRIVED
    else:
        order.stockin_status = StockinState.PART_OVER if over else StockinState.PART
        status = OrderStatus.PART_ARRIVED
    if order.status in (OrderStatus.CHECKED, OrderStatus.PART_ARRIVED, OrderStatus.ARRIVED):
        order.status = status
    if full and order.settle_status == SettleState.NOT_SETTLEABLE:
        order.settle_status = SettleState.TO_SETTLE
    order.modified = now_china()


def follow_settlement(order: PurchaseOrder) -> None:
    """After a checked settlement: 部分结算, or 已完成 when all received goods are settled and no more come."""
    settled = [line for line in order.lines if line.settle_num > 0]
    closed = order.stockin_status in (StockinState.DONE, StockinState.OVER, StockinState.STOPPED)
    if closed and all(line.settle_num >= line.stockin_num for line in order.lines):
        order.status, order.settle_status = OrderStatus.COMPLETED, SettleState.SETTLED
    elif settled:
        order.status, order.settle_status = OrderStatus.PART_SETTLED, SettleState.PART
    order.modified = now_china()


def of_numbers(session: Session, tenant_id: int, numbers: Sequence[str]) -> dict[str, PurchaseOrder]:
    rows = session.scalars(select(PurchaseOrder).where(PurchaseOrder.tenant_id == tenant_id,
                                                       PurchaseOrder.purchase_no.in_(sorted(set(numbers)))))
    return {row.purchase_no: row for row in rows}


def check_or_report(session: Session, order: PurchaseOrder, operator: str, settings: dict[str, Any]) -> str:
    """createOrder's is_check: a failed check leaves the order editing and its reason is answered."""
    for _, _, err in each_in_savepoint(session, [order], lambda o: check(session, o, operator, settings), ApiError):
        if err is not None:
            return err.message
    return ""
