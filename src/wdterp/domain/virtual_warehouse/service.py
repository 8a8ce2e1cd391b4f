"""Virtual warehouses: what they are made of, and the one place that changes what they hold.

What a virtual warehouse holds of a spec in one of its real warehouses is a reservation of the real
stock row (`inventory.reserve`: lock_num), so the real warehouse's available stock accounts for it;
every change writes a `VirtualLedger` row with the document behind it. Decisions:
- a release of more than is held is refused ("虚拟仓库存不足"); a lock of more than is available is
  the ledger's own shortage ("商家编码…库存不足").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import Move
from wdterp.domain.masterdata.models import Shop, Warehouse
from wdterp.domain.queries import Reader, connection_of, first_of
from wdterp.domain.virtual_warehouse.models import (
    VirtualLedger,
    VirtualStock,
    VirtualWarehouse,
    VirtualWarehouseMember,
    VirtualWarehouseShop,
)
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error
from wdterp.storage.units import insert_missing

ZERO = Decimal(0)


@dataclass(frozen=True)
class Source:
    """The document that changes what a virtual warehouse holds (on its ledger rows)."""

    order_type: int
    order_no: str
    remark: str = ""


# ---------------------------------------------------------------------------- virtual warehouses


def save(session: Session, tenant_id: int, number: str, name: str, warehouse_nos: Sequence[str],
         shop_nos: Sequence[str] = (), remark: str = "", warehouse_type: int = 0,
         is_disabled: bool = False) -> VirtualWarehouse:
    """Create or update a virtual warehouse with its real warehouses and shops (unknown ones refused)."""
    if not number:
        raise business_error("虚拟仓编号不能为空", "virtual_warehouse_no is empty")
    found = session.scalar(select(VirtualWarehouse).where(VirtualWarehouse.tenant_id == tenant_id,
                                                          VirtualWarehouse.virtual_warehouse_no == number))
    if found is None:
        found = VirtualWarehouse(tenant_id=tenant_id, virtual_warehouse_no=number)
        session.add(found)
    found.name, found.remark = name or found.name or number, remark
    found.warehouse_type, found.is_disabled = warehouse_type, is_disabled
    found.modified = now_china()
    session.flush()
    warehouses = _by_no(session, Warehouse, tenant_id, Warehouse.warehouse_no, warehouse_nos, "实体仓")
    shops = _by_no(session, Shop, tenant_id, Shop.shop_no, shop_nos, "店铺")
    insert_missing(session, VirtualWarehouseMember, [
        {"virtual_warehouse_id": found.virtual_warehouse_id, "warehouse_id": w.warehouse_id, "is_start_up": 1}
        for w in warehouses], ("virtual_warehouse_id", "warehouse_id"))
    insert_missing(session, VirtualWarehouseShop, [
        {"virtual_warehouse_id": found.virtual_warehouse_id, "shop_id": s.shop_id} for s in shops],
        ("virtual_warehouse_id", "shop_id"))
    return found


def _by_no(session: Session, model: Any, tenant_id: int, column: Any, numbers: Sequence[str],
           what: str) -> list[Any]:
    rows = list(session.scalars(select(model).where(model.tenant_id == tenant_id,
                                                    column.in_(list(numbers))))) if numbers else []
    known = {getattr(r, column.key) for r in rows}
    missing = [n for n in numbers if n not in known]
    if missing:
        raise business_error(f"{what}不存在:{missing[0]}", f"unknown {what} {missing}")
    return rows


def active(session: Reader, tenant_id: int, number: str, message: str = "虚拟仓不存在或已停用") -> VirtualWarehouse:
    found = first_of(session, select(VirtualWarehouse).where(VirtualWarehouse.tenant_id == tenant_id,
                                                             VirtualWarehouse.virtual_warehouse_no == number))
    if found is None or found.is_disabled:
        raise business_error(f"{message}:{number}", f"virtual warehouse {number!r} unknown or disabled")
    return found


def require_known(reader: Reader, tenant_id: int, number: str) -> None:
    """A read's filter names an enabled virtual warehouse (Core: a read makes no ORM session)."""
    disabled = connection_of(reader).execute(select(VirtualWarehouse.is_disabled).where(
        VirtualWarehouse.tenant_id == tenant_id, VirtualWarehouse.virtual_warehouse_no == number)).scalar()
    if disabled is None or disabled:
        raise business_error(f"虚拟仓不存在或已停用:{number}", f"virtual warehouse {number!r} unknown or disabled")


def member_ids(session: Session, virtual_warehouse_id: int) -> set[int]:
    return set(session.scalars(select(VirtualWarehouseMember.warehouse_id).where(
        VirtualWarehouseMember.virtual_warehouse_id == virtual_warehouse_id,
        VirtualWarehouseMember.is_start_up == 1)))


def require_member(session: Session, vw: VirtualWarehouse, warehouse: Warehouse) -> None:
    if warehouse.warehouse_id not in member_ids(session, vw.virtual_warehouse_id):
        raise business_error(f"实体仓{warehouse.warehouse_no}不属于虚拟仓{vw.virtual_warehouse_no}",
                             f"{warehouse.warehouse_no} is not a warehouse of {vw.virtual_warehouse_no}")


def of_shop(session: Session, shop_id: int, warehouse_id: int) -> list[int]:
    """The virtual warehouses a shop's orders from this real warehouse draw on, in id order."""
    stmt = (select(VirtualWarehouse.virtual_warehouse_id)
            .join(VirtualWarehouseShop,
                  VirtualWarehouseShop.virtual_warehouse_id == VirtualWarehouse.virtual_warehouse_id)
            .join(VirtualWarehouseMember,
                  VirtualWarehouseMember.virtual_warehouse_id == VirtualWarehouse.virtual_warehouse_id)
            .where(VirtualWarehouseShop.shop_id == shop_id, VirtualWarehouseMember.warehouse_id == warehouse_id,
                   VirtualWarehouse.is_disabled.is_(False)).order_by(VirtualWarehouse.virtual_warehouse_id))
    return list(session.scalars(stmt))


# ---------------------------------------------------------------------------- what they hold


def held(session: Session, virtual_warehouse_id: int, warehouse_id: int, spec_id: int) -> Decimal:
    found = session.scalar(select(VirtualStock.now_lock_num).where(
        VirtualStock.virtual_warehouse_id == virtual_warehouse_id, VirtualStock.warehouse_id == warehouse_id,
        VirtualStock.spec_id == spec_id))
    return found if found is not None else ZERO


def _row(session: Session, tenant_id: int, virtual_warehouse_id: int, warehouse_id: int, spec_id: int) -> None:
    now = now_china()
    insert_missing(session, VirtualStock, {"tenant_id": tenant_id, "virtual_warehouse_id": virtual_warehouse_id,
                                           "warehouse_id": warehouse_id, "spec_id": spec_id, "created": now,
                                           "modified": now},
                   ("virtual_warehouse_id", "warehouse_id", "spec_id"))


def _ledger(session: Session, tenant_id: int, virtual_warehouse_id: int, warehouse_id: int, spec_id: int,
            num: Decimal, after: Decimal, source: Source) -> None:
    session.add(VirtualLedger(tenant_id=tenant_id, virtual_warehouse_id=virtual_warehouse_id,
                              warehouse_id=warehouse_id, spec_id=spec_id, num=num, held_after=after,
                              src_order_type=source.order_type, src_order_no=source.order_no[:40],
                              remark=source.remark[:255], created=now_china()))


def lock(session: Session, tenant_id: int, virtual_warehouse_id: int, warehouse_id: int, spec_id: int,
         num: Decimal, source: Source, spec_no: str = "", purchase_num: Decimal = ZERO,
         factory_num: Decimal = ZERO) -> None:
    """Move `num` of the real warehouse's available stock into the virtual warehouse."""
    if num <= 0:
        return
    inventory.reserve(session, tenant_id, [Move(warehouse_id, spec_id, num, spec_no=spec_no)])
    _row(session, tenant_id, virtual_warehouse_id, warehouse_id, spec_id)
    after = session.execute(update(VirtualStock).where(
        VirtualStock.virtual_warehouse_id == virtual_warehouse_id, VirtualStock.warehouse_id == warehouse_id,
        VirtualStock.spec_id == spec_id).values(
        now_lock_num=VirtualStock.now_lock_num + num, sum_lock_num=VirtualStock.sum_lock_num + num,
        purchase_num=VirtualStock.purchase_num + purchase_num, factory_num=VirtualStock.factory_num + factory_num,
        modified=now_china()).returning(VirtualStock.now_lock_num)).scalar_one()
    _ledger(session, tenant_id, virtual_warehouse_id, warehouse_id, spec_id, num, after, source)


def release(session: Session, tenant_id: int, virtual_warehouse_id: int, warehouse_id: int, spec_id: int,
            num: Decimal, source: Source, assigned: bool = False) -> None:
    """Give `num` back to the real warehouse's available stock (`assigned`: taken by one of its shops' orders)."""
    if num <= 0:
        return
    counter = VirtualStock.assigned_num if assigned else VirtualStock.out_num
    after = session.execute(update(VirtualStock).where(
        VirtualStock.virtual_warehouse_id == virtual_warehouse_id, VirtualStock.warehouse_id == warehouse_id,
        VirtualStock.spec_id == spec_id, VirtualStock.now_lock_num >= num).values(
        {"now_lock_num": VirtualStock.now_lock_num - num, counter.key: counter + num, "modified": now_china()})
        .returning(VirtualStock.now_lock_num)).scalar()
    if after is None:
        raise business_error("虚拟仓库存不足", f"release of {num} exceeds what virtual warehouse "
                             f"{virtual_warehouse_id} holds of {warehouse_id}/{spec_id}")
    inventory.release(session, [Move(warehouse_id, spec_id, num)])
    _ledger(session, tenant_id, virtual_warehouse_id, warehouse_id, spec_id, -num, after, source)


def warehouse_nos(session: Session, tenant_id: int, numbers: Sequence[str]) -> list[str]:
    """The real warehouses of these virtual warehouses (unknown ones ignored: refused where they are used)."""
    if not numbers:
        return []
    member = VirtualWarehouseMember
    stmt = (select(Warehouse.warehouse_no).join(member, member.warehouse_id == Warehouse.warehouse_id)
            .join(VirtualWarehouse, VirtualWarehouse.virtual_warehouse_id == member.virtual_warehouse_id)
            .where(VirtualWarehouse.tenant_id == tenant_id, VirtualWarehouse.virtual_warehouse_no.in_(list(numbers))))
    return sorted(set(session.scalars(stmt)))
