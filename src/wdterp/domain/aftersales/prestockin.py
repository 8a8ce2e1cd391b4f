"""Pre-stockins (退货预入库单, src 22, states.md §14): returned goods received before their refund is known,
checked into stock through the document engine. Codes: the stockin's (20 编辑中 at create, 30 待审核,
80 已完成 once checked, 10 已取消 from 20/30)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Barcode, Goods, Spec
from wdterp.domain.documents import engine
from wdterp.domain.documents.engine import Kind
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import OrderType, StockinStatus
from wdterp.domain.masterdata.models import Logistics, Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.protocol.errors import business_error
from wdterp.storage.prepared import Bound, Search, before, equal, permitted, since

PRE_STOCKIN = Kind("in", OrderType.PRE_STOCKIN, "YR")
CANCELLABLE = (StockinStatus.EDITING, StockinStatus.AWAITING_CHECK)


def create(session: Session, tenant_id: int, warehouse: Warehouse, values: dict[str, Any],
           details: Sequence[dict[str, Any]], settings: dict[str, Any], operator: str) -> StockDocument:
    """createExt: the caller's stockin_no becomes the document's number (E39 when used), else the next YR…."""
    if engine.is_external(warehouse):
        raise business_error("退货预入库不支持外部仓储", f"{warehouse.warehouse_no} is external")
    lines = engine.resolve_lines(session, tenant_id, warehouse, PRE_STOCKIN, details, settings)
    given = str(values.get("stockin_no") or "")
    number = given or next_no(session, tenant_id, PRE_STOCKIN.prefix)
    return engine.create(session, tenant_id, PRE_STOCKIN, warehouse, lines, StockinStatus.EDITING, doc_no=number,
                         outer_no=given, logistics_no=str(values.get("logistics_no") or ""),
                         remark=str(values.get("remark") or ""), prop1=str(values.get("prop1") or ""),
                         prop2=str(values.get("prop2") or ""), operator_name=operator)


def cancel(session: Session, doc: StockDocument) -> None:
    engine.cancel(session, doc, CANCELLABLE)


def _has_line(clause: Any) -> Any:
    return exists().where(StockDocumentLine.doc_id == StockDocument.doc_id).where(
        StockDocumentLine.spec_id.in_(select(Spec.spec_id).join(Goods, Goods.goods_id == Spec.goods_id)
                                      .where(clause)))


PRE_STOCKINS = Search(
    select(*StockDocument.__table__.c, Warehouse.warehouse_no, Logistics.logistics_name)
    .join(Warehouse, Warehouse.warehouse_id == StockDocument.warehouse_id)
    .outerjoin(Logistics, Logistics.logistics_id == StockDocument.logistics_id)
    .where(StockDocument.tenant_id == bindparam("tenant_id"), StockDocument.direction == "in",
           StockDocument.order_type == OrderType.PRE_STOCKIN),
    order_by=(StockDocument.modified, StockDocument.doc_id),
    filters={"warehouse_no": equal(Warehouse.warehouse_no), "stockin_no": equal(StockDocument.doc_no),
             "logistics_no": equal(StockDocument.logistics_no), "mt_from": since(StockDocument.modified),
             "mt_to": before(StockDocument.modified), "ct_from": since(StockDocument.created),
             "ct_to": before(StockDocument.created), "remark": equal(StockDocument.remark),
             "status": equal(StockDocument.status),
             "spec_no": lambda p: _has_line(Spec.spec_no == p), "goods_no": lambda p: _has_line(Goods.goods_no == p),
             "goods_name": lambda p: _has_line(Goods.goods_name == p),
             "short_name": lambda p: _has_line(Goods.short_name == p),
             "barcode": lambda p: _has_line(Spec.spec_id.in_(select(Barcode.target_id).where(
                 Barcode.target_type == 1, Barcode.barcode == p))),
             # the sender of a pre-stockin is not kept: such a filter matches nothing
             "unknown_sender": lambda _: StockDocument.doc_id < 0,
             "permitted": lambda ps: Warehouse.warehouse_no.in_(ps)})

_GIVEN = ("warehouse_no", "stockin_no", "logistics_no", "mt_from", "mt_to", "ct_from", "ct_to", "remark", "status",
          "spec_no", "goods_no", "goods_name", "short_name", "barcode")


def pre_stockins(tenant_id: int, f: dict[str, Any], allowed: frozenset[str] | None) -> Bound:
    sender = any(f.get(n) for n in ("sender_name", "buyer_nick", "sender_mobile"))
    return PRE_STOCKINS.bind(tenant_id=tenant_id, **{n: f[n] for n in _GIVEN if f.get(n) not in (None, "")},
                             unknown_sender=True if sender else None, permitted=permitted(allowed))

