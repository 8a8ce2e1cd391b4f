"""Strategies that move stock into and out of virtual warehouses, and what the document engine
tells this context.

- Allocation (strategyAllocationCreate): stock that comes in on a source document is locked into
  virtual warehouses. The engine's stockin kinds say which documents: src_order_type 0 采购单 →
  purchase stockins (src 10), 1 其他入库业务单 → other stockins (20), 2 调拨单 → transfer stockins (2),
  3 生产成品单 → finished-goods stockins (6). The hooks are registered by kind, so purchase and
  transfer stockins allocate as soon as their contexts check them. A document matches by its own
  number or its business order's (src_order_no); range 1 matches every document of the type.
  Per line: a fixed `num` (what is left of it) or a `ratio` of the quantity that came in, by
  ascending priority, never more than came in nor more than is available.
- Release (reserveExtractAdd): the named outgoing document may take the stock the virtual
  warehouses hold: the quantities (everything held when no num) are released at once, in ascending
  priority, so the document finds them available; with `to_virwarehouse_no` they move to that
  virtual warehouse instead (when it shares the real warehouse) or are locked into it when the
  document's stockin of the same number comes in (a transfer to another warehouse).
- Orders of a virtual warehouse's shops draw on it first: before a sales stockout holds its stock,
  what the shop's virtual warehouses hold of its specs in that warehouse is given back to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.documents.engine import Kind, KindHooks
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockinStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.virtual_warehouse import service
from wdterp.domain.virtual_warehouse.models import (
    AllocationStrategy,
    AllocationStrategyLine,
    ReleaseStrategy,
    ReleaseStrategyLine,
    VirtualStock,
)
from wdterp.domain.virtual_warehouse.service import Source
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
#: strategyAllocationCreate's src_order_type → the stockin kind whose checks it allocates
SOURCE_KINDS = {0: OrderType.PURCHASE_IN, 1: OrderType.OTHER_IN, 2: OrderType.TRANSFER,
                3: OrderType.PROCESS_FINISHED_IN}
MODE_GOODS, MODE_ALL, MODE_BRAND = 0, 1, 2
RELEASE_TYPES = frozenset({2, 4, 14, 21})


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _spec_ids(session: Session, tenant_id: int, details: Sequence[dict[str, Any]]) -> dict[str, Spec]:
    specs = specs_by_no(session, tenant_id, [str(r.get("spec_no", "")) for r in details])
    for raw in details:
        if str(raw.get("spec_no", "")) not in specs:
            raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
    return specs


# ---------------------------------------------------------------------------- allocation


def create_allocation(session: Session, tenant_id: int, params: dict[str, Any],
                      details: Sequence[dict[str, Any]]) -> AllocationStrategy:
    rule_no = str(params.get("rule_no") or "")
    if session.scalar(select(AllocationStrategy.rule_id).where(AllocationStrategy.tenant_id == tenant_id,
                                                              AllocationStrategy.rule_no == rule_no)):
        # the caller's own code for the rule, like an outer_no: a repeat is the idempotency row
        raise ApiError("E39", f"rule_no {rule_no!r} already used")
    src = params.get("src_order_type")
    source = int(src) if src not in (None, "") else None
    if source is not None and source not in SOURCE_KINDS:
        raise business_error("关联单类型不正确", f"src_order_type {src!r}")
    if not details:
        raise ApiError("E45", "no detail lines")
    specs = _spec_ids(session, tenant_id, details)
    strategy = AllocationStrategy(tenant_id=tenant_id, rule_no=rule_no, rule_name=str(params.get("rule_name") or ""),
                                  range=int(params.get("range") or 0), mode=int(params.get("mode") or 0),
                                  src_order_type=source, order_nos=[str(n) for n in params.get("order_no_list") or []])
    strategy.lines = [_allocation_line(session, tenant_id, specs[str(raw["spec_no"])], raw) for raw in details]
    session.add(strategy)
    session.flush()
    if params.get("execute_strategy", True) and strategy.range == 0 and strategy.order_nos:
        _execute_now(session, strategy)
    return strategy


def _execute_now(session: Session, strategy: AllocationStrategy) -> None:
    """立刻执行: the named documents that already came in are allocated by this strategy now."""
    kinds = ([SOURCE_KINDS[strategy.src_order_type]] if strategy.src_order_type is not None
             else list(SOURCE_KINDS.values()))
    docs = session.scalars(select(StockDocument).where(
        StockDocument.tenant_id == strategy.tenant_id, StockDocument.direction == "in",
        StockDocument.order_type.in_(kinds), StockDocument.status == StockinStatus.COMPLETED,
        (StockDocument.doc_no.in_(strategy.order_nos) | StockDocument.src_order_no.in_(strategy.order_nos)))
        .order_by(StockDocument.doc_id))
    for doc in docs:
        _apply(session, doc, [strategy])


def _allocation_line(session: Session, tenant_id: int, spec: Spec, raw: dict[str, Any]) -> AllocationStrategyLine:
    vw = service.active(session, tenant_id, str(raw.get("vir_warehouse_no") or ""))
    num, ratio = _decimal(raw.get("num")), _decimal(raw.get("ratio"))
    if (num is None) == (ratio is None) or (num is not None and num <= 0) or (ratio is not None and not 0 < ratio <= 1):
        raise ApiError("E56", "a strategy line needs either num > 0 or a ratio in (0, 1]")
    brands = [str(b) for b in raw.get("brand_no_list") or []]
    brand_ids = list(session.scalars(select(Brand.brand_id).where(Brand.tenant_id == tenant_id,
                                                                  Brand.brand_no.in_(brands)))) if brands else []
    return AllocationStrategyLine(spec_id=spec.spec_id, virtual_warehouse_id=vw.virtual_warehouse_id,
                                  priority=int(raw.get("priority") or 0), num=num, ratio=ratio, brand_ids=brand_ids)


def _applies(strategy: AllocationStrategy, doc: StockDocument) -> bool:
    if strategy.src_order_type is not None and SOURCE_KINDS[strategy.src_order_type] != doc.order_type:
        return False
    return strategy.range == 1 or bool({doc.doc_no, doc.src_order_no} & set(strategy.order_nos or []))


def _line_matches(strategy: AllocationStrategy, line: AllocationStrategyLine, spec_id: int, brand_id: int) -> bool:
    if strategy.mode == MODE_ALL:
        return True
    if strategy.mode == MODE_BRAND:
        return brand_id in (line.brand_ids or [])
    return line.spec_id == spec_id


def allocate(session: Session, doc: StockDocument) -> None:
    """A checked stockin of an allocating kind: its strategies lock their share of what came in."""
    strategies = [s for s in session.scalars(select(AllocationStrategy).where(
        AllocationStrategy.tenant_id == doc.tenant_id).order_by(AllocationStrategy.rule_id)) if _applies(s, doc)]
    _apply(session, doc, strategies)
    _transfer_targets(session, doc)


def _apply(session: Session, doc: StockDocument, strategies: Sequence[AllocationStrategy]) -> None:
    if strategies:
        found = session.execute(select(Spec.spec_id, Goods.brand_id).join(Goods, Goods.goods_id == Spec.goods_id)
                                .where(Spec.spec_id.in_({x.spec_id for x in doc.lines})))
        brands: dict[int, int] = {spec_id: brand_id for spec_id, brand_id in found}
        for line in doc.lines:
            if not line.defect:
                _allocate_line(session, doc, strategies, line.spec_id, line.num, brands.get(line.spec_id, 0))


def _allocate_line(session: Session, doc: StockDocument, strategies: Sequence[AllocationStrategy], spec_id: int,
                   came: Decimal, brand_id: int) -> None:
    source = Source(doc.order_type, doc.doc_no, "分配策略")
    lines = sorted(((s, x) for s in strategies for x in s.lines if _line_matches(s, x, spec_id, brand_id)),
                   key=lambda pair: (pair[1].priority, pair[1].rec_id))
    for strategy, line in lines:
        if doc.warehouse_id not in service.member_ids(session, line.virtual_warehouse_id):
            continue
        wanted = (line.num - line.done_num) if line.num is not None else (came * (line.ratio or ZERO))
        take = min(wanted.to_integral_value(ROUND_DOWN), came,
                   inventory.available(session, doc.warehouse_id, spec_id))
        if take > 0:
            service.lock(session, doc.tenant_id, line.virtual_warehouse_id, doc.warehouse_id, spec_id, take,
                         Source(source.order_type, source.order_no, f"分配策略{strategy.rule_no}"))
            line.done_num += take
            came -= take


# ---------------------------------------------------------------------------- release


def create_release(session: Session, tenant_id: int, info: dict[str, Any],
                   details: Sequence[dict[str, Any]]) -> ReleaseStrategy:
    order_no, order_type = str(info.get("order_no") or ""), int(info.get("order_type") or 0)
    if not order_no:
        raise business_error("单号不能为空", "order_no is empty")
    if order_type not in RELEASE_TYPES:
        raise business_error("单据类型不正确", f"order_type {order_type}")
    if not details:
        raise ApiError("E45", "no detail lines")
    specs = _spec_ids(session, tenant_id, details)
    strategy = ReleaseStrategy(tenant_id=tenant_id, order_no=order_no, order_type=order_type)
    for raw in details:
        num = _decimal(raw.get("num"))
        if num is not None and num <= 0:
            raise ApiError("E56", f"num {num} must be > 0")
        vw = service.active(session, tenant_id, str(raw.get("vir_warehouse_no") or ""))
        target = (service.active(session, tenant_id, str(raw["to_virwarehouse_no"]))
                  if raw.get("to_virwarehouse_no") else None)
        strategy.lines.append(ReleaseStrategyLine(
            spec_id=specs[str(raw["spec_no"])].spec_id, virtual_warehouse_id=vw.virtual_warehouse_id,
            to_virtual_warehouse_id=target.virtual_warehouse_id if target else 0,
            priority=int(raw.get("priority") or 0), num=num))
    session.add(strategy)
    session.flush()
    for line in sorted(strategy.lines, key=lambda x: (x.priority, x.rec_id)):
        _release_line(session, strategy, line)
    return strategy


def _release_line(session: Session, strategy: ReleaseStrategy, line: ReleaseStrategyLine) -> None:
    rows = list(session.scalars(select(VirtualStock).where(
        VirtualStock.virtual_warehouse_id == line.virtual_warehouse_id, VirtualStock.spec_id == line.spec_id,
        VirtualStock.now_lock_num > 0).order_by(VirtualStock.warehouse_id)))
    wanted = line.num if line.num is not None else sum((r.now_lock_num for r in rows), ZERO)
    source = Source(strategy.order_type, strategy.order_no, "释放策略")
    for row in rows:
        take = min(wanted - line.done_num, row.now_lock_num)
        if take <= 0:
            break
        service.release(session, strategy.tenant_id, line.virtual_warehouse_id, row.warehouse_id, line.spec_id,
                        take, source)
        if line.to_virtual_warehouse_id and row.warehouse_id in service.member_ids(
                session, line.to_virtual_warehouse_id):
            service.lock(session, strategy.tenant_id, line.to_virtual_warehouse_id, row.warehouse_id,
                         line.spec_id, take, source)
        line.done_num += take
    if line.num is not None and line.done_num < line.num:
        raise business_error("虚拟仓库存不足", f"{line.virtual_warehouse_id} holds {line.done_num} of {line.num}")


def _transfer_targets(session: Session, doc: StockDocument) -> None:
    """A transfer's stockin: what its release strategy sends to a virtual warehouse of the new warehouse."""
    if doc.order_type != OrderType.TRANSFER:
        return
    lines = session.scalars(select(ReleaseStrategyLine).join(ReleaseStrategy).where(
        ReleaseStrategy.tenant_id == doc.tenant_id, ReleaseStrategy.order_type == OrderType.TRANSFER,
        ReleaseStrategy.order_no.in_({doc.src_order_no, doc.doc_no}), ReleaseStrategyLine.to_virtual_warehouse_id > 0))
    came = {x.spec_id: x.num for x in doc.lines if not x.defect}
    for line in lines:
        if doc.warehouse_id in service.member_ids(session, line.to_virtual_warehouse_id) and line.spec_id in came:
            take = min(line.done_num, came[line.spec_id], inventory.available(session, doc.warehouse_id, line.spec_id))
            service.lock(session, doc.tenant_id, line.to_virtual_warehouse_id, doc.warehouse_id, line.spec_id, take,
                         Source(doc.order_type, doc.doc_no, "释放策略"))


# ---------------------------------------------------------------------------- its shops' orders


def draw_for_shop(session: Session, doc: StockDocument) -> None:
    """Before a sales stockout holds its stock: its shop's virtual warehouses give their share back."""
    shop_no = str((doc.extra or {}).get("shop_no") or "")
    shop = session.scalar(select(Shop).where(Shop.tenant_id == doc.tenant_id, Shop.shop_no == shop_no)) \
        if shop_no else None
    if shop is None:
        return
    holders = service.of_shop(session, shop.shop_id, doc.warehouse_id)
    source = Source(doc.order_type, doc.src_order_no or doc.doc_no, "店铺订单占用虚拟仓库存")
    for line in doc.lines:
        need = line.num
        for vw_id in holders:
            take = min(need, service.held(session, vw_id, doc.warehouse_id, line.spec_id))
            if take > 0:
                service.release(session, doc.tenant_id, vw_id, doc.warehouse_id, line.spec_id, take, source,
                                assigned=True)
                need -= take


def _kind(direction: str, order_type: int) -> Kind:
    return Kind(direction, order_type, "")


#: registered by `wdterp.wiring`: stockins of the allocating kinds, and sales stockouts
HOOKS = (
    *(KindHooks(_kind("in", t), after_check=allocate) for t in sorted(set(SOURCE_KINDS.values()))),
    KindHooks(_kind("out", OrderType.SALES_OUT), before_reserve=draw_for_shop),
)
