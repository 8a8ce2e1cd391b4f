"""Stock under transfers: concurrent transfer stockouts never oversell (SQLite and PostgreSQL); whatever mix
of sends, receipts and stop-waiting runs, stock equals its ledger, goods are conserved (with back-fill)
and the in-transit counters equal what is sent and not received (property)."""

from __future__ import annotations

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xfertools import figures, seed

from support import TenantHandle
from wdterp.domain.inventory import service as inventory
from wdterp.domain.transfer import service as transfers

CREATE = "wms.stocktransfer.Edit.createOrder"
OUT_CREATE = "wms.stockout.Transfer.createOrder"
CLIENTS = 8


def _transfer(tenant: TenantHandle, outer_no: str, num: int) -> str:
    return str(tenant.caller.ok(CREATE, {"outer_no": outer_no, "from_warehouse_no": "WH1", "to_warehouse_no": "WH2",
                                         "mode": 0}, [{"spec_no": "S1", "num": num}], True)["transfer_no"])


def test_concurrent_transfer_stockouts_never_oversell(tenant: Any) -> None:
    ids = seed(tenant)  # WH1 holds 10 of S1
    numbers = [_transfer(tenant, f"RACE-{i}", 3) for i in range(CLIENTS)]  # transfers reserve nothing
    tenant.update_app(concurrency_limit=CLIENTS * 2, rate_limit=10_000)
    barrier = threading.Barrier(CLIENTS)

    def client(number: str) -> dict[str, Any]:
        barrier.wait()
        return tenant.caller.call(OUT_CREATE, {"src_order_no": number, "warehouse_no": "WH1", "is_check": 1},
                                  [{"spec_no": "S1", "num": 3}], True)

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, numbers))
    sent = [r for r in results if r["status"] == 0 and r["data"]["status"] == 0]
    assert len(sent) == 3  # 3 x 3 of 10
    assert all(r["data"] == {"message": "审核失败: 商家编码S1库存不足", "status": 20} for r in results if r not in sent)
    source, target = figures(tenant, ids["WH1"], ids["S1"]), figures(tenant, ids["WH2"], ids["S1"])
    assert source["stock_num"] == 1 and target["transfer_num"] == 9
    assert source["wait_transfer_num"] == 3 * (CLIENTS - 3)
    with tenant.db.transaction() as session:
        assert inventory.ledger_total(session, ids["WH1"], ids["S1"]) == 1


ACTIONS = st.lists(st.one_of(st.tuples(st.just("ship"), st.integers(1, 4)),
                             st.tuples(st.just("receive"), st.integers(1, 4)),
                             st.tuples(st.just("stop"), st.booleans())), min_size=1, max_size=6)
_seeded: dict[str, dict[str, int]] = {}
_serial = itertools.count(1)


def _invariants(tenant: TenantHandle, ids: dict[str, int], lost: Decimal) -> None:
    with tenant.db.transaction() as session:
        source = inventory.stock_row(session, ids["WH1"], ids["S1"])
        target = inventory.stock_row(session, ids["WH2"], ids["S1"])
        assert source is not None
        for row in (source, target):
            if row is not None:
                assert row.stock_num >= 0
                assert inventory.ledger_total(session, row.warehouse_id, row.spec_id) == row.stock_num
        in_transit = target.transfer_num if target is not None else Decimal(0)
        held = source.stock_num + (target.stock_num if target is not None else 0)
        assert held + in_transit + lost == 10  # the seed's 10 of S1, wherever they are


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_transfers_keep_stock_and_counters(sqlite_tenant: TenantHandle, actions: list[tuple[str, Any]]) -> None:
    ids = _seeded[sqlite_tenant.sid] if sqlite_tenant.sid in _seeded else seed(sqlite_tenant)
    _seeded.setdefault(sqlite_tenant.sid, ids)
    with sqlite_tenant.db.transaction() as session:  # start each example with WH1 back at 10, WH2 empty
        for warehouse, counted in ((ids["WH1"], 10), (ids["WH2"], 0)):
            inventory.count_to(session, sqlite_tenant.tenant_id, warehouse, ids["S1"], Decimal(counted),
                               inventory.DocumentRef(4, "RESET"))
    lost = Decimal(0)
    number = _transfer(sqlite_tenant, f"P-{next(_serial)}", 8)
    for kind, value in actions:
        num, sent, received, stopped = _state(sqlite_tenant, number)  # no transaction open during the calls
        if stopped:
            break
        if kind == "ship" and num > sent:
            sqlite_tenant.caller.ok(OUT_CREATE, {"src_order_no": number, "warehouse_no": "WH1", "is_check": 1},
                                    [{"spec_no": "S1", "num": int(min(value, num - sent))}], True)
        elif kind == "receive" and sent > received:
            sqlite_tenant.caller.ok("wms.stockin.Transfer.createOrder", {
                "src_order_no": number, "warehouse_no": "WH2", "is_check": 1},
                [{"spec_no": "S1", "num": int(min(value, sent - received))}])
        elif kind == "stop":
            if not value:  # without back-fill what is in transit is written off
                lost += sent - received
            sqlite_tenant.caller.ok("wms.stocktransfer.Manage.pending", [number], bool(value))
        _invariants(sqlite_tenant, ids, lost)
    if not _state(sqlite_tenant, number)[3]:  # the next example starts with nothing in transit
        sqlite_tenant.caller.ok("wms.stocktransfer.Manage.pending", [number], True)
    _invariants(sqlite_tenant, ids, lost)
    left = figures(sqlite_tenant, ids["WH1"], ids["S1"])
    assert left["wait_transfer_num"] == 0 and figures(sqlite_tenant, ids["WH2"], ids["S1"])["transfer_num"] == 0


def _state(tenant: TenantHandle, number: str) -> tuple[Decimal, Decimal, Decimal, bool]:
    """(num, out_num, in_num, stopped) of the transfer's one line."""
    with tenant.db.transaction() as session:
        order = transfers.find(session, tenant.tenant_id, number)
        assert order is not None
        line = order.lines[0]
        return line.num, line.out_num, line.in_num, order.is_stopped
