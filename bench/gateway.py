"""Gateway throughput: `setting.Warehouse.queryWarehouse` vs a bare Starlette JSON endpoint.

Both run as one uvicorn worker in a subprocess and are hit by the same load generator: `wrk` when it
is installed, else a small asyncio keep-alive client. Prints requests/s of each and their ratio.

    python bench/gateway.py [--connections 32] [--seconds 10] [--rounds 3] [--threads 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx

from wdterp import wiring
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.masterdata.service import seed_tenant
from wdterp.domain.tenancy import service as tenancy
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.sign import compute_sign
from wdterp.storage import migrate
from wdterp.storage.db import Database

HERE = Path(__file__).parent
METHOD = "setting.Warehouse.queryWarehouse"
BODY = b"[{}]"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(db_url: str) -> tuple[str, str, str, str]:
    """A tenant with 10 warehouses and an app without practical limits: (sid, key, secret, salt)."""
    wiring.wire()
    db = Database(db_url)
    migrate.upgrade(db)
    sid = f"bench{uuid.uuid4().hex[:6]}"
    with db.transaction() as session:
        tenant = tenancy.create_tenant(session, sid)
        seed_tenant(session, tenant.id)
        for i in range(10):
            session.add(Warehouse(tenant_id=tenant.id, warehouse_no=f"W{i:02d}", name=f"仓库{i}",
                                  province="浙江省", city="杭州市", address=f"路{i}号"))
        app = tenancy.create_app(session, sid, rate_limit=10**9, concurrency_limit=10**6)
        creds = (sid, app.key, app.secret, app.salt)
    db.dispose()
    return creds


@contextmanager
def serve(target: str, env: dict[str, str], factory: bool,
          app_dir: Path | None = None) -> Iterator[tuple[str, int]]:
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", target, "--workers", "1", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log"]
    if factory:
        cmd.append("--factory")
    if app_dir:
        cmd += ["--app-dir", str(app_dir)]
    proc = subprocess.Popen(cmd, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.post(f"{url}/openapi", content=b"[]", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"{target} did not start") from None
                time.sleep(0.1)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def run_wrk(url: str, connections: int, seconds: int, threads: int) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write('wrk.method = "POST"\n'
                     f'wrk.body = "{BODY.decode()}"\n'
                     'wrk.headers["Content-Type"] = "application/json"\n')
    try:
        out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
                              "-s", script.name, url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    if errors:
        print(out)
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    assert found, out
    return float(found.group(1))


async def _asyncio_load(host: str, port: int, request: bytes, connections: int, seconds: float) -> int:
    done = 0
    stop = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, port)
        while time.monotonic() < stop:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
            await reader.readexactly(length)
            done += 1
        writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return done


def run_asyncio(url: str, connections: int, seconds: int) -> float:
    target = httpx.URL(url)
    path = target.raw_path.decode()
    request = (f"POST {path} HTTP/1.1\r\nHost: {target.host}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(BODY)}\r\n\r\n").encode() + BODY
    done = asyncio.run(_asyncio_load(target.host, target.port or 80, request, connections, seconds))
    return done / seconds


def measure(url: str, args: argparse.Namespace) -> float:
    if shutil.which("wrk") and not args.asyncio:
        return run_wrk(url, args.connections, args.seconds, args.threads)
    return run_asyncio(url, args.connections, args.seconds)


def signed_url(base: str, creds: tuple[str, str, str, str]) -> str:
    """A signed request, valid for the 120 s timestamp window (signed again every round)."""
    sid, key, secret, salt = creds
    params = {"sid": sid, "key": key, "salt": salt, "method": METHOD, "v": "1.0",
              "timestamp": str(wire_timestamp()), "page_size": "10", "page_no": "0", "calc_total": "1"}
    params["sign"] = compute_sign(secret, params, BODY)
    return f"{base}/openapi?{urlencode(params)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=10, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=3,
                        help="gateway and bare measured alternately this many times (the machine's load moves)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--asyncio", action="store_true", help="use the Python load generator, not wrk")
    parser.add_argument("--profile", help="write a py-spy profile (collapsed stacks) of the gateway here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        creds = prepare(db_url)
        env = {"WDTERP_DATABASE_URL": db_url, "WDTERP_ACCESS_CACHE_TTL": "5"}
        with serve("wdterp.gateway.app:create_app_from_env", env, factory=True) as (base, pid):
            first = httpx.post(signed_url(base, creds), content=BODY,
                               headers={"Content-Type": "application/json"}).content
            assert b'"total_count":10' in first, first
            payload = Path(tmp) / "payload.json"
            payload.write_bytes(first)
            with serve("bare_app:app", {"BENCH_PAYLOAD_FILE": str(payload)}, factory=False,
                       app_dir=HERE) as (bare, _):
                rounds = []
                for at in range(args.rounds):
                    profiler = None
                    if args.profile and at == 0:  # py-spy samples the gateway worker while the load runs
                        profiler = subprocess.Popen(["py-spy", "record", "-p", str(pid), "-d", str(args.seconds),
                                                     "-r", "250", "-f", "raw", "-o", args.profile, "-n"])
                    gateway_rps = measure(signed_url(base, creds), args)
                    if profiler:
                        profiler.wait(60)
                    rounds.append((gateway_rps, measure(f"{bare}/openapi", args)))

    tool = "wrk" if shutil.which("wrk") and not args.asyncio else "asyncio"
    print(f"load: {tool}, {args.connections} connections, {args.seconds} s per measurement, "
          f"response {len(first)} bytes, gateway and bare alternately, {args.rounds} rounds")
    for at, (gateway_rps, bare_rps) in enumerate(rounds, 1):
        print(f"round {at}: gateway {METHOD} {gateway_rps:9.1f} req/s, bare Starlette JSON endpoint "
              f"{bare_rps:9.1f} req/s, ratio {gateway_rps / bare_rps:.3f}")
    ratios = sorted(g / b for g, b in rounds)
    print(f"ratio gateway/bare: median {statistics.median(ratios):.3f} (range {ratios[0]:.3f}-{ratios[-1]:.3f})")


if __name__ == "__main__":
    main()
