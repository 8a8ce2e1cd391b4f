"""The admin HTTP API under `/admin/`: tenants, apps and ERP-side operations, as JSON.

Every request carries `Authorization: Bearer <token>` (GatewayConfig.admin_token, env
WDTERP_ADMIN_TOKEN). Without a configured token the admin API answers 403 to everything; a missing
header is 401, a wrong token 403. Changes invalidate the gateway's access cache at once, so a new or
changed app is in effect for the very next call.

    POST  /admin/tenants             {"sid", "name"?}                       -> 201 tenant
    PATCH /admin/tenants/{sid}       {"enabled"?, "name"?, "settings"?}     -> tenant
    POST  /admin/apps                {"sid", "key"?, <app options>}         -> 201 {"sid","key","secret"}
    PATCH /admin/apps/{sid}/{key}    {<app options>}  (null = all / default) -> app
    GET   /admin/ops                                                        -> {"operations": [...]}
    POST  /admin/ops/{name}          {"sid", <params>}                      -> {"operation","sid","result"}
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from wdterp.api.ops import OperationError, UnknownOperation, all_operations, run_operation
from wdterp.domain.masterdata.service import seed_tenant
from wdterp.domain.tenancy import service as tenancy
from wdterp.domain.tenancy.models import App, Tenant
from wdterp.gateway.access import AccessCache
from wdterp.storage.db import Database

_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

Endpoint = Callable[[Request], Awaitable[Response]]


class AdminFailure(Exception):
    def __init__(self, status: int, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.status = status
        self.body = {"error": error, **extra}


def json_response(body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body, default=str), status_code=status,
                    media_type="application/json", headers=dict(headers or {}))


# ---------------------------------------------------------------------------- shared with the CLI


class AppOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool | None = None
    ip_whitelist: list[str] | None = None
    dynamic_password: bool | None = None
    methods: list[str] | None = None
    internal: bool | None = None
    shops: list[str] | None = None
    warehouses: list[str] | None = None
    create_trade: bool | None = None
    rate_limit: int | None = Field(default=None, ge=1)
    concurrency_limit: int | None = Field(default=None, ge=1)


class NewApp(AppOptions):
    sid: str = Field(min_length=1, max_length=64)
    key: str | None = Field(default=None, min_length=1, max_length=64)


class NewTenant(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sid: str = Field(min_length=1, max_length=64)
    name: str = Field(default="", max_length=128)


class TenantChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool | None = None
    name: str | None = Field(default=None, max_length=128)
    settings: dict[str, Any] | None = None


def provision_tenant(session: Session, sid: str, name: str = "") -> Tenant:
    """A new tenant with the label and reason sets every tenant starts with."""
    tenant = tenancy.create_tenant(session, sid, name=name)
    seed_tenant(session, tenant.id)
    return tenant


def update_app_options(session: Session, sid: str, key: str, options: Mapping[str, Any]) -> App:
    """Apply the given options; an explicit None resets a nullable option (all / the default)."""
    return tenancy.set_app_options(session, sid, key, dict(options))


def describe_app(sid: str, app: App) -> dict[str, Any]:
    return {"sid": sid, "key": app.key, "enabled": app.enabled, "ip_whitelist": list(app.ip_whitelist or []),
            "dynamic_password": app.dynamic_password, "methods": app.methods, "internal": app.internal,
            "shops": app.shops, "warehouses": app.warehouses, "create_trade": app.create_trade,
            "rate_limit": app.rate_limit, "concurrency_limit": app.concurrency_limit}


def describe_tenant(tenant: Tenant) -> dict[str, Any]:
    return {"sid": tenant.sid, "name": tenant.name, "enabled": tenant.enabled,
            "settings": dict(tenant.settings or {})}


# ---------------------------------------------------------------------------- HTTP


class AdminApi:
    def __init__(self, db: Database, cache: AccessCache, token: str | None) -> None:
        self.db = db
        self.cache = cache
        self.token = token

    def routes(self) -> list[BaseRoute]:
        return [
            self._route("/tenants", POST=self.create_tenant),
            self._route("/tenants/{sid}", PATCH=self.update_tenant),
            self._route("/apps", POST=self.create_app),
            self._route("/apps/{sid}/{key}", PATCH=self.update_app),
            self._route("/ops", GET=self.list_ops),
            self._route("/ops/{name}", POST=self.run_op),
            self._route("/{path:path}"),
        ]

    def _route(self, path: str, **handlers: Callable[[Request], Any]) -> Route:
        async def endpoint(request: Request) -> Response:
            try:
                self._authorize(request)
                handler = handlers.get(request.method)
                if handler is None:
                    if not handlers:
                        raise AdminFailure(404, f"no admin endpoint {request.url.path}")
                    raise AdminFailure(405, f"{request.method} is not allowed here; use "
                                            f"{', '.join(handlers)}")
                status, body = await handler(request)
                return json_response(body, status)
            except AdminFailure as failure:
                headers = {"WWW-Authenticate": "Bearer"} if failure.status == 401 else None
                return json_response(failure.body, failure.status, headers)

        return Route(path, endpoint, methods=_ALL_METHODS)

    def _authorize(self, request: Request) -> None:
        if not self.token:
            raise AdminFailure(403, "the admin API is disabled: no admin token is configured "
                                    "(set WDTERP_ADMIN_TOKEN)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise AdminFailure(401, "missing admin token: send 'Authorization: Bearer <token>'")
        if not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise AdminFailure(403, "wrong admin token")

    async def _body(self, request: Request) -> dict[str, Any]:
        raw = await request.body()
        try:
            body = orjson.loads(raw) if raw.strip() else {}
        except orjson.JSONDecodeError as exc:
            raise AdminFailure(400, f"the body is not JSON: {exc}") from exc
        if not isinstance(body, dict):
            raise AdminFailure(400, "the body must be a JSON object")
        return body

    async def _write(self, work: Callable[[Session], Any]) -> Any:
        def run() -> Any:
            with self.db.transaction() as session:
                return work(session)

        try:
            result = await run_in_threadpool(run)
        except UnknownOperation as exc:
            raise AdminFailure(404, str(exc)) from exc
        except (tenancy.AdminError, OperationError) as exc:
            raise AdminFailure(400, str(exc)) from exc
        self.cache.invalidate()
        return result

    @staticmethod
    def _parse(model: type[BaseModel], body: dict[str, Any]) -> Any:
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            raise AdminFailure(400, "invalid request", details=orjson.loads(exc.json(include_url=False))) \
                from exc

    async def create_tenant(self, request: Request) -> tuple[int, Any]:
        new: NewTenant = self._parse(NewTenant, await self._body(request))

        def work(session: Session) -> dict[str, Any]:
            if tenancy.find_tenant(session, new.sid) is not None:
                raise AdminFailure(409, f"tenant {new.sid!r} exists")
            return describe_tenant(provision_tenant(session, new.sid, new.name))

        return 201, await self._write(work)

    async def update_tenant(self, request: Request) -> tuple[int, Any]:
        change: TenantChange = self._parse(TenantChange, await self._body(request))
        sid = request.path_params["sid"]

        def work(session: Session) -> dict[str, Any]:
            _tenant_or_404(session, sid)
            return describe_tenant(tenancy.update_tenant(session, sid, enabled=change.enabled,
                                                         name=change.name, settings=change.settings))

        return 200, await self._write(work)

    async def create_app(self, request: Request) -> tuple[int, Any]:
        new: NewApp = self._parse(NewApp, await self._body(request))
        options = new.model_dump(exclude={"sid", "key"}, exclude_none=True)

        def work(session: Session) -> dict[str, Any]:
            tenant = _tenant_or_404(session, new.sid)
            if new.key and tenancy.find_app(session, tenant.id, new.key) is not None:
                raise AdminFailure(409, f"app {new.key!r} exists for {new.sid!r}")
            app = tenancy.create_app(session, new.sid, new.key, **options)
            return {"sid": new.sid, "key": app.key, "secret": tenancy.issued_secret(app)}

        return 201, await self._write(work)

    async def update_app(self, request: Request) -> tuple[int, Any]:
        change: AppOptions = self._parse(AppOptions, await self._body(request))
        sid, key = request.path_params["sid"], request.path_params["key"]
        options = {name: getattr(change, name) for name in change.model_fields_set}

        def work(session: Session) -> dict[str, Any]:
            tenant = _tenant_or_404(session, sid)
            if tenancy.find_app(session, tenant.id, key) is None:
                raise AdminFailure(404, f"no app {key!r} for {sid!r}")
            return describe_app(sid, update_app_options(session, sid, key, options))

        return 200, await self._write(work)

    async def list_ops(self, request: Request) -> tuple[int, Any]:
        return 200, {"operations": [op.describe() for op in all_operations().values()]}

    async def run_op(self, request: Request) -> tuple[int, Any]:
        body = await self._body(request)
        name = request.path_params["name"]
        sid = body.pop("sid", None)
        if not isinstance(sid, str) or not sid:
            raise AdminFailure(400, "'sid' is required")
        result = await self._write(lambda s: run_operation(s, name, sid, body))
        return 200, {"operation": name, "sid": sid, "result": result}


def _tenant_or_404(session: Session, sid: str) -> Tenant:
    tenant = tenancy.find_tenant(session, sid)
    if tenant is None:
        raise AdminFailure(404, f"no tenant with sid {sid!r}")
    return tenant


def admin_routes(db: Database, cache: AccessCache, token: str | None) -> list[BaseRoute]:
    return AdminApi(db, cache, token).routes()
