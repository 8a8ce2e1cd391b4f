"""Purchase returns (采购退货单, states.md §9) and their stockouts (kind 14).

A checked return holds its goods (lock_num) and counts them as 采购退货量 (return_num) of its
warehouse; its stockouts take the held goods out through the document engine; stopping or
cancelling gives back what is still held.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, KindHooks
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import Move
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.masterdata.service import active_logistics
from wdterp.domain.numbering.service import next_no
from wdterp.domain.purchase import common, orders
from wdterp.domain.purchase.models import PurchaseReturn, PurchaseReturnLine
from wdterp.domain.purchase.statuses import RETURN_REFERENCEABLE, ReturnStatus, SettleState, StockoutState
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.storage.units import each_in_savepoint

ZERO = Decimal(0)
PURCHASE_RETURN_OUT = Kind("out", OrderType.PURCHASE_RETURN_OUT, "CH")
CREATE_MODES: dict[int, int | None] = {0: StockoutStatus.UNCONFIRMED, 1: StockoutStatus.AWAITING_CHECK, 2: None}
CANCELLABLE = frozenset({ReturnStatus.EDITING, ReturnStatus.AWAITING_CHECK, ReturnStatus.CHECKED})
HEADER_TEXT = ("contact", "telno", "receive_address", "prop1", "prop2", "remark")
REGION = {"receive_province": "province", "receive_city": "city", "receive_district": "district"}


def find(session: Session, tenant_id: int, return_no: str) -> PurchaseReturn:
    """A return by number (E42 when there is none)."""
    found = session.scalar(select(PurchaseReturn).where(PurchaseReturn.tenant_id == tenant_id,
                                                        PurchaseReturn.return_no == return_no))
    if found is None:
        raise ApiError("E42", f"purchase return {return_no!r} not found")
    return found


def create(session: Session, tenant_id: int, warehouse: Warehouse, values: dict[str, Any],
           raw_lines: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str) -> PurchaseReturn:
    """PurchaseReturn.createOrder: outer_no becomes the return's number (E39 when used)."""
    number = str(values.get("outer_no") or "")
    if session.scalar(select(PurchaseReturn.return_id).where(PurchaseReturn.tenant_id == tenant_id,
                                                             PurchaseReturn.return_no == number)) is not None:
        raise ApiError("E39", f"purchase return {number!r} already exists")
    provider = common.provider(session, tenant_id, values.get("provider_no"))
    lines = common.goods_lines(session, tenant_id, raw_lines, settings)
    if settings.get(common.SETTING_CHECK_PROVIDER_ON_RETURN):
        common.require_supplied(session, tenant_id, provider.provider_id, lines, "E48")
    refs = [str(no) for no in values.get("ref_purchase_nos") or []]
    _check_refs(session, tenant_id, refs)
    given = {name: str(values.get(name) or "") for name in HEADER_TEXT}
    # without any of the address fields the provider's address is the return address
    from_provider = not any(values.get(n) for n in ("receive_address", *REGION))
    place = {column: str((getattr(provider, f"{column}_id") or "") if from_provider else (values.get(name) or ""))
             for name, column in REGION.items()}
    if from_provider:
        given["receive_address"] = provider.address
    given["contact"] = given["contact"] or provider.contact
    given["telno"] = given["telno"] or provider.telno
    ret = PurchaseReturn(
        tenant_id=tenant_id, return_no=number or next_no(session, tenant_id, "CR"), outer_no=number,
        provider_id=provider.provider_id, warehouse_id=warehouse.warehouse_id, status=ReturnStatus.EDITING,
        creator_name=operator, purchaser_name=operator, post_fee=values.get("post_fee") or ZERO,
        other_fee=values.get("other_fee") or ZERO, ref_purchase_nos=",".join(refs), **given, **place)
    if values.get("logistics_no"):
        ret.logistics_id = active_logistics(session, tenant_id, str(values["logistics_no"])).logistics_id
    ret.lines = [PurchaseReturnLine(
        spec_id=x.spec.spec_id, num=x.num, price=x.price, discount=x.discount, tax_rate=x.tax_rate,
        defect=bool(x.raw.get("defect") or False), unit_name=str(x.raw.get("unit_name") or ""),
        remark=str(x.raw.get("remark") or ""), batch_no=x.batch_no, expire_date=x.expire_date) for x in lines]
    session.add(ret)
    session.flush()
    return ret


def _check_refs(session: Session, tenant_id: int, refs: Sequence[str]) -> None:
    """ref_purchase_nos: each order must be past 已审核 (received something)."""
    found = orders.of_numbers(session, tenant_id, refs)
    for number in refs:
        order = found.get(number)
        if order is None or order.status not in RETURN_REFERENCEABLE:
            raise business_error(f"引用的采购单{number}不存在或状态不正确", f"order {number!r} is not past 已审核")


def _moves(ret: PurchaseReturn, left: bool = True) -> list[Move]:
    return [Move(ret.warehouse_id, line.spec_id, line.num - line.out_num if left else line.num, line.defect)
            for line in ret.lines if (line.num - line.out_num if left else line.num) > 0]


def check(session: Session, ret: PurchaseReturn, operator: str) -> None:
    """审核: the goods are held for the provider (a shortage refuses the check)."""
    if ret.status not in (ReturnStatus.EDITING, ReturnStatus.AWAITING_CHECK):
        raise business_error("采购退货单不是编辑中或待审核状态", f"{ret.return_no} is in status {ret.status}")
    specs = {line.spec_id: line for line in ret.lines}

    def shortage(move: Move, available: Decimal) -> ApiError:
        return business_error(f"货品库存不足,可退货数量{available}", f"spec {move.spec_id}: {specs[move.spec_id].num}")

    inventory.reserve(session, ret.tenant_id, _moves(ret, left=False), shortage)
    ret.is_reserved = True
    for line in ret.lines:
        common.count(session, ret.tenant_id, ret.warehouse_id, line.spec_id, line.defect, return_num=line.num)
    ret.status = ReturnStatus.CHECKED
    ret.check_operator_name = operator
    ret.check_time = now_china()
    ret.modified = ret.check_time


def _release_left(session: Session, ret: PurchaseReturn) -> None:
    if ret.is_reserved:
        inventory.release(session, _moves(ret))
        ret.is_reserved = False
    for line in ret.lines:
        common.count(session, ret.tenant_id, ret.warehouse_id, line.spec_id, line.defect,
                     return_num=-(line.num - line.out_num))


def cancel(session: Session, ret: PurchaseReturn) -> None:
    """cancelOrder / batchCancelOrder: 编辑中, 待审核 or 已审核 with nothing out yet."""
    if ret.status == ReturnStatus.CANCELLED:
        raise ApiError("E26", f"{ret.return_no} is already cancelled")
    if ret.status not in CANCELLABLE or ret.stockout_status != StockoutState.NONE or _open_stockouts(session, ret):
        raise business_error("采购退货单状态不正确", f"{ret.return_no}: status {ret.status}, out {ret.stockout_status}")
    if ret.status == ReturnStatus.CHECKED:
        _release_left(session, ret)
    ret.status = ReturnStatus.CANCELLED
    ret.modified = now_china()


def stop_waiting(session: Session, ret: PurchaseReturn) -> None:
    """pending: a checked return stops waiting; what has not left is released (停止出库)."""
    if ret.status != ReturnStatus.CHECKED or _open_stockouts(session, ret):
        raise business_error("采购退货单不是已审核状态", f"{ret.return_no} is in status {ret.status}")
    _release_left(session, ret)
    ret.stockout_status = StockoutState.STOPPED
    ret.status = ReturnStatus.COMPLETED
    ret.modified = now_china()


def _open_stockouts(session: Session, ret: PurchaseReturn) -> bool:
    return session.scalar(select(StockDocument.doc_id).where(
        StockDocument.tenant_id == ret.tenant_id, StockDocument.order_type == PURCHASE_RETURN_OUT.order_type,
        StockDocument.src_order_id == ret.return_id,
        StockDocument.status.in_((StockoutStatus.UNCONFIRMED, StockoutStatus.AWAITING_CHECK)))) is not None


# ---------------------------------------------------------------------------- stockouts


def create_stockout(session: Session, tenant_id: int, ret: PurchaseReturn, warehouse: Warehouse,
                    values: dict[str, Any], raw_lines: Sequence[dict[str, Any]], settings: dict[str, Any],
                    operator: str) -> StockDocument:
    """wms.stockout.PurchaseReturn.createOrder: the return must be 已审核 (E40)."""
    if ret.status != ReturnStatus.CHECKED:
        raise ApiError("E40", f"{ret.return_no} is in status {ret.status}")
    if warehouse.warehouse_id != ret.warehouse_id:
        raise business_error("出库仓库与采购退货单仓库不一致", f"{warehouse.warehouse_no} is not the return's")
    lines = engine.resolve_lines(session, tenant_id, warehouse, PURCHASE_RETURN_OUT, list(raw_lines), settings)
    taken: list[tuple[PurchaseReturnLine, Decimal]] = []
    for line in lines:
        rline = next((x for x in ret.lines if x.spec_id == line.spec.spec_id and x.defect == line.defect), None)
        if rline is None:
            raise business_error(f"货品{line.spec.spec_no}不在采购退货单中", f"not on {ret.return_no}")
        if line.num > rline.num - rline.out_num - _pending(session, ret, rline.rec_id):
            raise business_error(f"货品{line.spec.spec_no}出库数量超过退货数量", f"{line.num} too many")
        line.price = rline.price * rline.discount
        taken.append((rline, line.num))
    logistics_id = 0
    if values.get("logistics_code"):
        logistics_id = active_logistics(session, tenant_id, str(values["logistics_code"])).logistics_id
    mode = int(values.get("create_mode") or 0)
    status = CREATE_MODES.get(mode, StockoutStatus.UNCONFIRMED)
    doc = engine.create(session, tenant_id, PURCHASE_RETURN_OUT, warehouse, lines, status or StockoutStatus.UNCONFIRMED,
                        src_order_no=ret.return_no, src_order_id=ret.return_id, operator_name=operator,
                        remark=str(values.get("remark") or ""), logistics_id=logistics_id,
                        extra={"provider_id": ret.provider_id})
    for doc_line, (rline, _) in zip(doc.lines, taken, strict=True):
        doc_line.src_line_id = rline.rec_id
    # the return's hold passes to the stockout, which ships from it
    inventory.release(session, [Move(ret.warehouse_id, r.spec_id, n, r.defect) for r, n in taken])
    engine.reserve(session, doc)
    if status is None:
        engine.check(session, doc, operator)
    return doc


def _pending(session: Session, ret: PurchaseReturn, line_id: int) -> Decimal:
    """What stockouts not yet checked already take of a return line."""
    docs = session.scalars(select(StockDocument).where(
        StockDocument.tenant_id == ret.tenant_id, StockDocument.order_type == PURCHASE_RETURN_OUT.order_type,
        StockDocument.src_order_id == ret.return_id,
        StockDocument.status.in_((StockoutStatus.UNCONFIRMED, StockoutStatus.AWAITING_CHECK))))
    return sum((x.num for doc in docs for x in doc.lines if x.src_line_id == line_id), ZERO)


def _return_of(session: Session, doc: StockDocument) -> PurchaseReturn:
    ret = session.get(PurchaseReturn, doc.src_order_id)
    assert ret is not None
    return ret


def _after_check(session: Session, doc: StockDocument) -> None:
    ret = _return_of(session, doc)
    for line in doc.lines:
        rline = next(x for x in ret.lines if x.rec_id == line.src_line_id)
        rline.out_num += line.num
        common.count(session, ret.tenant_id, ret.warehouse_id, rline.spec_id, rline.defect, return_num=-line.num)
    done = all(x.out_num >= x.num for x in ret.lines)
    ret.stockout_status = StockoutState.DONE if done else StockoutState.PART
    if ret.settle_status == SettleState.NOT_SETTLEABLE:
        ret.settle_status = SettleState.TO_SETTLE
    if done:
        ret.status = ReturnStatus.COMPLETED
        ret.is_reserved = False
    ret.modified = now_china()


def _after_cancel(session: Session, doc: StockDocument) -> None:
    """A cancelled stockout's goods are held for the return again."""
    ret = _return_of(session, doc)
    if ret.status == ReturnStatus.CHECKED:
        inventory.reserve(session, ret.tenant_id, [Move(ret.warehouse_id, x.spec_id, x.num, x.defect)
                                                   for x in doc.lines])


HOOKS = (KindHooks(PURCHASE_RETURN_OUT, after_check=_after_check, after_cancel=_after_cancel),)


def check_or_report(session: Session, ret: PurchaseReturn, operator: str, cancel_on_fail: bool) -> str:
    """createOrder's is_check: a failed check leaves the return editing (or cancelled, with
    check_fail_cancel 1) and its reason is answered."""
    for _, _, err in each_in_savepoint(session, [ret], lambda r: check(session, r, operator), ApiError):
        if err is not None:
            if cancel_on_fail:
                ret.status = ReturnStatus.CANCELLED
                ret.modified = now_china()
            return err.message
    return ""


def uncheck(session: Session, ret: PurchaseReturn) -> None:
    """反审核: a checked return with nothing out goes back to editing; its hold is given back."""
    if ret.status != ReturnStatus.CHECKED or ret.stockout_status != StockoutState.NONE or _open_stockouts(session, ret):
        raise business_error("采购退货单状态不正确", f"{ret.return_no}: status {ret.status}, out {ret.stockout_status}")
    _release_left(session, ret)
    ret.status = ReturnStatus.EDITING
    ret.check_time = None
    ret.modified = now_china()
