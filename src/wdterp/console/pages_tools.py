"""Sign debugger and API explorer (a real signed call through the gateway, the envelope shown)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import httpx
import orjson
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from wdterp.api.docs import all_docs
from wdterp.api.registry import load_all
from wdterp.client.wire import Credentials, Pager, build_request
from wdterp.domain.tenancy import service as tenancy
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.sign_debug import diagnose, parse_query

if TYPE_CHECKING:
    from wdterp.console.app import Console, Handler

EXPLORER_BASE = "http://console.local"


def _app_secret(session: Session, sid: str, key: str) -> tuple[str, str] | None:
    tenant = tenancy.find_tenant(session, sid)
    app = tenancy.find_app(session, tenant.id, key) if tenant else None
    return (app.secret, app.salt) if app else None


def _method_facts(name: str) -> dict[str, Any] | None:
    method_doc = all_docs().get(name)
    if method_doc is None:
        return None
    return {"name": name, "title": method_doc.title_zh, "paged": method_doc.paged,
            "args": [(a.name, a.type, a.required) for a in method_doc.args],
            "example": method_doc.example_request, "implemented": name in load_all()}


def _args_text(raw: str | None, facts: dict[str, Any] | None) -> str:
    if raw:
        return raw
    if facts and facts["example"] is not None:
        return json.dumps(facts["example"], ensure_ascii=False, indent=2)
    return "[]"


def routes(console: Console) -> list[tuple[str, Handler, list[str]]]:
    async def sign(request: Request) -> Response:
        if request.method == "GET":
            return console.render(request, "sign.html", report=None, form={})
        form = {k: str(v) for k, v in (await request.form()).items() if k != "csrf"}
        query, body, given_secret = form.get("query", ""), form.get("body", ""), form.get("secret", "").strip()
        params = parse_query(query)
        looked_up = await console.read(lambda s: _app_secret(s, params.get("sid", ""), params.get("key", "")))
        secret, salt = (given_secret.partition(":")[0], given_secret.partition(":")[2] or None) if given_secret \
            else (looked_up or (None, None))
        report = diagnose(query, body.encode(), secret, looked_up[1] if looked_up else salt)
        source = "given" if given_secret else "the app's, looked up" if looked_up else None
        return console.render(request, "sign.html", report=report, form=form, secret_source=source)

    async def explorer(request: Request) -> Response:
        q = request.query_params
        method = q.get("method", "")
        facts = _method_facts(method) if method else None
        apps = await console.read(lambda s: [(sid, a.key) for sid, a in tenancy.list_apps(s)])
        return console.render(request, "explorer.html", q=q, facts=facts, apps=apps,
                              methods=sorted(load_all()), args_text=_args_text(q.get("args"), facts))

    async def send(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            args = orjson.loads(form.get("args") or "[]")
            if not isinstance(args, list):
                raise ValueError("args must be a JSON array of the positional arguments")
            pager = Pager(int(form["page_size"]), int(form.get("page_no") or 0)) if form.get("page_size") else None
        except (ValueError, orjson.JSONDecodeError) as exc:
            return JSONResponse({"error": f"{exc}"}, status_code=400)
        sid, key = form.get("sid", ""), form.get("key", "")
        found = await console.read(lambda s: _app_secret(s, sid, key))
        if found is None:
            return JSONResponse({"error": f"no app {key!r} of tenant {sid!r}"}, status_code=400)
        creds = Credentials.parse(sid, key, f"{found[0]}:{found[1]}")
        outgoing = build_request(f"{EXPLORER_BASE}/openapi", creds, form.get("method", ""),
                                 orjson.dumps(args), wire_timestamp(), pager)
        transport = httpx.ASGITransport(app=console.context.gateway_app)
        async with httpx.AsyncClient(transport=transport) as client:
            answer = await client.send(outgoing)
        return JSONResponse({"request_id": answer.headers.get("x-request-id"), "envelope": answer.json(),
                             "url": str(outgoing.url).replace(EXPLORER_BASE, "")})

    return [("/sign", sign, ["GET", "POST"]), ("/explorer", explorer, ["GET"]), ("/explorer/send", send, ["POST"])]
