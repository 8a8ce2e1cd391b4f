"""What the console's pages share."""

from __future__ import annotations

from starlette.requests import Request


def chosen_sid(request: Request, form: dict[str, str] | None = None) -> str:
    """The tenant a page is about: the form's, the query's, else the first tenant."""
    tenants = request.scope.get("console_tenants", [])
    return (form or {}).get("sid") or request.query_params.get("sid") or (tenants[0] if tenants else "")
