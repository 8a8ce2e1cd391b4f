"""ERP-side stock actions (`wdterp ops run stock.* --sid S --arg k=v`): look, count, alarms, costs, audit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.catalog.lookup import spec_by_no
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents.statuses import OrderType
from wdterp.domain.inventory import admin, cost
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Stock
from wdterp.domain.inventory.service import DocumentRef
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.masterdata.service import find_warehouse
from wdterp.domain.numbering.service import next_no

OPERATOR = "ops"


def _spec(session: Session, tenant_id: int, spec_no: str) -> Spec:
    spec = spec_by_no(session, tenant_id, spec_no)
    if spec is None:
        raise OperationError(f"no spec {spec_no!r}")
    return spec


def _warehouse(session: Session, tenant_id: int, warehouse_no: str) -> Warehouse:
    found = find_warehouse(session, tenant_id, warehouse_no)
    if found is None:
        raise OperationError(f"no warehouse {warehouse_no!r}")
    return found


def _figures(row: Stock) -> dict[str, Any]:
    return {"rec_id": row.rec_id, "warehouse_id": row.warehouse_id, "spec_id": row.spec_id,
            "defect": row.defect, "stock_num": float(row.stock_num), "lock_num": float(row.lock_num),
            "available": float(row.stock_num - row.lock_num), "cost_price": float(row.cost_price)}


@operation("stock.show", help="Show a spec's stock rows (stock, reserved, available, cost) per warehouse",
           params={"spec_no": str})
def show(session: Session, tenant_id: int, spec_no: str) -> dict[str, Any]:
    spec = _spec(session, tenant_id, spec_no)
    rows = session.scalars(select(Stock).where(Stock.tenant_id == tenant_id, Stock.spec_id == spec.spec_id))
    return {"spec_no": spec_no, "stocks": [_figures(r) for r in rows]}


@operation("stock.count", help="Count a spec in a warehouse (盘点): stock becomes NUM, the difference is ledgered",
           params={"warehouse_no": str, "spec_no": str, "num": float,
                   "defect": Param(bool, default=False)})
def count(session: Session, tenant_id: int, warehouse_no: str, spec_no: str, num: float,
          defect: bool) -> dict[str, Any]:
    warehouse, spec = _warehouse(session, tenant_id, warehouse_no), _spec(session, tenant_id, spec_no)
    if num < 0:
        raise OperationError("a counted figure cannot be negative")
    pd_no = next_no(session, tenant_id, "PD")
    inventory.count_to(session, tenant_id, warehouse.warehouse_id, spec.spec_id, Decimal(str(num)),
                       DocumentRef(OrderType.STOCK_COUNT, pd_no, pd_no, OPERATOR), defect, spec_no)
    row = inventory.stock_row(session, warehouse.warehouse_id, spec.spec_id, defect)
    assert row is not None
    return {"pd_no": pd_no, **_figures(row)}


@operation("stock.set_alarm", help="Set 警戒库存 settings of a spec in a warehouse",
           params={"warehouse_no": str, "spec_no": str,
                   **{name: Param(float, default=None) for name in admin.ALARM_FIELDS}})
def set_alarm(session: Session, tenant_id: int, warehouse_no: str, spec_no: str, **values: Any) -> dict[str, Any]:
    warehouse, spec = _warehouse(session, tenant_id, warehouse_no), _spec(session, tenant_id, spec_no)
    row = admin.set_alarm(session, tenant_id, warehouse.warehouse_id, spec.spec_id, **values)
    return {**_figures(row), **{name: float(getattr(row, name)) for name in admin.ALARM_FIELDS}}


@operation("stock.set_planned_cost", help="Set a spec's planned cost (计划成本); per warehouse with "
           "multi_warehouse_cost on", params={"spec_no": str, "planned_cost": float,
                                              "warehouse_no": Param(str, default=""),
                                              "defect": Param(bool, default=False),
                                              "remark": Param(str, default=None)})
def set_planned_cost(session: Session, tenant_id: int, spec_no: str, planned_cost: float, warehouse_no: str,
                     defect: bool, remark: str | None) -> dict[str, Any]:
    spec = _spec(session, tenant_id, spec_no)
    warehouse_id = _warehouse(session, tenant_id, warehouse_no).warehouse_id if warehouse_no else cost.ALL_WAREHOUSES
    row = cost.set_planned_cost(session, tenant_id, spec.spec_id, Decimal(str(planned_cost)), warehouse_id,
                                defect, remark)
    return {"spec_no": spec_no, "warehouse_no": warehouse_no, "avg_cost": float(row.avg_cost),
            "planned_cost": float(row.planned_cost)}


@operation("stock.audit", help="Check that every stock row equals the sum of its ledger and of its details")
def audit(session: Session, tenant_id: int) -> dict[str, Any]:
    problems = admin.audit(session, tenant_id)
    return {"ok": not problems, "problems": problems}
