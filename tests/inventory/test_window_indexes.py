"""Every documented time-window query is served by an index.

The SQL the server really runs for a call is captured from the engine, then each SELECT that reads
the big table is explained (SQLite `EXPLAIN QUERY PLAN`; PostgreSQL `EXPLAIN` with sequential scans
priced out, so the plan shows an index whenever one can serve the query).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from invtools import move, seed
from sqlalchemy import event, text

from wdterp.protocol.clock import format_wire_time, now_china

NOW = now_china()
WINDOW = {"start_time": format_wire_time(NOW - timedelta(minutes=30)),
          "end_time": format_wire_time(NOW + timedelta(minutes=30))}

#: (method, params, the big table its window reads)
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("wms.StockSpec.search", WINDOW, "stock"),
    ("wms.StockSpec.search2", WINDOW, "stock"),
    ("wms.StockSpec.queryAvailableStock", WINDOW, "stock"),
    ("wms.StockSpec.queryChangeHistory", {"start_date": WINDOW["start_time"], "end_date": WINDOW["end_time"]},
     "stock_ledger"),
    ("wms.StockSpec.queryChangeHistory", {"start_date": WINDOW["start_time"], "end_date": WINDOW["end_time"],
                                          "spec_no": "X1"}, "stock_ledger"),
    ("finance.StockCost.search", WINDOW, "stock_cost"),
    ("statistic.StockinCollect.queryCostWithDetail", WINDOW, "stock_document"),
    ("statistic.StockinCollect.queryCostWithDetail", {**WINDOW, "time_type": 2}, "stock_document"),
    ("statistic.StockoutCollect.queryCostWithDetail", WINDOW, "stock_document"),
    ("setting.Warehouse.queryWarehouse", WINDOW, "warehouse"),
    ("setting.Employee.search", WINDOW, "employee"),
    ("setting.OperationReason.search", WINDOW, "operation_reason"),
    ("setting.CustomAttr.getTradeLabel", WINDOW, "trade_label"),
    ("setting.PurchaseProvider.queryDetail", {"modified_begin": WINDOW["start_time"],
                                              "modified_end": WINDOW["end_time"]}, "provider"),
]


@contextmanager
def captured(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def _reads(statement: str, table: str) -> bool:
    return re.search(rf"\bFROM {table}\b|\bJOIN {table}\b", statement) is not None


def _plan(engine: Any, statement: str, parameters: Any) -> list[str]:
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return [str(row[-1]) for row in cursor.fetchall()]
        conn.execute(text("SET enable_seqscan = off"))
        cursor = conn.connection.dbapi_connection.cursor()
        cursor.execute(f"EXPLAIN {statement}", parameters)
        return [str(row[0]) for row in cursor.fetchall()]


def _full_scans(plan: list[str], table: str, dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [line for line in plan if re.match(rf"SCAN {table}\b", line) and "INDEX" not in line]
    return [line for line in plan if re.search(rf"Seq Scan on {table}\b", line)]


@pytest.mark.parametrize(("method", "params", "table"), CASES, ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_time_window_query_uses_an_index(tenant, method, params, table):
    s = seed(tenant, ("WH1",), ("X1",))
    move(tenant, s.warehouses["WH1"], s.specs["X1"], 2, price="1")
    engine = tenant.db.engine
    with captured(engine) as statements:
        envelope = tenant.caller.call(method, params, page=(10, 0))
    assert envelope["status"] == 0, envelope
    reading = [(sql, p) for sql, p in statements if _reads(sql, table)]
    assert reading, f"{method} ran no SELECT on {table}"
    for sql, parameters in reading:
        plan = _plan(engine, sql, parameters)
        assert not _full_scans(plan, table, engine.dialect.name), (sql, plan)
