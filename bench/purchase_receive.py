"""Purchase receiving throughput (lines/s) through HTTP, next to the generic other-in stockin.

    python bench/purchase_receive.py [--calls 30] [--lines 100] [--backends sqlite,postgres]

Per backend (SQLite file; PostgreSQL in a fresh database, when reachable), one uvicorn worker in a
subprocess, one tenant with `--lines` specs and a provider. One purchase order of `--lines` lines
(`--calls` of each) is created and checked first (not timed). Then, alternating call by call:
- `wms.stockin.Purchase.upload` of all `--lines` lines (1 each) against the order, create_mode 2
  (checked at once: stock, ledger, weighted cost, the order's receipt figures and statuses);
- `wms.stockin.Other.createOtherOrder` of the same lines, is_check 1 (checked at once: stock, ledger,
  weighted cost, its business order).
Goal: purchase receiving >= 0.8 of the other-in rate (it must not be a slower path).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from sales_common import WAREHOUSE, database, pg_reachable, prepare
from stock_common import serve

from wdterp.domain.masterdata.models import Employee, Provider
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.sign import compute_sign
from wdterp.storage.db import Database


class Client:
    def __init__(self, base: str, creds: tuple[str, str, str, str]) -> None:
        self.base = base
        self.sid, self.key, self.secret, self.salt = creds
        self.http = httpx.Client(timeout=120)

    def ok(self, method: str, *args: Any) -> Any:
        body = orjson.dumps(list(args))
        params = {"sid": self.sid, "key": self.key, "salt": self.salt, "method": method, "v": "1.0",
                  "timestamp": str(wire_timestamp())}
        params["sign"] = compute_sign(self.secret, params, body)
        response = self.http.post(f"{self.base}/openapi?{urlencode(params)}", content=body,
                                  headers={"Content-Type": "application/json"})
        envelope = orjson.loads(response.content)
        assert envelope.get("status") == 0, envelope
        return envelope.get("data")


def _seed_provider(url: str, tenant_id: int) -> None:
    db = Database(url)
    with db.transaction() as session:
        session.add_all([Provider(tenant_id=tenant_id, provider_no="P1", provider_name="供应商"),
                         Employee(tenant_id=tenant_id, employee_no="B1", name="采购", shortname="采购",
                                  roles_mask=512)])
    db.dispose()


def run(backend: str, url: str, calls: int, lines: int) -> dict[str, float]:
    seeded = prepare(url, lines)
    _seed_provider(url, seeded.tenant_id)
    with serve(url) as (base, _pid):
        client = Client(base, seeded.creds)
        details = [{"spec_no": no, "num": calls, "price": 5} for no in seeded.spec_nos]
        created = client.ok("purchase.PurchaseOrder.createOrder", {
            "provider_no": "P1", "receive_warehouse_nos": WAREHOUSE, "expect_warehouse_no": WAREHOUSE,
            "purchaser_name": "采购", "is_check": True, "purchase_details": details})
        assert created["status"] == 0, created
        purchase_no = created["message"]
        receipt = [{"spec_no": no, "num": 1} for no in seeded.spec_nos]
        other = [{"spec_no": no, "num": 1, "stockin_price": 5} for no in seeded.spec_nos]
        for warm in range(2):  # compile both paths' statements before timing
            client.ok("wms.stockin.Other.createOtherOrder", {"outer_no": f"WARM-{warm}", "warehouse_no": WAREHOUSE,
                                                             "is_check": 1, "goods_list": other})
        purchase: list[float] = []
        generic: list[float] = []
        for call in range(calls):
            start = time.perf_counter()
            client.ok("wms.stockin.Purchase.upload", {"purchase_no": purchase_no, "warehouse_no": WAREHOUSE,
                                                      "create_mode": 2}, receipt)
            purchase.append(time.perf_counter() - start)
            start = time.perf_counter()
            client.ok("wms.stockin.Other.createOtherOrder", {"outer_no": f"OI-{call}", "warehouse_no": WAREHOUSE,
                                                             "is_check": 1, "goods_list": other})
            generic.append(time.perf_counter() - start)
        client.http.close()
    p_rate, g_rate = lines / statistics.median(purchase), lines / statistics.median(generic)
    return {"purchase_lines_s": p_rate, "other_in_lines_s": g_rate, "ratio": p_rate / g_rate}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--lines", type=int, default=100)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        if backend == "postgres" and not pg_reachable():
            print("postgres: not reachable, skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp, database(backend, str(Path(tmp) / "bench.db")) as url:
            figures = run(backend, url, args.calls, args.lines)
        print(f"{backend}: purchase receiving {figures['purchase_lines_s']:,.0f} lines/s, other-in "
              f"{figures['other_in_lines_s']:,.0f} lines/s, ratio {figures['ratio']:.2f} (median of {args.calls} "
              f"calls of {args.lines} lines each)")


if __name__ == "__main__":
    main()
