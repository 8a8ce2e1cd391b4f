"""No oversell under concurrency, and a failed call leaves nothing behind (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from invtools import ledger_count, move, seed, stock_of
from sqlalchemy import func, select

from wdterp.domain.documents.models import StockDocument
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.protocol.errors import ApiError

CLIENTS = 24
LAST_UNITS = 7
SHORT = {"status": 100, "message": "商家编码R1库存不足"}


def _other_out(outer_no: str, lines: list[tuple[str, int]]) -> dict[str, object]:
    return {"outer_no": outer_no, "warehouse_no": "WH1", "is_check": 1,
            "goods_list": [{"spec_no": no, "num": num} for no, num in lines]}


def test_concurrent_http_stockouts_never_oversell(tenant):
    s = seed(tenant, ("WH1",), ("R1",))
    wh, spec = s.warehouses["WH1"], s.specs["R1"]
    move(tenant, wh, spec, 20)
    move(tenant, wh, spec, -(20 - LAST_UNITS), order_type=21)
    tenant.update_app(concurrency_limit=CLIENTS * 2, rate_limit=10_000)
    barrier = threading.Barrier(CLIENTS)

    def client(i: int) -> dict[str, object]:
        barrier.wait()
        return tenant.caller.call("wms.stockout.Other.createOther", _other_out(f"RACE-{i}", [("R1", 1)]))

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, range(CLIENTS)))
    ok = [r for r in results if r["status"] == 0]
    assert len(ok) == LAST_UNITS
    assert [r for r in results if r["status"] != 0 and r != SHORT] == []
    figures = stock_of(tenant, wh, spec)
    assert figures["stock"] == 0 and figures["ledger"] == 0 and figures["details"] == 0 and figures["lock"] == 0
    row = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": ["R1"]}, page=(10, 0))["detail_list"][0]
    assert row["stock_num"] == 0 and row["available_send_stock"] == 0
    with tenant.db.transaction() as session:
        docs = session.scalar(select(func.count()).select_from(StockDocument).where(
            StockDocument.tenant_id == tenant.tenant_id, StockDocument.outer_no.like("RACE-%")))
    assert docs == LAST_UNITS  # refused calls left no document


def test_concurrent_domain_reservations_and_deductions(tenant):
    s = seed(tenant, ("WH1",), ("R1",))
    wh, spec = s.warehouses["WH1"], s.specs["R1"]
    move(tenant, wh, spec, LAST_UNITS)
    barrier = threading.Barrier(16)

    def worker(i: int) -> bool:
        barrier.wait()
        try:
            with tenant.db.transaction() as session:
                if i % 2:
                    inventory.reserve(session, tenant.tenant_id, [Move(wh, spec, Decimal(1))])
                    inventory.apply_moves(session, tenant.tenant_id, [Move(wh, spec, Decimal(-1))],
                                          DocumentRef(21, f"T{i}"), from_reserved=True)
                else:
                    inventory.apply_moves(session, tenant.tenant_id, [Move(wh, spec, Decimal(-1))],
                                          DocumentRef(21, f"T{i}"))
            return True
        except ApiError:
            return False

    with ThreadPoolExecutor(16) as pool:
        done = sum(pool.map(worker, range(16)))
    figures = stock_of(tenant, wh, spec)
    assert done == LAST_UNITS
    assert figures == {"stock": 0, "lock": 0, "ledger": 0, "details": 0}


def test_failed_multi_line_stockout_leaves_nothing(tenant):
    s = seed(tenant, ("WH1",), ("R1", "R2"))
    move(tenant, s.warehouses["WH1"], s.specs["R1"], 1)
    move(tenant, s.warehouses["WH1"], s.specs["R2"], 5)
    before = ledger_count(tenant)
    order = _other_out("MULTI-1", [("R2", 2), ("R1", 2)])
    assert tenant.caller.call("wms.stockout.Other.createOther", order) == SHORT
    assert ledger_count(tenant) == before
    assert stock_of(tenant, s.warehouses["WH1"], s.specs["R2"])["stock"] == 5
    with tenant.db.transaction() as session:
        assert session.scalar(select(StockDocument.doc_id).where(
            StockDocument.tenant_id == tenant.tenant_id, StockDocument.outer_no == "MULTI-1")) is None
    # the same outer_no is free again: nothing of the failed call was kept
    ok = tenant.caller.call("wms.stockout.Other.createOther", _other_out("MULTI-1", [("R2", 2), ("R1", 1)]))
    assert ok["status"] == 0
    assert ledger_count(tenant) == before + 2
    assert stock_of(tenant, s.warehouses["WH1"], s.specs["R2"])["stock"] == 3
