"""aftersales.refund.RawRefund.upload throughput (refunds/s) through HTTP, next to sales.RawTrade.pushSelf2
of the same number of orders per call, in the same run.

    python bench/refund_upload.py [--calls 10] [--orders 100] [--specs 200] [--backends sqlite,postgres]

Per backend (SQLite file; PostgreSQL in a fresh database created here and dropped after, when reachable),
one uvicorn worker in a subprocess, the tenant's autopilot on (auto_submit, auto_check):
- pushSelf2: `--calls` sequential calls of `--orders` new paid orders (one line each), each submitted
  and checked by the autopilot in the push's transaction: the baseline;
- the pushed orders are then shipped (ERP side, not timed);
- RawRefund.upload: `--calls` sequential calls of `--orders` raw refunds (退货, one per shipped order),
  each submitted into a refund and checked by the autopilot in the upload's transaction.
Goal: refunds/s >= 0.5 of the pushSelf2 orders/s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from sales_common import MALL, WAREHOUSE, database, pg_reachable, prepare
from sales_push import payload
from sqlalchemy import select
from stock_common import serve

from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.sales import autopilot, flow
from wdterp.domain.sales.models import Trade
from wdterp.domain.sales.statuses import TradeStatus
from wdterp.protocol.clock import format_wire_time, now_china, wire_timestamp
from wdterp.protocol.sign import compute_sign
from wdterp.storage.db import Database

PUSH, UPLOAD = "sales.RawTrade.pushSelf2", "aftersales.refund.RawRefund.upload"
GOAL = 0.5


def refunds(call: int, orders: int) -> list[Any]:
    """One RawRefund.upload argument list: a return of each order of the same pushSelf2 call."""
    now = format_wire_time(now_china())
    rows = []
    for i in range(orders):
        tid = f"A{call * orders + i:08d}"
        rows.append({"refund_no": f"R{call * orders + i:08d}", "num": 2, "tid": tid, "oid": f"{tid}-1", "type": 2,
                     "status": 3, "refund_version": "1", "refund_amount": 20, "actual_refund_amount": 20,
                     "title": "T恤", "logistics_name": "顺丰", "logistics_no": f"SFR{call * orders + i:08d}",
                     "buyer_nick": "buyer", "refund_time": now, "is_aftersale": 1, "reason": "不想要了"})
    return [MALL, rows]


def call(http: httpx.Client, base: str, creds: tuple[str, str, str, str], method: str, body: bytes) -> Any:
    sid, key, secret, salt = creds
    params = {"sid": sid, "key": key, "salt": salt, "method": method, "v": "1.0", "timestamp": str(wire_timestamp())}
    params["sign"] = compute_sign(secret, params, body)
    response = http.post(f"{base}/openapi?{urlencode(params)}", content=body,
                         headers={"Content-Type": "application/json"})
    envelope = orjson.loads(response.content)
    assert envelope.get("status") == 0, envelope
    return envelope["data"]


def stock_and_autopilot(url: str, tenant_id: int, units: int) -> None:
    """Enough stock of every spec for the pushes, and the autopilot on."""
    from wdterp.domain.catalog.models import Spec

    db = Database(url)
    with db.transaction() as session:
        warehouse_id = session.scalar(select(Warehouse.warehouse_id).where(Warehouse.tenant_id == tenant_id,
                                                                           Warehouse.warehouse_no == WAREHOUSE))
        specs = session.execute(select(Spec.spec_id, Spec.spec_no).where(Spec.tenant_id == tenant_id)).all()
        inventory.apply_moves(session, tenant_id, [Move(warehouse_id, spec_id, Decimal(units), spec_no=no)
                                                   for spec_id, no in specs], DocumentRef(33, "BENCH"))
        autopilot.set_rules(session, tenant_id, auto_submit=True, auto_check=True)
    db.dispose()


def ship_all(url: str, tenant_id: int) -> int:
    """Ship every checked trade (ERP side)."""
    db = Database(url)
    with db.transaction() as session:
        trades = session.scalars(select(Trade).where(Trade.tenant_id == tenant_id,
                                                     Trade.trade_status == TradeStatus.CHECKED)).all()
        for trade in trades:
            flow.consign(session, trade, "SF", None, "bench")
    db.dispose()
    return len(trades)


def bench_backend(backend: str, args: argparse.Namespace, tmp: str) -> dict[str, float]:
    with database(backend, str(Path(tmp) / f"refund-{backend}.db")) as url:
        seeded = prepare(url, args.specs)
        stock_and_autopilot(url, seeded.tenant_id, 2 * args.calls * args.orders)
        pushes = [orjson.dumps(payload("A", c, args.orders, 1, seeded.spec_nos)) for c in range(args.calls)]
        uploads = [orjson.dumps(refunds(c, args.orders)) for c in range(args.calls)]
        rates: dict[str, float] = {}
        # the background round stays off: the autopilot steps measured are those inside the calls
        with serve(url, env={"WDTERP_AUTOPILOT_SECONDS": "0"}) as (base, _), httpx.Client(timeout=300) as http:
            call(http, base, seeded.creds, PUSH, orjson.dumps(payload("W", 0, args.orders, 1, seeded.spec_nos)))
            start = time.perf_counter()
            for body in pushes:
                assert call(http, base, seeded.creds, PUSH, body)["new_count"] == args.orders
            rates[PUSH] = args.calls * args.orders / (time.perf_counter() - start)
            shipped = ship_all(url, seeded.tenant_id)
            assert shipped >= args.calls * args.orders, shipped
            start = time.perf_counter()
            for body in uploads:
                assert call(http, base, seeded.creds, UPLOAD, body)["new_count"] == args.orders
            rates[UPLOAD] = args.calls * args.orders / (time.perf_counter() - start)
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=10, help="calls per phase")
    parser.add_argument("--orders", type=int, default=100, help="orders / refunds per call")
    parser.add_argument("--specs", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    print(f"{args.calls} calls of {args.orders} per phase, autopilot submit+check, 1 uvicorn worker")
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            if backend == "postgres" and not pg_reachable():
                print("postgres: not reachable, skipped")
                continue
            rates = bench_backend(backend, args, tmp)
            ratio = rates[UPLOAD] / rates[PUSH]
            print(f"{backend:<9} {PUSH:<38} {rates[PUSH]:8.0f} orders/s")
            print(f"{backend:<9} {UPLOAD:<38} {rates[UPLOAD]:8.0f} refunds/s   ratio {ratio:5.2f} "
                  f"(goal >= {GOAL}: {'ok' if ratio >= GOAL else 'MISSED'})")


if __name__ == "__main__":
    main()
