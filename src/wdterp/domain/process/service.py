"""Production orders (生产单, PS…): upload, check, pick, produce, finish, cancel — through the document
engine and the stock ledger.

A checked order reserves its raw materials on a 待审核 material stockout (src 5) and announces its
finished goods on a 待审核 finished-goods stockin (src 6): 生产待出库量 / 生产待入库量 come from those
documents, 生产在途量 (`process_onway_num`) of the finished specs is fed here. Picking checks the
stockout (materials leave at their weighted cost); producing N runs brings N runs of finished goods
in at the materials' cost of N runs plus N runs' share of the fee; finishing returns the materials
of the runs not made (a src-5 stockin) and gives back what is still announced. Quick production
(type 1) does all of it at check.

Decisions (the pages leave them open):
- detail_list quantities are per production run, like a BOM's; the order's lines hold them × process_count.
- `operator_name` need not be an employee (integrations send "admin"); an employee of that name that is
  disabled or deleted is refused with the page's own message.
- Several finished specs share the cost by retail value (retail_price × quantity; by quantity when no
  retail price is set), the proportion the settlement shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, KindHooks, LineSpec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata import service as masterdata
from wdterp.domain.masterdata.models import Employee, Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.process import boms
from wdterp.domain.process.models import (
    Bom,
    ProcessLine,
    ProcessOrder,
    ProcessSettlement,
    ProcessSettlementLine,
    Producer,
)
from wdterp.domain.process.statuses import CANCELLABLE, QUICK, ProcessStatus, SettlementStatus, SettleStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

PROCESS_PREFIX = "PS"
SETTLE_PREFIX = "JS"
MATERIALS_OUT = Kind("out", OrderType.PROCESS, "CK", duplicate_row="E45")
GOODS_IN = Kind("in", OrderType.PROCESS_FINISHED_IN, "RK", duplicate_row="E45")
#: 生产原料单: materials of runs not made come back
MATERIALS_BACK = Kind("in", OrderType.PROCESS, "RK", duplicate_row="E45")
ZERO = Decimal(0)
CENT = Decimal("0.0001")


@dataclass
class UploadResult:
    order: ProcessOrder
    #: why the requested check failed (the order stays 待审核), None when it did not
    check_error: str | None = None


# ---------------------------------------------------------------------------- producers


def create_producer(session: Session, tenant_id: int, producer_no: str, producer_name: str) -> Producer:
    """A producer (the vendor has no method for it: `wdterp load` and the `producer.create` operation)."""
    if not producer_no:
        raise business_error("生产商编号不能为空", "producer_no is empty")
    found = session.scalar(select(Producer).where(Producer.tenant_id == tenant_id,
                                                  Producer.producer_no == producer_no))
    if found is None:
        found = Producer(tenant_id=tenant_id, producer_no=producer_no)
        session.add(found)
    found.producer_name = producer_name or found.producer_name or producer_no
    session.flush()
    return found


def active_producer(session: Session, tenant_id: int, producer_no: str) -> Producer:
    found = session.scalar(select(Producer).where(Producer.tenant_id == tenant_id,
                                                  Producer.producer_no == producer_no))
    if found is None or found.is_disabled:
        raise business_error(f"生产商{producer_no}不存在或已停用", f"producer {producer_no!r} unknown or disabled")
    return found


def _require_operator(session: Session, tenant_id: int, name: str) -> None:
    if not name:
        raise business_error("生产员不能为空", "operator_name is empty")
    employees = session.scalars(select(Employee).where(Employee.tenant_id == tenant_id, or_(
        Employee.name == name, Employee.shortname == name, Employee.employee_no == name))).all()
    if employees and all(e.is_disabled or e.deleted for e in employees):
        raise business_error(f"员工 {name} 不存在/已停用/无生产员角色", f"employee {name!r} is disabled or deleted")


# ---------------------------------------------------------------------------- upload


def upload(session: Session, tenant_id: int, values: dict[str, Any], details: Sequence[dict[str, Any]],
           out_warehouse: Warehouse, in_warehouse: Warehouse, settings: dict[str, Any],
           creator: str) -> UploadResult:
    """Process.upload: a new order (待审核); checked when asked (a failed check leaves it 待审核)."""
    producer = active_producer(session, tenant_id, str(values.get("producer_no") or ""))
    _require_operator(session, tenant_id, str(values.get("operator_name") or ""))
    count = engine.quantity(values.get("process_count"), {})
    bom = boms.active(session, tenant_id, str(values["bom_name"])) if values.get("bom_name") else None
    flag = masterdata.active_flag(session, tenant_id, values["flag_name"]) if values.get("flag_name") else None
    fee = values.get("total_fee")
    order = ProcessOrder(
        tenant_id=tenant_id, process_no=next_no(session, tenant_id, PROCESS_PREFIX),
        status=ProcessStatus.AWAITING_CHECK, type=int(values.get("type") or 0),
        operator_name=str(values["operator_name"]), producer_id=producer.producer_id,
        bom_name=bom.bom_name if bom else "", bom_fee=bom.fee if bom else ZERO,
        bom_remark=bom.remark[:255] if bom else "", process_count=count,
        total_fee=Decimal(str(fee)) if fee not in (None, "") else (bom.fee * count if bom else ZERO),
        out_warehouse_id=out_warehouse.warehouse_id, in_warehouse_id=in_warehouse.warehouse_id,
        flag_id=flag.flag_id if flag else 0, flag_name=flag.flag_name if flag else "",
        creator_name=creator, remark=str(values.get("remark") or ""))
    order.lines = _lines(session, tenant_id, details, bom, count, out_warehouse, in_warehouse, settings)
    session.add(order)
    session.flush()
    if not values.get("is_check"):
        return UploadResult(order)
    try:
        with session.begin_nested():
            check(session, order, str(values["operator_name"]))
    except ApiError as err:  # the page answers a failed check as status 20 with its reason
        session.refresh(order)
        return UploadResult(order, err.message)
    return UploadResult(order)


def _lines(session: Session, tenant_id: int, details: Sequence[dict[str, Any]], bom: Bom | None,
           count: Decimal, out_warehouse: Warehouse, in_warehouse: Warehouse,
           settings: dict[str, Any]) -> list[ProcessLine]:
    if not details and bom is not None:
        return [ProcessLine(spec_id=b.spec_id, num=b.num * count, is_product=b.is_product, remark=b.remark)
                for b in bom.lines]
    lines = []
    for spec, num, raw in boms.resolve(session, tenant_id, details, settings):
        product = bool(raw.get("is_product"))
        warehouse = in_warehouse if product else out_warehouse
        position_id = None
        if raw.get("position_no"):
            position_id = inventory.position(session, tenant_id, warehouse.warehouse_id,
                                             str(raw["position_no"])).position_id
        produced = raw.get("production_date")
        if isinstance(produced, datetime):
            produced = produced.date()
        elif product and not isinstance(produced, date):
            produced = now_china().date()  # the page: 不传默认当前时间
        lines.append(ProcessLine(
            spec_id=spec.spec_id, num=num * count, is_product=product, position_id=position_id,
            batch_no=str(raw.get("batch_no") or ""), validity_days=spec.validity_days,
            production_date=produced if isinstance(produced, date) else None))
    return lines


# ---------------------------------------------------------------------------- check, pick


def _warehouse(session: Session, warehouse_id: int) -> Warehouse:
    found = session.get(Warehouse, warehouse_id)
    assert found is not None
    return found


def _line_specs(session: Session, lines: Sequence[ProcessLine], nums: Sequence[Decimal],
                prices: Sequence[Decimal] | None = None) -> list[LineSpec]:
    specs = {s.spec_id: s for s in session.scalars(select(Spec).where(Spec.spec_id.in_({x.spec_id for x in lines})))}
    return [LineSpec(spec=specs[line.spec_id], num=num, price=prices[i] if prices else ZERO,
                     position_id=line.position_id, batch_no=line.batch_no, production_date=line.production_date,
                     remark=line.remark) for i, (line, num) in enumerate(zip(lines, nums, strict=True))]


def _materials(order: ProcessOrder) -> list[ProcessLine]:
    return [line for line in order.lines if not line.is_product]


def _products(order: ProcessOrder) -> list[ProcessLine]:
    return [line for line in order.lines if line.is_product]


def _documents(session: Session, order: ProcessOrder, kind: Kind, status: int | None = None) -> list[StockDocument]:
    stmt = select(StockDocument).where(
        StockDocument.tenant_id == order.tenant_id, StockDocument.src_order_id == order.process_id,
        StockDocument.direction == kind.direction, StockDocument.order_type == kind.order_type,
        StockDocument.src_order_no == order.process_no).order_by(StockDocument.doc_id)
    if status is not None:
        stmt = stmt.where(StockDocument.status == status)
    return list(session.scalars(stmt))


def _onway(session: Session, order: ProcessOrder, lines: Sequence[ProcessLine], nums: Sequence[Decimal],
           sign: int) -> None:
    for line, num in zip(lines, nums, strict=True):
        if num:
            inventory.adjust_counters(session, order.tenant_id, order.in_warehouse_id, line.spec_id,
                                      process_onway_num=sign * num)


def check(session: Session, order: ProcessOrder, operator: str) -> None:
    """审核: materials reserved on a 待审核 stockout, finished goods announced on a 待审核 stockin (40);
    a quick order is produced and finished at once (70)."""
    if order.status not in (ProcessStatus.EDITING, ProcessStatus.AWAITING_CHECK):
        raise business_error("单据状态不正确", f"{order.process_no} is in status {order.status}, cannot check")
    header: dict[str, Any] = {"src_order_no": order.process_no, "src_order_id": order.process_id,
                              "operator_name": operator, "flag_name": order.flag_name}
    materials, products = _materials(order), _products(order)
    out = engine.create(session, order.tenant_id, MATERIALS_OUT, _warehouse(session, order.out_warehouse_id),
                        _line_specs(session, materials, [x.num for x in materials]), StockoutStatus.AWAITING_CHECK,
                        remark="生产原料出库", **header)
    engine.reserve(session, out)
    engine.create(session, order.tenant_id, GOODS_IN, _warehouse(session, order.in_warehouse_id),
                  _line_specs(session, products, [x.num for x in products]), StockinStatus.AWAITING_CHECK,
                  remark="生产成品入库", extra={"pending": True}, **header)
    _onway(session, order, products, [x.num for x in products], 1)
    order.status, order.checker_name, order.check_time = ProcessStatus.AWAITING_PICK, operator, now_china()
    order.modified = order.check_time
    if order.type == QUICK:
        pick(session, order, operator)
        produce(session, order, order.process_count - order.reality_count, operator)


def pick(session: Session, order: ProcessOrder, operator: str) -> None:
    """领料: the material stockout is checked (the order follows through `_materials_out`)."""
    if order.status != ProcessStatus.AWAITING_PICK:
        raise business_error("单据状态不正确", f"{order.process_no} is in status {order.status}, cannot pick")
    for doc in _documents(session, order, MATERIALS_OUT, StockoutStatus.AWAITING_CHECK):
        engine.check(session, doc, operator)


def _materials_out(session: Session, doc: StockDocument) -> None:
    """The order of a checked material stockout (from any surface) has its materials: 已领料."""
    order = session.get(ProcessOrder, doc.src_order_id)
    if order is None or order.status != ProcessStatus.AWAITING_PICK:
        return
    taken = {line.spec_id: line for line in doc.lines}
    for line in _materials(order):
        if line.spec_id in taken:
            line.out_num += taken[line.spec_id].num
    order.status = ProcessStatus.PICKED
    order.modified = now_china()


# ---------------------------------------------------------------------------- produce, finish


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def proportions(session: Session, products: Sequence[ProcessLine]) -> list[Decimal]:
    """Each finished spec's share of the cost: by retail value, by quantity when no retail price is set."""
    specs = {s.spec_id: s for s in session.scalars(select(Spec).where(Spec.spec_id.in_({x.spec_id for x in products})))}
    weights = [specs[x.spec_id].retail_price * x.num for x in products]
    if sum(weights, ZERO) <= 0:
        weights = [x.num for x in products]
    total = sum(weights, ZERO)
    return [w / total for w in weights]


def material_cost(session: Session, order: ProcessOrder) -> Decimal:
    """What the materials taken out for the order cost (their weighted cost at the stockout)."""
    done = _documents(session, order, MATERIALS_OUT, StockoutStatus.COMPLETED)
    return sum((line.num * line.cost_price for doc in done for line in doc.lines), ZERO)


def produce(session: Session, order: ProcessOrder, runs: Decimal, operator: str) -> StockDocument:
    """生产 `runs` runs: their finished goods come in at their materials' cost plus their share of the fee."""
    left = order.process_count - order.reality_count
    if order.status not in (ProcessStatus.PICKED, ProcessStatus.RUNNING):
        raise business_error("单据状态不正确", f"{order.process_no} is in status {order.status}, cannot produce")
    if runs <= 0 or runs > left:
        raise ApiError("E56", f"{runs} runs: must be > 0 and at most the {left} left")
    products = _products(order)
    per_run = (material_cost(session, order) + order.total_fee) / order.process_count
    nums = [x.num / order.process_count * runs for x in products]
    prices = [_q(per_run * runs * share / num) for share, num in zip(proportions(session, products), nums, strict=True)]
    pending = _documents(session, order, GOODS_IN, StockinStatus.AWAITING_CHECK)[0]
    if runs == left:
        doc = pending
        for line, price in zip(doc.lines, prices, strict=True):
            line.price = price
        doc.total_price = sum((x.num * x.price for x in doc.lines), ZERO)
    else:
        for line, num in zip(pending.lines, nums, strict=True):
            line.num -= num
        pending.goods_count = sum((x.num for x in pending.lines), ZERO)
        doc = engine.create(session, order.tenant_id, GOODS_IN, _warehouse(session, order.in_warehouse_id),
                            _line_specs(session, products, nums, prices), StockinStatus.AWAITING_CHECK,
                            src_order_no=order.process_no, src_order_id=order.process_id, operator_name=operator,
                            remark="生产成品入库", flag_name=order.flag_name)
    doc.extra = {}
    engine.check(session, doc, operator)
    _onway(session, order, products, nums, -1)
    for product, num in zip(products, nums, strict=True):
        product.in_num += num
        product.process_num += num
    for material in _materials(order):
        material.process_num += material.num / order.process_count * runs
    order.reality_count += runs
    order.status = ProcessStatus.RUNNING
    order.modified = now_china()
    if order.reality_count >= order.process_count:
        finish(session, order, operator)
    return doc


def _goods_in_guard(session: Session, doc: StockDocument) -> None:
    """The announced finished goods come in only by producing (not by checking the stockin alone)."""
    if doc.extra.get("pending"):
        raise business_error("生产成品入库单请通过生产单生产入库",
                             f"{doc.doc_no} is produced through its production order")


def finish(session: Session, order: ProcessOrder, operator: str) -> None:
    """生产结束 → 已完成: the materials of the runs not made come back, what is still announced is
    given back, the settlement is made (待结算)."""
    if order.status not in (ProcessStatus.PICKED, ProcessStatus.RUNNING):
        raise business_error("单据状态不正确", f"{order.process_no} is in status {order.status}, cannot finish")
    order.status = ProcessStatus.ENDED
    materials = [x for x in _materials(order) if x.out_num - x.process_num > 0]
    if materials:
        back = [x.out_num - x.process_num for x in materials]
        costs = _out_costs(session, order)
        doc = engine.create(session, order.tenant_id, MATERIALS_BACK, _warehouse(session, order.out_warehouse_id),
                            _line_specs(session, materials, back, [costs.get(x.spec_id, ZERO) for x in materials]),
                            StockinStatus.AWAITING_CHECK, src_order_no=order.process_no,
                            src_order_id=order.process_id, operator_name=operator, remark="生产余料入库")
        engine.check(session, doc, operator)
        for line, num in zip(materials, back, strict=True):
            line.in_num += num
    _give_back_announced(session, order)
    order.status, order.settle_status = ProcessStatus.COMPLETED, SettleStatus.AWAITING
    order.modified = now_china()
    settle(session, order)


def _out_costs(session: Session, order: ProcessOrder) -> dict[int, Decimal]:
    return {line.spec_id: line.cost_price for doc in _documents(session, order, MATERIALS_OUT, StockoutStatus.COMPLETED)
            for line in doc.lines}


def _give_back_announced(session: Session, order: ProcessOrder) -> None:
    products = _products(order)
    _onway(session, order, products, [x.num - x.in_num for x in products], -1)
    for doc in _documents(session, order, GOODS_IN, StockinStatus.AWAITING_CHECK):
        engine.cancel(session, doc, (StockinStatus.AWAITING_CHECK,))


def cancel(session: Session, order: ProcessOrder) -> None:
    """取消 (编辑中 / 待审核 / 待领料): the materials' reservation and the announced goods are given back."""
    if order.status == ProcessStatus.CANCELLED:
        raise ApiError("E26", f"{order.process_no} is already cancelled")
    if order.status not in CANCELLABLE:
        raise business_error("单据状态不正确", f"{order.process_no} is in status {order.status}, cannot cancel")
    for doc in _documents(session, order, MATERIALS_OUT, StockoutStatus.AWAITING_CHECK):
        engine.cancel(session, doc, (StockoutStatus.AWAITING_CHECK,))
    if order.status == ProcessStatus.AWAITING_PICK:
        _give_back_announced(session, order)
    order.status = ProcessStatus.CANCELLED
    order.modified = now_china()


def find(session: Session, tenant_id: int, process_no: str) -> ProcessOrder:
    order = session.scalar(select(ProcessOrder).where(ProcessOrder.tenant_id == tenant_id,
                                                      ProcessOrder.process_no == process_no))
    if order is None:
        raise ApiError("E26", f"production order {process_no!r} not found")
    return order


# ---------------------------------------------------------------------------- settlement


def settle(session: Session, order: ProcessOrder) -> ProcessSettlement:
    """The settlement of a completed order (自动结算, 待审核): its finished goods at their stockin price."""
    produced = [doc for doc in _documents(session, order, GOODS_IN, StockinStatus.COMPLETED)]
    products = _products(order)
    shares = dict(zip([x.spec_id for x in products], proportions(session, products), strict=True))
    totals: dict[int, list[Decimal]] = {}
    for doc in produced:
        for line in doc.lines:
            num, amount = totals.setdefault(line.spec_id, [ZERO, ZERO])
            totals[line.spec_id] = [num + line.num, amount + line.num * line.price]
    references = {s.spec_id: inventory.stock_row(session, order.in_warehouse_id, s.spec_id)
                  for s in session.scalars(select(Spec).where(Spec.spec_id.in_(set(totals))))}
    fee = _q(order.total_fee * order.reality_count / order.process_count)
    settlement = ProcessSettlement(
        tenant_id=order.tenant_id, settle_no=next_no(session, order.tenant_id, SETTLE_PREFIX),
        status=SettlementStatus.AWAITING_CHECK, producer_id=order.producer_id, process_id=order.process_id,
        remark=f"自动结算，业务单号：{order.process_no}", material_amount=_q(material_cost(session, order)
                                                                    - _returned_cost(session, order)),
        process_fee=fee, goods_count=sum((n for n, _ in totals.values()), ZERO))
    settlement.lines = [ProcessSettlementLine(
        spec_id=spec_id, warehouse_id=order.in_warehouse_id, settle_num=num,
        cost=_q(amount / num), stockin_price=_q(amount / num), cost_total=_q(amount),
        proportion=_q(shares.get(spec_id, ZERO)),
        cost_price=(row.cost_price if (row := references.get(spec_id)) is not None else ZERO))
        for spec_id, (num, amount) in totals.items() if num > 0]
    session.add(settlement)
    session.flush()
    return settlement


def _returned_cost(session: Session, order: ProcessOrder) -> Decimal:
    return sum((line.num * line.price for doc in _documents(session, order, MATERIALS_BACK, StockinStatus.COMPLETED)
                for line in doc.lines), ZERO)


def check_settlement(session: Session, tenant_id: int, settle_no: str) -> ProcessSettlement:
    """结算审核: the settlement 已审核, its order 已结算."""
    found = session.scalar(select(ProcessSettlement).where(ProcessSettlement.tenant_id == tenant_id,
                                                           ProcessSettlement.settle_no == settle_no))
    if found is None:
        raise ApiError("E26", f"settlement {settle_no!r} not found")
    if found.status != SettlementStatus.AWAITING_CHECK:
        raise business_error("单据状态不正确", f"{settle_no} is in status {found.status}")
    found.status = SettlementStatus.CHECKED
    order = session.get(ProcessOrder, found.process_id)
    if order is not None:
        order.settle_status = SettleStatus.SETTLED
        order.modified = now_china()
    return found


#: the order follows its material stockout; announced finished goods come in only by producing
HOOKS = (KindHooks(MATERIALS_OUT, after_check=_materials_out), KindHooks(GOODS_IN, before_check=_goods_in_guard))
