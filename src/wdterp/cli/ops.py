"""`wdterp ops list|run`: ERP-side actions from the operations registry (`wdterp.api.ops`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from wdterp.api.ops import OperationError, UnknownOperation, all_operations, run_operation
from wdterp.cli.common import USAGE_ERROR, DbOption, database, echo_json, fail, out

app = typer.Typer(help="ERP-side actions (what people do in the vendor's desktop client).",
                  no_args_is_help=True)


@app.command("list")
def list_ops(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the operations and their parameters."""
    ops = all_operations()
    if as_json:
        echo_json([op.describe() for op in ops.values()])
        return
    table = Table(title=f"{len(ops)} operation(s): wdterp ops run NAME --sid S --arg key=value ...")
    # names are never cut: at 80 columns (a pipe, CI) the other columns wrap instead
    table.add_column("operation", no_wrap=True)
    table.add_column("parameters", overflow="fold")
    table.add_column("what it does", overflow="fold")
    for op in ops.values():
        params = [f"{name}:{p.describe()['type']}" + ("" if p.required else "?")
                  for name, p in op.params.items()]
        if op.extra:
            params.append("key=value...")
        table.add_row(op.name, " ".join(params) or "-", op.help)
    out().print(table)


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--arg takes key=value, got {pair!r}", USAGE_ERROR)
        values[name.strip()] = value
    return values


@app.command()
def run(
    name: Annotated[str, typer.Argument(help="The operation, e.g. shop.disable.")],
    sid: Annotated[str, typer.Option("--sid", envvar="WDTERP_SID", show_envvar=True, help="The tenant's sid.")],
    arg: Annotated[list[str] | None, typer.Option(
        "--arg", "-a", metavar="KEY=VALUE", help="A parameter; repeat for several.")] = None,
    db: DbOption = None,
) -> None:
    """Run an operation for a tenant and print its result as JSON."""
    params = parse_pairs(arg or [])
    with database(db) as handle:
        try:
            with handle.transaction() as session:
                result = run_operation(session, name, sid, params)
        except UnknownOperation as exc:
            fail(str(exc), USAGE_ERROR)
        except OperationError as exc:
            fail(str(exc))
    echo_json(result)
