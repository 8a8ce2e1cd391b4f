"""The transfer queries as prepared searches (storage/prepared.py) and their line statements (built once)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select
from sqlalchemy.orm import aliased

from wdterp.domain.documents.doclines import SPEC_COLUMNS, grouped, with_goods
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory.models import Batch, Position, Stock
from wdterp.domain.masterdata.models import Logistics, Warehouse
from wdterp.domain.queries import split_list
from wdterp.domain.transfer.models import TransferOrder, TransferOrderLine, TransferSettle
from wdterp.storage.prepared import Bound, Search, among, before, containing, equal, given, permitted, since

SOURCE = aliased(Warehouse, name="source")
TARGET = aliased(Warehouse, name="target")
_DOC_WAREHOUSE = aliased(Warehouse, name="doc_warehouse")
_FROM_POSITION = aliased(Position, name="from_position")
_TO_POSITION = aliased(Position, name="to_position")


def statuses(value: Any) -> list[int] | None:
    """A comma-separated status filter as ints (validated as such by the method's schema)."""
    items = split_list(str(value)) if value not in (None, "") else []
    return [int(v) for v in items] or None


def _permitted(warehouses: list[Any]) -> Any:
    """A row visible when the app may use one of its warehouses."""
    return lambda ps: or_(*(w.warehouse_no.in_(ps) for w in warehouses))


def _window(column: Any) -> dict[str, Any]:
    return {"start_time": since(column), "end_time": before(column)}


_CARRIER = (Logistics.logistics_no.label("logistics_code"), Logistics.logistics_name, Logistics.logistics_type)

TRANSFERS = Search(
    select(*TransferOrder.__table__.c, SOURCE.warehouse_no.label("from_warehouse_no"),
           SOURCE.name.label("from_warehouse_name"), TARGET.warehouse_no.label("to_warehouse_no"),
           TARGET.name.label("to_warehouse_name"), *_CARRIER)
    .join(SOURCE, SOURCE.warehouse_id == TransferOrder.from_warehouse_id)
    .join(TARGET, TARGET.warehouse_id == TransferOrder.to_warehouse_id)
    .outerjoin(Logistics, Logistics.logistics_id == TransferOrder.logistics_id)
    .where(TransferOrder.tenant_id == bindparam("tenant_id")),
    order_by=(TransferOrder.modified, TransferOrder.transfer_id),
    filters={"transfer_no": equal(TransferOrder.transfer_no), "fuzzy_no": containing(TransferOrder.transfer_no),
             "from_warehouse_no": equal(SOURCE.warehouse_no), "to_warehouse_no": equal(TARGET.warehouse_no),
             "status": among(TransferOrder.status), **_window(TransferOrder.modified),
             "permitted": _permitted([SOURCE, TARGET])})


def transfers(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    number = {"fuzzy_no" if f.get("fuzzy_query") else "transfer_no": f["transfer_no"]} if f.get("transfer_no") else {}
    return TRANSFERS.bind(tenant_id=tenant_id, **given(f, "from_warehouse_no", "to_warehouse_no"), **number,
                          status=statuses(f.get("status")), start_time=f.get("start_time"),
                          end_time=f.get("end_time"), permitted=permitted(allowed))


TRANSFER_LINES = with_goods(
    select(*TransferOrderLine.__table__.c, *SPEC_COLUMNS, _FROM_POSITION.position_no.label("from_position"),
           _TO_POSITION.position_no.label("to_position"), Batch.batch_id, Stock.stock_num.label("stock_num"))
    .select_from(TransferOrderLine)
    .join(TransferOrder, TransferOrder.transfer_id == TransferOrderLine.transfer_id),
    TransferOrderLine.spec_id,
).outerjoin(_FROM_POSITION, _FROM_POSITION.position_id == TransferOrderLine.from_position_id).outerjoin(
    _TO_POSITION, _TO_POSITION.position_id == TransferOrderLine.to_position_id).outerjoin(
    Batch, and_(Batch.batch_no == TransferOrderLine.batch_no, Batch.batch_no != "",
                Batch.tenant_id == TransferOrder.tenant_id)).outerjoin(
    Stock, and_(Stock.warehouse_id == TransferOrder.from_warehouse_id, Stock.spec_id == TransferOrderLine.spec_id,
                Stock.defect == TransferOrderLine.defect)
).where(TransferOrderLine.transfer_id.in_(bindparam("ids", expanding=True))).order_by(
    TransferOrderLine.transfer_id, TransferOrderLine.rec_id)


def transfer_lines(conn: Connection, transfer_ids: list[int]) -> dict[int, list[Any]]:
    return grouped(conn, TRANSFER_LINES, "transfer_id", transfer_ids)


# ---------------------------------------------------------------------------- transfer stockouts / stockins


def _documents(direction: str) -> Search:
    when = StockDocument.consign_time if direction == "out" else StockDocument.modified
    return Search(
        select(*StockDocument.__table__.c, _DOC_WAREHOUSE.warehouse_no, _DOC_WAREHOUSE.name.label("warehouse_name"),
               SOURCE.warehouse_no.label("from_warehouse_no"), SOURCE.name.label("from_warehouse_name"),
               TARGET.warehouse_no.label("to_warehouse_no"), TARGET.name.label("to_warehouse_name"),
               TransferOrder.transfer_id, TransferOrder.created.label("st_created"), *_CARRIER)
        .join(_DOC_WAREHOUSE, _DOC_WAREHOUSE.warehouse_id == StockDocument.warehouse_id)
        .join(TransferOrder, TransferOrder.transfer_id == StockDocument.src_order_id)
        .join(SOURCE, SOURCE.warehouse_id == TransferOrder.from_warehouse_id)
        .join(TARGET, TARGET.warehouse_id == TransferOrder.to_warehouse_id)
        .outerjoin(Logistics, Logistics.logistics_id == StockDocument.logistics_id)
        .where(StockDocument.tenant_id == bindparam("tenant_id"), StockDocument.direction == direction,
               StockDocument.order_type == OrderType.TRANSFER),
        order_by=(StockDocument.modified, StockDocument.doc_id),
        filters={"doc_no": equal(StockDocument.doc_no), "transfer_no": equal(TransferOrder.transfer_no),
                 "warehouse_no": equal(_DOC_WAREHOUSE.warehouse_no), "status": among(StockDocument.status),
                 **_window(when), "permitted": among(_DOC_WAREHOUSE.warehouse_no)})


STOCKOUTS = _documents("out")
STOCKINS = _documents("in")


def stockouts(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return STOCKOUTS.bind(tenant_id=tenant_id, doc_no=f.get("stockout_no") or None,
                          transfer_no=f.get("src_order_no") or None, warehouse_no=f.get("warehouse_no") or None,
                          status=statuses(f.get("status")), start_time=f.get("start_time"),
                          end_time=f.get("end_time"), permitted=permitted(allowed))


def stockins(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    return STOCKINS.bind(tenant_id=tenant_id, doc_no=f.get("stockin_no") or None,
                         transfer_no=f.get("transfer_no") or None, warehouse_no=f.get("warehouse_no") or None,
                         status=statuses(f.get("status")), start_time=f.get("start_time"),
                         end_time=f.get("end_time"), permitted=permitted(allowed))


# ---------------------------------------------------------------------------- settlements


def _settles(when: Any) -> Search:
    return Search(
        select(*TransferSettle.__table__.c, TransferOrder.transfer_no, TransferOrder.transfer_id.label("order_id"),
               SOURCE.warehouse_no.label("from_warehouse_no"), TARGET.warehouse_no.label("to_warehouse_no"))
        .join(TransferOrder, TransferOrder.transfer_id == TransferSettle.transfer_id)
        .join(SOURCE, SOURCE.warehouse_id == TransferOrder.from_warehouse_id)
        .join(TARGET, TARGET.warehouse_id == TransferOrder.to_warehouse_id)
        .where(TransferSettle.tenant_id == bindparam("tenant_id")),
        order_by=(TransferSettle.created, TransferSettle.rec_id),
        filters={"settle_no": equal(TransferSettle.settle_no), "transfer_no": equal(TransferOrder.transfer_no),
                 "from_warehouse_no": equal(SOURCE.warehouse_no), "to_warehouse_no": equal(TARGET.warehouse_no),
                 "status": among(TransferSettle.status), **_window(when),
                 "permitted": _permitted([SOURCE, TARGET])})


#: time_type 0 created (default) · 1 modified
SETTLES = {0: _settles(TransferSettle.created), 1: _settles(TransferSettle.modified)}


def settles(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    search = SETTLES.get(int(f.get("time_type") or 0), SETTLES[0])
    return search.bind(tenant_id=tenant_id, **given(f, "settle_no", "transfer_no", "from_warehouse_no",
                                                    "to_warehouse_no"),
                       status=statuses(f.get("status")), start_time=f.get("start_time"),
                       end_time=f.get("end_time"), permitted=permitted(allowed))
