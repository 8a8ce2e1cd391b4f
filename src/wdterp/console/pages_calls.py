"""Calls: the call log, newest first, live-updating, filtered by app, method, status and error row;
a call's page explains it (as `wdterp logs --explain`) and shows the captured bodies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from wdterp.api.docs import all_docs
from wdterp.domain.calllog import service as calllog
from wdterp.domain.calllog.models import CallLog
from wdterp.protocol.clock import format_wire_time
from wdterp.protocol.errors import catalog, suggest

if TYPE_CHECKING:
    from wdterp.console.app import Console, Handler

PAGE = 100
#: rows scanned for a row filter (the row is worked out from status and message, not stored)
ROW_SCAN = 2000


def call_dict(row: CallLog) -> dict[str, Any]:
    matches = calllog.error_rows(row)
    return {"id": row.id, "time": format_wire_time(row.time), "request_id": row.request_id, "sid": row.sid,
            "key": row.key, "method": row.method, "status": row.status, "message": row.message,
            "latency_ms": round(row.latency_ms, 1), "row": matches[0].row if matches else ""}


def _filters(request: Request) -> dict[str, Any]:
    q = request.query_params
    status = q.get("status", "").strip()
    return {"key": q.get("key", "").strip(), "method": q.get("method", "").strip(),
            "status": int(status) if status.lstrip("-").isdigit() else None, "row": q.get("row", "").strip().upper(),
            "after_id": int(q["after"]) if q.get("after", "").isdigit() else None}


def _search(session: Session, f: dict[str, Any]) -> list[dict[str, Any]]:
    row = f["row"]
    status = f["status"]
    if row and status is None and row in catalog():
        status = catalog()[row].code
    found = calllog.search(session, method=f["method"] or None, status=status, key=f["key"] or None,
                           after_id=f["after_id"], limit=ROW_SCAN if row else PAGE)
    rows = [call_dict(r) for r in found]
    return [r for r in rows if r["row"] == row][:PAGE] if row else rows


def routes(console: Console) -> list[tuple[str, Handler, list[str]]]:
    async def calls(request: Request) -> Response:
        f = _filters(request)
        rows = await console.read(lambda s: _search(s, f))
        near = suggest(f["method"], all_docs()) if f["method"] and f["method"] not in all_docs() else []
        return console.render(request, "calls.html", rows=rows, f=f, rows_catalog=sorted(catalog()), near=near)

    async def feed(request: Request) -> Response:
        f = _filters(request)
        return JSONResponse({"rows": await console.read(lambda s: _search(s, f))},
                            headers={"Cache-Control": "no-store"})

    async def call(request: Request) -> Response:
        request_id = request.path_params["request_id"]

        def work(session: Session) -> tuple[CallLog | None, list[Any]]:
            found = calllog.find(session, request_id)
            return found, calllog.error_rows(found) if found else []

        found, matches = await console.read(work)
        if found is None:
            return console.render(request, "error.html", status=404,
                                  message=f"no call with request id {request_id} / 没有这次调用 (the log is "
                                          "written every half second: reload)")
        return console.render(request, "call.html", call=found, facts=call_dict(found), matches=matches)

    return [("/calls", calls, ["GET"]), ("/calls/feed", feed, ["GET"]), ("/calls/{request_id}", call, ["GET"])]
