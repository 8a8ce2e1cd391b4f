"""`wdterp load` section `stock`: opening stock of a sandbox, brought in as real stock documents.

    stock:
      - {warehouse_no: WH-SH, spec_no: TS01-WH-M, num: 120, cost_price: 25}
      - {warehouse_no: WH-SH, spec_no: MUG01-350, num: 40, position_no: A-01-01,
         batch_no: B2026, expire_date: 2027-12-31, cost_price: 8}
      - {warehouse_no: WH-BJ, spec_no: SOCK01-WH, num: 3, defect: true}

A row sets the figure of one stock detail: a warehouse, a spec, good or defect (`defect`), a position
(the warehouse's default position when `position_no` is left out; a named one is created when
missing), a batch (`batch_no`, created when missing) and an expiry (`expire_date`).

Loading never writes the stock tables itself: per warehouse, what a file adds comes in on one
checked 初始化入库 stockin (order type 33), what it takes away leaves on one checked 初始化出库
stockout (34), both through the document engine, so the stock ledger and wms.stockin.Base.search
explain every unit. Stock comes in at the row's `cost_price`, else at one another row gives the
same warehouse/spec/defect, else at the stock's current cost.

Loading again sets the figures again: a detail already at its figure moves nothing (the row counts
as `existing`), one that changed since (sold, counted) is brought back to the file's figure
(`created` counts the rows that moved stock). A decrease leaves the named detail first, then the
spec's other details in pick order, as every stockout does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, DateTime, Numeric, String
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import spec_by_no
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind, LineSpec
from wdterp.domain.documents.statuses import OrderType, StockinStatus, StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.detail import NO_EXPIRY
from wdterp.domain.masterdata.loader import LoadError, SectionHandler, SectionResult, cast
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.masterdata.service import find_warehouse
from wdterp.domain.tenancy.service import settings_of
from wdterp.protocol.errors import ApiError

INIT_IN = Kind("in", OrderType.INIT_IN, "RK")
INIT_OUT = Kind("out", OrderType.INIT_OUT, "CK")
OPERATOR = "load"
IN_REMARK, OUT_REMARK = "初始化入库", "初始化出库"
FIELDS = ("warehouse_no", "spec_no", "num", "defect", "position_no", "batch_no", "expire_date", "cost_price")
REQUIRED = ("warehouse_no", "spec_no", "num")
_TYPES: dict[str, Any] = {
    "warehouse_no": String(40), "spec_no": String(40), "num": Numeric(), "defect": Boolean(),
    "position_no": String(40), "batch_no": String(40), "expire_date": DateTime(), "cost_price": Numeric(),
}


@dataclass(frozen=True)
class Target:
    """One row of the section, resolved: the stock detail it names and the figure it should hold."""

    where: str
    warehouse: Warehouse
    spec: Spec
    num: Decimal
    defect: bool
    position_id: int
    batch_no: str
    expire_date: date | None
    cost_price: Decimal | None

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.warehouse.warehouse_id, self.spec.spec_id, self.defect, self.position_id, self.batch_no,
                self.expire_date or NO_EXPIRY)

    def current(self, session: Session) -> Decimal:
        return inventory.position_stock(session, self.warehouse.warehouse_id, self.spec.spec_id, self.defect,
                                        self.position_id, self.batch_no, self.expire_date or NO_EXPIRY)

    @property
    def stock_key(self) -> tuple[int, int, bool]:
        return (self.warehouse.warehouse_id, self.spec.spec_id, self.defect)

    def line(self, session: Session, num: Decimal, file_prices: dict[tuple[int, int, bool], Decimal]) -> LineSpec:
        """The document line moving `num`: at the row's cost price, else one the file gives the same stock
        row, else the stock row's current cost (so a row without a price does not dilute the cost)."""
        price = self.cost_price if self.cost_price is not None else file_prices.get(self.stock_key)
        if price is None:
            row = inventory.stock_row(session, *self.stock_key)
            price = Decimal(row.cost_price) if row is not None else Decimal(0)
        return LineSpec(spec=self.spec, num=num, price=price, defect=self.defect, position_id=self.position_id,
                        batch_no=self.batch_no, expire_date=self.expire_date, remark=OPERATOR)


def _values(raw: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise LoadError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}; "
                        f"known fields: {', '.join(FIELDS)}")
    for name in REQUIRED:
        if raw.get(name) in (None, ""):
            raise LoadError(f"{where}: '{name}' is required")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        try:
            values[name] = cast(_TYPES[name], value)
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise LoadError(f"{where}.{name}: {exc}") from exc
    return values


def _target(session: Session, tenant_id: int, raw: dict[str, Any], where: str,
            settings: dict[str, Any]) -> Target:
    values = _values(raw, where)
    warehouse = find_warehouse(session, tenant_id, values["warehouse_no"])
    if warehouse is None or warehouse.is_disabled:
        raise LoadError(f"{where}: unknown or disabled warehouse_no {values['warehouse_no']!r} "
                        "(list it under 'warehouses')")
    spec = spec_by_no(session, tenant_id, values["spec_no"])
    if spec is None:
        raise LoadError(f"{where}: unknown spec_no {values['spec_no']!r} (list it under 'goods')")
    num: Decimal = values["num"]
    if num < 0 or (num != num.to_integral_value() and not settings.get(engine.SETTING_DECIMAL_QUANTITY)):
        raise LoadError(f"{where}.num: {num} must be >= 0 and whole unless the tenant allows decimal quantities")
    cost_price = values.get("cost_price")
    if cost_price is not None and cost_price < 0:
        raise LoadError(f"{where}.cost_price: {cost_price} must be >= 0")
    position = inventory.position(session, tenant_id, warehouse.warehouse_id, values["position_no"], create=True) \
        if values.get("position_no") else inventory.default_position(session, tenant_id, warehouse.warehouse_id)
    batch_no = values.get("batch_no") or ""
    if batch_no:
        inventory.ensure_batch(session, tenant_id, batch_no)
    expire = values.get("expire_date")
    return Target(where, warehouse, spec, num, bool(values.get("defect") or False), position.position_id, batch_no,
                  expire.date() if expire is not None else None, cost_price)


def _document(session: Session, tenant_id: int, kind: Kind, warehouse: Warehouse, lines: list[LineSpec]) -> None:
    if not lines:
        return
    incoming = kind.direction == "in"
    doc = engine.create(session, tenant_id, kind, warehouse, lines,
                        StockinStatus.AWAITING_CHECK if incoming else StockoutStatus.AWAITING_CHECK,
                        remark=IN_REMARK if incoming else OUT_REMARK, operator_name=OPERATOR)
    # the file is the truth (as a count is): a decrease may take stock that orders have reserved
    engine.check(session, doc, OPERATOR, ignore_reservations=not incoming)


def load_stock(session: Session, tenant_id: int, rows: list[dict[str, Any]], section: str) -> SectionResult:
    settings = settings_of(session, tenant_id)
    targets: dict[tuple[Any, ...], Target] = {}
    for index, raw in enumerate(rows):
        target = _target(session, tenant_id, raw, f"{section}[{index}]", settings)
        if target.key in targets:
            raise LoadError(f"{target.where}: the same stock detail as {targets[target.key].where} "
                            "(warehouse, spec, defect, position, batch, expiry)")
        targets[target.key] = target
    file_prices = {t.stock_key: t.cost_price for t in targets.values() if t.cost_price is not None}
    result = SectionResult()
    ins: dict[int, list[LineSpec]] = {}
    outs: dict[int, list[LineSpec]] = {}
    warehouses: dict[int, Warehouse] = {}
    for target in targets.values():
        diff = target.num - target.current(session)
        if diff == 0:
            result.existing += 1
            continue
        result.created += 1
        warehouses[target.warehouse.warehouse_id] = target.warehouse
        (ins if diff > 0 else outs).setdefault(target.warehouse.warehouse_id, []).append(
            target.line(session, abs(diff), file_prices))
    try:
        for warehouse_id, warehouse in sorted(warehouses.items()):
            _document(session, tenant_id, INIT_OUT, warehouse, outs.get(warehouse_id, []))
            _document(session, tenant_id, INIT_IN, warehouse, ins.get(warehouse_id, []))
    except ApiError as err:
        raise LoadError(f"{section}: {err.explained}") from err
    return result


#: the section of this module (registered by `wdterp.wiring`, after the catalog's)
SECTIONS: tuple[tuple[str, SectionHandler], ...] = (("stock", load_stock),)
