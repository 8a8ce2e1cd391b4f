"""The `wdterp` command: wires the command groups together."""

from __future__ import annotations

import typer

from wdterp.cli import apps, call, coverage, demo, errors, load, logs, ops, server, tenants
from wdterp.wiring import wire

# every command runs on the whole application: methods, operations, hooks and load sections registered
wire()

app = typer.Typer(
    name="wdterp",
    help="wdterp: an open implementation of the Wangdian (旺店通) flagship ERP open API.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.command()(server.serve)
app.command()(server.init)
app.add_typer(tenants.app, name="tenant")
app.add_typer(apps.app, name="app")
app.command()(load.load)
app.command()(demo.demo)
app.command()(call.call)
app.command()(errors.errors)
app.command()(logs.logs)
app.command()(coverage.coverage)
app.add_typer(ops.app, name="ops")

if __name__ == "__main__":
    app()
