"""`wdterp errors [CODE|TEXT]`: the vendor's 80 error rows with their fixes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from wdterp.cli.common import echo_json, out
from wdterp.protocol.errors import ErrorRow, catalog


def matching(query: str | None) -> list[ErrorRow]:
    """Rows whose code equals a numeric query, whose row id equals it, or whose text contains it."""
    rows = list(catalog().values())
    if not query:
        return rows
    text = query.strip().lower()
    if text.lstrip("-").isdigit():
        return [r for r in rows if r.code == int(text)]
    return [r for r in rows if text == r.row.lower() or any(
        text in field.lower() for field in (r.name, r.message, r.template, r.fix_zh, r.fix_en))]


def errors(
    query: Annotated[str | None, typer.Argument(metavar="[CODE|TEXT]",
                                                help="A status code, a row (E26) or text to find.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
) -> None:
    """List the error rows: row, status code, message and how to fix it."""
    rows = matching(query)
    if as_json:
        echo_json([asdict(r) for r in rows])
        return
    table = Table(title=f"{len(rows)} of {len(catalog())} error rows", show_lines=True)
    table.add_column("row", no_wrap=True)
    table.add_column("code", justify="right", no_wrap=True)
    table.add_column("message", overflow="fold")
    table.add_column("fix", overflow="fold")
    for r in rows:
        table.add_row(r.row, str(r.code), escape(r.template), f"{escape(r.fix_zh)}\n[dim]{escape(r.fix_en)}[/]")
    out().print(table)
    if not rows:
        raise typer.Exit(1)
