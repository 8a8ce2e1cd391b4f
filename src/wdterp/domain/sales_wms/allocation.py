"""分配明细: the positions, batches and expiries a sales stockout's lines leave from.

Recorded just before the stockout's stock moves (the engine's before-check hook), by the same rule the
inventory applies to a movement out (`inventory.detail`: the named position/batch/expiry first, then
FEFO over the other detail rows), so what is recorded is what leaves.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.detail import NO_EXPIRY, default_position_id, pick_order
from wdterp.domain.inventory.models import StockDetail
from wdterp.domain.queries import Reader, scalars_of
from wdterp.domain.sales_wms.models import Allocation

ZERO = Decimal(0)


def allocate(session: Session, doc: StockDocument) -> list[Allocation]:
    session.execute(delete(Allocation).where(Allocation.doc_id == doc.doc_id))
    # what each stock detail row still holds, as the movements of this document take from it
    left: dict[int, Decimal] = {}
    out: list[Allocation] = []
    for line in sorted(doc.lines, key=lambda x: (x.spec_id, x.defect)):
        out.extend(_allocate_line(session, doc, line, left))
    session.add_all(out)
    session.flush()
    return out


def _allocate_line(session: Session, doc: StockDocument, line: StockDocumentLine,
                   left: dict[int, Decimal]) -> list[Allocation]:
    row = inventory.stock_row(session, doc.warehouse_id, line.spec_id, line.defect)
    details = list(session.scalars(select(StockDetail).where(StockDetail.stock_id == row.rec_id))) \
        if row is not None else []

    def named(d: StockDetail) -> bool:
        return ((line.position_id is None or d.position_id == line.position_id)
                and (not line.batch_no or d.batch_no == line.batch_no)
                and (line.expire_date is None or d.expire_date == line.expire_date))

    ordered = [d for d in pick_order(details) if named(d)] + [d for d in pick_order(details) if not named(d)]
    need, out = line.num, []
    for d in ordered:
        if need <= 0:
            break
        have = left.get(d.rec_id, d.stock_num)
        taken = min(have, need)
        if taken <= 0:
            continue
        left[d.rec_id] = have - taken
        need -= taken
        out.append(_row(doc, line, d.position_id, d.batch_no, d.expire_date, d.production_date, taken))
    if need > 0:
        out.append(_row(doc, line, default_position_id(session, doc.tenant_id, doc.warehouse_id), "", None, None,
                        need))
    return out


def _row(doc: StockDocument, line: StockDocumentLine, position_id: int, batch_no: str, expire: date | None,
         produced: date | None, num: Decimal) -> Allocation:
    return Allocation(tenant_id=doc.tenant_id, doc_id=doc.doc_id, line_id=line.rec_id, spec_id=line.spec_id,
                      position_id=position_id, batch_no=batch_no,
                      expire_date=None if expire in (None, NO_EXPIRY) else expire, production_date=produced, num=num)


def allocations_of(session: Reader, doc_ids: list[int]) -> dict[int, list[Allocation]]:
    """Allocation rows by stockout line id."""
    out: dict[int, list[Allocation]] = {}
    if not doc_ids:
        return out
    for a in scalars_of(session, select(Allocation).where(Allocation.doc_id.in_(doc_ids)).order_by(Allocation.rec_id)):
        out.setdefault(a.line_id, []).append(a)
    return out
