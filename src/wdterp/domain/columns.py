"""Column helpers shared by the models of every context."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

ZERO = Decimal(0)


def tenant_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"), index=True)


def text(length: int) -> Mapped[str]:
    return mapped_column(String(length), default="")


def money() -> Mapped[Decimal]:
    """Decimal(19,4), the vendor's type for amounts, prices and quantities."""
    return mapped_column(Numeric(19, 4), default=ZERO)


def integer(default: int = 0) -> Mapped[int]:
    return mapped_column(Integer, default=default)


def flag(default: bool = False) -> Mapped[bool]:
    return mapped_column(Boolean, default=default)


def when() -> Mapped[datetime | None]:
    return mapped_column(DateTime, nullable=True)


class CustomProps:
    """自定义属性 prop1 … prop6: free text the vendor carries on goods, specs, suites and orders."""

    prop1: Mapped[str] = mapped_column(String(255), default="")
    prop2: Mapped[str] = mapped_column(String(255), default="")
    prop3: Mapped[str] = mapped_column(String(255), default="")
    prop4: Mapped[str] = mapped_column(String(255), default="")
    prop5: Mapped[str] = mapped_column(String(255), default="")
    prop6: Mapped[str] = mapped_column(String(255), default="")
