"""sales.TradeQuery.queryWithDetail over many trades (SQLite): HTTP latency next to direct SQL.

    python bench/sales_query.py [--trades 1000000] [--lines 3] [--days 90] [--samples 200] [--db PATH]

Trades (with `--lines` lines each) are written by SQLAlchemy Core bulk inserts, their `modified`
spread evenly over `--days` days (1M trades over 90 days: ~460 per 60-minute window). Measured: a
page of 100 (calc_total=1) of a random 60-minute window, next to the same count, page of trades and
their lines (joined with spec and goods) read by direct SQL on a plain sqlite3 connection.
Goal: HTTP p99 <= 50 ms. `--db PATH` keeps (and on a later run reuses) the generated database.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sales_common import LOGISTICS, Seeded, prepare, py_spy
from sqlalchemy import func, insert, select, text
from stock_common import Caller, report, serve, sqlite_time, timed

from wdterp.domain.catalog.models import Spec
from wdterp.domain.inventory.models import Stock
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.sales import search
from wdterp.domain.sales.models import Trade, TradeOrder
from wdterp.protocol.clock import format_wire_time, now_china
from wdterp.storage.db import Database

METHOD = "sales.TradeQuery.queryWithDetail"
PAGE = 100
WINDOW = timedelta(minutes=60)
CHUNK = 20_000

DIRECT_COUNT = """SELECT count(*) FROM sales_trade
WHERE tenant_id = ? AND archived = 0 AND modified >= ? AND modified < ?"""
DIRECT_PAGE = """SELECT * FROM sales_trade
WHERE tenant_id = ? AND archived = 0 AND modified >= ? AND modified < ? ORDER BY trade_id LIMIT ?"""
DIRECT_LINES = """SELECT o.*, spec.spec_no, spec.spec_name, spec.spec_code, spec.barcode, spec.weight,
       goods.goods_no, goods.goods_name, goods.short_name, stock.cost_price
FROM sales_trade_order o JOIN spec ON spec.spec_id = o.spec_id JOIN goods ON goods.goods_id = o.goods_id
LEFT JOIN stock ON stock.warehouse_id = ? AND stock.spec_id = o.spec_id AND stock.defect = 0
WHERE o.trade_id IN ({marks}) ORDER BY o.trade_id, o.rec_id"""


def generate(path: str, trades: int, lines: int, days: int, specs: int) -> tuple[Seeded, datetime]:
    url = f"sqlite:///{path}"
    seeded = prepare(url, specs)
    db = Database(url)
    now = now_china()
    started = time.perf_counter()
    t = seeded.tenant_id
    with db.engine.begin() as conn:
        shop_id = conn.execute(select(Shop.shop_id).where(Shop.tenant_id == t)).scalar_one()
        warehouse_id = conn.execute(select(Warehouse.warehouse_id).where(Warehouse.tenant_id == t)).scalar_one()
        logistics_id = conn.execute(select(Logistics.logistics_id).where(
            Logistics.tenant_id == t, Logistics.logistics_no == LOGISTICS)).scalar_one()
        spec_rows = conn.execute(select(Spec.spec_id, Spec.goods_id).where(Spec.tenant_id == t)
                                 .order_by(Spec.spec_id)).all()
        conn.execute(insert(Stock), [{"tenant_id": t, "warehouse_id": warehouse_id, "spec_id": spec_id,
                                      "stock_num": Decimal(1000), "cost_price": Decimal("3.5")}
                                     for spec_id, _ in spec_rows])
    rng = random.Random(3)
    span = timedelta(days=days).total_seconds()
    start = now - timedelta(days=days)
    trade_id = 0
    for at in range(0, trades, CHUNK):
        heads: list[dict[str, Any]] = []
        orders: list[dict[str, Any]] = []
        for n in range(at, min(trades, at + CHUNK)):
            trade_id += 1
            modified = start + timedelta(seconds=span * n / trades)
            tid = f"T{n:09d}"
            heads.append({
                "trade_id": trade_id, "tenant_id": t, "trade_no": f"JY{n:012d}", "shop_id": shop_id,
                "platform_id": 127, "warehouse_id": warehouse_id, "trade_status": rng.choice((30, 55, 95)),
                "src_tids": tid, "trade_time": modified - timedelta(minutes=5), "pay_time": modified,
                "buyer_nick": f"buyer{n % 9973}", "receiver_name": "张三", "receiver_area": "浙江省 杭州市 西湖区",
                "receiver_province": 330000, "receiver_city": 330100, "receiver_district": 330106,
                "receiver_address": f"文三路{n % 997}号", "receiver_mobile": "13888888888",
                "logistics_id": logistics_id, "goods_count": Decimal(2 * lines), "goods_type_count": lines,
                "goods_amount": Decimal(20 * lines), "post_amount": Decimal(5), "receivable": Decimal(20 * lines + 5),
                "paid": Decimal(20 * lines + 5), "raw_goods_count": Decimal(2 * lines), "raw_goods_type_count": lines,
                "created": modified, "modified": modified})
            for j in range(lines):
                spec_id, goods_id = spec_rows[rng.randrange(len(spec_rows))]
                orders.append({
                    "tenant_id": t, "trade_id": trade_id, "spec_id": spec_id, "goods_id": goods_id,
                    "src_tid": tid, "src_oid": f"{tid}-{j + 1}", "pay_status": 2, "num": Decimal(2),
                    "actual_num": Decimal(2), "price": Decimal(10), "order_price": Decimal(10),
                    "share_price": Decimal(10), "share_amount": Decimal(20), "paid": Decimal(20),
                    "api_goods_name": "T恤", "api_spec_name": "规格", "stock_state": 3, "pay_time": modified,
                    "created": modified, "modified": modified})
        with db.engine.begin() as conn:
            conn.execute(insert(Trade), heads)
            conn.execute(insert(TradeOrder), orders)
        if (at // CHUNK) % 10 == 0:
            print(f"  {at + len(heads):,} trades ...", flush=True)
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    db.dispose()
    print(f"generated {trades:,} trades, {trades * lines:,} lines in {time.perf_counter() - started:.1f} s")
    return seeded, now


def direct(conn: sqlite3.Connection, tenant_id: int, warehouse_id: int, begin: datetime, end: datetime) -> int:
    window = (tenant_id, sqlite_time(begin), sqlite_time(end))
    total = conn.execute(DIRECT_COUNT, window).fetchone()[0]
    ids = [row[0] for row in conn.execute(DIRECT_PAGE, (*window, PAGE)).fetchall()]
    if ids:
        conn.execute(DIRECT_LINES.format(marks=",".join("?" for _ in ids)), (warehouse_id, *ids)).fetchall()
    return int(total)


def explain(url: str, tenant_id: int, begin: datetime, end: datetime) -> None:
    """The plans of the server's own count and page statements: both must search
    ix_sales_trade_tenant_modified."""
    db = Database(url)
    with db.transaction(readonly=True) as session:
        stmt = search.trades_query(session, tenant_id, {"start_time": begin, "end_time": end}, None, False, False)
        for name, query in (("count", select(func.count()).select_from(stmt.order_by(None).subquery())),
                            ("page", stmt.limit(PAGE))):
            compiled = query.compile(dialect=db.engine.dialect)
            params = compiled.construct_params()
            plan = [row[-1] for row in session.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + compiled.string, tuple(params[k] for k in compiled.positiontup or ()))]
            print(f"plan of the window {name}:", " | ".join(plan))
            assert any("ix_sales_trade_tenant_modified" in step for step in plan), plan
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trades", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=3)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--specs", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--db", help="keep the generated database here; reused when it exists")
    parser.add_argument("--profile", help="py-spy raw output of the server while sampling")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "trades.db")
        meta = Path(path + ".meta")
        if args.db and Path(path).exists() and meta.exists():
            tenant_id, sid, key, secret, salt, stamp = meta.read_text().split("\n")
            seeded = Seeded(f"sqlite:///{path}", int(tenant_id), (sid, key, secret, salt), [])
            now = datetime.fromisoformat(stamp)
            print(f"reusing {path}")
        else:
            seeded, now = generate(path, args.trades, args.lines, args.days, args.specs)
            if args.db:
                meta.write_text("\n".join([str(seeded.tenant_id), *seeded.creds, now.isoformat()]))
        conn = sqlite3.connect(path)
        warehouse_id = conn.execute("SELECT warehouse_id FROM warehouse WHERE tenant_id = ?",
                                    (seeded.tenant_id,)).fetchone()[0]
        rng = random.Random(11)
        span = timedelta(days=args.days).total_seconds() - WINDOW.total_seconds()
        first = now - timedelta(days=args.days)
        explain(seeded.url, seeded.tenant_id, first, first + WINDOW)
        http_ms: list[float] = []
        sql_ms: list[float] = []
        with serve(seeded.url) as (url, pid):
            caller = Caller(url, seeded.creds)
            window = {"start_time": format_wire_time(first), "end_time": format_wire_time(first + WINDOW)}
            caller.call(METHOD, [window], page=(PAGE, 0))  # warm up
            with py_spy(pid, args.profile, 600):
                for _ in range(args.samples):
                    begin = first + timedelta(seconds=rng.randrange(int(span)))
                    end = begin + WINDOW
                    window = {"start_time": format_wire_time(begin), "end_time": format_wire_time(end)}
                    ms, envelope = timed(caller.call, METHOD, [window], (PAGE, 0))
                    http_ms.append(ms)
                    rows = envelope["data"]["order"]
                    assert len(rows) == min(PAGE, envelope["data"]["total_count"]), envelope["data"]["total_count"]
                    assert all(r["detail_list"] for r in rows)
                    ms, total = timed(direct, conn, seeded.tenant_id, warehouse_id, begin, end)
                    sql_ms.append(ms)
                    assert total == envelope["data"]["total_count"], (total, envelope["data"]["total_count"])
        trades = conn.execute("SELECT count(*) FROM sales_trade").fetchone()[0]
        lines = conn.execute("SELECT count(*) FROM sales_trade_order").fetchone()[0]
        print(f"{trades:,} trades, {lines:,} lines over {args.days} days, {args.samples} samples, "
              f"page of {PAGE}, 60-minute window (~{trades / (args.days * 24):.0f} trades per window)")
        report("queryWithDetail 60-min window", http_ms, sql_ms, 50, float("inf"))


if __name__ == "__main__":
    main()
