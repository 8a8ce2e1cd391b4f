"""Helpers every test directory shares: ERP-side operations, query windows, error envelopes, documented
fields. (Seeding stays with each directory's tools: it differs by context.)"""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from support import TenantHandle
from wdterp.api.docs import doc
from wdterp.api.ops import run_operation
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import StockLedger
from wdterp.protocol.clock import format_wire_time, now_china
from wdterp.protocol.errors import row


def op(tenant: TenantHandle, name: str, **params: Any) -> dict[str, Any]:
    """Run an ERP-side operation for the tenant in a transaction of its own (as `wdterp ops run` does)."""
    with tenant.db.transaction() as session:
        return run_operation(session, name, tenant.sid, params)


def window(minutes: float = 0, *, days: float = 0, hours: float = 0, ahead_minutes: float = 5,
           **extra: Any) -> dict[str, Any]:
    """`start_time`/`end_time` from `days`/`hours`/`minutes` ago (30 minutes when none is given) to
    `ahead_minutes` from now, with any further filter fields."""
    back = timedelta(days=days, hours=hours, minutes=minutes) or timedelta(minutes=30)
    now = now_china()
    return {"start_time": format_wire_time(now - back),
            "end_time": format_wire_time(now + timedelta(minutes=ahead_minutes)), **extra}


def expect(envelope: dict[str, Any], row_id: str, **values: Any) -> None:
    """The envelope is exactly the contract row's (status and message, template values filled)."""
    expected = row(row_id)
    assert envelope == {"status": expected.code, "message": expected.format(**values)}, envelope


def expect_business(envelope: dict[str, Any], message: str) -> None:
    """The envelope is a business refusal (code 100) with exactly this message."""
    assert envelope == {"status": 100, "message": message}, envelope


def documented(method: str, table: str) -> set[str]:
    """The documented response fields of one table of a method (a KeyError for a table it has not)."""
    return {f.name for f in doc(method).response_tables[table]}


@contextmanager
def selects(tenant: TenantHandle, this_thread: bool = False) -> Iterator[list[str]]:
    """The SELECT statements the server's engine runs meanwhile; with `this_thread`, only the caller's
    (an operation run in the test, not the server's background autopilot round on the same engine)."""
    seen: list[str] = []
    caller = threading.get_ident()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if this_thread and threading.get_ident() != caller:
            return
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(tenant.db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(tenant.db.engine, "before_cursor_execute", record)


def demo_order(tid: str, spec_no: str = "TS01-WH-M", num: int = 2) -> tuple[list[dict[str, Any]],
                                                                          list[dict[str, Any]]]:
    """An order of the demo catalog as a mall pushes it (`sales.RawTrade.pushSelf2` arguments)."""
    now = format_wire_time(now_china())
    amount = 59 * num
    trade = {"tid": tid, "process_status": 10, "trade_status": 30, "refund_status": 0, "pay_status": 2,
             "order_count": 1, "goods_count": num, "pay_method": 7, "trade_time": now, "pay_time": now,
             "end_time": None, "buyer_nick": "newcomer", "buyer_message": "", "receiver_name": "张三",
             "receiver_area": "上海 上海市 浦东新区", "receiver_address": "世纪大道 1 号",
             "receiver_mobile": "13888888888", "post_amount": 0, "discount": 0, "receivable": amount,
             "paid": amount, "delivery_term": 1, "is_auto_wms": False, "warehouse_no": ""}
    line = {"tid": tid, "oid": f"{tid}-1", "status": 30, "refund_status": 0, "goods_id": "10001",
            "spec_id": "10001-1", "goods_no": "TS01", "spec_no": spec_no, "goods_name": "纯棉圆领T恤",
            "spec_name": "白色 M", "num": num, "price": 59, "discount": 0, "share_discount": 0,
            "total_amount": amount, "adjust_amount": 0, "refund_amount": 0, "remark": "", "json": ""}
    return [trade], [line]


def stock_figures(tenant: TenantHandle, warehouse_id: int, spec_id: int, names: tuple[str, ...],
                  defect: bool = False) -> dict[str, Decimal]:
    """The named counters of one stock row (zeros when there is none)."""
    with tenant.db.transaction() as session:
        found = inventory.stock_row(session, warehouse_id, spec_id, defect)
        return {n: Decimal(0) if found is None else getattr(found, n) for n in names}


def ledger(tenant: TenantHandle, warehouse_id: int, spec_id: int, defect: bool = False) -> list[tuple[int, Decimal]]:
    """(src_order_type, num) of the stock row's ledger rows, oldest first; their sum is the stock."""
    with tenant.db.transaction() as session:
        rows = session.execute(select(StockLedger.src_order_type, StockLedger.num).where(
            StockLedger.tenant_id == tenant.tenant_id, StockLedger.warehouse_id == warehouse_id,
            StockLedger.spec_id == spec_id, StockLedger.defect.is_(defect)).order_by(StockLedger.rec_id))
        return [(t, Decimal(n)) for t, n in rows]


def parse_source(path: Path) -> ast.Module:
    """`ast.parse` of a source file. CPython 3.11 can leave its AST recursion counter off after a
    RecursionError elsewhere in the process (the hostile deep-JSON calls provoke one in the server's
    thread): ast.parse then raises SystemError. A fresh interpreter parses it instead."""
    source = path.read_text("utf-8")
    try:
        return ast.parse(source)
    except SystemError:
        code = "import ast, pickle, sys; sys.stdout.buffer.write(pickle.dumps(ast.parse(sys.stdin.read())))"
        out = subprocess.run([sys.executable, "-c", code], input=source.encode(), capture_output=True, check=True)
        tree: ast.Module = pickle.loads(out.stdout)  # noqa: S301 - our own interpreter's output
        return tree
