"""Past one worker: throughput of a read and of a push with 1 and with N uvicorn workers on PostgreSQL
with Redis limits, in the same run.

    python bench/workers.py [--workers 2] [--seconds 5] [--connections 16] [--orders 10]

Each server is what `wdterp serve --db postgresql://... --workers N --redis redis://...` starts
(uvicorn's workers over `create_app_from_env`), with uvicorn's access log off. The load generator
is a Python asyncio client in this process (wrk is not installed here) that keeps `--connections`
requests in flight: `setting.Warehouse.queryWarehouse` (10 rows), then `sales.RawTrade.pushSelf2`
of `--orders` new orders x 3 lines per call (every call its own tids, signed up front).
On a 2-core machine shared with the load generator and other jobs, a second worker can at best
take the core the first leaves idle: the figures show how the service scales out, not how far.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).parent))

from sales_common import database, pg_reachable, prepare  # noqa: E402
from sales_push import payload  # noqa: E402
from stock_common import serve  # noqa: E402

from wdterp.domain.masterdata.models import Warehouse  # noqa: E402
from wdterp.protocol.clock import wire_timestamp  # noqa: E402
from wdterp.protocol.sign import compute_sign  # noqa: E402
from wdterp.storage.db import Database  # noqa: E402

REDIS = os.environ.get("WDTERP_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def signed(creds: tuple[str, str, str, str], method: str, body: bytes, page: bool) -> str:
    sid, key, secret, salt = creds
    params = {"sid": sid, "key": key, "salt": salt, "method": method, "v": "1.0", "timestamp": str(wire_timestamp())}
    if page:
        params.update(page_size="10", page_no="0", calc_total="1")
    params["sign"] = compute_sign(secret, params, body)
    return "/openapi?" + urlencode(params)


async def load(base: str, requests: list[tuple[str, bytes]], connections: int, seconds: float) -> float:
    """Requests answered with status 0 per second; `requests` are used in turn (each at most once
    when there are enough of them)."""
    done, at = 0, 0
    stop = time.monotonic() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal done, at
        while time.monotonic() < stop:
            path, body = requests[at % len(requests)]
            at += 1
            response = await client.post(base + path, content=body, headers={"Content-Type": "application/json"})
            assert orjson.loads(response.content)["status"] == 0, response.content[:300]
            done += 1

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        start = time.monotonic()
        await asyncio.gather(*(worker(client) for _ in range(connections)))
        return done / (time.monotonic() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--orders", type=int, default=10)
    args = parser.parse_args()
    if not pg_reachable():
        raise SystemExit("PostgreSQL not reachable")
    with database("postgres", "") as url:
        seeded = prepare(url, 50)
        db = Database(url)
        with db.transaction() as session:
            session.add_all([Warehouse(tenant_id=seeded.tenant_id, warehouse_no=f"W{i:02d}", name=f"仓库{i}")
                             for i in range(9)])
        db.dispose()
        read = [(signed(seeded.creds, "setting.Warehouse.queryWarehouse", b"[{}]", True), b"[{}]")]
        rates: dict[tuple[int, str], float] = {}
        for n, workers in enumerate((1, args.workers)):
            with serve(url, {"WDTERP_REDIS_URL": REDIS} if REDIS else {}, workers) as (base, _):
                rates[(workers, "read")] = asyncio.run(load(base, read, args.connections, args.seconds))
                bodies = [orjson.dumps(payload(f"P{n}", c, args.orders, 3, seeded.spec_nos)) for c in range(4000)]
                pushes = [(signed(seeded.creds, "sales.RawTrade.pushSelf2", b, False), b) for b in bodies]
                rates[(workers, "push")] = asyncio.run(load(base, pushes, args.connections, args.seconds))
    print(f"PostgreSQL + Redis, {args.connections} requests in flight, {args.seconds:.0f} s each, "
          f"load generator in the same machine ({os.cpu_count()} cores)")
    for kind, unit in (("read", "calls/s (queryWarehouse, 10 rows)"),
                       ("push", f"calls/s (pushSelf2, {args.orders} new orders x 3 lines)")):
        one, many = rates[(1, kind)], rates[(args.workers, kind)]
        print(f"{kind}: 1 worker {one:8.0f}  {args.workers} workers {many:8.0f}  {unit}   ratio {many / one:5.2f}")


if __name__ == "__main__":
    main()
