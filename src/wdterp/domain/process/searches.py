"""The production queries as prepared searches (storage/prepared.py): BOMs, production orders, their
stock documents and settlements, each with a lines search (`ids`: the parents of one page)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, literal, or_, select
from sqlalchemy.orm import aliased

from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory.models import Position, Stock
from wdterp.domain.masterdata.models import Employee, Flag, Logistics, Warehouse
from wdterp.domain.process.models import (
    Bom,
    BomLine,
    ProcessLine,
    ProcessOrder,
    ProcessSettlement,
    ProcessSettlementLine,
    Producer,
)
from wdterp.domain.queries import split_list
from wdterp.storage.prepared import Bound, Search, among, before, equal, given, permitted, since

OutWarehouse = aliased(Warehouse, name="out_warehouse")
InWarehouse = aliased(Warehouse, name="in_warehouse")
ProcessOfDoc = aliased(ProcessOrder, name="process_of_doc")
ProducerOfDoc = aliased(Producer, name="producer_of_doc")
#: lines of many parents in one statement: no page of its own
ALL = 1_000_000_000


def _spec_columns() -> list[Any]:
    return [Spec.spec_no, Spec.spec_name, Spec.spec_code, Spec.barcode, Goods.goods_no, Goods.goods_name,
            Goods.short_name, Spec.sn_type, Spec.retail_price]


def _employee_id(name: Any) -> Any:
    """The id of the tenant's employee of that name (0: the name is an app's or unknown)."""
    found = (select(func.min(Employee.employee_id))
             .where(Employee.tenant_id == ProcessOrder.tenant_id,
                    or_(Employee.name == name, Employee.shortname == name, Employee.employee_no == name))
             .scalar_subquery())
    return func.coalesce(found, 0)


#: 成本价 of a spec: its weighted cost over every warehouse that holds it (0 when none does)
_AVERAGE_COST = (select(func.coalesce(func.sum(Stock.stock_num * Stock.cost_price)
                                      / func.nullif(func.sum(Stock.stock_num), 0), 0))
                 .where(Stock.spec_id == BomLine.spec_id, Stock.stock_num > 0).scalar_subquery())

BOMS = Search(select(*Bom.__table__.c).where(Bom.tenant_id == bindparam("tenant_id")),
              order_by=(Bom.modified, Bom.bom_id), filters={
                  "bom_no": equal(Bom.bom_no), "start_time": since(Bom.modified), "end_time": before(Bom.modified),
                  "enabled": lambda _: Bom.is_disabled.is_(False)})

BOM_LINES = Search(
    select(*BomLine.__table__.c, *_spec_columns(), _AVERAGE_COST.label("cost"),
           (_AVERAGE_COST * BomLine.num).label("all_cost"))
    .join(Spec, Spec.spec_id == BomLine.spec_id).join(Goods, Goods.goods_id == Spec.goods_id),
    order_by=(BomLine.bom_detail_id,), filters={"ids": among(BomLine.bom_id)})

PROCESSES = Search(
    select(*ProcessOrder.__table__.c, Producer.producer_name, OutWarehouse.warehouse_no.label("out_warehouse_no"),
           InWarehouse.warehouse_no.label("in_warehouse_no"), (ProcessOrder.type == 0).label("process_type"),
           _employee_id(ProcessOrder.operator_name).label("operator_id"),
           _employee_id(ProcessOrder.creator_name).label("creator_id"),
           _employee_id(ProcessOrder.checker_name).label("checker_id"))
    .join(Producer, Producer.producer_id == ProcessOrder.producer_id)
    .join(OutWarehouse, OutWarehouse.warehouse_id == ProcessOrder.out_warehouse_id)
    .join(InWarehouse, InWarehouse.warehouse_id == ProcessOrder.in_warehouse_id)
    .where(ProcessOrder.tenant_id == bindparam("tenant_id")),
    order_by=(ProcessOrder.modified, ProcessOrder.process_id), filters={
        "process_no": equal(ProcessOrder.process_no), "status": equal(ProcessOrder.status),
        "out_warehouse_no": equal(OutWarehouse.warehouse_no), "in_warehouse_no": equal(InWarehouse.warehouse_no),
        "start_time": since(ProcessOrder.modified), "end_time": before(ProcessOrder.modified),
        "permitted": lambda ps: or_(OutWarehouse.warehouse_no.in_(ps), InWarehouse.warehouse_no.in_(ps))})

PROCESS_LINES = Search(
    select(*ProcessLine.__table__.c, Spec.spec_no, func.coalesce(Position.position_no, "").label("position_no"))
    .join(Spec, Spec.spec_id == ProcessLine.spec_id)
    .outerjoin(Position, Position.position_id == ProcessLine.position_id),
    order_by=(ProcessLine.rec_id,), filters={"ids": among(ProcessLine.process_id)})

#: time_type → the column a document window is over (1 建单, 2 出库/审核, 3 最后修改)
DOC_TIMES = {1: StockDocument.created, 2: StockDocument.check_time, 3: StockDocument.modified}


_COST = (select(func.coalesce(func.sum(StockDocumentLine.num * StockDocumentLine.cost_price), 0))
         .where(StockDocumentLine.doc_id == StockDocument.doc_id).scalar_subquery())


def _numbers(direction: str) -> list[Any]:
    """The document's id and number under the page's names, and the figures only one direction has."""
    if direction == "out":
        return [StockDocument.doc_id.label("stockout_id"), StockDocument.doc_no.label("stockout_no"),
                _COST.label("checked_goods_total_cost"), StockDocument.checker_name.label("checkouter_name"),
                literal(0).label("weigh_post_cost")]
    return [StockDocument.doc_id.label("stockin_id"), StockDocument.doc_no.label("stockin_no"),
            StockDocument.goods_count.label("right_num")]


def _doc_search(direction: str, types: tuple[int, ...]) -> Search:
    time_filters = {f"{edge}_{code}": (since if edge == "start" else before)(column)
                    for code, column in DOC_TIMES.items() for edge in ("start", "end")}
    return Search(
        select(*StockDocument.__table__.c, Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"),
               func.coalesce(ProducerOfDoc.producer_name, "").label("producer_name"),
               StockDocument.src_order_no.label("process_no"), StockDocument.order_type.label("src_order_type"),
               func.coalesce(Logistics.logistics_name, "无").label("logistics_name"),
               func.coalesce(Flag.flag_id, 0).label("flag_id"), *_numbers(direction))
        .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
        .outerjoin(ProcessOfDoc, ProcessOfDoc.process_id == StockDocument.src_order_id)
        .outerjoin(ProducerOfDoc, ProducerOfDoc.producer_id == ProcessOfDoc.producer_id)
        .outerjoin(Logistics, Logistics.logistics_id == StockDocument.logistics_id)
        .outerjoin(Flag, (Flag.tenant_id == StockDocument.tenant_id) & (Flag.flag_name == StockDocument.flag_name))
        .where(StockDocument.tenant_id == bindparam("tenant_id"), StockDocument.direction == direction,
               or_(*(StockDocument.order_type == t for t in types))),
        order_by=(StockDocument.doc_id,), filters={
            "doc_no": equal(StockDocument.doc_no), "process_no": equal(StockDocument.src_order_no),
            "warehouse_no": equal(Warehouse.warehouse_no), "statuses": among(StockDocument.status),
            **time_filters, "permitted": among(Warehouse.warehouse_no)})


STOCKOUTS = _doc_search("out", (OrderType.PROCESS,))
STOCKINS = _doc_search("in", (OrderType.PROCESS, OrderType.PROCESS_FINISHED_IN))

DOC_LINES = Search(
    select(*StockDocumentLine.__table__.c, *_spec_columns(), func.coalesce(Brand.brand_name, "").label("brand_name"),
           Goods.aux_unit_name, Goods.unit_name.label("base_unit_name"), Spec.validity_days,
           func.coalesce(Position.position_no, "").label("position_no"),
           func.coalesce(Position.position_id, 0).label("position_key"), Spec.weight.label("weight"),
           (Spec.weight * StockDocumentLine.num).label("goods_weight"), StockDocumentLine.num.label("expect_num"),
           StockDocumentLine.num.label("num2"), StockDocumentLine.cost_price.label("checked_cost_price"))
    .join(Spec, Spec.spec_id == StockDocumentLine.spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
    .outerjoin(Brand, Brand.brand_id == Goods.brand_id)
    .outerjoin(Position, Position.position_id == StockDocumentLine.position_id),
    order_by=(StockDocumentLine.rec_id,), filters={"ids": among(StockDocumentLine.doc_id)})

SETTLEMENTS = Search(
    select(*ProcessSettlement.__table__.c, Producer.producer_no, Producer.producer_name, ProcessOrder.process_no)
    .join(Producer, Producer.producer_id == ProcessSettlement.producer_id)
    .join(ProcessOrder, ProcessOrder.process_id == ProcessSettlement.process_id)
    .where(ProcessSettlement.tenant_id == bindparam("tenant_id")),
    order_by=(ProcessSettlement.created, ProcessSettlement.settle_id), filters={
        "process_no": equal(ProcessOrder.process_no), "settle_no": equal(ProcessSettlement.settle_no),
        "producer_no": equal(Producer.producer_no), "start_time": since(ProcessSettlement.created),
        "end_time": before(ProcessSettlement.created), "permitted": lambda ps: ProcessOrder.in_warehouse_id.in_(
            select(Warehouse.warehouse_id).where(Warehouse.warehouse_no.in_(ps)))})

SETTLEMENT_LINES = Search(
    select(*ProcessSettlementLine.__table__.c, ProcessSettlement.process_id, ProcessOrder.process_no,
           Spec.spec_no, Spec.spec_code, Spec.spec_name, Spec.barcode, Goods.unit_name.label("base_unit_name"),
           literal(0).label("base_unit_id"), func.coalesce(Warehouse.name, "").label("warehouse_name"))
    .join(ProcessSettlement, ProcessSettlement.settle_id == ProcessSettlementLine.settle_id)
    .join(ProcessOrder, ProcessOrder.process_id == ProcessSettlement.process_id)
    .join(Spec, Spec.spec_id == ProcessSettlementLine.spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
    .outerjoin(Warehouse, Warehouse.warehouse_id == ProcessSettlementLine.warehouse_id),
    order_by=(ProcessSettlementLine.rec_id,), filters={"ids": among(ProcessSettlementLine.settle_id)})


def lines(search: Search, ids: list[int]) -> Bound:
    """The lines of these parents (one page's), in one statement."""
    return search.bind(ids=sorted(set(ids)) or [0])


def boms(tenant_id: int, f: dict[str, Any]) -> Bound:
    return BOMS.bind(tenant_id=tenant_id, **given(f, "bom_no"), start_time=f.get("start_time"),
                     end_time=f.get("end_time"), enabled=None if f.get("show_disabled") else True)


def processes(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return PROCESSES.bind(tenant_id=tenant_id, **given(f, "process_no", "status", "out_warehouse_no",
                                                       "in_warehouse_no"),
                          start_time=f.get("start_time"), end_time=f.get("end_time"), permitted=permitted(allowed))


def statuses(value: Any) -> list[int] | None:
    """A comma-separated status filter ("5,110"; the validator refused anything else with E49)."""
    parts = split_list(str(value)) if value not in (None, "") else []
    return [int(p) for p in parts] or None


def documents(direction: str, tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    code = f.get("time_type") or 1
    code = code if code in DOC_TIMES else 1
    number = f.get("stockout_no") if direction == "out" else f.get("stockin_no")
    search = STOCKOUTS if direction == "out" else STOCKINS
    return search.bind(tenant_id=tenant_id, doc_no=number or None, **given(f, "process_no", "warehouse_no"),
                       statuses=statuses(f.get("status")), permitted=permitted(allowed),
                       **{f"start_{code}": f.get("start_time"), f"end_{code}": f.get("end_time")})


def settlements(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return SETTLEMENTS.bind(tenant_id=tenant_id, **given(f, "process_no", "settle_no", "producer_no"),
                            start_time=f.get("start_time"), end_time=f.get("end_time"), permitted=permitted(allowed))
