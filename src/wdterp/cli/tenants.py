"""`wdterp tenant create|update`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from wdterp.cli.common import DbOption, database, echo_json, fail, out
from wdterp.domain.tenancy import service as tenancy
from wdterp.gateway.admin import describe_tenant, provision_tenant

app = typer.Typer(help="Create and change tenants (an ERP account: its sid).", no_args_is_help=True)


@app.command()
def create(
    sid: Annotated[str, typer.Argument(help="The tenant's sid (卖家账号).")],
    name: Annotated[str, typer.Option(help="Display name; defaults to the sid.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the tenant as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Create a tenant, seeded with the default trade labels and operation reasons."""
    with database(db) as handle, handle.transaction() as session:
        if tenancy.find_tenant(session, sid) is not None:
            fail(f"tenant {sid!r} exists")
        described = describe_tenant(provision_tenant(session, sid, name))
    _show(described, as_json, "created")


@app.command()
def update(
    sid: Annotated[str, typer.Argument(help="The tenant's sid.")],
    enabled: Annotated[bool | None, typer.Option(
        "--enable/--disable", help="Enable, or disable (every call then answers E05).")] = None,
    name: Annotated[str | None, typer.Option(help="New display name.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tenant as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Enable, disable or rename a tenant."""
    with database(db) as handle, handle.transaction() as session:
        if tenancy.find_tenant(session, sid) is None:
            fail(f"no tenant with sid {sid!r}")
        described = describe_tenant(tenancy.update_tenant(session, sid, enabled=enabled, name=name))
    _show(described, as_json, "updated")


@app.command("list")
def list_tenants(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOption = None,
) -> None:
    """List the tenants."""
    with database(db) as handle, handle.sessions() as session:
        tenants = [describe_tenant(t) for t in tenancy.list_tenants(session)]
    if as_json:
        echo_json(tenants)
        return
    table = Table(title=f"{len(tenants)} tenant(s)")
    for column in ("sid", "name", "enabled"):
        table.add_column(column)
    for t in tenants:
        table.add_row(str(t["sid"]), str(t["name"]), "yes" if t["enabled"] else "no")
    out().print(table)


def _show(tenant: dict[str, object], as_json: bool, verb: str) -> None:
    if as_json:
        echo_json(tenant)
        return
    state = "enabled" if tenant["enabled"] else "disabled"
    out().print(f"tenant {tenant['sid']} ({tenant['name']}) {verb}: {state}", highlight=False)
