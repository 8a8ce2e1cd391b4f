"""The Starlette application: `POST /openapi`, and HTTP 200 + JSON for everything else too.

A non-2xx status crashes the vendor's PHP client and a non-JSON body makes it silently re-send the
request, so every answer, including errors on unknown paths and unexpected exceptions, is an
envelope. Exceptions become envelopes in ONE place: `_envelope_for`.
"""

from __future__ import annotations

import gc
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl

import orjson
from sqlalchemy.exc import DBAPIError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from wdterp.api.registry import load_all
from wdterp.api.wire import Envelope
from wdterp.gateway.access import AccessCache
from wdterp.gateway.admin import admin_routes
from wdterp.gateway.autopilot import AutopilotTask
from wdterp.gateway.calllog import CallLogWriter
from wdterp.gateway.config import GatewayConfig
from wdterp.gateway.limits import make_limits
from wdterp.gateway.pipeline import Call, Pipeline
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError
from wdterp.storage.db import Database
from wdterp.wiring import wire

log = logging.getLogger("wdterp.gateway")
JSON_TYPE = "application/json; charset=utf-8"


def _json_default(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)


_date_header: tuple[int, str] = (0, "")


def _http_date() -> str:
    """The `Date` header value, formatted once per second."""
    global _date_header
    now = int(time.time())
    if _date_header[0] != now:
        _date_header = (now, formatdate(now, usegmt=True))
    return _date_header[1]


def envelope(payload: dict[str, Any], request_id: str) -> Response:
    body = orjson.dumps(payload, default=_json_default, option=orjson.OPT_NON_STR_KEYS)
    headers = {"X-Request-Id": request_id, "Date": _http_date()}
    return Response(body, status_code=200, media_type=JSON_TYPE, headers=headers)


class Gateway:
    def __init__(self, config: GatewayConfig, db: Database | None = None) -> None:
        self.config = config
        self.db = db or Database(config.database_url)
        self.cache = AccessCache(self.db, config.access_cache_ttl, config.default_rate_limit,
                                 config.default_concurrency_limit)
        self.limits = make_limits(config.redis_url)
        self.calllog = CallLogWriter(self.db, config.call_log_flush_seconds, config.call_log_batch)
        self.pipeline = Pipeline(self.db, self.cache, self.limits, load_all())
        self.autopilot = AutopilotTask(self.db)

    async def openapi(self, request: Request) -> Response:
        call = Call(request_id=uuid.uuid4().hex, client_ip=self._client_ip(request), params={}, body=b"")
        try:
            if request.method != "POST":
                raise ApiError("E01", f"HTTP {request.method} is not accepted; use POST")
            # the raw query string as `request.url.query` gives it, without building a URL object
            call.params = dict(parse_qsl(request.scope["query_string"].decode(), keep_blank_values=True))
            call.body = await self._read_body(request)
            result = await self.pipeline.run(call)
            payload: dict[str, Any] = {"status": 0}
            if isinstance(result, Envelope):
                payload.update(result.fields)
            elif result is not None:  # a method with nothing to answer gets the bare {"status": 0}
                payload["data"] = result
        except Exception as exc:  # every failure becomes an envelope, here and nowhere else
            payload, call.detail = self._envelope_for(exc, call)
        self._log(call, payload)
        return envelope(payload, call.request_id)

    async def not_found(self, request: Request) -> Response:
        request_id = uuid.uuid4().hex
        return envelope({"status": 1, "message": "参数错误"}, request_id)

    async def _read_body(self, request: Request) -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.config.max_body_bytes:
                raise ApiError("E01", f"body larger than {self.config.max_body_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _client_ip(self, request: Request) -> str:
        forwarded = request.headers.get("x-forwarded-for")
        if forwarded and self.config.trust_forwarded:
            return forwarded.split(",")[0].strip()
        return request.client.host if request.client else ""

    def _envelope_for(self, exc: Exception, call: Call) -> tuple[dict[str, Any], str]:
        if isinstance(exc, DBAPIError):
            exc = ApiError("E12" if not self.db.reachable() else "E13", f"{type(exc.orig).__name__}")
        if isinstance(exc, ApiError):
            return {"status": exc.code, "message": exc.message}, exc.detail
        log.exception("unexpected error in request %s", call.request_id)
        return {"status": 99, "message": "其他错误"}, f"{type(exc).__name__}: {exc}"

    def _log(self, call: Call, payload: dict[str, Any]) -> None:
        self.calllog.append({
            "time": now_china(),
            "request_id": call.request_id,
            "sid": call.params.get("sid", "")[:64],
            "key": call.params.get("key", "")[:64],
            "method": call.method[:128],
            "status": payload["status"],
            "message": str(payload.get("message", ""))[:512],
            "latency_ms": round((time.perf_counter() - call.started) * 1000, 3),
            "client_ip": call.client_ip,
            "detail": call.detail,
        })

    @asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        # What startup built (modules, method docs, validation models, mappers: several hundred
        # thousand objects) lives as long as the process: out of the collector's sight, a full
        # collection no longer walks it (it took 100-200 ms, a call's latency every few hundred
        # calls of a large page)
        gc.collect()
        gc.freeze()
        self.calllog.start()
        self.autopilot.start()
        try:
            yield
        finally:
            await self.autopilot.stop()
            await self.calllog.stop()
            await self.limits.close()
            self.pipeline.close()


def create_app(config: GatewayConfig | None = None, db: Database | None = None) -> Starlette:
    wire()
    gateway = Gateway(config or GatewayConfig(), db)
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
    routes = [
        Route("/openapi", gateway.openapi, methods=methods),
        Mount("/admin", routes=admin_routes(gateway.db, gateway.cache, gateway.config.admin_token)),
        Route("/{path:path}", gateway.not_found, methods=methods),
    ]
    app = Starlette(routes=routes, lifespan=gateway.lifespan)
    app.state.gateway = gateway
    return app


def create_app_from_env() -> Starlette:
    """The app of one `wdterp serve --workers N` worker, configured from WDTERP_* variables."""
    return create_app(GatewayConfig.from_env())
