"""Searches of sales stockouts, their packages (logistics orders / packing lists) and allocations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import OrderType, StockoutStatus
from wdterp.domain.inventory.models import StockLedger
from wdterp.domain.masterdata.models import Shop, Warehouse
from wdterp.domain.masterdata.searches import active_shop_id
from wdterp.domain.masterdata.service import find_warehouse
from wdterp.domain.queries import Reader, among, connection_of, equal_if_given, in_window, split_list
from wdterp.domain.sales.models import Trade
from wdterp.domain.sales_wms.models import Allocation, Package
from wdterp.domain.sales_wms.statuses import HIDDEN_PLATFORMS, LOGISTICS_FILTER
from wdterp.protocol.errors import ApiError

_SHIPPED = (StockoutStatus.SHIPPED, StockoutStatus.COMPLETED)
_NOT_SHIPPED_OUT = (StockoutStatus.CANCELLED, StockoutStatus.SHIPPED, StockoutStatus.COMPLETED)


def _base(tenant_id: int) -> Select[Any]:
    return (select(StockDocument)
            .join(Trade, Trade.trade_id == StockDocument.src_order_id)
            .join(Shop, Shop.shop_id == Trade.shop_id)
            .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
            .where(StockDocument.tenant_id == tenant_id, StockDocument.direction == "out",
                   StockDocument.order_type == OrderType.SALES_OUT)
            .options(selectinload(StockDocument.lines)))


def _warehouse(session: Reader, tenant_id: int, stmt: Select[Any], warehouse_no: str | None,
               permitted: frozenset[str] | None, column: Any = StockDocument.warehouse_id) -> Select[Any]:
    """The warehouse filter (E34 for one the app may not use or that does not exist) and the app's warehouses."""
    if warehouse_no:
        warehouse = find_warehouse(session, tenant_id, warehouse_no)
        if warehouse is None or (permitted is not None and warehouse_no not in permitted):
            raise ApiError("E34", f"warehouse {warehouse_no!r} unknown or not permitted")
        return stmt.where(column == warehouse.warehouse_id)
    if permitted is not None:
        ids = select(Warehouse.warehouse_id).where(Warehouse.tenant_id == tenant_id,
                                                   Warehouse.warehouse_no.in_(sorted(permitted)))
        stmt = stmt.where(column.in_(ids))
    return stmt


def _shops(session: Reader, tenant_id: int, stmt: Select[Any], shop_nos: str | None,
           permitted: frozenset[str] | None) -> Select[Any]:
    """`shop_nos` (comma list): E80 when none of them exists or is permitted."""
    nos = split_list(str(shop_nos or "").replace("，", ","))
    if nos:
        found = select(Shop.shop_id).where(Shop.tenant_id == tenant_id, Shop.shop_no.in_(nos),
                                           Shop.is_disabled.is_(False))
        if permitted is not None:
            found = found.where(Shop.shop_no.in_(sorted(permitted)))
        ok = list(session.scalars(found))
        if not ok:
            raise ApiError("E80", f"none of the shops {nos} exists or is permitted")
        return stmt.where(Trade.shop_id.in_(ok))
    allowed = among(Shop.shop_no, permitted)
    return stmt if allowed is None else stmt.where(allowed)


def _tids(stmt: Select[Any], value: str | None) -> Select[Any]:
    tids = split_list(value)
    if not tids:
        return stmt
    return stmt.where(or_(*(or_(Trade.src_tids == t, Trade.src_tids.like(f"{t},%"), Trade.src_tids.like(f"%,{t}"),
                                Trade.src_tids.like(f"%,{t},%")) for t in tids)))


def _statuses(value: Any) -> list[int]:
    return [int(s) for s in split_list(str(value if value is not None else "").replace("，", ","))]


def stockouts_query(session: Reader, tenant_id: int, f: dict[str, Any], warehouses: frozenset[str] | None,
                    shops: frozenset[str] | None, history: bool) -> Select[Any]:
    """wms.stockout.Sales.queryWithDetail / queryHistoryWithDetail (statuses.py: status_type)."""
    stmt = _base(tenant_id).where(Trade.archived.is_(history), Shop.platform_id.not_in(sorted(HIDDEN_PLATFORMS)))
    status_type = int(f.get("status_type") or 0)
    column: Any = StockDocument.modified
    if status_type == 1:
        stmt = stmt.where(StockDocument.status == StockoutStatus.CANCELLED)
    elif status_type == 2:
        stmt = stmt.where(StockDocument.status >= StockoutStatus.AWAITING_CHECK,
                          StockDocument.status < StockoutStatus.SHIPPED)
    elif status_type == 3 and _statuses(f.get("status")):
        wanted = _statuses(f.get("status"))
        cond = StockDocument.status.in_([s for s in wanted if s >= 0])
        stmt = stmt.where(or_(cond, StockDocument.status.not_in(_NOT_SHIPPED_OUT)) if -1 in wanted else cond)
    elif status_type == 3:
        column = StockDocument.consign_time
    else:
        stmt, column = stmt.where(StockDocument.status.in_(_SHIPPED)), StockDocument.consign_time
    stmt = in_window(stmt, column, f.get("start_time"), f.get("end_time"))
    stmt = equal_if_given(stmt, [(StockDocument.doc_no, f.get("stockout_no")),
                                 (StockDocument.src_order_no, f.get("src_order_no")),
                                 (StockDocument.logistics_no, f.get("logistics_no"))])
    stmt = _tids(stmt, f.get("src_tid"))
    stmt = _warehouse(session, tenant_id, stmt, f.get("warehouse_no"), warehouses)
    stmt = _shops(session, tenant_id, stmt, f.get("shop_nos"), shops)
    order = int(f.get("order_type") or 0)
    if order == 1:
        return stmt.order_by(StockDocument.modified.desc(), StockDocument.doc_id.desc())
    if order == 2:
        return stmt.order_by(StockDocument.consign_time.desc(), StockDocument.doc_id.desc())
    return stmt.order_by(column, StockDocument.doc_id)


def cancelled_query(session: Reader, tenant_id: int, f: dict[str, Any],
                    warehouses: frozenset[str] | None) -> Select[Any]:
    """wms.stockout.Sales.searchCancel: cancelled sales stockouts by modified time."""
    stmt = (select(StockDocument).where(StockDocument.tenant_id == tenant_id, StockDocument.direction == "out",
                                        StockDocument.order_type == OrderType.SALES_OUT,
                                        StockDocument.status == StockoutStatus.CANCELLED)
            .order_by(StockDocument.modified, StockDocument.doc_id))
    stmt = in_window(stmt, StockDocument.modified, f.get("start_time"), f.get("end_time"))
    return _warehouse(session, tenant_id, stmt, None, warehouses)


def allocated_query(session: Reader, tenant_id: int, f: dict[str, Any],
                    warehouses: frozenset[str] | None) -> Select[Any]:
    """wms.stockout.Sales.searchPositionDetail: stockouts whose goods have left, by modified time."""
    stmt = (select(StockDocument).where(
        StockDocument.tenant_id == tenant_id, StockDocument.direction == "out",
        StockDocument.order_type == OrderType.SALES_OUT,
        exists().where(Allocation.doc_id == StockDocument.doc_id))
        .options(selectinload(StockDocument.lines))
        .order_by(StockDocument.modified, StockDocument.doc_id))
    stmt = in_window(stmt, StockDocument.modified, f.get("start_time"), f.get("end_time"))
    stmt = equal_if_given(stmt, [(StockDocument.doc_no, f.get("stockout_no")),
                                 (StockDocument.src_order_no, f.get("trade_no"))])
    return _warehouse(session, tenant_id, stmt, f.get("warehouse_no"), warehouses)


def logistics_query(session: Reader, tenant_id: int, f: dict[str, Any],
                    warehouses: frozenset[str] | None) -> Select[Any]:
    """wms.stockout.Sales.searchLogistics: logistics orders (packages) of sales stockouts, by modified time."""
    stmt: Select[Any] = cast(Select[Any], select(Package, StockDocument, Trade, Shop)
            .join(StockDocument, StockDocument.doc_id == Package.doc_id)
            .join(Trade, Trade.trade_id == StockDocument.src_order_id)
            .join(Shop, Shop.shop_id == Trade.shop_id)
            .where(Package.tenant_id == tenant_id,
                   Package.status.in_([int(s) for s in LOGISTICS_FILTER.get(int(f["status"]), ())]))
            .options(selectinload(Package.lines))
            .order_by(Package.modified, Package.rec_id))
    order_types = [int(s) for s in split_list(str(f.get("order_type") or "")) if s.lstrip("-").isdigit()]
    if order_types:
        stmt = stmt.where(Package.src_order_type.in_(order_types))
    stmt = in_window(stmt, Package.modified, f.get("start_time"), f.get("end_time"))
    stmt = equal_if_given(stmt, [(Trade.trade_no, f.get("trade_no"))])
    stmt = _tids(stmt, f.get("src_tids"))
    if f.get("shop_no"):
        stmt = stmt.where(Trade.shop_id == active_shop_id(connection_of(session), tenant_id, f["shop_no"], None))
    return _warehouse(session, tenant_id, stmt, f.get("warehouse_no"), warehouses, Package.warehouse_id)


def packages_query(session: Reader, tenant_id: int, f: dict[str, Any],
                   warehouses: frozenset[str] | None) -> Select[Any]:
    """wms.stockout.Pack.search: packing lists by modified time (or by stockout/tracking number)."""
    stmt: Select[Any] = cast(Select[Any], select(Package, StockDocument)
            .join(StockDocument, StockDocument.doc_id == Package.doc_id)
            .where(Package.tenant_id == tenant_id, Package.src_order_type == int(f.get("src_order_type") or 1))
            .options(selectinload(Package.lines))
            .order_by(Package.modified, Package.rec_id))
    stmt = in_window(stmt, Package.modified, f.get("start_time"), f.get("end_time"))
    stmt = equal_if_given(stmt, [(Package.logistics_no, f.get("logistics_no")),
                                 (StockDocument.doc_no, f.get("stockout_no"))])
    return _warehouse(session, tenant_id, stmt, f.get("warehouse_no"), warehouses, Package.warehouse_id)


def source_stockins(session: Reader, tenant_id: int, warehouse_id: int,
                    allocations: Iterable[Allocation]) -> dict[tuple[int, str], str]:
    """原始入库单号 of each (spec, batch) allocated in a warehouse: the last stockin that brought it
    there, all in one statement."""
    keys = {(a.spec_id, a.batch_no) for a in allocations}
    if not keys:
        return {}
    last = (select(func.max(StockLedger.rec_id)).where(
        StockLedger.tenant_id == tenant_id, StockLedger.warehouse_id == warehouse_id,
        StockLedger.spec_id.in_(sorted({k[0] for k in keys})), StockLedger.num > 0)
        .group_by(StockLedger.spec_id, StockLedger.batch_no))
    rows = session.execute(select(StockLedger.spec_id, StockLedger.batch_no, StockLedger.stockio_no)
                           .where(StockLedger.rec_id.in_(last.scalar_subquery())))
    return {(spec_id, batch_no): no or "" for spec_id, batch_no, no in rows if (spec_id, batch_no) in keys}
