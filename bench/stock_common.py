"""Shared by the stock benchmarks: a SQLite database with many rows, a server subprocess, signed calls.

Rows are written with raw `executemany` (all columns given), so a million rows take seconds.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from sqlalchemy import Table

from wdterp import wiring
from wdterp.domain.masterdata.service import seed_tenant
from wdterp.domain.tenancy import service as tenancy
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.sign import compute_sign
from wdterp.storage import migrate
from wdterp.storage.db import Database


def sqlite_time(value: datetime) -> str:
    """How SQLAlchemy stores a DateTime in SQLite (so range comparisons with bound values work)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def prepare_schema(path: str) -> tuple[int, tuple[str, str, str, str]]:
    """A fresh database at `path` with one tenant and an unlimited app: (tenant_id, (sid, key, secret, salt))."""
    wiring.wire()
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    wiring.metadata().create_all(db.engine)  # tables whose migration the lead has not generated yet
    sid = f"bench{uuid.uuid4().hex[:6]}"
    with db.transaction() as session:
        tenant = tenancy.create_tenant(session, sid)
        seed_tenant(session, tenant.id)
        app = tenancy.create_app(session, sid, rate_limit=10**9, concurrency_limit=10**6)
        creds, tenant_id = (sid, app.key, app.secret, app.salt), tenant.id
    db.dispose()
    return tenant_id, creds


def bulk_insert(conn: sqlite3.Connection, table: Table, rows: Iterable[dict[str, Any]],
                defaults: dict[str, Any]) -> None:
    """Insert rows giving every column: a row's value, else `defaults`, else 0 / "" by column type."""
    names = [c.name for c in table.columns if c.name not in ("rec_id",) or c.name in defaults]
    fill = {}
    for column in table.columns:
        python_type: Any
        try:
            python_type = column.type.python_type
        except NotImplementedError:
            python_type = str
        fill[column.name] = defaults.get(column.name, "" if python_type is str else None if column.nullable else 0)
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(tuple(row.get(n, fill[n]) for n in names))
        if len(batch) >= 50_000:
            conn.executemany(sql, batch)
            batch.clear()
    if batch:
        conn.executemany(sql, batch)
    conn.commit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(url: str, env: dict[str, str] | None = None, workers: int = 1) -> Iterator[tuple[str, int]]:
    """The wdterp server (`workers` uvicorn workers) on the database `url`, in a subprocess: (base URL, pid)."""
    port = free_port()
    full_env = {**os.environ, "WDTERP_DATABASE_URL": url, "WDTERP_ACCESS_CACHE_TTL": "60", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "wdterp.gateway.app:create_app_from_env", "--factory",
                             "--workers", str(workers), "--host", "127.0.0.1", "--port", str(port),
                             "--log-level", "warning", "--no-access-log"], env=full_env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.2)
        if workers > 1:
            time.sleep(workers)  # every worker up, not only the first
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


class Caller:
    def __init__(self, url: str, creds: tuple[str, str, str, str]) -> None:
        self.url = url
        self.sid, self.key, self.secret, self.salt = creds
        self.http = httpx.Client(timeout=60)

    def call(self, method: str, args: list[Any], page: tuple[int, int] | None = None) -> Any:
        body = orjson.dumps(args)
        params = {"sid": self.sid, "key": self.key, "salt": self.salt, "method": method, "v": "1.0",
                  "timestamp": str(wire_timestamp())}
        if page:
            params.update(page_size=str(page[0]), page_no=str(page[1]), calc_total="1")
        params["sign"] = compute_sign(self.secret, params, body)
        response = self.http.post(f"{self.url}/openapi?{urlencode(params)}", content=body,
                                  headers={"Content-Type": "application/json"})
        envelope = orjson.loads(response.content)
        if envelope["status"] != 0:
            raise RuntimeError(envelope)
        return envelope


def percentile(samples: Sequence[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(name: str, http_ms: list[float], sql_ms: list[float], goal_p99: float, goal_ratio: float) -> bool:
    h50, h99 = statistics.median(http_ms), percentile(http_ms, 99)
    s50, s99 = statistics.median(sql_ms), percentile(sql_ms, 99)
    ratio = h50 / s50 if s50 else float("inf")
    ok = h99 <= goal_p99 and ratio <= goal_ratio
    print(f"{name:<28} HTTP p50 {h50:7.2f} ms  p99 {h99:7.2f} ms | direct SQL p50 {s50:6.2f} ms  "
          f"p99 {s99:6.2f} ms | ratio p50 {ratio:5.2f} (p99 {h99 / s99 if s99 else 0:5.2f})  "
          f"[goal p99 <= {goal_p99} ms, ratio <= {goal_ratio}: {'met' if ok else 'NOT met'}]")
    return ok


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result
