"""Serial numbers (SN) on stock documents and their life: recorded, in stock, held, gone.

A stockin records new SNs (`GoodsSn` 10 初始录入, or 15 二次录入 for one that left before); its check
puts them in stock (20). A stockout takes SNs that are in stock in its warehouse (30 已占用); its check
takes them out (40). Cancelling a document gives its SNs back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents.models import DocumentSn, GoodsSn, StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import SnStatus, StockinStatus, StockoutStatus
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.queries import among, equal_if_given, in_window
from wdterp.protocol.errors import business_error

#: (sn, second_sn) as sent in sn_list / sn_new_list
SnEntry = tuple[str, str]


def entries(sn_list: Sequence[Any] | None, sn_new_list: Sequence[dict[str, Any]] | None) -> list[SnEntry]:
    """The SNs of a line: `sn_list` wins over `sn_new_list` (as the pages say)."""
    if sn_list:
        return [(str(sn).strip(), "") for sn in sn_list if str(sn).strip()]
    return [(str(x.get("sn_no", "")).strip(), str(x.get("sn_suite_no") or "")) for x in sn_new_list or ()
            if str(x.get("sn_no", "")).strip()]


def attach(session: Session, doc: StockDocument, line: StockDocumentLine, spec_no: str,
           sns: Sequence[SnEntry], exact: bool = False) -> None:
    """Record SNs on a document line; `exact`: their count must equal the line's quantity."""
    if not sns:
        return
    existing = set(session.scalars(select(DocumentSn.sn).where(DocumentSn.doc_id == doc.doc_id,
                                                               DocumentSn.spec_id == line.spec_id)))
    seen: set[str] = set()
    for sn, _ in sns:
        if sn in seen or sn in existing:
            raise business_error(f"序列号{sn}重复", f"SN {sn!r} of {spec_no} repeated on {doc.doc_no}")
        seen.add(sn)
    count = len(existing) + len(sns)
    if count > line.num or (exact and count != line.num):
        raise business_error("序列号个数要与数量保持一致",
                             f"{spec_no}: {count} SNs for quantity {line.num} on {doc.doc_no}")
    for sn, second in sns:
        _take(session, doc, line.spec_id, spec_no, sn, second)
        session.add(DocumentSn(tenant_id=doc.tenant_id, doc_id=doc.doc_id, line_id=line.rec_id,
                               spec_id=line.spec_id, sn=sn, second_sn=second, defect=line.defect))
    session.flush()


def _take(session: Session, doc: StockDocument, spec_id: int, spec_no: str, sn: str, second: str) -> None:
    row = session.scalar(select(GoodsSn).where(GoodsSn.tenant_id == doc.tenant_id, GoodsSn.spec_id == spec_id,
                                               GoodsSn.sn == sn))
    if doc.direction == "in":
        if row is not None and row.status != SnStatus.OUT:
            raise business_error(f"序列号{sn}已存在", f"SN {sn!r} of {spec_no} is in status {row.status}")
        if row is None:
            row = GoodsSn(tenant_id=doc.tenant_id, spec_id=spec_id, sn=sn, status=SnStatus.INITIAL)
            session.add(row)
        else:
            row.status = SnStatus.SECOND_ENTRY
        row.stockin_no, row.second_sn = doc.doc_no, second or row.second_sn or ""
    else:
        if row is None or row.status != SnStatus.IN_STOCK or row.warehouse_id != doc.warehouse_id:
            raise business_error(f"序列号{sn}不在库", f"SN {sn!r} of {spec_no} is not in stock in the warehouse")
        row.status, row.stockout_no = SnStatus.OCCUPIED, doc.doc_no
    row.src_order_no, row.src_order_type = doc.src_order_no or doc.doc_no, doc.order_type


def _rows(session: Session, doc: StockDocument) -> list[GoodsSn]:
    number = GoodsSn.stockin_no if doc.direction == "in" else GoodsSn.stockout_no
    sns = select(DocumentSn.sn).where(DocumentSn.doc_id == doc.doc_id)
    return list(session.scalars(select(GoodsSn).where(GoodsSn.tenant_id == doc.tenant_id, number == doc.doc_no,
                                                      GoodsSn.sn.in_(sns))))


def on_check(session: Session, doc: StockDocument) -> None:
    for row in _rows(session, doc):
        if doc.direction == "in":
            row.status, row.warehouse_id = SnStatus.IN_STOCK, doc.warehouse_id
        else:
            row.status = SnStatus.OUT


def on_cancel(session: Session, doc: StockDocument) -> None:
    for row in _rows(session, doc):
        if doc.direction == "out":
            row.status, row.stockout_no = SnStatus.IN_STOCK, ""
        elif row.status == SnStatus.INITIAL:
            session.delete(row)
        else:
            row.status, row.stockin_no = SnStatus.OUT, ""
    session.execute(delete(DocumentSn).where(DocumentSn.doc_id == doc.doc_id))


def count_on(session: Session, doc_id: int) -> int:
    return int(session.scalar(select(func.count()).where(DocumentSn.doc_id == doc_id)) or 0)


# ---------------------------------------------------------------------------- queries


def document_sn_query(tenant_id: int, direction: str, filters: dict[str, Any],
                      permitted: frozenset[str] | None) -> Select[Any]:
    """SN records of completed stockins/stockouts (`searchSN`): (DocumentSn, StockDocument, spec_no)."""
    completed = StockinStatus.COMPLETED if direction == "in" else StockoutStatus.COMPLETED
    stmt: Any = (select(DocumentSn, StockDocument, Spec.spec_no)
            .join(StockDocument, StockDocument.doc_id == DocumentSn.doc_id)
            .join(Spec, Spec.spec_id == DocumentSn.spec_id)
            .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
            .where(DocumentSn.tenant_id == tenant_id, StockDocument.direction == direction,
                   StockDocument.status == completed)
            .order_by(DocumentSn.rec_id))
    number = filters.get("stockin_no") if direction == "in" else filters.get("stockout_no")
    stmt = equal_if_given(stmt, [(StockDocument.doc_no, number)])
    stmt = in_window(stmt, DocumentSn.created, filters.get("start_time"), filters.get("end_time"))
    allowed = among(Warehouse.warehouse_no, permitted)
    return stmt if allowed is None else stmt.where(allowed)


def goods_sn_query(tenant_id: int, f: dict[str, Any], permitted: frozenset[str] | None) -> Select[Any]:
    """The SN register (wms.GoodsSN.queryWithDetail): (GoodsSn, spec_no, Warehouse | None)."""
    stmt: Any = (select(GoodsSn, Spec.spec_no, Warehouse)
            .join(Spec, Spec.spec_id == GoodsSn.spec_id)
            .outerjoin(Warehouse, Warehouse.warehouse_id == GoodsSn.warehouse_id)
            .where(GoodsSn.tenant_id == tenant_id).order_by(GoodsSn.rec_id))
    if f.get("order_type", 0) == 1:
        stmt = stmt.where(GoodsSn.stockin_no != "")
    else:
        stmt = stmt.where(GoodsSn.stockout_no != "")
    if f.get("order_no"):
        stmt = stmt.where((GoodsSn.stockin_no == f["order_no"]) | (GoodsSn.stockout_no == f["order_no"]))
    stmt = equal_if_given(stmt, [(GoodsSn.src_order_type, f.get("src_order_type")), (GoodsSn.sn, f.get("sn")),
                                 (Spec.spec_no, f.get("spec_no")), (GoodsSn.status, f.get("status")),
                                 (Warehouse.warehouse_no, f.get("warehouse_no"))])
    column: Any = GoodsSn.modified if f.get("time_type") == 1 else GoodsSn.created
    stmt = in_window(stmt, column, f.get("start_time"), f.get("end_time"))
    if permitted is not None:
        stmt = stmt.where((Warehouse.warehouse_no.is_(None)) | Warehouse.warehouse_no.in_(sorted(permitted)))
    return stmt


__all__ = ["attach", "document_sn_query", "entries", "goods_sn_query", "on_cancel", "on_check"]
