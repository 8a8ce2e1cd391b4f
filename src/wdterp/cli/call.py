"""`wdterp call METHOD [ARGS_JSON...]`: one signed call with our client, credentials from WDTERP_*."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from wdterp.api.docs import all_docs
from wdterp.cli.common import USAGE_ERROR, echo_json, err, fail
from wdterp.client import Client, Pager, WdtError, WdtTransportError
from wdterp.protocol.errors import suggest


def _credential(name: str, env: str, help_text: str) -> Any:
    return typer.Option(f"--{name}", envvar=env, show_envvar=True, show_default=False, help=help_text)


def _read_arg(text: str) -> str:
    """`-` reads the argument from standard input, `@FILE` from a file; anything else is the JSON."""
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@") and len(text) > 1:
        try:
            return Path(text[1:]).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {text[1:]}: {exc}", USAGE_ERROR)
    return text


def parse_args(raw: list[str]) -> list[Any]:
    args = []
    for position, given in enumerate(raw, start=1):
        text = _read_arg(given)
        try:
            args.append(json.loads(text))
        except json.JSONDecodeError as exc:
            fail(f"argument {position} ({given if given != text else 'given'}) is not JSON ({exc.msg}): "
                 f"{text[:200]}", USAGE_ERROR)
    return args


def call(
    method: Annotated[str, typer.Argument(help="The vendor method, e.g. setting.Shop.queryShop.")],
    args_json: Annotated[list[str] | None, typer.Argument(
        metavar="[ARGS_JSON]...", help="The method's positional arguments, one JSON value each; "
                                       "@FILE reads one from a file, - from standard input.")] = None,
    page_size: Annotated[int | None, typer.Option(min=1, help="Page size (paged methods).")] = None,
    page_no: Annotated[int, typer.Option(min=0, help="Page number, from 0.")] = 0,
    calc_total: Annotated[bool, typer.Option("--calc-total/--no-calc-total",
                                             help="Ask for total_count.")] = True,
    url: Annotated[str | None, _credential("url", "WDTERP_URL", "Server base URL.")] = None,
    sid: Annotated[str | None, _credential("sid", "WDTERP_SID", "Tenant sid.")] = None,
    key: Annotated[str | None, _credential("key", "WDTERP_KEY", "App key.")] = None,
    secret: Annotated[str | None, _credential("secret", "WDTERP_SECRET", "App secret as issued: "
                                              "secret:salt.")] = None,
) -> None:
    """Call a method on a wdterp (or vendor) server and print its data as JSON."""
    missing = [env for env, value in (("WDTERP_URL", url), ("WDTERP_SID", sid), ("WDTERP_KEY", key),
                                      ("WDTERP_SECRET", secret)) if not value]
    if missing:
        fail(f"set {', '.join(missing)} (or pass --url/--sid/--key/--secret)", USAGE_ERROR)
    assert url and sid and key and secret
    args = parse_args(args_json or [])
    with Client(url, sid, key, secret) as client:
        try:
            if page_size is not None:
                data = client.page_call(method, Pager(page_size, page_no, calc_total), *args)
            else:
                data = client.call(method, *args)
        except WdtTransportError as exc:
            fail(f"cannot reach {url}: {exc.message}")
        except WdtError as exc:
            show_error(exc, method, url)
            raise typer.Exit(1) from exc
    echo_json(data)


def show_error(exc: WdtError, method: str = "", url: str = "") -> None:
    console = err()
    console.print(f"[bold red]status {exc.status}[/]: {exc.message}", highlight=False)
    if exc.row is not None:
        console.print(f"[dim]row {exc.row.row} ({exc.row.name})[/]", highlight=False)
    if exc.row is not None and exc.row.row == "E36" and method not in all_docs():
        near = suggest(method, all_docs())
        console.print(f"{method!r} is not a method of the vendor's API" +
                      (f"; did you mean {', '.join(near)}?" if near else ""), highlight=False)
    if exc.fix:
        console.print(f"[bold]fix:[/] {exc.fix}", highlight=False)
    if exc.request_id:
        console.print(f"request id: {exc.request_id}  (wdterp logs --explain {exc.request_id})",
                      highlight=False)
        if url:
            base = url.rstrip('/').removesuffix('/openapi')
            console.print(f"explained in the console: {base}/console/calls/{exc.request_id}",
                          highlight=False)
