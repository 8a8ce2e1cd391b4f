"""wms.StockSpec.queryChangeHistory over a big stock ledger (SQLite): HTTP latency next to direct SQL.

    python bench/change_history.py [--rows 10000000] [--samples 200]

Ledger rows are spread over 90 days (at 10M rows: ~4,600 rows per 60-minute window) across 5
warehouses and 20,000 specs. Measured: a page of 100 (calc_total=1) of a random 60-minute window
without spec_no, next to the same count and page read by direct SQL on a plain sqlite3 connection.
Goal: HTTP p99 <= 25 ms and HTTP/SQL ratio (p50) <= 3. Generation of 10M rows takes minutes.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from stock_common import Caller, bulk_insert, prepare_schema, report, serve, sqlite_time, timed

from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.inventory.models import StockLedger
from wdterp.domain.masterdata.models import Warehouse
from wdterp.protocol.clock import format_wire_time, now_china

SPECS, WAREHOUSES, PAGE = 20_000, 5, 100
SPAN = timedelta(days=90)
DIRECT_PAGE = """
SELECT stock_ledger.*, spec.spec_no, warehouse.warehouse_no, warehouse.name FROM stock_ledger
JOIN spec ON spec.spec_id = stock_ledger.spec_id
JOIN warehouse ON warehouse.warehouse_id = stock_ledger.warehouse_id
WHERE stock_ledger.tenant_id = ? AND stock_ledger.defect = 0
  AND stock_ledger.created >= ? AND stock_ledger.created < ?
ORDER BY stock_ledger.created, stock_ledger.rec_id LIMIT ? OFFSET 0
"""
DIRECT_COUNT = """SELECT count(*) FROM stock_ledger
WHERE tenant_id = ? AND defect = 0 AND created >= ? AND created < ?"""


def generate(path: str, rows: int) -> tuple[int, tuple[str, str, str, str]]:
    tenant_id, creds = prepare_schema(path)
    now = now_china()
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    stamp = sqlite_time(now - SPAN)
    base = {"tenant_id": tenant_id, "created": stamp, "modified": stamp}
    bulk_insert(conn, Warehouse.__table__,  # type: ignore[arg-type]
                ({"warehouse_id": w + 1, "warehouse_no": f"WH{w + 1}", "name": f"仓库{w + 1}"}
                 for w in range(WAREHOUSES)), {**base, "type": 1, "is_disabled": 0, "is_external": 0})
    bulk_insert(conn, Goods.__table__,  # type: ignore[arg-type]
                ({"goods_id": g + 1, "goods_no": f"G{g + 1:07d}"} for g in range(SPECS // 10)),
                {**base, "goods_type": 1})
    bulk_insert(conn, Spec.__table__,  # type: ignore[arg-type]
                ({"spec_id": s + 1, "goods_id": s // 10 + 1, "spec_no": f"S{s + 1:07d}"} for s in range(SPECS)), base)
    rng = random.Random(5)
    step = SPAN.total_seconds() / rows
    start = now - SPAN

    def ledger():  # type: ignore[no-untyped-def]
        for i in range(rows):  # in time order, as a ledger is written
            num = rng.choice((-2, -1, -1, 1, 3, 10))
            yield {"warehouse_id": rng.randrange(1, WAREHOUSES + 1), "spec_id": rng.randrange(1, SPECS + 1),
                   "src_order_type": 20 if num > 0 else 1, "src_order_no": f"D{i}", "stockio_no": f"D{i}",
                   "num": num, "stock_before": 100, "stock_after": 100 + num,
                   "created": sqlite_time(start + timedelta(seconds=i * step))}

    bulk_insert(conn, StockLedger.__table__, ledger(), {"tenant_id": tenant_id, "defect": 0})  # type: ignore[arg-type]
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    print(f"generated {rows:,} ledger rows in {time.perf_counter() - started:.1f} s")
    return tenant_id, creds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--db", help="keep the database file here (default: a temporary file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "ledger.db")
        tenant_id, creds = generate(path, args.rows)
        now = now_china()
        rng = random.Random(3)
        direct = sqlite3.connect(path)
        http_ms, sql_ms = [], []
        with serve(f"sqlite:///{path}") as (url, _pid):
            caller = Caller(url, creds)
            for i in range(args.samples + 1):
                end = now - timedelta(seconds=rng.randrange(3600, int(SPAN.total_seconds())))
                begin = end - timedelta(minutes=60)
                window = {"start_date": format_wire_time(begin), "end_date": format_wire_time(end)}
                ms, envelope = timed(caller.call, "wms.StockSpec.queryChangeHistory", [window], (PAGE, 0))
                params = [tenant_id, sqlite_time(begin), sqlite_time(end)]
                sql, _ = timed(lambda p=params: (direct.execute(DIRECT_COUNT, p).fetchone(),
                                                 direct.execute(DIRECT_PAGE, [*p, PAGE]).fetchall()))
                if i:  # the first call warms the server up
                    http_ms.append(ms)
                    sql_ms.append(sql)
        print(f"{args.rows:,} ledger rows, 60-minute windows (~{int(args.rows / SPAN.total_seconds() * 3600):,} "
              f"rows each), {args.samples} samples, page of {PAGE}; last total_count "
              f"{envelope['data']['total_count']:,}")
        report("queryChangeHistory 60 min", http_ms, sql_ms, 25, 3)


if __name__ == "__main__":
    main()
