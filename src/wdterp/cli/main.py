"""The `wdterp` command: wires the command groups together."""

from __future__ import annotations

from typing import Annotated

import typer

from wdterp import __version__
from wdterp.cli import apps, call, coverage, demo, errors, load, logs, ops, sandbox, server, tenants
from wdterp.cli.common import USAGE_ERROR, fail
from wdterp.settings import SettingsError, settings
from wdterp.wiring import wire

# every command runs on the whole application: methods, operations, hooks and load sections registered
wire()

app = typer.Typer(
    name="wdterp",
    help="wdterp: an open implementation of the Wangdian (旺店通) flagship ERP open API.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wdterp {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """wdterp: an open implementation of the Wangdian (旺店通) flagship ERP open API."""
    try:
        settings()
    except SettingsError as exc:
        fail(str(exc), USAGE_ERROR)


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
app.command()(sandbox.snapshot)
app.command()(sandbox.restore)
app.command()(sandbox.reset)

if __name__ == "__main__":
    app()
