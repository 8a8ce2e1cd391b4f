"""Sandbox: snapshot (download), restore (upload) and reset a tenant, as `wdterp snapshot|restore|reset`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from wdterp.console.common import chosen_sid
from wdterp.domain import sandbox

if TYPE_CHECKING:
    from wdterp.console.app import Console, Handler


def routes(console: Console) -> list[tuple[str, Handler, list[str]]]:
    async def sandbox_page(request: Request, message: str = "", status: int = 200) -> Response:
        return console.render(request, "sandbox.html", status=status, sid=chosen_sid(request), message=message,
                              tables=sandbox.tenant_tables())

    async def snapshot(request: Request) -> Response:
        sid = chosen_sid(request, {k: str(v) for k, v in (await request.form()).items()})
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
        sid = chosen_sid(request, form)
        if form.get("confirm") != sid:
            return await sandbox_page(request, f"type the sid {sid!r} to confirm / 输入 sid 以确认", 400)
        try:
            await console.write(lambda s: sandbox.reset_tenant(s, sid))
        except sandbox.SnapshotError as exc:
            return await sandbox_page(request, str(exc), 400)
        return await sandbox_page(request, f"tenant {sid} reset / 已重置")

    return [("/sandbox", sandbox_page, ["GET"]), ("/sandbox/snapshot", snapshot, ["POST"]),
            ("/sandbox/restore", restore, ["POST"]), ("/sandbox/reset", reset, ["POST"])]
