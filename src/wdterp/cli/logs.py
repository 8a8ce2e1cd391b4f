"""`wdterp logs`: the call log; `--explain REQUEST_ID` tells everything known of one call."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from wdterp.cli.common import DbOption, database, echo_json, fail, out
from wdterp.domain.calllog import service as calllog
from wdterp.domain.calllog.models import CallLog
from wdterp.domain.calllog.service import error_rows
from wdterp.protocol.clock import format_wire_time
from wdterp.storage.db import Database

#: seconds between two reads of the log with --follow (the server writes it every half second)
FOLLOW_SECONDS = 1.0
pause = time.sleep


def log_dict(row: CallLog) -> dict[str, Any]:
    return {"time": format_wire_time(row.time), "request_id": row.request_id, "sid": row.sid,
            "key": row.key, "method": row.method, "status": row.status, "message": row.message,
            "latency_ms": row.latency_ms, "client_ip": row.client_ip, "detail": row.detail}


def logs(
    method: Annotated[str | None, typer.Option(help="Only calls of this method.")] = None,
    status: Annotated[int | None, typer.Option(help="Only calls answered with this status.")] = None,
    sid: Annotated[str | None, typer.Option(help="Only calls of this tenant.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Newest N calls.")] = 50,
    explain: Annotated[str | None, typer.Option(metavar="REQUEST_ID",
                                                help="Everything known of one call.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing new calls as they are "
                                         "logged (one line each; Ctrl-C stops).")] = False,
    polls: Annotated[int | None, typer.Option("--polls", hidden=True)] = None,
    db: DbOption = None,
) -> None:
    """Show recent calls (newest first), or explain one."""
    if follow:
        with database(db) as handle:
            _follow(handle, {"method": method, "status": status, "sid": sid}, as_json, polls)
        return
    with database(db) as handle, handle.sessions() as session:
        if explain:
            found = calllog.find(session, explain)
            if found is None:
                fail(f"no call with request id {explain!r} in the log")
            _explain(found, as_json)
            return
        rows = calllog.search(session, method=method, status=status, sid=sid, limit=limit)
    if as_json:
        echo_json([log_dict(r) for r in rows])
        return
    table = Table(title=f"{len(rows)} call(s), newest first")
    for column in ("time", "request_id", "sid", "method", "status", "message", "ms"):
        table.add_column(column, no_wrap=column in ("time", "request_id", "status"), overflow="fold")
    for r in rows:
        style = "green" if r.status == 0 else "red"
        table.add_row(format_wire_time(r.time), r.request_id, escape(r.sid), escape(r.method),
                      f"[{style}]{r.status}[/]", escape(r.message), f"{r.latency_ms:.1f}")
    out().print(table)


def _line(row: CallLog) -> str:
    return (f"{format_wire_time(row.time)}  {row.request_id}  {row.sid}/{row.key}  {row.method}  "
            f"{row.status}  {row.message}  {row.latency_ms:.1f} ms")


def _follow(handle: Database, filters: dict[str, Any], as_json: bool, polls: int | None) -> None:
    """Print calls logged from now on, oldest first, polling once a second (`polls`: tests)."""
    with handle.sessions() as session:
        newest = calllog.search(session, limit=1)
    last = newest[0].id if newest else 0
    done = 0
    try:
        while polls is None or done < polls:
            with handle.sessions() as session:
                rows = calllog.search(session, after_id=last, limit=1000, **filters)
            for row in reversed(rows):
                typer.echo(json.dumps(log_dict(row), ensure_ascii=False, default=str) if as_json else _line(row))
                last = max(last, row.id)
            done += 1
            if polls is None or done < polls:
                pause(FOLLOW_SECONDS)
    except KeyboardInterrupt:
        return


def _explain(row: CallLog, as_json: bool) -> None:
    matches = error_rows(row)
    facts = log_dict(row)
    if as_json:
        facts["error_rows"] = [{"row": m.row, "name": m.name, "fix_zh": m.fix_zh, "fix_en": m.fix_en,
                                "retryable": m.retryable} for m in matches]
        echo_json(facts)
        return
    lines = [f"[bold]{name:<11}[/] {escape(str(value))}" for name, value in facts.items() if name != "detail"]
    lines += ["", "[bold]detail[/] (the full reason; never sent to the caller)",
              escape(row.detail or "-")]
    for match in matches:
        lines += ["", f"[bold]error row {match.row}[/] ({match.name}, "
                      f"{'retryable' if match.retryable else 'not retryable'})",
                  f"[bold]fix:[/] {escape(match.fix_zh)}", f"     {escape(match.fix_en)}"]
    title = "call succeeded" if row.status == 0 else f"call failed with status {row.status}"
    out().print(Panel("\n".join(lines), title=f"{row.request_id}: {title}", expand=False), highlight=False)
