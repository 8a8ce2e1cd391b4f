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
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from email.utils import formatdate
from typing import Any
from urllib.parse import unquote_plus

import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Mount, Route, request_response
from starlette.types import Receive, Scope, Send

from wdterp import __version__
from wdterp.api.registry import load_all
from wdterp.api.wire import Envelope
from wdterp.console import ConsoleContext, console_app
from wdterp.gateway.access import AccessCache
from wdterp.gateway.admin import admin_routes
from wdterp.gateway.autopilot import AutopilotTask
from wdterp.gateway.calllog import CallLogWriter
from wdterp.gateway.config import GatewayConfig
from wdterp.gateway.failures import failure_of
from wdterp.gateway.limits import make_limits
from wdterp.gateway.pipeline import Call, Pipeline
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError
from wdterp.storage.db import Database
from wdterp.wiring import wire

log = logging.getLogger("wdterp.gateway")
JSON_TYPE = "application/json; charset=utf-8"
JSON_TYPE_BYTES = JSON_TYPE.encode()


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


#: uvicorn options of every server of ours: the gateway sends its own `Date` header (the client
#: corrects its clock from it), so uvicorn's is turned off; one `Date` per response. No access
#: log: its lines carry every query string, sign and salt included (the call log records calls)
SERVER_OPTIONS: dict[str, Any] = {"date_header": False, "access_log": False}
#: how much of a captured request or response body the call log keeps
CAPTURE_LIMIT = 64 * 1024


def captured(body: bytes) -> str:
    text = body[:CAPTURE_LIMIT].decode("utf-8", "replace")
    return text + ("…" if len(body) > CAPTURE_LIMIT else "")


def envelope_body(payload: dict[str, Any]) -> bytes:
    return orjson.dumps(payload, default=_json_default, option=orjson.OPT_NON_STR_KEYS)


def envelope(payload: dict[str, Any], request_id: str) -> Response:
    headers = {"X-Request-Id": request_id, "Date": _http_date()}
    return Response(envelope_body(payload), status_code=200, media_type=JSON_TYPE, headers=headers)


def parse_query(text: str) -> dict[str, str]:
    """The query string's parameters as `dict(parse_qsl(text, keep_blank_values=True))` gives them
    (the last of a repeated name), in a quarter of its time: only parts with escapes are unquoted."""
    params: dict[str, str] = {}
    for part in text.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if "%" in part or "+" in part:
            name, value = unquote_plus(name), unquote_plus(value)
        params[name] = value
    return params


class GatewayApp(Starlette):
    """Starlette, with `/openapi` answered before its middleware and routing: the gateway's own
    handler turns every exception into an envelope, so the stack around it (error middleware,
    exception middleware, router, Request and Response objects, ~60 us a call) had nothing to do."""

    gateway: Gateway

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/openapi" and not scope.get("root_path"):
            await self.gateway.openapi(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


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

    async def openapi(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`/openapi` as a plain ASGI callable (see `GatewayApp`): every answer an envelope."""
        call = Call(request_id=uuid.uuid4().hex, client_ip=self._client_ip(scope), params={}, body=b"")
        try:
            if scope["method"] != "POST":
                raise ApiError("E01", f"HTTP {scope['method']} is not accepted; use POST")
            call.params = parse_query(scope["query_string"].decode())
            call.body = await self._read_body(receive)
            result = await self.pipeline.run(call)
            payload: dict[str, Any] = {"status": 0}
            if isinstance(result, Envelope):
                payload.update(result.fields)
            elif result is not None:  # a method with nothing to answer gets the bare {"status": 0}
                payload["data"] = result
        except Exception as exc:  # every failure becomes an envelope, here and nowhere else
            payload, call.detail = self._envelope_for(exc, call)
        body = envelope_body(payload)
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-length", str(len(body)).encode()), (b"content-type", JSON_TYPE_BYTES),
            (b"x-request-id", call.request_id.encode()), (b"date", _http_date().encode())]})
        await send({"type": "http.response.body", "body": body})
        self._log(call, payload, body if self.config.capture_bodies else None)

    async def not_found(self, request: Request) -> Response:
        request_id = uuid.uuid4().hex
        return envelope({"status": 1, "message": "参数错误"}, request_id)

    async def _read_body(self, receive: Receive) -> bytes:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.config.max_body_bytes:
                raise ApiError("E01", f"body larger than {self.config.max_body_bytes} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _client_ip(self, scope: Scope) -> str:
        if self.config.trust_forwarded:
            for name, value in scope["headers"]:
                if name == b"x-forwarded-for":
                    return value.decode("latin-1").split(",")[0].strip()
        client = scope.get("client")
        return client[0] if client else ""

    def _envelope_for(self, exc: Exception, call: Call) -> tuple[dict[str, Any], str]:
        failure = failure_of(exc, call.request_id, self.db.reachable)
        return failure.payload, failure.detail

    async def health(self, request: Request) -> Response:
        """`GET /health`: outside the envelope (load balancers and probes read the HTTP status)."""
        if request.method not in ("GET", "HEAD"):
            return await self.not_found(request)
        reachable = await run_in_threadpool(self.db.reachable)
        body = {"status": "ok" if reachable else "unavailable", "database": "ok" if reachable else
                "unreachable", "version": __version__}
        if not reachable:
            body["reason"] = f"the database {self.db.engine.url!r} does not answer"
        return Response(orjson.dumps(body), status_code=200 if reachable else 503, media_type=JSON_TYPE,
                        headers={"Date": _http_date(), "Cache-Control": "no-store"})

    def _log(self, call: Call, payload: dict[str, Any], answer: bytes | None) -> None:
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
            "request_body": None if answer is None else captured(call.body),
            "response_body": None if answer is None else captured(answer),
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


class AnyMethod:
    """An endpoint for every HTTP method, TRACE, PROPFIND, CONNECT... included.

    A route of a plain function answers only the methods it lists, and Starlette answers the
    others with 405 text/plain: not an envelope. An ASGI app as a route's endpoint gets them all.
    """

    def __init__(self, endpoint: Callable[[Request], Awaitable[Response]]) -> None:
        self.app = request_response(endpoint)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def create_app(config: GatewayConfig | None = None, db: Database | None = None) -> Starlette:
    wire()
    gateway = Gateway(config or GatewayConfig(), db)
    console = ConsoleContext(gateway.db, gateway.cache.invalidate, gateway.config.admin_token)
    routes = [
        Route("/health", AnyMethod(gateway.health)),
        Mount("/admin", routes=admin_routes(gateway.db, gateway.cache, gateway.config.admin_token)),
        Mount("/console", app=console_app(console)),
        Route("/{path:path}", AnyMethod(gateway.not_found)),
    ]
    app = GatewayApp(routes=routes, lifespan=gateway.lifespan)
    app.gateway = app.state.gateway = gateway
    console.gateway_app = app
    return app


def create_app_from_env() -> Starlette:
    """The app of one `wdterp serve --workers N` worker, configured from WDTERP_* variables."""
    return create_app(GatewayConfig.from_env())
