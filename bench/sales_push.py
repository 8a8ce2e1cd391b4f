"""sales.RawTrade.pushSelf2 throughput (orders/s) through HTTP, next to a direct Core bulk insert.

    python bench/sales_push.py [--calls 40] [--orders 100] [--lines 3] [--pushers 4] [--specs 200]
                               [--backends sqlite,postgres] [--profile out.txt]

Per backend (SQLite file; PostgreSQL in a fresh database created here and dropped after, when reachable),
one uvicorn worker in a subprocess:
- 1 pusher: `--calls` sequential calls of `--orders` new paid raw trades x `--lines` lines each;
- `--pushers` concurrent pushers, `--calls` calls in all (new trades);
- re-push: `--calls // 4` calls re-sending trades already pushed (updates: chg_count);
- baseline: the same header and line rows (new tids) written by SQLAlchemy Core `executemany` into
  raw_trade and raw_trade_order, one transaction per `--orders` trades, on the same database; and
  as many of them as the re-push sends updated again (every column, by key) by Core `executemany`.
Goals (SQLite, 1 pusher): new orders >= 3,000 orders/s and >= 0.5 of the Core insert rate; re-push
>= 0.3 of the Core update rate.
`--profile FILE` samples the server with py-spy during the 1-pusher phase (raw collapsed stacks).
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from sales_common import MALL, database, pg_reachable, prepare, py_spy
from sqlalchemy import bindparam, insert, select, update
from stock_common import serve

from wdterp.domain.masterdata.models import Shop
from wdterp.domain.sales.models import RawTrade, RawTradeOrder
from wdterp.protocol.clock import format_wire_time, now_china, wire_timestamp
from wdterp.protocol.sign import compute_sign
from wdterp.storage.db import Database

METHOD = "sales.RawTrade.pushSelf2"
AREAS = ["北京 北京市 朝阳区", "浙江省 杭州市 西湖区", "广东省 深圳市 南山区", "上海 上海市 浦东新区",
         "江苏省 南京市 鼓楼区", "四川省 成都市 武侯区"]


def payload(prefix: str, call: int, orders: int, lines: int, spec_nos: list[str]) -> list[Any]:
    """One pushSelf2 argument list: [shop_no, trades, lines]."""
    when = format_wire_time(now_china() - timedelta(hours=1))
    trades, rows = [], []
    for i in range(orders):
        n = call * orders + i
        tid = f"{prefix}{n:08d}"
        trades.append({
            "tid": tid, "process_status": 10, "trade_status": 30, "refund_status": 0, "pay_status": 2,
            "order_count": lines, "goods_count": 2 * lines, "pay_method": 7, "trade_time": when, "pay_time": when,
            "end_time": None, "buyer_nick": f"buyer{n % 997}", "buyer_message": "尽快发货",
            "receiver_name": "张三", "receiver_area": AREAS[n % len(AREAS)], "receiver_address": f"春天街道{n % 500}号",
            "receiver_mobile": "13888888888", "post_amount": 5, "discount": 0, "receivable": 20 * lines + 5,
            "paid": 20 * lines + 5, "delivery_term": 1, "is_auto_wms": False, "warehouse_no": ""})
        for j in range(lines):
            spec_no = spec_nos[(n * lines + j) % len(spec_nos)]
            rows.append({
                "tid": tid, "oid": f"{tid}-{j + 1}", "status": 30, "refund_status": 0, "goods_id": f"pg{spec_no}",
                "spec_id": f"ps{spec_no}", "goods_no": "G1", "spec_no": spec_no, "goods_name": "T恤",
                "spec_name": f"规格{spec_no}", "num": 2, "price": 10, "discount": 0, "share_discount": 0,
                "total_amount": 20, "adjust_amount": 0, "refund_amount": 0, "remark": "", "json": ""})
    return [MALL, trades, rows]


class Pusher:
    def __init__(self, base: str, creds: tuple[str, str, str, str]) -> None:
        self.base = base
        self.sid, self.key, self.secret, self.salt = creds
        self.http = httpx.Client(timeout=120)

    def push(self, body: bytes, expect_new: int | None) -> None:
        params = {"sid": self.sid, "key": self.key, "salt": self.salt, "method": METHOD, "v": "1.0",
                  "timestamp": str(wire_timestamp())}
        params["sign"] = compute_sign(self.secret, params, body)
        response = self.http.post(f"{self.base}/openapi?{urlencode(params)}", content=body,
                                  headers={"Content-Type": "application/json"})
        envelope = orjson.loads(response.content)
        assert envelope.get("status") == 0 and not envelope["data"]["error_list"], envelope
        if expect_new is not None:
            assert envelope["data"]["new_count"] == expect_new, envelope["data"]
        else:
            assert envelope["data"]["new_count"] == 0, envelope["data"]


def run_pushers(base: str, creds: tuple[str, str, str, str], bodies: list[bytes], pushers: int,
                expect_new: int | None) -> float:
    """Seconds to send all `bodies` with `pushers` threads (each its own keep-alive connection)."""
    clients = [Pusher(base, creds) for _ in range(pushers)]
    chunks = [bodies[i::pushers] for i in range(pushers)]
    errors: list[BaseException] = []

    def work(client: Pusher, chunk: list[bytes]) -> None:
        try:
            for body in chunk:
                client.push(body, expect_new)
        except BaseException as err:  # reported after the join
            errors.append(err)

    threads = [threading.Thread(target=work, args=(c, chunk)) for c, chunk in zip(clients, chunks, strict=True)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    for c in clients:
        c.http.close()
    if errors:
        raise errors[0]
    return elapsed


def core_rows(args_list: list[list[Any]], tenant_id: int, shop_id: int) -> list[tuple[list[dict[str, Any]],
                                                                                     list[dict[str, Any]]]]:
    """The header and line rows a push of each argument list writes (all values computed up front)."""
    from wdterp.domain.sales.rawrows import area_codes

    out = []
    now = now_china()
    for _, trades, lines in args_list:
        headers = []
        by_tid: dict[str, list[dict[str, Any]]] = {}
        for line in lines:
            by_tid.setdefault(line["tid"], []).append(line)
        for t in trades:
            mine = by_tid[t["tid"]]
            province, city, district = area_codes(t["receiver_area"])
            headers.append({
                "tenant_id": tenant_id, "shop_id": shop_id, "tid": t["tid"], "trade_from": 1, "process_status": 10,
                "platform_id": 127, "trade_status": 30, "refund_status": 0, "pay_status": 2, "pay_method": 7,
                "trade_time": now, "pay_time": now, "buyer_nick": t["buyer_nick"], "buyer_message": t["buyer_message"],
                "receiver_name": t["receiver_name"], "receiver_area": t["receiver_area"],
                "receiver_address": t["receiver_address"], "receiver_mobile": t["receiver_mobile"],
                "receiver_province": province, "receiver_city": city, "receiver_district": district,
                "post_amount": Decimal(5), "discount": Decimal(0), "receivable": Decimal(t["receivable"]),
                "paid": Decimal(t["paid"]), "delivery_term": 1, "is_auto_wms": False, "warehouse_no": "",
                "order_count": len(mine), "goods_count": Decimal(2 * len(mine)),
                "goods_amount": Decimal(20 * len(mine)), "refund_amount": Decimal(0), "created": now, "modified": now})
        line_rows = [{
            "tenant_id": tenant_id, "tid": x["tid"], "oid": x["oid"], "status": 30, "refund_status": 0,
            "process_status": 10, "api_goods_id": x["goods_id"], "api_spec_id": x["spec_id"],
            "goods_no": x["goods_no"], "spec_no": x["spec_no"], "goods_name": x["goods_name"],
            "spec_name": x["spec_name"], "num": Decimal(2), "price": Decimal(10), "discount": Decimal(0),
            "share_discount": Decimal(0), "total_amount": Decimal(20), "adjust_amount": Decimal(0),
            "share_amount": Decimal(20), "refund_amount": Decimal(0), "remark": "", "json": "", "warehouse_no": "",
            "created": now, "modified": now} for x in lines]
        out.append((headers, line_rows))
    return out


def core_insert(url: str, batches: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> float:
    """Seconds to write the batches with Core executemany, one transaction per batch."""
    db = Database(url)
    raw_table, line_table = RawTrade.__table__, RawTradeOrder.__table__
    head_stmt = insert(raw_table).returning(raw_table.c.rec_id, raw_table.c.tid,  # type: ignore[attr-defined]
                                            sort_by_parameter_order=True)
    start = time.perf_counter()
    for headers, lines in batches:
        with db.engine.begin() as conn:
            ids = {tid: rec_id for rec_id, tid in conn.execute(head_stmt, headers)}
            for line in lines:
                line["raw_trade_id"] = ids[line["tid"]]
            conn.execute(insert(line_table), lines)
    elapsed = time.perf_counter() - start
    db.dispose()
    return elapsed


def core_update(url: str, batches: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> float:
    """Seconds to update the rows `core_insert` wrote (every header and line column, by key) with
    Core executemany, one transaction per batch: the baseline of a re-push."""
    db = Database(url)
    raw_table, line_table = RawTrade.__table__, RawTradeOrder.__table__
    with db.engine.connect() as conn:
        heads = dict(conn.execute(select(raw_table.c.tid, raw_table.c.rec_id)).all())  # type: ignore[attr-defined]
        lines = dict(conn.execute(select(line_table.c.oid, line_table.c.rec_id)).all())  # type: ignore[attr-defined]
    updates = []
    for headers, line_rows in batches:
        updates.append(([{**h, "key": heads[h["tid"]]} for h in headers],
                        [{k: v for k, v in x.items() if k != "raw_trade_id"} | {"key": lines[x["oid"]]}
                         for x in line_rows]))

    def statement(table: Any, row: dict[str, Any]) -> Any:
        return update(table).where(table.c.rec_id == bindparam("key")).values(
            {k: bindparam(k) for k in row if k != "key"})

    head_stmt, line_stmt = statement(raw_table, updates[0][0][0]), statement(line_table, updates[0][1][0])
    start = time.perf_counter()
    for headers, line_rows in updates:
        with db.engine.begin() as conn:
            conn.execute(head_stmt, headers)
            conn.execute(line_stmt, line_rows)
    elapsed = time.perf_counter() - start
    db.dispose()
    return elapsed


def bench_backend(backend: str, args: argparse.Namespace, tmp: str) -> dict[str, float]:
    with database(backend, str(Path(tmp) / f"push-{backend}.db")) as url:
        seeded = prepare(url, args.specs)
        db = Database(url)
        with db.transaction() as session:
            shop_id = session.scalar(select(Shop.shop_id).where(Shop.tenant_id == seeded.tenant_id,
                                                                Shop.shop_no == MALL))
        db.dispose()
        assert shop_id is not None
        make = lambda prefix, n: [payload(prefix, c, args.orders, args.lines, seeded.spec_nos)  # noqa: E731
                                  for c in range(n)]
        single = [orjson.dumps(a) for a in make("A", args.calls)]
        multi = [orjson.dumps(a) for a in make("B", args.calls)]
        repush = single[: max(1, args.calls // 4)]
        rates: dict[str, float] = {}
        with serve(url) as (base, pid):
            warm = orjson.dumps(payload("W", 0, args.orders, args.lines, seeded.spec_nos))
            run_pushers(base, seeded.creds, [warm], 1, args.orders)
            with py_spy(pid, args.profile if backend == "sqlite" else None, 600):
                elapsed = run_pushers(base, seeded.creds, single, 1, args.orders)
            rates["1 pusher"] = args.calls * args.orders / elapsed
            elapsed = run_pushers(base, seeded.creds, multi, args.pushers, args.orders)
            rates[f"{args.pushers} pushers"] = args.calls * args.orders / elapsed
            elapsed = run_pushers(base, seeded.creds, repush, 1, None)
            rates["re-push (update), 1 pusher"] = len(repush) * args.orders / elapsed
        batches = core_rows(make("C", args.calls), seeded.tenant_id, shop_id)
        rates["Core insert"] = args.calls * args.orders / core_insert(url, batches)
        updates = batches[: len(repush)]
        rates["Core update"] = len(updates) * args.orders / core_update(url, updates)
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=40, help="calls per phase")
    parser.add_argument("--orders", type=int, default=100, help="raw trades per call")
    parser.add_argument("--lines", type=int, default=3, help="lines per raw trade")
    parser.add_argument("--pushers", type=int, default=4, help="concurrent pushers of the concurrent phase")
    parser.add_argument("--specs", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--profile", help="py-spy raw output of the server during the 1-pusher phase (SQLite)")
    args = parser.parse_args()
    print(f"{METHOD}: {args.calls} calls per phase, {args.orders} orders x {args.lines} lines per call, "
          "1 uvicorn worker")
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            if backend == "postgres" and not pg_reachable():
                print("postgres: not reachable, skipped")
                continue
            rates = bench_backend(backend, args, tmp)
            core, core_update_rate = rates["Core insert"], rates["Core update"]
            for name, rate in rates.items():
                base, base_name = (core_update_rate, "update") if "update" in name else (core, "insert")
                print(f"{backend:<9} {name:<28} {rate:9.0f} orders/s   ratio to Core {base_name} {rate / base:6.3f}")
            if backend == "sqlite":
                ok = rates["1 pusher"] >= 3000 and rates["1 pusher"] / core >= 0.5
                print(f"goal (SQLite, 1 pusher: >= 3000 orders/s, >= 0.5 of Core insert): {'met' if ok else 'NOT met'}")
                repush = rates["re-push (update), 1 pusher"] / core_update_rate
                print(f"goal (SQLite, re-push >= 0.3 of Core update): {'met' if repush >= 0.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
