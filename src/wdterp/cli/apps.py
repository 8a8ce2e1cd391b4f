"""`wdterp app create|update`: an app is an API employee of a tenant (key, secret, permissions)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table

from wdterp.cli.common import DbOption, csv, csv_or_all, database, echo_json, fail, out
from wdterp.domain.tenancy import service as tenancy
from wdterp.gateway.admin import describe_app, update_app_options

app = typer.Typer(help="Create and change apps (key + secret) of a tenant.", no_args_is_help=True)

SidOption = Annotated[str, typer.Option("--sid", help="The tenant's sid.")]
IpOption = Annotated[str | None, typer.Option(
    "--ip", metavar="CSV", help="Allowed client addresses or networks (comma-separated; '' = any).")]
RateOption = Annotated[int | None, typer.Option("--rate", min=1, help="Calls per minute.")]
ConcurrencyOption = Annotated[int | None, typer.Option("--concurrency", min=1,
                                                       help="Calls in flight at once.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command()
def create(
    sid: SidOption,
    key: Annotated[str | None, typer.Option(help="The app key; generated when left out.")] = None,
    ip: IpOption = None,
    rate: RateOption = None,
    concurrency: ConcurrencyOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Create an app and print its key and secret (`secret:salt`, as clients take it)."""
    options: dict[str, Any] = {"rate_limit": rate, "concurrency_limit": concurrency}
    if ip is not None:
        options["ip_whitelist"] = csv(ip)
    with database(db) as handle, handle.transaction() as session:
        tenant = tenancy.find_tenant(session, sid)
        if tenant is None:
            fail(f"no tenant with sid {sid!r}: create it with `wdterp tenant create {sid}`")
        if key and tenancy.find_app(session, tenant.id, key) is not None:
            fail(f"app {key!r} exists for {sid!r}")
        created = tenancy.create_app(session, sid, key, **options)
        issued = {"sid": sid, "key": created.key, "secret": tenancy.issued_secret(created)}
    if as_json:
        echo_json(issued)
        return
    body = "\n".join(f"[bold]{name:<7}[/] {value}" for name, value in issued.items())
    out().print(Panel(body, title="app created", subtitle="the secret is shown as issued: secret:salt",
                      expand=False), highlight=False)


@app.command("list")
def list_apps(
    sid: Annotated[str | None, typer.Option("--sid", help="Only this tenant's apps.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List apps with their permissions and limits (never their secrets)."""
    with database(db) as handle, handle.sessions() as session:
        apps = [describe_app(s, a) for s, a in tenancy.list_apps(session, sid)]
    if as_json:
        echo_json(apps)
        return
    table = Table(title=f"{len(apps)} app(s)")
    for column in ("sid", "key", "enabled", "methods", "ip_whitelist", "rate", "concurrency"):
        table.add_column(column, overflow="fold")
    for a in apps:
        table.add_row(a["sid"], a["key"], "yes" if a["enabled"] else "no",
                      "all" if a["methods"] is None else str(len(a["methods"])),
                      ",".join(a["ip_whitelist"]) or "any", str(a["rate_limit"] or "default"),
                      str(a["concurrency_limit"] or "default"))
    out().print(table)


@app.command()
def update(
    sid: SidOption,
    key: Annotated[str, typer.Option("--key", help="The app key.")],
    enabled: Annotated[bool | None, typer.Option("--enable/--disable",
                                                 help="Enable, or disable (calls answer E09 app auth fail).")] = None,
    ip: IpOption = None,
    dynamic_password: Annotated[bool | None, typer.Option(
        "--dynamic-password/--no-dynamic-password", help="Require the dynamic password.")] = None,
    rate: RateOption = None,
    concurrency: ConcurrencyOption = None,
    methods: Annotated[str | None, typer.Option(
        metavar="CSV", help="Granted methods, or 'all'.")] = None,
    internal: Annotated[bool | None, typer.Option(
        "--internal/--no-internal", help="May call methods of the internal (Qimen) channel.")] = None,
    shops: Annotated[str | None, typer.Option(metavar="CSV", help="Permitted shop nos, or 'all'.")] = None,
    warehouses: Annotated[str | None, typer.Option(
        metavar="CSV", help="Permitted warehouse nos, or 'all'.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change an app's permissions and limits; options left out stay as they are."""
    options: dict[str, Any] = {
        name: value for name, value in (("enabled", enabled), ("dynamic_password", dynamic_password),
                                        ("internal", internal), ("rate_limit", rate),
                                        ("concurrency_limit", concurrency)) if value is not None
    }
    if ip is not None:
        options["ip_whitelist"] = csv(ip)
    for name, value in (("methods", methods), ("shops", shops), ("warehouses", warehouses)):
        if value is not None:
            options[name] = csv_or_all(value)
    with database(db) as handle, handle.transaction() as session:
        tenant = tenancy.find_tenant(session, sid)
        if tenant is None or tenancy.find_app(session, tenant.id, key) is None:
            fail(f"no app {key!r} for {sid!r}")
        described = describe_app(sid, update_app_options(session, sid, key, options))
    if as_json:
        echo_json(described)
        return
    table = Table(title=f"app {key} of {sid}", show_header=False)
    for name, value in described.items():
        table.add_row(name, "all" if value is None and name in ("methods", "shops", "warehouses")
                      else str(value))
    out().print(table)
