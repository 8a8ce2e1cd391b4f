"""Apps: create, rotate the secret, enable/disable, IP whitelist, limits, granted methods, shop and
warehouse permissions (what `wdterp app` does)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from wdterp.domain.tenancy import service as tenancy

if TYPE_CHECKING:
    from wdterp.console.app import Console, Handler


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ",").split(",") if part.strip()]


def _csv_or_all(value: str) -> list[str] | None:
    return None if value.strip().lower() in ("", "all") else _csv(value)


def _limit(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    number = int(value)
    if not 1 <= number < 2**31:
        raise ValueError(f"a limit must be between 1 and {2**31 - 1}")
    return number


def options_from(form: FormData) -> dict[str, Any]:
    """The app options an edit form sets; empty lists of methods/shops/warehouses mean all."""
    text = {name: str(form.get(name) or "") for name in
            ("ip_whitelist", "methods", "shops", "warehouses", "rate_limit", "concurrency_limit")}
    return {"enabled": form.get("enabled") == "on", "internal": form.get("internal") == "on",
            "dynamic_password": form.get("dynamic_password") == "on",
            "ip_whitelist": _csv(text["ip_whitelist"]), "methods": _csv_or_all(text["methods"]),
            "shops": _csv_or_all(text["shops"]), "warehouses": _csv_or_all(text["warehouses"]),
            "rate_limit": _limit(text["rate_limit"]), "concurrency_limit": _limit(text["concurrency_limit"])}


def routes(console: Console) -> list[tuple[str, Handler, list[str]]]:
    async def show(request: Request, message: str = "", issued: dict[str, str] | None = None,
                   status: int = 200) -> Response:
        sid = request.query_params.get("sid") or request.path_params.get("sid")

        def apps(session: Session) -> list[tuple[str, Any]]:
            return tenancy.list_apps(session, sid or None)

        return console.render(request, "apps.html", status=status, apps=await console.read(apps), sid=sid,
                              message=message, issued=issued)

    async def create(request: Request) -> Response:
        form = await request.form()
        sid, key = str(form.get("sid") or ""), str(form.get("key") or "").strip() or None

        def work(session: Session) -> dict[str, str]:
            app = tenancy.create_app(session, sid, key)
            return {"sid": sid, "key": app.key, "secret": tenancy.issued_secret(app)}

        try:
            issued = await console.write(work)
        except tenancy.AdminError as exc:
            return await show(request, str(exc), status=400)
        return await show(request, f"app {issued['key']} created / 应用已创建", issued)

    async def update(request: Request) -> Response:
        sid, key = request.path_params["sid"], request.path_params["key"]
        try:
            options = options_from(await request.form())
            await console.write(lambda s: tenancy.set_app_options(s, sid, key, options))
        except (ValueError, tenancy.AdminError) as exc:
            return await show(request, str(exc), status=400)
        return await show(request, f"app {key} saved / 已保存")

    async def rotate(request: Request) -> Response:
        sid, key = request.path_params["sid"], request.path_params["key"]

        def work(session: Session) -> dict[str, str]:
            return {"sid": sid, "key": key, "secret": tenancy.issued_secret(tenancy.rotate_secret(session, sid, key))}

        try:
            issued = await console.write(work)
        except tenancy.AdminError as exc:
            return await show(request, str(exc), status=400)
        return await show(request, f"new secret for {key}: the old one no longer works / 密钥已更换", issued)

    return [("/apps", show, ["GET"]), ("/apps/create", create, ["POST"]),
            ("/apps/{sid}/{key}/update", update, ["POST"]), ("/apps/{sid}/{key}/rotate", rotate, ["POST"])]
