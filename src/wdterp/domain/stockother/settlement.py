"""Settlements of other-in business orders (其它入库结算单, finance.settle.OtherIn.upload).

A settlement prices what an other-in business order received (its lines' in_num): each detail line
names a received spec (+ defect, + stockin_price to pick among lines of one spec); without details
every received line is settled at its own price. Checked at once when asked (is_check), else 待审核.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.masterdata.models import Logistics, Provider
from wdterp.domain.numbering.service import next_no
from wdterp.domain.stockother.models import OtherInSettlement, OtherInSettlementLine, OtherOrder, OtherOrderLine
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.protocol.numbers import as_decimal as _decimal

SETTLE_PREFIX = "JS"
AWAITING_CHECK, CHECKED = 20, 30
ZERO = Decimal(0)



def find_order(session: Session, tenant_id: int, number: str, fuzzy: bool) -> OtherOrder:
    """The other-in business order of `number` (containing it with `fuzzy`: more than one match refused)."""
    column = OtherOrder.order_no.contains(number) if fuzzy else OtherOrder.order_no == number
    found = list(session.scalars(select(OtherOrder).where(
        OtherOrder.tenant_id == tenant_id, OtherOrder.direction == "in", column).limit(2)))
    if not found:
        raise ApiError("E26", f"other-in business order {number!r} not found")
    if len(found) > 1:
        raise business_error("业务单号模糊查询匹配到多条单据", f"{number!r} matches several other-in orders")
    return found[0]


def _logistics(session: Session, tenant_id: int, number: str) -> int:
    if not number:
        return 0
    found = session.scalar(select(Logistics).where(Logistics.tenant_id == tenant_id,
                                                   Logistics.logistics_no == number))
    if found is None or found.is_disabled:
        raise business_error("物流公司不存在或类型错误", f"logistics {number!r} unknown or disabled")
    return found.logistics_id


def _provider(session: Session, tenant_id: int, number: str) -> int:
    if not number:
        return 0
    found = session.scalar(select(Provider).where(Provider.tenant_id == tenant_id, Provider.provider_no == number))
    if found is None or found.is_disabled or found.deleted:
        raise business_error(f"供应商{number}不存在或已停用", f"provider {number!r} unknown, disabled or deleted")
    return found.provider_id


def _matching(order: OtherOrder, spec_id: int, raw: dict[str, Any]) -> OtherOrderLine:
    """The received line of the order a detail settles: spec and defect, then the stockin price if given."""
    defect = bool(raw.get("defect") or False)
    lines = [x for x in order.lines if x.spec_id == spec_id and x.defect == defect and x.done_num > 0]
    priced = [x for x in lines if raw.get("stockin_price") not in (None, "")
              and x.price == _decimal(raw["stockin_price"])]
    if not (priced or lines):
        raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} was not received on {order.order_no}")
    return (priced or lines)[0]


def _lines(session: Session, order: OtherOrder, details: Sequence[dict[str, Any]]) -> list[OtherInSettlementLine]:
    if not details:
        return [OtherInSettlementLine(order_line_id=x.rec_id, spec_id=x.spec_id, defect=x.defect, num=x.done_num,
                                      stockin_price=x.price, price=x.price) for x in order.lines if x.done_num > 0]
    specs = specs_by_no(session, order.tenant_id, [str(r.get("spec_no", "")) for r in details])
    out, seen = [], set()
    for raw in details:
        spec = specs.get(str(raw.get("spec_no", "")))
        if spec is None:
            raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
        line = _matching(order, spec.spec_id, raw)
        if line.rec_id in seen:
            raise ApiError("E45", f"spec_no {spec.spec_no} repeated")
        seen.add(line.rec_id)
        out.append(OtherInSettlementLine(
            order_line_id=line.rec_id, spec_id=spec.spec_id, defect=line.defect, num=line.done_num,
            stockin_price=line.price, price=_decimal(raw.get("price"), line.price),
            share_post_fee=_decimal(raw.get("share_post_fee")), remark=str(raw.get("remark") or "")))
    return out


def upload(session: Session, tenant_id: int, values: dict[str, Any], details: Sequence[dict[str, Any]],
           order: OtherOrder) -> OtherInSettlement:
    """finance.settle.OtherIn.upload: a settlement of what the order received."""
    lines = _lines(session, order, details)
    if not lines:
        raise business_error("业务单没有已入库的货品", f"{order.order_no} has received nothing")
    checked = bool(values.get("is_check"))
    settlement = OtherInSettlement(
        tenant_id=tenant_id, settle_no=next_no(session, tenant_id, SETTLE_PREFIX), other_in_id=order.rec_id,
        status=CHECKED if checked else AWAITING_CHECK, logistics_no=str(values.get("logistics_no") or ""),
        logistics_id=_logistics(session, tenant_id, str(values.get("logistics_company_no") or "")),
        post_fee=_decimal(values.get("post_fee")),
        provider_id=_provider(session, tenant_id, str(values.get("provider_no") or "")),
        remark=str(values.get("remark") or ""), goods_amount=sum((x.num * x.price for x in lines), ZERO),
        check_time=now_china() if checked else None)
    settlement.lines = lines
    session.add(settlement)
    session.flush()
    return settlement
