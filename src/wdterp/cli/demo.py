"""`wdterp demo`: the one-command sandbox (tenant `demo`, master data, catalog, stock, an app), then serve.

The tenant's autopilot is on (demo.yaml `settings.autopilot`): an order pushed to the `demo-mall`
shop (platform 127) is submitted and checked at once, shipped by the server's background round
30 s later, and then listed by sales.LogisticsSync.getSyncListExt; a raw refund uploaded for it is
submitted and checked at once, and a return's goods are received 60 s after its check.
"""

from __future__ import annotations

import secrets
import shlex
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer
from rich.panel import Panel
from sqlalchemy.engine import make_url

from wdterp.cli.common import DEMO_FILE, out
from wdterp.cli.load import load_into
from wdterp.cli.server import init_database, run_server
from wdterp.domain import sandbox as tenant_sandbox
from wdterp.domain.masterdata.loader import LoadReport, parse_document
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage.db import Database, resolve_url

DEMO_DB = f"sqlite:///./{DEMO_FILE}"
DEMO_APP_KEY = "demo-api"
EXAMPLE_CALL = "setting.Warehouse.queryWarehouse '{}' --page-size 10"
#: the demo's stock (demo.yaml `stock`), as a newcomer's second call
STOCK_CALL = """wms.StockSpec.search '{"spec_nos": ["TS01-WH-M", "MUG01-350"]}' --page-size 10"""


@dataclass(frozen=True)
class DemoSandbox:
    url: str
    sid: str
    key: str
    secret: str
    report: LoadReport
    #: the sandbox's database, so `wdterp logs`, `ops`, `snapshot` in another shell use it too
    db_url: str = DEMO_DB
    admin_token: str = ""

    def exports(self) -> str:
        pairs = {"WDTERP_URL": self.url, "WDTERP_SID": self.sid, "WDTERP_KEY": self.key,
                 "WDTERP_SECRET": self.secret}
        return "export " + " ".join(f"{k}={shlex.quote(v)}" for k, v in pairs.items())

    def db_export(self) -> str:
        """The sandbox's database for `wdterp logs`, `ops`, `snapshot`... in another shell."""
        return f"export WDTERP_DATABASE_URL={shlex.quote(absolute_url(self.db_url))}"

    def console_link(self) -> str:
        return f"{self.url}/console/login?token={quote(self.admin_token)}&next=/console/calls"


def absolute_url(url: str) -> str:
    """A SQLite URL with its file made absolute, so it names the same file from any directory."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return url
    return parsed.set(database=str(Path(parsed.database).resolve())).render_as_string(hide_password=False)


def demo_document() -> dict[str, Any]:
    text = resources.files("wdterp.data").joinpath("demo.yaml").read_text("utf-8")
    return parse_document(text, ".yaml")


def prepare(db_url: str, base_url: str, reset: bool = False, admin_token: str = "") -> DemoSandbox:
    """Migrate, load the demo data and make sure the demo app exists (re-runs reuse it);
    `reset` first deletes everything of the demo tenant but its app (orders, documents, ledger)."""
    url = init_database(db_url)
    db = Database(url)
    try:
        document = demo_document()
        sid = str(document["sid"])
        if reset:
            with db.transaction() as session:
                if tenancy.find_tenant(session, sid) is not None:
                    tenant_sandbox.reset_tenant(session, sid)
        report = load_into(db, document)
        with db.transaction() as session:
            tenant = tenancy.get_tenant(session, sid)
            app = tenancy.find_app(session, tenant.id, DEMO_APP_KEY)
            if app is None:
                app = tenancy.create_app(session, sid, DEMO_APP_KEY)
            return DemoSandbox(base_url, sid, app.key, tenancy.issued_secret(app), report, db_url, admin_token)
    finally:
        db.dispose()


def show(sandbox: DemoSandbox, db_url: str) -> None:
    facts = "\n".join(f"[bold]{name:<7}[/] {value}" for name, value in (
        ("URL", sandbox.url), ("sid", sandbox.sid), ("key", sandbox.key), ("secret", sandbox.secret),
        ("db", db_url)))
    out().print(Panel(facts, title="wdterp demo sandbox", expand=False), highlight=False)
    # plain lines (no panel, no wrapping) so they can be copied as they are
    if sandbox.admin_token:
        typer.echo(f"\nConsole (signs you in; call log, explorer, sign debugger):\n{sandbox.console_link()}")
    typer.echo("\nIn another shell:\n")
    typer.echo(sandbox.exports())
    typer.echo(sandbox.db_export())
    typer.echo(f"wdterp call {EXAMPLE_CALL}")
    typer.echo(f"wdterp call {STOCK_CALL}\n")
    typer.echo("Start over (orders, documents and stock back to the demo file's): "
               "wdterp demo --reset\n")


def demo(
    db: Annotated[str, typer.Option("--db", metavar="URL", help="Database of the sandbox.")] = DEMO_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
    reset: Annotated[bool, typer.Option("--reset", help="Start over: delete the demo tenant's orders, "
                                        "documents and ledger, then load the demo file again.")] = False,
    admin_token: Annotated[str | None, typer.Option(
        envvar="WDTERP_ADMIN_TOKEN", show_default=False,
        help="Admin token of the console and /admin/; generated when not given.")] = None,
) -> None:
    """The one-command sandbox: demo tenant, master data, catalog, stock and app (reused on re-runs), then serve.

    Without --reset a restart keeps the orders and documents and sets the stock figures back to the
    demo file's (through one more 初始化入库 document each); --reset makes everything as new.
    """
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    token = admin_token or secrets.token_urlsafe(18)
    sandbox = prepare(db, f"http://{shown_host}:{port}", reset=reset, admin_token=token)
    show(sandbox, db)
    run_server(resolve_url(db), host, port, admin_token=token, capture_bodies=True)
