"""E62/E63 hold across worker processes with the Redis backend: a real `uvicorn --workers 2` server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis
from gwtools import wait_fresh_minute

from conftest import SLOW_METHOD
from support import Caller, free_port
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage import migrate
from wdterp.storage.db import Database

HERE = Path(__file__).parent
RATE = {"status": 100, "message": "超过每分钟最大调用频率限制，请稍后重试"}
CONCURRENCY = {"status": 100, "message": "超过每分钟最大并发次数限制，请稍后重试"}
WAREHOUSES = "setting.Warehouse.queryWarehouse"


@dataclass
class Workers:
    url: str
    db: Database
    sid: str


@pytest.fixture(scope="module")
def workers(redis_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workers]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('workers') / 'wdterp.db'}"
    db = Database(db_url)
    migrate.upgrade(db)
    sid = f"w{uuid.uuid4().hex[:10]}"
    with db.transaction() as session:
        tenancy.create_tenant(session, sid)
    prefix = f"wdterp-test-{uuid.uuid4().hex[:8]}"
    port = free_port()
    env = {**os.environ, "WDTERP_DATABASE_URL": db_url, "WDTERP_REDIS_URL": redis_server_url,
           "WDTERP_ACCESS_CACHE_TTL": "0", "WDTERP_TEST_REDIS_PREFIX": prefix,
           "WDTERP_TEST_SLOW_METHOD": SLOW_METHOD, "WDTERP_TEST_SLOW_SECONDS": "1.5"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "asgi_factory:create", "--factory", "--workers", "2",
         "--app-dir", str(HERE), "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc)
        yield Workers(url, db, sid)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        client = redis.Redis.from_url(redis_server_url)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()
        db.dispose()


def _wait_until_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "uvicorn exited"
        try:
            httpx.get(f"{url}/ping", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("uvicorn workers did not start")


def _caller(workers: Workers, **options: object) -> Caller:
    with workers.db.transaction() as session:
        app = tenancy.create_app(session, workers.sid, **options)
        return Caller(workers.url, workers.sid, app.key, app.secret, app.salt)


def _burst(count: int, fn: object) -> list[httpx.Response]:
    with ThreadPoolExecutor(count) as pool:  # every call on its own connection
        return list(pool.map(lambda _: fn(), range(count)))  # type: ignore[operator]


def test_two_workers_serve(workers: Workers) -> None:
    pids: set[str] = set()
    for _ in range(20):
        pids |= {r.headers["x-worker-pid"]
                 for r in _burst(16, lambda: httpx.get(f"{workers.url}/ping", timeout=10))}
        if len(pids) == 2:
            return
    raise AssertionError(f"only worker(s) {pids} answered")


def test_rate_limit_holds_across_workers(workers: Workers) -> None:
    caller = _caller(workers, rate_limit=5)
    wait_fresh_minute(15)
    responses = _burst(12, lambda: caller.send(caller.params(WAREHOUSES, (10, 0)), b"[{}]"))
    envelopes = [r.json() for r in responses]
    assert sum(e["status"] == 0 for e in envelopes) == 5
    assert [e for e in envelopes if e["status"] != 0] == [RATE] * 7


def test_concurrency_limit_holds_across_workers(workers: Workers) -> None:
    caller = _caller(workers, concurrency_limit=2)
    responses = _burst(6, lambda: caller.send(caller.params(SLOW_METHOD), b"[{}]"))
    envelopes = [r.json() for r in responses]
    assert sum(e["status"] == 0 for e in envelopes) == 2
    assert [e for e in envelopes if e["status"] != 0] == [CONCURRENCY] * 4
    # the slots come back when the slow calls end
    assert caller.send(caller.params(WAREHOUSES, (10, 0)), b"[{}]").json()["status"] == 0
