"""拣货 / 分拣波次: pick lists of checked sales stockouts of one warehouse, and what their overview shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.documents.statuses import StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.detail import NO_EXPIRY, default_position_of, pick_order
from wdterp.domain.inventory.models import Batch, Position, StockDetail
from wdterp.domain.masterdata.models import Employee, Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import Reader, by_id, first_of, scalars_of
from wdterp.domain.sales_wms.common import ZERO, ensure_warehouse_permitted, sales_stockouts, wms_row
from wdterp.domain.sales_wms.models import PickList, PickListOrder
from wdterp.domain.sales_wms.statuses import PICK_PREFIX, ConsignBit, PickStatus
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import business_error


def _in_open_lists(session: Session, doc_ids: list[int]) -> set[int]:
    if not doc_ids:
        return set()
    return set(session.scalars(select(PickListOrder.doc_id).join(PickList, PickList.pick_id == PickListOrder.pick_id)
                               .where(PickListOrder.doc_id.in_(doc_ids), PickList.status == PickStatus.PICKING)))


def create_pick_list(session: Session, tenant_id: int, warehouse: Warehouse, stockout_nos: list[str],
                     max_orders: int = 100) -> PickList:
    """A pick list of the named (default: every pickable) checked, unpicked sales stockouts of a warehouse."""
    stmt = sales_stockouts(tenant_id).where(StockDocument.warehouse_id == warehouse.warehouse_id,
                                            StockDocument.status == StockoutStatus.CHECKED)
    if stockout_nos:
        stmt = stmt.where(StockDocument.doc_no.in_(stockout_nos))
    docs = [d for d in session.scalars(stmt.order_by(StockDocument.doc_id))
            if not (d.consign_status or 0) & ConsignBit.PICKED]
    busy = _in_open_lists(session, [d.doc_id for d in docs])
    docs = [d for d in docs if d.doc_id not in busy][:max(1, max_orders)]
    missing = sorted(set(stockout_nos) - {d.doc_no for d in docs})
    if missing:
        raise business_error(f"出库单{','.join(missing)}不可拣货",
                             f"not checked, unpicked and free in {warehouse.warehouse_no}")
    if not docs:
        raise business_error("没有可拣货的出库单", f"warehouse {warehouse.warehouse_no}")
    carriers = {d.logistics_id for d in docs}
    pick = PickList(tenant_id=tenant_id, pick_no=next_no(session, tenant_id, PICK_PREFIX),
                    warehouse_id=warehouse.warehouse_id, status=PickStatus.PICKING, picker_name="",
                    logistics_id=carriers.pop() if len(carriers) == 1 else 0)
    pick.orders = [PickListOrder(doc_id=d.doc_id, seq=i + 1) for i, d in enumerate(docs)]
    session.add(pick)
    session.flush()
    return pick


def find_pick_list(session: Reader, tenant_id: int, pick_no: str) -> PickList:
    pick = first_of(session, select(PickList).where(PickList.tenant_id == tenant_id, PickList.pick_no == pick_no))
    if pick is None:
        raise business_error("分拣单不存在", f"pick list {pick_no!r} not found")
    return pick


def finish_pick_list(session: Session, tenant_id: int, pick_no: str, picker: Employee | None) -> PickList:
    """拣货完成: the list's live stockouts are 已拣货 (consign_status bit 16)."""
    pick = find_pick_list(session, tenant_id, pick_no)
    if pick.status == PickStatus.FINISHED:
        raise business_error("分拣单已拣货完成", f"{pick_no} finished at {pick.finish_time}")
    now = now_china()
    name = (picker.name or picker.employee_no) if picker is not None else "系统"
    for doc in _docs(session, pick):
        if doc.status == StockoutStatus.CHECKED:
            doc.consign_status = (doc.consign_status or 0) | ConsignBit.PICKED
            doc.modified = now
            wms_row(session, doc).picker_name = name
    pick.status, pick.finish_time, pick.picker_name, pick.modified = PickStatus.FINISHED, now, name, now
    return pick


def _docs(session: Reader, pick: PickList) -> list[StockDocument]:
    ids = [o.doc_id for o in pick.orders]
    found = {d.doc_id: d for d in scalars_of(session, select(StockDocument).where(StockDocument.doc_id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def pick_of_docs(session: Reader, doc_ids: list[int]) -> dict[int, tuple[str, int]]:
    """(pick_no, 分拣序号) of each stockout, from its latest pick list."""
    if not doc_ids:
        return {}
    rows = session.execute(select(PickListOrder.doc_id, PickList.pick_no, PickListOrder.seq)
                           .join(PickList, PickList.pick_id == PickListOrder.pick_id)
                           .where(PickListOrder.doc_id.in_(doc_ids)).order_by(PickList.pick_id))
    return {doc_id: (no, seq) for doc_id, no, seq in rows}


# ---------------------------------------------------------------------------- overview


@dataclass
class GoodsToPick:
    spec: Spec
    goods: Goods
    defect: bool
    batch_no: str
    expire: Any
    batch_id: int = 0
    num: Decimal = ZERO
    stockouts: list[dict[str, Any]] = field(default_factory=list)


def overview(session: Reader, tenant_id: int, pick_no: str, permitted: frozenset[str] | None) -> dict[str, Any]:
    pick = find_pick_list(session, tenant_id, pick_no)
    ensure_warehouse_permitted(session, pick.warehouse_id, permitted)
    seq = {o.doc_id: o.seq for o in pick.orders}
    docs = [d for d in _docs(session, pick) if d.status != StockoutStatus.CANCELLED]
    groups: dict[tuple[int, bool, str], GoodsToPick] = {}
    for doc in docs:
        for line in doc.lines:
            key = (line.spec_id, line.defect, line.batch_no)
            if key not in groups:
                spec = by_id(session, Spec, [line.spec_id]).get(line.spec_id)
                assert spec is not None
                goods = by_id(session, Goods, [spec.goods_id]).get(spec.goods_id)
                assert goods is not None
                batch = first_of(session, select(Batch).where(Batch.tenant_id == tenant_id,
                                                           Batch.batch_no == line.batch_no)) if line.batch_no else None
                groups[key] = GoodsToPick(spec, goods, line.defect, line.batch_no, line.expire_date,
                                          batch.batch_id if batch is not None else 0)
            group = groups[key]
            group.num += line.num
            sorted_num = line.num if (doc.consign_status or 0) & ConsignBit.SORTED else ZERO
            group.stockouts.append({"index": seq[doc.doc_id], "num": int(line.num), "sort_num": int(sorted_num),
                                    "stockout_id": doc.doc_id, "logistics_no": doc.logistics_no,
                                    "stockout_no": doc.doc_no})
    return {"pick": pick, "order_count": len(docs),
            "goods": [(g, _positions(session, tenant_id, pick.warehouse_id, g)) for g in groups.values()]}


def _positions(session: Reader, tenant_id: int, warehouse_id: int, g: GoodsToPick) -> list[dict[str, Any]]:
    """Positions holding the spec, in pick order, with their batches (the default position when none)."""
    row = inventory.stock_row(session, warehouse_id, g.spec.spec_id, g.defect)
    details = [] if row is None else [d for d in pick_order(scalars_of(
        session, select(StockDetail).where(StockDetail.stock_id == row.rec_id))) if d.stock_num > 0]
    by_position: dict[int, list[StockDetail]] = {}
    for d in details:
        by_position.setdefault(d.position_id, []).append(d)
    shown: dict[int, Any] = {}
    if not by_position:  # a read finds the default position (a write makes it when missing)
        default = default_position_of(session, tenant_id, warehouse_id)
        by_position[default.position_id], shown[default.position_id] = [], default
    batch_ids = dict(session.execute(select(Batch.batch_no, Batch.batch_id).where(
        Batch.tenant_id == tenant_id, Batch.batch_no.in_({d.batch_no for d in details if d.batch_no}))).all())
    out = []
    for position_id, rows in by_position.items():
        position = shown.get(position_id) or by_id(session, Position, [position_id]).get(position_id)
        assert position is not None
        out.append({"position_id": position_id, "position_no": position.position_no,
                    "sort_no": position.position_no, "zone_id": 0, "zone_no": position.zone_no,
                    "stock_detail_list": [{"batch_id": batch_ids.get(d.batch_no, 0), "batch_no": d.batch_no,
                                           "expire_date": "" if d.expire_date in (None, NO_EXPIRY) else d.expire_date,
                                           "stock_num": int(d.stock_num)} for d in rows]})
    return out
