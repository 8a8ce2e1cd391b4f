from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.storage.base import Base


class CallLog(Base):
    __tablename__ = "call_log"
    __table_args__ = (Index("ix_call_log_time", "time"), Index("ix_call_log_sid_method", "sid", "method"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[datetime] = mapped_column(DateTime)
    request_id: Mapped[str] = mapped_column(String(32), unique=True)
    sid: Mapped[str] = mapped_column(String(64), default="")
    key: Mapped[str] = mapped_column(String(64), default="")
    method: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(String(512), default="")
    latency_ms: Mapped[float] = mapped_column(Float)
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    #: the full reason of a failure: which field and rule; for a sign failure the signed string
    #: with the secret left out. Never a secret or a sign.
    detail: Mapped[str] = mapped_column(Text, default="")
    #: the request body and the answer, kept only when body capture is on (`serve --capture-bodies`);
    #: neither ever holds a secret (the sign and secret travel in the query string, never kept)
    request_body: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    response_body: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
