"""ERP-side steps of production (`wdterp ops run process.*`: producers, check, pick, produce,
finish, cancel a production order, check its settlement) and of virtual warehouses (`vw.*`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.ops import Param, operation
from wdterp.domain.process import service
from wdterp.domain.process.models import ProcessOrder
from wdterp.domain.virtual_warehouse import orders as vw_orders
from wdterp.domain.virtual_warehouse import service as vw_service

OPERATOR = "ops"


def _summary(order: ProcessOrder) -> dict[str, Any]:
    return {"process_no": order.process_no, "status": order.status, "settle_status": order.settle_status,
            "reality_count": float(order.reality_count), "process_count": float(order.process_count)}


@operation("producer.create", help="Create or rename a producer (生产商) for process.Process.upload",
           params={"producer_no": str, "producer_name": Param(str, default="")})
def create_producer(session: Session, tenant_id: int, producer_no: str, producer_name: str = "") -> dict[str, Any]:
    found = service.create_producer(session, tenant_id, producer_no, producer_name)
    return {"producer_id": found.producer_id, "producer_no": found.producer_no, "producer_name": found.producer_name}


@operation("process.check", help="Check a production order: its materials are reserved (a quick one completes)",
           params={"process_no": str})
def check_process(session: Session, tenant_id: int, process_no: str) -> dict[str, Any]:
    order = service.find(session, tenant_id, process_no)
    service.check(session, order, OPERATOR)
    return _summary(order)


@operation("process.pick", help="Pick the materials of a checked production order (material stockout checked)",
           params={"process_no": str})
def pick_process(session: Session, tenant_id: int, process_no: str) -> dict[str, Any]:
    order = service.find(session, tenant_id, process_no)
    service.pick(session, order, OPERATOR)
    return _summary(order)


@operation("process.produce", help="Produce runs of a picked production order: finished goods come in at cost "
           "(all runs left when runs is 0; the last run completes the order)",
           params={"process_no": str, "runs": Param(int, default=0, help="production runs (0: all left)")})
def produce_process(session: Session, tenant_id: int, process_no: str, runs: int = 0) -> dict[str, Any]:
    order = service.find(session, tenant_id, process_no)
    count = Decimal(runs) if runs else order.process_count - order.reality_count
    doc = service.produce(session, order, count, OPERATOR)
    return {**_summary(order), "stockin_no": doc.doc_no}


@operation("process.finish", help="Finish a production order early: materials of runs not made come back",
           params={"process_no": str})
def finish_process(session: Session, tenant_id: int, process_no: str) -> dict[str, Any]:
    order = service.find(session, tenant_id, process_no)
    service.finish(session, order, OPERATOR)
    return _summary(order)


@operation("process.cancel", help="Cancel a production order (编辑中/待审核/待领料): reservations are given back",
           params={"process_no": str})
def cancel_process(session: Session, tenant_id: int, process_no: str) -> dict[str, Any]:
    order = service.find(session, tenant_id, process_no)
    service.cancel(session, order)
    return _summary(order)


@operation("process.settle", help="Check a production settlement (JS…): the order becomes 已结算",
           params={"settle_no": str})
def settle_process(session: Session, tenant_id: int, settle_no: str) -> dict[str, Any]:
    found = service.check_settlement(session, tenant_id, settle_no)
    return {"settle_no": found.settle_no, "status": found.status}


# ---------------------------------------------------------------------------- virtual warehouses


def _numbers(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@operation("vw.create", help="Create or update a virtual warehouse (虚拟仓) over real warehouses, for shops",
           params={"virtual_warehouse_no": str, "virtual_warehouse_name": Param(str, default=""),
                   "warehouse_nos": Param(str, help="real warehouses, comma-separated"),
                   "shop_nos": Param(str, default="", help="shops whose orders draw on it, comma-separated")})
def create_virtual_warehouse(session: Session, tenant_id: int, virtual_warehouse_no: str, warehouse_nos: str,
                             virtual_warehouse_name: str = "", shop_nos: str = "") -> dict[str, Any]:
    found = vw_service.save(session, tenant_id, virtual_warehouse_no, virtual_warehouse_name, _numbers(warehouse_nos),
                            _numbers(shop_nos))
    return {"virtual_warehouse_id": found.virtual_warehouse_id, "virtual_warehouse_no": found.virtual_warehouse_no}


@operation("vw.order.check", help="Check a virtual-warehouse order (VO…): its quantities move",
           params={"order_no": str})
def check_virtual_order(session: Session, tenant_id: int, order_no: str) -> dict[str, Any]:
    order = vw_orders.find(session, tenant_id, order_no)
    vw_orders.check(session, order)
    return {"order_no": order.order_no, "order_status": order.order_status}


@operation("vw.order.cancel", help="Cancel a virtual-warehouse order that is not checked", params={"order_no": str})
def cancel_virtual_order(session: Session, tenant_id: int, order_no: str) -> dict[str, Any]:
    order = vw_orders.find(session, tenant_id, order_no)
    vw_orders.cancel(session, order)
    return {"order_no": order.order_no, "order_status": order.order_status}


@operation("vw.order.run_due", help="Check the virtual-warehouse transfers whose pre-check time has come")
def run_due_virtual_orders(session: Session, tenant_id: int) -> dict[str, Any]:
    return {"checked": vw_orders.run_due(session, tenant_id)}
