"""Ten query methods across namespaces on the demo data: median latency through HTTP vs the same SQL run
directly, printed as a table.

    python bench/read_sample.py [--samples 60]

The demo tenant with the read snapshot's scenario (tests/api/snapscenario.py: trades pushed and
shipped, other stock documents, counts, moves, a JIT stockout, payments) is written to a SQLite file.
Each method is called once in-process with the engine's statements captured: that SQL, replayed on a
plain sqlite3 connection (rows fetched), is the baseline. Then one uvicorn worker in a subprocess
answers `--samples` calls of each method (the read snapshot's "filled" arguments: a window and the
demo's filters, a page of 50); the ratio is HTTP p50 / direct SQL p50. The machine is shared: figures
are noisy, rerun and compare ratios.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE.parent / "tests" / "api")]

from readsnapshot import _op, _prepare, variants  # noqa: E402
from snapscenario import run_scenario  # noqa: E402
from sqlalchemy import event  # noqa: E402
from stock_common import Caller, serve  # noqa: E402

from support import run_server  # noqa: E402
from wdterp.api.registry import load_all  # noqa: E402
from wdterp.gateway.config import GatewayConfig  # noqa: E402
from wdterp.storage.db import Database  # noqa: E402

MINIMUM = "--min" in sys.argv
METHODS = (
    "setting.Warehouse.queryWarehouse", "setting.Shop.queryShop", "setting.Logistics.queryLogistics",
    "goods.Goods.queryWithSpec", "goods.GoodsBrand.search", "wms.StockSpec.search",
    "wms.stockout.Sales.queryWithDetail", "sales.TradeQuery.queryWithDetail", "finance.Payment.search",
    "wms.stockin.Other.queryWithDetail",
)


def build(db: Database) -> tuple[tuple[str, str, str, str], dict[str, list[tuple[str, Any]]]]:
    """The demo data with the scenario; the statements each method's call runs."""
    caller = _prepare(db)
    statements: dict[str, list[tuple[str, Any]]] = {}
    with run_server(db, GatewayConfig(access_cache_ttl=600.0, call_log_flush_seconds=0.05)) as server:
        caller.url = server.url
        run_scenario(caller, lambda name, **p: _op(db, name, **p))
        methods = load_all()
        for name in METHODS:
            args, page = variants(methods[name])["filled"]
            caller.call(name, *args, page=page)  # warm
            seen: list[tuple[str, Any]] = []

            def grab(_c: Any, _cur: Any, sql: str, params: Any, *_: Any, seen: list[Any] = seen) -> None:
                if sql.lstrip().upper().startswith("SELECT") and "call_log" not in sql:
                    seen.append((sql, params))

            event.listen(db.engine, "before_cursor_execute", grab)
            envelope = caller.call(name, *args, page=page)
            event.remove(db.engine, "before_cursor_execute", grab)
            assert envelope["status"] == 0, (name, envelope)
            statements[name] = seen
    return (caller.sid, caller.key, caller.secret, caller.salt), statements


def direct_ms(path: str, statements: list[tuple[str, Any]], samples: int) -> float:
    conn = sqlite3.connect(path)
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        conn.execute("BEGIN")
        for sql, params in statements:
            conn.execute(sql, params).fetchall()
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return min(times) if MINIMUM else statistics.median(times)


def http_ms(caller: Caller, name: str, samples: int) -> float:
    args, page = variants(load_all()[name])["filled"]
    caller.call(name, args, page)
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        caller.call(name, args, page)
        times.append((time.perf_counter() - start) * 1000)
    return min(times) if MINIMUM else statistics.median(times)


def floor_ms(payload: bytes, samples: int) -> float:
    """The same client against the bare Starlette endpoint (bench/bare_app.py) answering a fixed body."""
    import os

    import httpx

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        f.write(payload)
    env = {"BENCH_PAYLOAD_FILE": f.name}
    try:
        from gateway import serve as serve_app

        with serve_app("bare_app:app", env, factory=False, app_dir=HERE) as (base, _):
            client = httpx.Client()
            times = []
            for _ in range(samples + 1):
                start = time.perf_counter()
                client.post(f"{base}/openapi", content=b"[{}]", headers={"Content-Type": "application/json"})
                times.append((time.perf_counter() - start) * 1000)
            client.close()
            return min(times[1:]) if MINIMUM else statistics.median(times[1:])
    finally:
        os.unlink(f.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--min", action="store_true", help="report minimum latencies instead of medians")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "sample.db")
        db = Database(f"sqlite:///{path}")
        creds, statements = build(db)
        db.dispose()
        with serve(f"sqlite:///{path}") as (base, _):
            caller = Caller(base, creds)
            rows = [(name, http_ms(caller, name, args.samples), direct_ms(path, statements[name], args.samples),
                     len(statements[name])) for name in METHODS]
        floor = floor_ms(b'{"status":0,"data":{"total_count":0,"details":[]}}', args.samples)
    what = "min" if MINIMUM else "p50"
    print(f"HTTP floor (bare Starlette endpoint, same client): {floor:.2f} ms")
    print(f"{'method':<40} {'HTTP ' + what + ' ms':>11} {'SQL ' + what + ' ms':>10} {'ratio':>6} "
          f"{'HTTP-floor':>10} {'statements':>10}")
    for name, h, s, n in rows:
        print(f"{name:<40} {h:11.2f} {s:10.3f} {h / s:6.1f} {h - floor:10.2f} {n:10d}")
    print(f"median ratio {statistics.median(h / s for _, h, s, _ in rows):.1f}; "
          f"median time over the HTTP floor {statistics.median(h - floor for _, h, _, _ in rows):.2f} ms")


if __name__ == "__main__":
    main()
