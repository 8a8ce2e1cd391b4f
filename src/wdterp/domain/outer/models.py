"""What an outsourced-warehouse adjustment adds to its stock document: the documented src_order_type."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.domain.columns import integer, tenant_fk
from wdterp.storage.base import Base


class OuterAdjust(Base):
    """外仓调整入/出库单 (WI…/WO…): a stock document (kinds 23/24) of an external warehouse."""

    __tablename__ = "outer_adjust"
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_document.doc_id", ondelete="CASCADE"), primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    #: in: 0 调整入库 · 2 调拨入库 · 10 采购入库 · 12 退货入库; out: 0 调整出库 · 2 调拨出库 · 14 采购退货出库
    src_order_type: Mapped[int] = mapped_column(Integer, default=0)
    note_count: Mapped[int] = integer(0)
