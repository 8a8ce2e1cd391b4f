"""The lines of a page of stock documents as Core rows: each line with its spec, goods, brand,
position and batch, in one statement built once (the read path of the document queries)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, bindparam, select

from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.documents.models import StockDocumentLine
from wdterp.domain.inventory.models import Batch, Position

#: what a line shows of its spec and goods, named as the document pages name them
SPEC_COLUMNS = (Spec.goods_id, Spec.spec_no, Spec.spec_name, Spec.spec_code, Spec.barcode, Spec.prop2,
                Spec.weight.label("unit_weight"), Spec.aux_unit_name, Goods.goods_no, Goods.goods_name,
                Goods.goods_type, Goods.short_name, Goods.unit_name.label("goods_unit"), Brand.brand_no,
                Brand.brand_name)


def with_goods(stmt: Any, spec_id: Any) -> Any:
    """`stmt` outer-joined to the spec, goods and brand of `spec_id`."""
    return (stmt.outerjoin(Spec, Spec.spec_id == spec_id).outerjoin(Goods, Goods.goods_id == Spec.goods_id)
            .outerjoin(Brand, Brand.brand_id == Goods.brand_id))


DOCUMENT_LINES = with_goods(
    select(*StockDocumentLine.__table__.c, *SPEC_COLUMNS, Spec.unit_name.label("spec_unit"),
           Position.position_no, Batch.batch_id).select_from(StockDocumentLine),
    StockDocumentLine.spec_id,
).outerjoin(Position, Position.position_id == StockDocumentLine.position_id).outerjoin(
    Batch, and_(Batch.batch_no == StockDocumentLine.batch_no, Batch.batch_no != "",
                Batch.tenant_id == bindparam("tenant_id"))
).where(StockDocumentLine.doc_id.in_(bindparam("ids", expanding=True))).order_by(
    StockDocumentLine.doc_id, StockDocumentLine.rec_id)

_CHUNK = 500


def grouped(conn: Connection, stmt: Any, key: str, ids: Iterable[int], **values: Any) -> dict[int, list[Any]]:
    """Rows of `stmt` (filtered by the `ids` of their owners, column `key`) grouped by owner, in order."""
    keys = sorted({i for i in ids if i})
    out: dict[int, list[Any]] = {key: [] for key in keys}
    for at in range(0, len(keys), _CHUNK):
        for row in conn.execute(stmt, {"ids": keys[at:at + _CHUNK], **values}):
            out[getattr(row, key)].append(row)
    return out


def document_lines(conn: Connection, tenant_id: int, doc_ids: Iterable[int]) -> dict[int, list[Any]]:
    """doc_id → its lines (rows of DOCUMENT_LINES)."""
    return grouped(conn, DOCUMENT_LINES, "doc_id", doc_ids, tenant_id=tenant_id)
