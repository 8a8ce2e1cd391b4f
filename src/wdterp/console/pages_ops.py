"""Ops: the ERP-side operations as forms, the tenant's autopilot settings among them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from wdterp.api.ops import OperationError, all_operations, run_operation
from wdterp.console.common import chosen_sid
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
    async def ops(request: Request, result: Any = None, error: str = "", ran: str = "",
                  sid: str | None = None, status: int = 200) -> Response:
        sid = sid or chosen_sid(request)

        def settings(session: Session) -> dict[str, Any]:
            tenant = tenancy.find_tenant(session, sid)
            return dict(tenant.settings or {}) if tenant else {}

        return console.render(request, "ops.html", status=status, operations=all_operations(), sid=sid,
                              settings=await console.read(settings), result=result, error=error, ran=ran)

    async def run(request: Request) -> Response:
        name = request.path_params["name"]
        form = {k: str(v) for k, v in (await request.form()).items() if k != "csrf"}
        sid = chosen_sid(request, form)
        try:
            result = await console.write(lambda s: run_operation(s, name, sid, _params(form)))
        except OperationError as exc:
            return await ops(request, error=f"{name}: {exc}", ran=name, sid=sid, status=400)
        return await ops(request, result=result, ran=name, sid=sid)

    return [("/ops", ops, ["GET"]), ("/ops/{name}", run, ["POST"])]
