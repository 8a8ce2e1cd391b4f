"""Tenant and app administration, and the snapshot of an app the gateway caches."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.tenancy.models import App, Tenant

DEFAULT_RATE_LIMIT = 600
DEFAULT_CONCURRENCY_LIMIT = 20


class AdminError(ValueError):
    """An administrative request that cannot be carried out (unknown sid, duplicate key...)."""


@dataclass(frozen=True)
class AppAccess:
    """What the gateway needs to know about an app, cached off the database."""

    tenant_id: int
    sid: str
    tenant_enabled: bool
    key: str
    secret: str
    salt: str
    enabled: bool
    ip_whitelist: tuple[str, ...]
    dynamic_password: bool
    methods: frozenset[str] | None
    internal: bool
    shops: frozenset[str] | None
    warehouses: frozenset[str] | None
    create_trade: bool
    rate_limit: int
    concurrency_limit: int
    settings: dict[str, Any] = field(default_factory=dict, compare=False)

    def may_use_shop(self, shop_no: str) -> bool:
        return self.shops is None or shop_no in self.shops

    def may_use_warehouse(self, warehouse_no: str) -> bool:
        return self.warehouses is None or warehouse_no in self.warehouses


def _frozen(values: list[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def access_of(tenant: Tenant, app: App, default_rate: int, default_concurrency: int) -> AppAccess:
    return AppAccess(
        tenant_id=tenant.id, sid=tenant.sid, tenant_enabled=tenant.enabled, key=app.key,
        secret=app.secret, salt=app.salt, enabled=app.enabled,
        ip_whitelist=tuple(app.ip_whitelist or ()), dynamic_password=app.dynamic_password,
        methods=_frozen(app.methods), internal=app.internal, shops=_frozen(app.shops),
        warehouses=_frozen(app.warehouses), create_trade=app.create_trade,
        rate_limit=app.rate_limit or default_rate,
        concurrency_limit=app.concurrency_limit or default_concurrency,
        settings=dict(tenant.settings or {}),
    )


def find_tenant(session: Session, sid: str) -> Tenant | None:
    return session.scalar(select(Tenant).where(Tenant.sid == sid))


def get_tenant(session: Session, sid: str) -> Tenant:
    tenant = find_tenant(session, sid)
    if tenant is None:
        raise AdminError(f"no tenant with sid {sid!r}")
    return tenant


def settings_of(session: Session, tenant_id: int) -> dict[str, Any]:
    """A copy of the tenant's settings (empty for an unknown tenant)."""
    tenant = session.get(Tenant, tenant_id)
    return dict(tenant.settings or {}) if tenant is not None else {}


def find_app(session: Session, tenant_id: int, key: str) -> App | None:
    return session.scalar(select(App).where(App.tenant_id == tenant_id, App.key == key))


def create_tenant(session: Session, sid: str, name: str = "") -> Tenant:
    if find_tenant(session, sid) is not None:
        raise AdminError(f"tenant {sid!r} exists")
    tenant = Tenant(sid=sid, name=name or sid, enabled=True, settings={})
    session.add(tenant)
    session.flush()
    return tenant


def update_tenant(session: Session, sid: str, *, enabled: bool | None = None,
                  settings: dict[str, Any] | None = None, name: str | None = None) -> Tenant:
    tenant = get_tenant(session, sid)
    if enabled is not None:
        tenant.enabled = enabled
    if name is not None:
        tenant.name = name
    if settings:
        tenant.settings = {**(tenant.settings or {}), **settings}
    return tenant


def create_app(session: Session, sid: str, key: str | None = None, **options: Any) -> App:
    tenant = get_tenant(session, sid)
    key = key or f"{sid}-api{secrets.token_hex(3)}"
    if find_app(session, tenant.id, key) is not None:
        raise AdminError(f"app {key!r} exists for {sid!r}")
    app = App(tenant_id=tenant.id, key=key, secret=secrets.token_hex(16), salt=secrets.token_hex(8),
              enabled=True, ip_whitelist=[], dynamic_password=False, methods=None, internal=False,
              shops=None, warehouses=None, create_trade=True)
    session.add(app)
    _apply(app, options)
    session.flush()
    return app


_APP_OPTIONS = {"enabled", "ip_whitelist", "dynamic_password", "methods", "internal", "shops",
                "warehouses", "rate_limit", "concurrency_limit", "create_trade"}


def update_app(session: Session, sid: str, key: str, **options: Any) -> App:
    tenant = get_tenant(session, sid)
    app = find_app(session, tenant.id, key)
    if app is None:
        raise AdminError(f"no app {key!r} for {sid!r}")
    _apply(app, options)
    return app


def _apply(app: App, options: dict[str, Any]) -> None:
    for name, value in options.items():
        if name not in _APP_OPTIONS:
            raise AdminError(f"unknown app option {name!r}")
        if value is not None:
            setattr(app, name, value)


def issued_secret(app: App) -> str:
    return f"{app.secret}:{app.salt}"


def load_access(
    session: Session, sid: str, key: str, default_rate: int = DEFAULT_RATE_LIMIT,
    default_concurrency: int = DEFAULT_CONCURRENCY_LIMIT,
) -> tuple[Tenant | None, AppAccess | None]:
    tenant = find_tenant(session, sid)
    if tenant is None:
        return None, None
    app = find_app(session, tenant.id, key)
    if app is None:
        return tenant, None
    return tenant, access_of(tenant, app, default_rate, default_concurrency)


def list_tenants(session: Session) -> list[Tenant]:
    return list(session.scalars(select(Tenant).order_by(Tenant.sid)))


def list_apps(session: Session, sid: str | None = None) -> list[tuple[str, App]]:
    """(sid, app) of every app, or of one tenant's."""
    stmt = select(Tenant.sid, App).join(App, App.tenant_id == Tenant.id).order_by(Tenant.sid, App.key)
    if sid is not None:
        stmt = stmt.where(Tenant.sid == sid)
    return [(row[0], row[1]) for row in session.execute(stmt)]


def rotate_secret(session: Session, sid: str, key: str) -> App:
    """A new secret and salt: the old ones stop working at once."""
    app = update_app(session, sid, key)
    app.secret, app.salt = secrets.token_hex(16), secrets.token_hex(8)
    session.flush()
    return app


#: app options whose None has a meaning (all methods/shops/warehouses, the default limit)
NULLABLE_APP_OPTIONS = frozenset({"methods", "shops", "warehouses", "rate_limit", "concurrency_limit"})


def set_app_options(session: Session, sid: str, key: str, options: dict[str, Any]) -> App:
    """Apply the given options; an explicit None resets a nullable option (all / the default)."""
    app = update_app(session, sid, key, **{k: v for k, v in options.items() if v is not None})
    for name in NULLABLE_APP_OPTIONS & {k for k, v in options.items() if v is None}:
        setattr(app, name, None)
    session.flush()
    return app
