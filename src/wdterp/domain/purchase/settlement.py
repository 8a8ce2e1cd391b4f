"""Purchase settlements (采购结算单 / 采购退货结算单, JS…): finance settles what was received on an
order (or what left on a return). At check each line is held against its 预期数量 (expected:
received or sent out, less what is settled already), good and defective goods apart, as the page
says; a settlement whose check fails is not kept (upload with is_check)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.masterdata.service import active_logistics
from wdterp.domain.numbering.service import next_no
from wdterp.domain.purchase import orders
from wdterp.domain.purchase.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseReturn,
    PurchaseReturnLine,
    PurchaseSettle,
    PurchaseSettleLine,
)
from wdterp.domain.purchase.statuses import SETTLEABLE, ReturnStatus, SettleState, SettleStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
ORDER, RETURN = 1, 2


def find_order(session: Session, tenant_id: int, number: str, fuzzy: bool) -> PurchaseOrder:
    """The order a settlement names; fuzzy_query matches a part of the number (one order only)."""
    if not fuzzy:
        found = orders.find(session, tenant_id, number)
        if found is None:
            raise ApiError("E26", f"purchase order {number!r} not found")
        return found
    matches = list(session.scalars(select(PurchaseOrder).where(
        PurchaseOrder.tenant_id == tenant_id, PurchaseOrder.purchase_no.contains(number)).limit(2)))
    if len(matches) > 1:
        raise business_error("业务单号模糊查询匹配到多条单据", f"{number!r} matches several orders")
    if not matches:
        raise ApiError("E26", f"no purchase order matches {number!r}")
    return matches[0]


def _line_of(lines: Sequence[Any], spec_id: int, raw: dict[str, Any]) -> Any:
    batch = str(raw.get("batch_no") or "")
    found = [x for x in lines if x.spec_id == spec_id and (not x.batch_no or x.batch_no == batch)]
    if not found:
        raise business_error("结算货品不在单据中", f"spec {spec_id} (batch {batch!r}) is not on the document")
    return found[0]


def _source(doc: PurchaseOrder | PurchaseReturn) -> tuple[int, int, str]:
    """(kind, id, number) of what a settlement settles; it must have goods to settle."""
    if isinstance(doc, PurchaseOrder):
        if doc.status not in SETTLEABLE:
            raise business_error("采购单状态不正确,不能结算", f"{doc.purchase_no} is in status {doc.status}")
        return ORDER, doc.purchase_id, doc.purchase_no
    if doc.status not in (ReturnStatus.CHECKED, ReturnStatus.COMPLETED):
        raise business_error("采购退货单状态不正确,不能结算", f"{doc.return_no} is in status {doc.status}")
    return RETURN, doc.return_id, doc.return_no


def create(session: Session, tenant_id: int, doc: PurchaseOrder | PurchaseReturn, values: dict[str, Any],
           raw_lines: Sequence[dict[str, Any]], operator: str) -> PurchaseSettle:
    kind, src_id, src_no = _source(doc)
    if not raw_lines:
        raise business_error("请传入结算明细", "no detail lines")
    specs = specs_by_no(session, tenant_id, [str(r.get("spec_no", "")) for r in raw_lines])
    settle = PurchaseSettle(
        tenant_id=tenant_id, settle_no=next_no(session, tenant_id, "JS"), kind=kind, src_id=src_id, src_no=src_no,
        provider_id=doc.provider_id, warehouse_id=doc.warehouse_id, purchaser_name=doc.purchaser_name,
        status=SettleStatus.EDITING, invoice_type=int(values.get("invoice_type") or 0),
        invoice_no=str(values.get("invoice_no") or ""), post_fee=values.get("post_fee") or ZERO,
        other_fee=values.get("other_fee") or ZERO, logistics_no=str(values.get("logistics_no") or ""),
        remark=str(values.get("remark") or ""), settler_name=operator)
    if values.get("logistics_company_no"):
        settle.logistics_id = active_logistics(session, tenant_id, str(values["logistics_company_no"])).logistics_id
    settle.lines = [_line(specs, doc.lines, raw, kind) for raw in raw_lines]
    session.add(settle)
    session.flush()
    return settle


def _line(specs: dict[str, Any], lines: Sequence[Any], raw: dict[str, Any], kind: int) -> PurchaseSettleLine:
    spec = specs.get(str(raw.get("spec_no", "")))
    if spec is None:
        raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
    src = _line_of(lines, spec.spec_id, raw)
    num = Decimal(str(raw["settle_num"]))
    if num <= 0:
        raise ApiError("E56", f"settle_num {num} <= 0")
    discount = Decimal(str(raw["discount"])) if raw.get("discount") is not None else src.discount
    if discount <= 0:
        raise ApiError("E41", f"discount {discount} <= 0")
    expire = raw.get("expire_date")
    return PurchaseSettleLine(
        src_line_id=src.rec_id, spec_id=spec.spec_id, settle_num=num,
        settle_normal_num=Decimal(str(raw.get("settle_normal_num", num))) if kind == ORDER else num,
        invoice_num=Decimal(str(raw["invoice_num"])) if raw.get("invoice_num") is not None else num,
        price=Decimal(str(raw["price"])) if raw.get("price") is not None else src.price, discount=discount,
        tax_rate=Decimal(str(raw["tax_rate"])) if raw.get("tax_rate") is not None else src.tax_rate,
        share_post_fee=Decimal(str(raw.get("share_post_fee") or 0)),
        share_other=Decimal(str(raw.get("share_other") or 0)), remark=str(raw.get("remark") or "")[:128],
        batch_no=str(raw.get("batch_no") or ""), expire_date=expire.date() if isinstance(expire, datetime) else None,
        created=now_china())


def check(session: Session, settle: PurchaseSettle, operator: str) -> None:
    """审核: each line within its expected quantity; the order (or return) counts it as settled."""
    if settle.status not in (SettleStatus.EDITING, SettleStatus.AWAITING_CHECK):
        raise business_error("结算单状态不正确", f"{settle.settle_no} is in status {settle.status}")
    if settle.kind == ORDER:
        _settle_order(session, settle)
    else:
        _settle_return(session, settle)
    settle.status = SettleStatus.CHECKED
    settle.checker_name = operator
    settle.check_time = now_china()
    settle.modified = settle.check_time


def _settle_order(session: Session, settle: PurchaseSettle) -> None:
    order = session.get(PurchaseOrder, settle.src_id)
    assert order is not None
    by_id = {line.rec_id: line for line in order.lines}
    for sline in settle.lines:
        line: PurchaseOrderLine = by_id[sline.src_line_id]
        normal_expected = (line.stockin_num - line.defect_stockin_num) - (line.settle_num - line.defect_settle_num)
        defect_expected = line.defect_stockin_num - line.defect_settle_num
        defect = sline.settle_num - sline.settle_normal_num
        if sline.settle_normal_num > normal_expected or sline.settle_normal_num < 0:
            raise business_error("结算数量[非残品]不可大于预期数量[非残品]",
                                 f"{sline.settle_normal_num} > {normal_expected}")
        if defect > defect_expected or defect < 0:
            raise business_error("结算数量[残品]不可大于预期数量[残品]", f"{defect} > {defect_expected}")
        line.settle_num += sline.settle_num
        line.defect_settle_num += defect
    orders.follow_settlement(order)


def _settle_return(session: Session, settle: PurchaseSettle) -> None:
    ret = session.get(PurchaseReturn, settle.src_id)
    assert ret is not None
    by_id = {line.rec_id: line for line in ret.lines}
    for sline in settle.lines:
        line: PurchaseReturnLine = by_id[sline.src_line_id]
        expected = line.out_num - line.settle_num
        if sline.settle_num > expected:
            raise business_error("结算数量不可大于预期数量", f"{sline.settle_num} > {expected}")
        line.settle_num += sline.settle_num
    done = all(line.settle_num >= line.out_num for line in ret.lines) and ret.status == ReturnStatus.COMPLETED
    ret.settle_status = SettleState.SETTLED if done else SettleState.PART
    ret.modified = now_china()


def find(session: Session, tenant_id: int, settle_no: str) -> PurchaseSettle:
    found = session.scalar(select(PurchaseSettle).where(PurchaseSettle.tenant_id == tenant_id,
                                                        PurchaseSettle.settle_no == settle_no))
    if found is None:
        raise ApiError("E26", f"settlement {settle_no!r} not found")
    return found
