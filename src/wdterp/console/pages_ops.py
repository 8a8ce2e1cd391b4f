"""Ops (the ERP-side operations as forms, autopilot settings among them) and sandbox (snapshot,
restore, reset a tenant)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from wdterp.api.ops import OperationError, all_operations, run_operation
from wdterp.domain import sandbox
from wdterp.domain.tenancy import service as tenancy

if TYPE_CHECKING:
    from wdterp.console.app import Console, Handler

def _params(form: dict[str, str]) -> dict[str, str]:
    params = {k[2:]: v for k, v in form.items() if k.startswith("p.") and v != ""}
    for line in form.get("extra", "").splitlines():
        name, sep, value = line.partition("=")
        if sep and name.strip():
            params[name.strip()] = value.strip()
    return params


def routes(console: Console) -> list[tuple[str, Handler, list[str]]]:
    def _sid(request: Request, form: dict[str, str] | None = None) -> str:
        tenants = request.scope.get("console_tenants", [])
        return (form or {}).get("sid") or request.query_params.get("sid") or (tenants[0] if tenants else "")

    async def ops(request: Request, result: Any = None, error: str = "", ran: str = "",
                  sid: str | None = None, status: int = 200) -> Response:
        sid = sid or _sid(request)

        def settings(session: Session) -> dict[str, Any]:
            tenant = tenancy.find_tenant(session, sid)
            return dict(tenant.settings or {}) if tenant else {}

        return console.render(request, "ops.html", status=status, operations=all_operations(), sid=sid,
                              settings=await console.read(settings), result=result, error=error, ran=ran)

    async def run(request: Request) -> Response:
        name = request.path_params["name"]
        form = {k: str(v) for k, v in (await request.form()).items() if k != "csrf"}
        sid = _sid(request, form)
        try:
            result = await console.write(lambda s: run_operation(s, name, sid, _params(form)))
        except OperationError as exc:
            return await ops(request, error=f"{name}: {exc}", ran=name, sid=sid, status=400)
        return await ops(request, result=result, ran=name, sid=sid)

    async def sandbox_page(request: Request, message: str = "", status: int = 200) -> Response:
        return console.render(request, "sandbox.html", status=status, sid=_sid(request), message=message,
                              tables=sandbox.tenant_tables())

    async def snapshot(request: Request) -> Response:
        sid = _sid(request, {k: str(v) for k, v in (await request.form()).items()})
        try:
            document = await console.read(lambda s: sandbox.snapshot_tenant(s, sid))
        except sandbox.SnapshotError as exc:
            return await sandbox_page(request, str(exc), 400)
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
        return Response(body, media_type="application/json", headers={
            "Content-Disposition": f'attachment; filename="{sid}-snapshot.json"'})

    async def restore(request: Request) -> Response:
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            return await sandbox_page(request, "choose a snapshot file / 请选择快照文件", 400)
        try:
            document = json.loads(await upload.read())
            if not isinstance(document, dict):
                raise sandbox.SnapshotError("not a wdterp snapshot file")
            sid = await console.write(lambda s: sandbox.restore_tenant(s, document))
        except (ValueError, KeyError) as exc:
            return await sandbox_page(request, f"cannot restore: {exc}", 400)
        return await sandbox_page(request, f"tenant {sid} restored / 已恢复")

    async def reset(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        sid = _sid(request, form)
        if form.get("confirm") != sid:
            return await sandbox_page(request, f"type the sid {sid!r} to confirm / 输入 sid 以确认", 400)
        try:
            await console.write(lambda s: sandbox.reset_tenant(s, sid))
        except sandbox.SnapshotError as exc:
            return await sandbox_page(request, str(exc), 400)
        return await sandbox_page(request, f"tenant {sid} reset / 已重置")

    return [("/ops", ops, ["GET"]), ("/ops/{name}", run, ["POST"]), ("/sandbox", sandbox_page, ["GET"]),
            ("/sandbox/snapshot", snapshot, ["POST"]), ("/sandbox/restore", restore, ["POST"]),
            ("/sandbox/reset", reset, ["POST"])]
