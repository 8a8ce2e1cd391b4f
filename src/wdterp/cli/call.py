"""`wdterp call METHOD [ARGS_JSON...]`: one signed call with our client, credentials from WDTERP_*."""

from __future__ import annotations

import json
from typing import Annotated, Any

import httpx
import typer

from wdterp.cli.common import USAGE_ERROR, echo_json, err, fail
from wdterp.client import Client, Pager, WdtError


def _credential(name: str, env: str, help_text: str) -> Any:
    return typer.Option(f"--{name}", envvar=env, show_envvar=True, show_default=False, help=help_text)


def parse_args(raw: list[str]) -> list[Any]:
    args = []
    for position, text in enumerate(raw, start=1):
        try:
            args.append(json.loads(text))
        except json.JSONDecodeError as exc:
            fail(f"argument {position} is not JSON ({exc.msg}): {text}", USAGE_ERROR)
    return args


def call(
    method: Annotated[str, typer.Argument(help="The vendor method, e.g. setting.Shop.queryShop.")],
    args_json: Annotated[list[str] | None, typer.Argument(
        metavar="[ARGS_JSON]...", help="The method's positional arguments, one JSON value each.")] = None,
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
        except WdtError as exc:
            show_error(exc)
            raise typer.Exit(1) from exc
        except httpx.HTTPError as exc:
            fail(f"cannot reach {url}: {exc}")
    echo_json(data)


def show_error(exc: WdtError) -> None:
    console = err()
    console.print(f"[bold red]status {exc.status}[/]: {exc.message}", highlight=False)
    if exc.row is not None:
        console.print(f"[dim]row {exc.row.row} ({exc.row.name})[/]", highlight=False)
    if exc.fix:
        console.print(f"[bold]fix:[/] {exc.fix}", highlight=False)
    if exc.request_id:
        console.print(f"request id: {exc.request_id}  (wdterp logs --explain {exc.request_id})",
                      highlight=False)
