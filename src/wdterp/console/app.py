"""The console's Starlette app: templates, static files, sign-in, CSRF, and the pages' routes."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from wdterp import __version__
from wdterp.console import (
    auth,
    pages_apps,
    pages_calls,
    pages_docs,
    pages_ops,
    pages_overview,
    pages_sandbox,
    pages_tools,
)
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage.db import Database

Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class ConsoleContext:
    """What the console gets from the gateway that mounts it."""

    db: Database
    #: called after every change of tenants or apps, so the next call sees it
    invalidate: Callable[[], None]
    admin_token: str | None
    #: the gateway's ASGI app: the explorer's calls go through it (set once the app exists)
    gateway_app: Any = None


class Console:
    def __init__(self, context: ConsoleContext) -> None:
        self.context = context
        self.env = Environment(loader=PackageLoader("wdterp.console", "templates"),
                               autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
        self.env.filters["pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=2, default=str)

    @property
    def db(self) -> Database:
        return self.context.db

    # ------------------------------------------------------------------ rendering

    def render(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        nonce = request.scope.get("console_nonce", "")
        token = self.context.admin_token or ""
        values.setdefault("tenants", request.scope.get("console_tenants", []))
        html = self.env.get_template(template).render(
            request=request, csrf=auth.csrf_token(token, nonce) if nonce else "", version=__version__,
            path=request.url.path, **values)
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})

    async def read(self, work: Callable[[Any], Any]) -> Any:
        def run() -> Any:
            with self.db.transaction(readonly=True) as session:
                return work(session)

        return await run_in_threadpool(run)

    async def write(self, work: Callable[[Any], Any]) -> Any:
        def run() -> Any:
            with self.db.transaction() as session:
                return work(session)

        try:
            return await run_in_threadpool(run)
        finally:
            self.context.invalidate()

    # ------------------------------------------------------------------ guard

    def page(self, handler: Handler) -> Handler:
        """Signed-in pages only; every POST must carry the session's CSRF token."""

        async def guarded(request: Request) -> Response:
            token = self.context.admin_token
            if not token:
                return self.render(request, "disabled.html", status=403)
            nonce = auth.session_nonce(token, request.cookies.get(auth.COOKIE))
            if nonce is None:
                if request.method != "GET":
                    return self.render(request, "login.html", status=401, next=auth.COOKIE_PATH + "/",
                                       error="sign in first / 请先登录")
                return RedirectResponse(f"{auth.COOKIE_PATH}/login?next={_quote(auth.current_path(request))}",
                                        status_code=303)
            request.scope["console_nonce"] = nonce
            if request.method == "POST":
                given = request.headers.get(auth.CSRF_HEADER)
                if given is None:
                    form = await request.form()
                    value = form.get(auth.CSRF_FIELD)
                    given = value if isinstance(value, str) else None
                if not auth.csrf_ok(token, nonce, given):
                    return self.render(request, "error.html", status=403,
                                       message="CSRF token missing or wrong / 跨站请求校验失败: reload the page")
            request.scope["console_tenants"] = await self.read(
                lambda s: [t.sid for t in tenancy.list_tenants(s)])
            return await handler(request)

        return guarded

    async def login(self, request: Request) -> Response:
        token = self.context.admin_token
        if not token:
            return self.render(request, "disabled.html", status=403)
        if request.method == "POST":
            form = await request.form()
            given, target = form.get("token"), form.get("next")
        else:
            given, target = request.query_params.get("token"), request.query_params.get("next")
        next_path = auth.safe_next(target if isinstance(target, str) else None)
        if given is None:
            return self.render(request, "login.html", next=next_path)
        if not auth.token_matches(token, given if isinstance(given, str) else None):
            return self.render(request, "login.html", status=401, next=next_path,
                               error="wrong admin token / 管理令牌错误")
        response = RedirectResponse(next_path, status_code=303)
        response.set_cookie(auth.COOKIE, auth.new_session(token), max_age=auth.SESSION_SECONDS,
                            path=auth.COOKIE_PATH, httponly=True, samesite="strict")
        return response

    async def logout(self, request: Request) -> Response:
        response = RedirectResponse(f"{auth.COOKIE_PATH}/login", status_code=303)
        response.delete_cookie(auth.COOKIE, path=auth.COOKIE_PATH)
        return response

    async def not_found(self, request: Request) -> Response:
        return self.render(request, "error.html", status=404, message=f"no console page {request.url.path}")


def _quote(path: str) -> str:
    return quote(path, safe="")


def console_app(context: ConsoleContext) -> Starlette:
    console = Console(context)
    routes: list[BaseRoute] = [
        Route("/login", console.login, methods=["GET", "POST"]),
        Route("/logout", console.page(console.logout), methods=["POST"]),
        Mount("/static", app=StaticFiles(packages=[("wdterp.console", "static")]), name="static"),
    ]
    for module in (pages_overview, pages_apps, pages_calls, pages_tools, pages_docs, pages_ops, pages_sandbox):
        routes += [Route(path, console.page(handler), methods=methods)
                   for path, handler, methods in module.routes(console)]
    routes.append(Route("/{path:path}", console.page(console.not_found),
                        methods=["GET", "POST", "PUT", "PATCH", "DELETE"]))
    return Starlette(routes=routes)
