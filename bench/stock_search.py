"""wms.StockSpec.search over many stock rows (SQLite): HTTP latency next to a direct SQL read.

    python bench/stock_search.py [--rows 1000000] [--warehouses 5] [--samples 300] [--db PATH]

Stock rows are spread over `--warehouses` warehouses, their `modified` uniformly over one year. Two
shapes of the call are measured, each a page of 100 with calc_total=1:
- by spec_nos (20 specs x 5 warehouses = 100 rows),
- by a 2-hour time window (an incremental sync; ~230 rows in the window at 1M rows).
Next to each, the same rows are read by direct SQL (count + the joined page) on a plain sqlite3
connection in the same run. Goal: HTTP p99 <= 25 ms and HTTP/SQL ratio (p50) <= 3.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from stock_common import Caller, bulk_insert, prepare_schema, report, serve, sqlite_time, timed

from wdterp.domain.catalog.models import Brand, Goods, Spec
from wdterp.domain.inventory.models import Stock
from wdterp.domain.masterdata.models import Warehouse
from wdterp.protocol.clock import format_wire_time, now_china

SPECS_PER_GOODS = 10
PAGE = 100
YEAR = timedelta(days=365)

DIRECT_PAGE = """
SELECT stock.*, spec.spec_no, spec.spec_code, spec.spec_name, spec.barcode, spec.weight, spec.img_url,
       spec.unit_name, spec.aux_unit_name, spec.flag_name, goods.goods_no, goods.goods_name, goods.short_name,
       goods_brand.brand_no, goods_brand.brand_name, warehouse.warehouse_no, warehouse.name, warehouse.type
FROM stock JOIN spec ON spec.spec_id = stock.spec_id JOIN goods ON goods.goods_id = spec.goods_id
LEFT JOIN goods_brand ON goods_brand.brand_id = goods.brand_id
JOIN warehouse ON warehouse.warehouse_id = stock.warehouse_id
WHERE stock.tenant_id = ? AND {where} ORDER BY stock.modified, stock.rec_id LIMIT ? OFFSET 0
"""


def generate(path: str, rows: int, warehouses: int) -> tuple[int, tuple[str, str, str, str], datetime]:
    tenant_id, creds = prepare_schema(path)
    specs = rows // warehouses
    now = now_china()
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    stamp = sqlite_time(now - YEAR)
    base = {"tenant_id": tenant_id, "created": stamp, "modified": stamp}
    bulk_insert(conn, Brand.__table__, [{"brand_id": 1, "brand_no": "B1", "brand_name": "品牌"}],  # type: ignore[arg-type]
                {**base, "is_disabled": 0})
    bulk_insert(conn, Warehouse.__table__,  # type: ignore[arg-type]
                ({"warehouse_id": w + 1, "warehouse_no": f"WH{w + 1}", "name": f"仓库{w + 1}"}
                 for w in range(warehouses)),
                {**base, "type": 1, "is_disabled": 0, "is_external": 0})
    goods = (specs + SPECS_PER_GOODS - 1) // SPECS_PER_GOODS
    bulk_insert(conn, Goods.__table__,  # type: ignore[arg-type]
                ({"goods_id": g + 1, "goods_no": f"G{g + 1:07d}", "goods_name": f"货品{g + 1}"} for g in range(goods)),
                {**base, "brand_id": 1, "goods_type": 1, "unit_name": "件"})
    bulk_insert(conn, Spec.__table__,  # type: ignore[arg-type]
                ({"spec_id": s + 1, "goods_id": s // SPECS_PER_GOODS + 1, "spec_no": f"S{s + 1:07d}",
                  "barcode": f"69{s + 1:011d}", "spec_name": f"规格{s + 1}"} for s in range(specs)),
                {**base, "weight": 0.5})
    rng = random.Random(7)
    span = int(YEAR.total_seconds())
    start = now - YEAR

    def stock_rows():  # type: ignore[no-untyped-def]
        for s in range(specs):
            for w in range(warehouses):
                modified = start + timedelta(seconds=rng.randrange(span))
                yield {"spec_id": s + 1, "warehouse_id": w + 1, "stock_num": rng.randrange(0, 500),
                       "lock_num": rng.randrange(0, 5), "created": sqlite_time(modified),
                       "modified": sqlite_time(modified), "last_inout_time": sqlite_time(modified)}

    bulk_insert(conn, Stock.__table__, stock_rows(), {"tenant_id": tenant_id, "defect": 0, "status": 1})  # type: ignore[arg-type]
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    print(f"generated {rows:,} stock rows, {specs:,} specs in {time.perf_counter() - started:.1f} s")
    return tenant_id, creds, now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--warehouses", type=int, default=5)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--db", help="keep the generated database here (with a .meta file); reused when both exist")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "stock.db")
        meta = Path(path + ".meta")
        if args.db and Path(path).exists() and meta.exists():
            tenant, sid, key, secret, salt, stamp, rows, warehouses = meta.read_text().split("\n")
            assert (int(rows), int(warehouses)) == (args.rows, args.warehouses), f"{path}: {rows} x {warehouses}"
            tenant_id, creds, now = int(tenant), (sid, key, secret, salt), datetime.fromisoformat(stamp)
            print(f"reusing {path}")
        else:
            tenant_id, creds, now = generate(path, args.rows, args.warehouses)
            if args.db:
                meta.write_text("\n".join([str(tenant_id), *creds, now.isoformat(), str(args.rows),
                                           str(args.warehouses)]))
        specs = args.rows // args.warehouses
        rng = random.Random(11)
        direct = sqlite3.connect(path)
        direct.execute("PRAGMA journal_mode=WAL")
        with serve(f"sqlite:///{path}") as (url, _pid):
            caller = Caller(url, creds)
            caller.call("wms.StockSpec.search", [{"spec_nos": ["S0000001"]}], page=(PAGE, 0))  # warm up
            http_spec, sql_spec, http_window, sql_window = [], [], [], []
            for _ in range(args.samples):
                nos = [f"S{rng.randrange(1, specs + 1):07d}" for _ in range(PAGE // args.warehouses)]
                ms, envelope = timed(caller.call, "wms.StockSpec.search", [{"spec_nos": nos}], (PAGE, 0))
                http_spec.append(ms)
                assert envelope["total"] == len(set(nos)) * args.warehouses, envelope["total"]
                marks = ",".join("?" for _ in nos)
                where = f"stock.spec_id IN (SELECT spec_id FROM spec WHERE tenant_id = ? AND spec_no IN ({marks}))"
                ms, _ = timed(_direct, direct, where, [tenant_id, tenant_id, *nos])
                sql_spec.append(ms)

                end = now - timedelta(seconds=rng.randrange(int(YEAR.total_seconds()) - 7200))
                begin = end - timedelta(hours=2)
                window = {"start_time": format_wire_time(begin), "end_time": format_wire_time(end)}
                ms, envelope = timed(caller.call, "wms.StockSpec.search", [window], (PAGE, 0))
                http_window.append(ms)
                ms, _ = timed(_direct, direct, "stock.modified >= ? AND stock.modified < ?",
                              [tenant_id, sqlite_time(begin), sqlite_time(end)])
                sql_window.append(ms)
        print(f"{args.rows:,} stock rows, {args.warehouses} warehouses, {args.samples} samples per shape, "
              f"page of {PAGE}")
        report("search by spec_nos", http_spec, sql_spec, 25, 3)
        report("search by 2-hour window", http_window, sql_window, 25, 3)


def _direct(conn: sqlite3.Connection, where: str, params: list[object]) -> list[tuple[object, ...]]:
    count_sql = f"SELECT count(*) FROM stock WHERE stock.tenant_id = ? AND {where}"
    conn.execute(count_sql, params).fetchone()
    return conn.execute(DIRECT_PAGE.format(where=where), [*params, PAGE]).fetchall()


if __name__ == "__main__":
    main()
