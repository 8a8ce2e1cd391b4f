"""Stock queries: stock rows with their spec/goods/warehouse, the ledger, details, costs.

Every statement filters on columns of the big table first (tenant, spec ids, warehouse ids, time
window) so that an index serves it: stock (tenant_id, modified) / (tenant_id, spec_id), stock_ledger
(tenant_id, created) / (tenant_id, spec_id, created), stock_cost (tenant_id, modified) / (tenant_id,
spec_id). Pages are ordered by (time, rec_id), the index order, so consecutive windows and pages
never skip or repeat a row. Windows are half-open [start, end).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    DateTime,
    Float,
    Numeric,
    Row,
    Select,
    String,
    TypeDecorator,
    bindparam,
    func,
    select,
    type_coerce,
)

from wdterp.domain.catalog.models import Brand, Goods, GoodsClass, Spec
from wdterp.domain.inventory.cost import ALL_WAREHOUSES
from wdterp.domain.inventory.models import Position, Stock, StockCost, StockDetail, StockLedger
from wdterp.domain.masterdata.models import Flag, Warehouse
from wdterp.domain.paging import Page
from wdterp.domain.queries import Reader, connection_of, in_window
from wdterp.protocol.errors import business_error


@dataclass(frozen=True)
class Window:
    start: datetime | None = None
    end: datetime | None = None


@dataclass
class Found:
    total: int
    rows: list[Row[Any]]
    #: columns whose times were left as the driver gives them (`wire_times` writes them)
    raw_times: tuple[str, ...] = ()


def warehouse_scope(session: Reader, tenant_id: int, warehouse_no: str | None, permitted: frozenset[str] | None,
                    missing: str) -> list[int] | None:
    """Ids of the warehouses a stock query reads: the named one (unknown: code 100 with `missing`
    formatted with its number), else the permitted ones (None: all)."""
    if warehouse_no:
        found = session.scalar(select(Warehouse.warehouse_id).where(
            Warehouse.tenant_id == tenant_id, Warehouse.warehouse_no == warehouse_no))
        if found is None:
            raise business_error(missing.format(warehouse_no), f"warehouse {warehouse_no!r} unknown")
        return [found]
    if permitted is None:
        return None
    return list(session.scalars(select(Warehouse.warehouse_id).where(
        Warehouse.tenant_id == tenant_id, Warehouse.warehouse_no.in_(sorted(permitted)))))


def spec_ids_of(session: Reader, tenant_id: int, spec_nos: Sequence[str]) -> list[int]:
    """Ids of the tenant's specs with these spec_nos (deleted ones too: their stock still exists)."""
    nos = sorted({n for n in spec_nos if n})
    if not nos:
        return []
    return list(session.scalars(select(Spec.spec_id).where(Spec.tenant_id == tenant_id, Spec.spec_no.in_(nos))))


def flag_ids(session: Reader, tenant_id: int, names: Iterable[str]) -> dict[str, int]:
    """flag_id of each named flag (标记) the tenant has."""
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    rows = session.execute(select(Flag.flag_name, Flag.flag_id).where(
        Flag.tenant_id == tenant_id, Flag.flag_name.in_(wanted)))
    return {name: flag_id for name, flag_id in rows}


def goods_spec_ids(session: Reader, tenant_id: int, goods_no: str) -> list[int]:
    return list(session.scalars(select(Spec.spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
                                .where(Goods.tenant_id == tenant_id, Goods.goods_no == goods_no)))


def run_page(session: Reader, stmt: Select[Any], key: Any, page: Page, order: Sequence[Any],
         detail: Any) -> Found:
    """Count the filtered rows of the big table, then read one page joined with `detail`."""
    total = 0
    if page.calc_total:
        total = session.scalar(select(func.count()).select_from(stmt.with_only_columns(key).subquery())) or 0
    rows = list(session.execute(detail(stmt).order_by(*order).limit(page.size).offset(page.offset)))
    return Found(total, rows)


# ---------------------------------------------------------------------------- stock rows

#: spec, goods, brand and warehouse columns a stock row is shown with
STOCK_INFO = (
    Spec.spec_no, Spec.spec_code, Spec.spec_name, Spec.barcode, Spec.weight, Spec.img_url,
    Spec.validity_days,
    Spec.unit_name.label("spec_unit_name"), Spec.aux_unit_name.label("spec_aux_unit_name"),
    Spec.flag_name.label("spec_flag_name"),
    Goods.goods_id, Goods.goods_no, Goods.goods_name, Goods.short_name,
    Goods.unit_name.label("goods_unit_name"), Goods.aux_unit_name.label("goods_aux_unit_name"),
    Goods.flag_name.label("goods_flag_name"),
    Brand.brand_no, Brand.brand_name, GoodsClass.class_name,
    Warehouse.warehouse_no, Warehouse.name.label("warehouse_name"), Warehouse.type.label("warehouse_kind"),
    Warehouse.is_external,
)


def _plain(column: Any, raw_times: bool = False) -> Any:
    """A column read for the wire: decimals as floats, times as wire text (or, `raw_times`, as the
    driver gives them), without Decimal or datetime parsing per value: a page of stock rows has
    thousands of them."""
    if isinstance(column.type, Numeric):
        return type_coerce(column, Float(asdecimal=False)).label(column.key)
    if isinstance(column.type, DateTime):
        return type_coerce(column, String() if raw_times else WireTime()).label(column.key)
    return column


def wire_time(value: Any) -> Any:
    """A DateTime value as the driver gives it → `YYYY-MM-DD HH:MM:SS` text (None stays None)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)[:19]


def wire_times(values: Iterable[Any]) -> list[Any]:
    """`wire_time` of a column of values (SQLite's text is cut without a call per value)."""
    return [v[:19] if type(v) is str else wire_time(v) for v in values]


class WireTime(TypeDecorator[Any]):
    """A DateTime read as `YYYY-MM-DD HH:MM:SS` text on every backend."""

    impl = String
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return wire_time(value)


#: the specs named by spec_nos, for a filter inside the stock statements (an alias: the page joins spec)
_SPEC_BY_NO = Spec.__table__.alias("spec_by_no")


_STOCK_TIMES = tuple(c.key for c in (*Stock.__table__.c, *STOCK_INFO) if isinstance(c.type, DateTime))


@cache
def _stock_statements(by_spec: bool, by_spec_no: bool, by_warehouse: bool, start: bool,
                      end: bool, raw_times: bool = False) -> tuple[Select[Any], Select[Any]]:
    """(count, page) statements of a filter shape, built once; values travel as bind parameters."""
    where = [Stock.tenant_id == bindparam("tenant_id")]
    if by_spec:
        where.append(Stock.spec_id.in_(bindparam("spec_ids", expanding=True)))
    if by_spec_no:
        where.append(Stock.spec_id.in_(select(_SPEC_BY_NO.c.spec_id).where(
            _SPEC_BY_NO.c.tenant_id == bindparam("tenant_id"),
            _SPEC_BY_NO.c.spec_no.in_(bindparam("spec_nos", expanding=True)))))
    if by_warehouse:
        where.append(Stock.warehouse_id.in_(bindparam("warehouse_ids", expanding=True)))
    if start:
        where.append(Stock.modified >= bindparam("start", type_=DateTime()))
    if end:
        where.append(Stock.modified < bindparam("end", type_=DateTime()))
    count = select(func.count(Stock.rec_id)).where(*where)
    # a spec filter is served by (tenant_id, spec_id) and sorted afterwards; a window by the
    # (tenant_id, modified) index in its own order
    page = (select(*(_plain(c, raw_times) for c in (*Stock.__table__.c, *STOCK_INFO)))
            .select_from(Stock).join(Spec, Spec.spec_id == Stock.spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
            .outerjoin(Brand, Brand.brand_id == Goods.brand_id)
            .outerjoin(GoodsClass, GoodsClass.class_id == Goods.class_id)
            .join(Warehouse, Warehouse.warehouse_id == Stock.warehouse_id)
            .where(*where).order_by(Stock.modified, Stock.rec_id)
            .limit(bindparam("limit")).offset(bindparam("offset")))
    return count, page


def stock_rows(session: Reader, tenant_id: int, page: Page, *, spec_ids: Sequence[int] | None = None,
               spec_nos: Sequence[str] | None = None, warehouse_ids: Sequence[int] | None = None,
               window: Window = Window(), raw_times: bool = False) -> Found:
    """Stock rows (all columns of `stock`, plus STOCK_INFO), ordered by (modified, rec_id); `spec_nos`
    names the tenant's specs (deleted ones too) as `spec_ids_of` finds them, inside the statements.

    Quantities come as floats and times as wire text (`raw_times`: as the driver gives them, named in
    `Found.raw_times`): the rows are for reading, not arithmetic. The page is read with one row
    more than asked for: without it, the total is known without the count query.
    """
    nos = sorted({n for n in spec_nos if n}) if spec_nos is not None else None
    if (spec_ids is not None and not spec_ids) or (warehouse_ids is not None and not warehouse_ids) \
            or (nos is not None and not nos):
        return Found(0, [])
    count, rows = _stock_statements(spec_ids is not None, nos is not None, warehouse_ids is not None,
                                    window.start is not None, window.end is not None, raw_times)
    params: dict[str, Any] = {"tenant_id": tenant_id, "spec_ids": sorted(set(spec_ids or ())), "spec_nos": nos or [],
                              "warehouse_ids": sorted(set(warehouse_ids or ())), "start": window.start,
                              "end": window.end, "limit": page.size + 1, "offset": page.offset}
    conn = connection_of(session)  # Core rows: no ORM loading for a read-only page
    found = list(conn.execute(rows, params).all())
    more = len(found) > page.size
    if more:
        del found[page.size:]
    total = 0
    if page.calc_total:
        if not more and (found or page.offset == 0):
            total = page.offset + len(found)
        else:
            total = int(conn.execute(count, params).scalar() or 0)
    return Found(total, found, _STOCK_TIMES if raw_times else ())


# ---------------------------------------------------------------------------- ledger


@cache
def _ledger_statements(by_spec: bool, by_warehouse: bool, direction: int | None) -> tuple[Any, Any]:
    where = [StockLedger.tenant_id == bindparam("tenant_id"), StockLedger.defect == bindparam("defect"),
             StockLedger.created >= bindparam("start", type_=DateTime()),
             StockLedger.created < bindparam("end", type_=DateTime())]
    if by_spec:
        where.append(StockLedger.spec_id.in_(bindparam("spec_ids", expanding=True)))
    if by_warehouse:
        where.append(StockLedger.warehouse_id.in_(bindparam("warehouse_ids", expanding=True)))
    if direction == 1:
        where.append(StockLedger.num > 0)
    elif direction == 2:
        where.append(StockLedger.num < 0)
    count = select(func.count(StockLedger.rec_id)).where(*where)
    page = (select(*(_plain(c) for c in StockLedger.__table__.c), Spec.spec_no, Warehouse.warehouse_no,
                   Warehouse.name.label("warehouse_name"))
            .select_from(StockLedger).join(Spec, Spec.spec_id == StockLedger.spec_id)
            .join(Warehouse, Warehouse.warehouse_id == StockLedger.warehouse_id)
            .where(*where).order_by(StockLedger.created, StockLedger.rec_id)
            .limit(bindparam("limit")).offset(bindparam("offset")))
    return count, page


def ledger_rows(session: Reader, tenant_id: int, page: Page, window: Window, *, defect: bool,
                spec_ids: Sequence[int] | None = None, warehouse_ids: Sequence[int] | None = None,
                direction: int | None = None) -> Found:
    """库存变化: ledger rows in a created-time window; direction 1 = in (num > 0), 2 = out.

    Quantities come as floats and times as wire text (read-only rows)."""
    if (spec_ids is not None and not spec_ids) or (warehouse_ids is not None and not warehouse_ids):
        return Found(0, [])
    count, rows = _ledger_statements(spec_ids is not None, warehouse_ids is not None,
                                     direction if direction in (1, 2) else None)
    params: dict[str, Any] = {"tenant_id": tenant_id, "defect": defect, "start": window.start, "end": window.end,
                              "spec_ids": sorted(set(spec_ids or ())),
                              "warehouse_ids": sorted(set(warehouse_ids or ())),
                              "limit": page.size, "offset": page.offset}
    conn = connection_of(session)
    total = int(conn.execute(count, params).scalar() or 0) if page.calc_total else 0
    return Found(total, list(conn.execute(rows, params)))


# ---------------------------------------------------------------------------- details


def detail_rows(session: Reader, tenant_id: int, stock_ids: Sequence[int],
                warehouse_ids: Sequence[int] | None = None) -> list[Row[Any]]:
    """库存明细 of the given stock rows, each with its stock row's lock_num for the reserve split."""
    stmt = (select(StockDetail.rec_id, StockDetail.stock_id, StockDetail.stock_num, StockDetail.batch_no,
                   StockDetail.expire_date, StockDetail.production_date, Position.position_no, Position.zone_no,
                   Warehouse.warehouse_no, Stock.lock_num)
            .join(Stock, Stock.rec_id == StockDetail.stock_id)
            .join(Position, Position.position_id == StockDetail.position_id)
            .join(Warehouse, Warehouse.warehouse_id == Stock.warehouse_id)
            .where(Stock.tenant_id == tenant_id, Stock.rec_id.in_(sorted(set(stock_ids))))
            .order_by(StockDetail.stock_id, StockDetail.expire_date, StockDetail.rec_id))
    if warehouse_ids is not None:
        stmt = stmt.where(Stock.warehouse_id.in_(sorted(set(warehouse_ids))))
    return list(session.execute(stmt))


# ---------------------------------------------------------------------------- inventory cost


def cost_rows(session: Reader, tenant_id: int, page: Page, window: Window, *, per_warehouse: bool,
              spec_ids: Sequence[int] | None = None, warehouse_ids: Sequence[int] | None = None) -> Found:
    """存货成本 rows of one scope (tenant-wide, or per warehouse), ordered by (modified, rec_id)."""
    stmt = select(*StockCost.__table__.c).where(StockCost.tenant_id == tenant_id)
    if per_warehouse:
        stmt = stmt.where(StockCost.warehouse_id != ALL_WAREHOUSES)
        if warehouse_ids is not None:
            stmt = stmt.where(StockCost.warehouse_id.in_(sorted(set(warehouse_ids))))
    else:
        stmt = stmt.where(StockCost.warehouse_id == ALL_WAREHOUSES)
    if spec_ids is not None:
        stmt = stmt.where(StockCost.spec_id.in_(sorted(set(spec_ids))))
    stmt = in_window(stmt, StockCost.modified, window.start, window.end)

    def detail(s: Select[Any]) -> Select[Any]:
        return (s.add_columns(Spec.spec_no, Warehouse.warehouse_no)
                .join(Spec, Spec.spec_id == StockCost.spec_id)
                .outerjoin(Warehouse, Warehouse.warehouse_id == StockCost.warehouse_id))

    return run_page(session, stmt, StockCost.rec_id, page, (StockCost.modified, StockCost.rec_id), detail)
