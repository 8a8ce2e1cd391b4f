"""Tenants and apps. An app is an API employee of a tenant: its key is the employee no."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from wdterp.storage.base import Base, Timestamps


class Tenant(Timestamps, Base):
    __tablename__ = "tenant"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: tenant settings the vendor's error fixes mention (decimal quantities, batch required, ...)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class App(Timestamps, Base):
    __tablename__ = "app"
    __table_args__ = (UniqueConstraint("tenant_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    secret: Mapped[str] = mapped_column(String(128))
    salt: Mapped[str] = mapped_column(String(128))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: allowed client addresses or networks; empty = any
    ip_whitelist: Mapped[list[str]] = mapped_column(JSON, default=list)
    dynamic_password: Mapped[bool] = mapped_column(Boolean, default=False)
    #: granted methods; None = all
    methods: Mapped[list[str] | None] = mapped_column(JSON, nullable=True, default=None)
    #: may call methods reserved for the internal (Qimen) channel
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    #: permitted shop / warehouse numbers; None = all
    shops: Mapped[list[str] | None] = mapped_column(JSON, nullable=True, default=None)
    warehouses: Mapped[list[str] | None] = mapped_column(JSON, nullable=True, default=None)
    #: may create trades by hand (completed-trade import)
    create_trade: Mapped[bool] = mapped_column(Boolean, default=True)
    rate_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    concurrency_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
