"""Overview: tenants and their apps, calls per minute, errors by row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from wdterp.domain.calllog import service as calllog
from wdterp.domain.tenancy import service as tenancy
from wdterp.protocol.clock import now_china

if TYPE_CHECKING:
    from wdterp.console.app import Console, Handler

WINDOW_MINUTES = 30


def routes(console: Console) -> list[tuple[str, Handler, list[str]]]:
    async def overview(request: Request) -> Response:
        return console.render(request, "overview.html", **await console.read(_facts))

    return [("/", overview, ["GET"])]


def _facts(session: Session) -> dict[str, Any]:
    apps: dict[str, list[str]] = {}
    for sid, app in tenancy.list_apps(session):
        apps.setdefault(sid, []).append(app.key + ("" if app.enabled else " (disabled)"))
    since = calllog.recent_window(now_china(), WINDOW_MINUTES)
    minutes = calllog.calls_per_minute(session, since)
    peak = max((calls for _, calls, _ in minutes), default=0)
    return {"tenant_rows": [(t, apps.get(t.sid, [])) for t in tenancy.list_tenants(session)],
            "minutes": minutes, "peak": peak or 1, "errors": calllog.errors_by_row(session, since),
            "window": WINDOW_MINUTES}
