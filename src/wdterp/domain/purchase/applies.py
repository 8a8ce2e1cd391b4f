"""Purchase applies (采购申请单, states.md §7): upload, confirm, cancel, stop, referencing by orders.

An apply that waits to be referenced (待引用/部分引用) counts its unreferenced quantity as 待采购量
(to_purchase_num) of its warehouse; an apply without a warehouse feeds no counter.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.purchase import common
from wdterp.domain.purchase.models import PurchaseApply, PurchaseApplyLine, PurchaseOrderLine
from wdterp.domain.purchase.statuses import ApplyStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
WAITING = frozenset({ApplyStatus.TO_REFERENCE, ApplyStatus.PART_REFERENCED})


def find(session: Session, tenant_id: int, apply_no: str) -> PurchaseApply | None:
    return session.scalar(select(PurchaseApply).where(PurchaseApply.tenant_id == tenant_id,
                                                      PurchaseApply.apply_no == apply_no))


def upload(session: Session, tenant_id: int, values: dict[str, Any], warehouse: Warehouse | None,
           settings: dict[str, Any], operator: str) -> PurchaseApply:
    number = str(values.get("purchase_apply_no") or "")
    if number and find(session, tenant_id, number) is not None:
        raise ApiError("E39", f"purchase apply {number!r} already exists")
    lines = common.goods_lines(session, tenant_id, values.get("detail_list") or [], settings)
    providers = {str(line.raw.get("provider_no") or "") for line in lines}
    provider_ids = {no: common.provider(session, tenant_id, no).provider_id for no in providers if no}
    apply = PurchaseApply(
        tenant_id=tenant_id, apply_no=number or next_no(session, tenant_id, "POA"), status=ApplyStatus.EDITING,
        warehouse_id=warehouse.warehouse_id if warehouse else 0, apply_name=operator,
        provider_id=provider_ids.get(next(iter(providers)), 0) if len(providers) == 1 else 0,
        remark=str(values.get("remark") or ""), expected_time=values.get("expected_time"))
    apply.lines = [PurchaseApplyLine(spec_id=line.spec.spec_id, num=line.num, remark=str(line.raw.get("remark") or ""),
                                     provider_id=provider_ids.get(str(line.raw.get("provider_no") or ""), 0))
                   for line in lines]
    session.add(apply)
    session.flush()
    submit = values.get("is_submit")
    if submit is None or submit:
        confirm(session, apply)
    elif settings.get(common.SETTING_APPLY_CONFIRM):
        apply.status = ApplyStatus.TO_CONFIRM
    return apply


def _left(line: PurchaseApplyLine) -> Decimal:
    return max(line.num - line.ref_num, ZERO)


def _count_left(session: Session, apply: PurchaseApply, sign: int) -> None:
    for line in apply.lines:
        common.count(session, apply.tenant_id, apply.warehouse_id, line.spec_id, to_purchase_num=sign * _left(line))


def confirm(session: Session, apply: PurchaseApply) -> None:
    """提交/确认: 编辑中 or 待确认 → 待引用; its quantity becomes 待采购量."""
    if apply.status not in (ApplyStatus.EDITING, ApplyStatus.TO_CONFIRM):
        raise business_error("采购申请单状态不是编辑中或待确认", f"{apply.apply_no} is in status {apply.status}")
    apply.status = ApplyStatus.TO_REFERENCE
    apply.modified = now_china()
    _count_left(session, apply, 1)


def unconfirm(session: Session, apply: PurchaseApply) -> None:
    """驳回到编辑中: only while nothing of it is referenced."""
    if apply.status != ApplyStatus.TO_REFERENCE:
        raise business_error("采购申请单状态不是待引用", f"{apply.apply_no} is in status {apply.status}")
    _count_left(session, apply, -1)
    apply.status = ApplyStatus.EDITING
    apply.modified = now_china()


def cancel(session: Session, apply: PurchaseApply) -> None:
    """cancelForApi: 编辑中 or 待确认 only."""
    if apply.status not in (ApplyStatus.EDITING, ApplyStatus.TO_CONFIRM):
        raise business_error("采购申请单状态不是编辑中或待确认", f"{apply.apply_no} is in status {apply.status}")
    apply.status = ApplyStatus.CANCELLED
    apply.modified = now_china()


def stop(session: Session, apply: PurchaseApply) -> None:
    """stopForApi: a partly referenced apply stops being referenced (its rest is no longer to buy)."""
    if apply.status != ApplyStatus.PART_REFERENCED:
        raise business_error("采购申请单状态不是部分引用", f"{apply.apply_no} is in status {apply.status}")
    _count_left(session, apply, -1)
    apply.status = ApplyStatus.REFERENCED
    apply.modified = now_china()


def reference(session: Session, tenant_id: int, apply_nos: Sequence[str], lines: Sequence[PurchaseOrderLine],
              spec_nos: dict[int, str]) -> None:
    """An order references applies: each order line takes what is left of the applies' lines of its spec."""
    applies = []
    for number in apply_nos:
        apply = find(session, tenant_id, number)
        if apply is None:
            raise business_error(f"采购申请单{number}不存在", f"purchase apply {number!r} not found")
        if apply.status not in WAITING:
            raise business_error(f"采购申请单{number}状态不是待引用或部分引用", f"status {apply.status}")
        applies.append(apply)
    for line in lines:
        wanted = line.num
        for apply in applies:
            for aline in (a for a in apply.lines if a.spec_id == line.spec_id):
                taken = min(wanted, _left(aline))
                if taken <= 0:
                    continue
                aline.ref_num += taken
                wanted -= taken
                line.apply_line_id = line.apply_line_id or aline.rec_id
                common.count(session, tenant_id, apply.warehouse_id, aline.spec_id, to_purchase_num=-taken)
    for apply in applies:
        if not any(line.ref_num for line in apply.lines):
            raise business_error(f"采购申请单{apply.apply_no}中没有采购单的货品",
                                 f"no line of the order matches {apply.apply_no} ({sorted(spec_nos.values())})")
        done = all(_left(line) == 0 for line in apply.lines)
        apply.status = ApplyStatus.REFERENCED if done else ApplyStatus.PART_REFERENCED
        apply.modified = now_china()


def unreference(session: Session, tenant_id: int, apply_nos: Sequence[str],
                lines: Sequence[PurchaseOrderLine]) -> None:
    """A cancelled order gives back what it referenced: per spec up to its line's quantity, from the
    applies it named (the last named first); they wait to be referenced again."""
    found = [a for a in (find(session, tenant_id, n) for n in reversed(apply_nos)) if a is not None
             and a.status in (ApplyStatus.PART_REFERENCED, ApplyStatus.REFERENCED)]
    for line in lines:
        left = line.num
        for apply in found:
            for aline in (x for x in apply.lines if x.spec_id == line.spec_id):
                back = min(left, aline.ref_num)
                if back <= 0:
                    continue
                aline.ref_num -= back
                left -= back
                common.count(session, tenant_id, apply.warehouse_id, aline.spec_id, to_purchase_num=back)
    for apply in found:
        referenced = any(x.ref_num for x in apply.lines)
        apply.status = ApplyStatus.PART_REFERENCED if referenced else ApplyStatus.TO_REFERENCE
        apply.modified = now_china()


def received(session: Session, apply_line_id: int, num: Decimal) -> None:
    """Goods of an order line that referenced this apply line came in."""
    line = session.get(PurchaseApplyLine, apply_line_id) if apply_line_id else None
    if line is not None:
        line.stockin_num += num
        line.apply.modified = now_china()
