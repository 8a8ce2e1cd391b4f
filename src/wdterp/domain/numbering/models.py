"""The per-day counters behind every document number."""

from __future__ import annotations

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.domain.columns import integer
from wdterp.storage.base import Base


class DocumentCounter(Base):
    """The last sequence number used per (tenant, prefix, day): `RK2026113000001`."""

    __tablename__ = "document_counter"
    __table_args__ = (UniqueConstraint("tenant_id", "prefix", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(Integer)
    prefix: Mapped[str] = mapped_column(String(8))
    day: Mapped[str] = mapped_column(String(8))
    value: Mapped[int] = integer(0)
