"""Random locks and releases keep what virtual warehouses hold, their ledger and the real stock row's
reservation in step; concurrent orders of a virtual warehouse's shop never take more than it holds."""

from __future__ import annotations

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from vwtools import TEE, VW, held, order_from, real, seed

from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.virtual_warehouse import service
from wdterp.domain.virtual_warehouse.models import VirtualLedger, VirtualStock
from wdterp.domain.virtual_warehouse.service import Source
from wdterp.protocol.errors import ApiError

_names = itertools.count(1)
#: tenants already given the demo data (hypothesis runs every example on the test's one tenant)
_seeded: dict[str, bool] = {}
STOCK = 10
step = st.tuples(st.sampled_from(("lock", "release", "assign")), st.integers(0, 1), st.integers(1, 6))


def _fixture(tenant: Any) -> tuple[int, int, list[int]]:
    """A new spec with STOCK in WH-SH, and the ids of two virtual warehouses over WH-SH."""
    no = f"HYP{next(_names)}"
    with tenant.db.transaction() as session:
        t = tenant.tenant_id
        goods = Goods(tenant_id=t, goods_no=no, goods_name=no)
        session.add(goods)
        session.flush()
        spec = Spec(tenant_id=t, goods_id=goods.goods_id, spec_no=no)
        session.add(spec)
        session.flush()
        wh = session.scalar(select(Warehouse.warehouse_id).where(Warehouse.tenant_id == t,
                                                                 Warehouse.warehouse_no == "WH-SH"))
        assert wh is not None
        inventory.apply_moves(session, t, [Move(wh, spec.spec_id, Decimal(STOCK), spec_no=no)], DocumentRef(33, no))
        vws = [service.save(session, t, f"{no}-{i}", "", ["WH-SH"]).virtual_warehouse_id for i in (1, 2)]
        return wh, spec.spec_id, vws


def _figures(tenant: Any, wh: int, spec: int, vw: int) -> tuple[Decimal, Decimal, Decimal]:
    """(held, ledger sum, real lock_num)."""
    with tenant.db.transaction() as session:
        row = session.scalar(select(VirtualStock.now_lock_num).where(
            VirtualStock.virtual_warehouse_id == vw, VirtualStock.warehouse_id == wh, VirtualStock.spec_id == spec))
        total = session.scalar(select(func.coalesce(func.sum(VirtualLedger.num), 0)).where(
            VirtualLedger.virtual_warehouse_id == vw, VirtualLedger.warehouse_id == wh, VirtualLedger.spec_id == spec))
        stock = inventory.stock_row(session, wh, spec)
        assert stock is not None
        return Decimal(row or 0), Decimal(total), stock.lock_num


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_holdings_ledger_and_reservation_agree(sqlite_tenant: Any, steps: list[tuple[str, int, int]]) -> None:
    if not _seeded.get(sqlite_tenant.sid):
        seed(sqlite_tenant)
        _seeded[sqlite_tenant.sid] = True
    wh, spec, vws = _fixture(sqlite_tenant)
    model = {vw: 0 for vw in vws}
    for kind, which, n in steps:
        vw = vws[which]
        allowed = (STOCK - sum(model.values()) >= n) if kind == "lock" else model[vw] >= n
        try:
            with sqlite_tenant.db.transaction() as session:
                source = Source(1 if kind == "assign" else 100, "HYP")
                if kind == "lock":
                    service.lock(session, sqlite_tenant.tenant_id, vw, wh, spec, Decimal(n), source)
                else:
                    service.release(session, sqlite_tenant.tenant_id, vw, wh, spec, Decimal(n), source,
                                    assigned=kind == "assign")
            done = True
        except ApiError:
            done = False
        assert done == allowed, (kind, n, model)
        if done:
            model[vw] += n if kind == "lock" else -n
        for each in vws:
            holding, ledger, _ = _figures(sqlite_tenant, wh, spec, each)
            assert holding == ledger == model[each]
        assert _figures(sqlite_tenant, wh, spec, vw)[2] == sum(model.values())


def test_concurrent_shop_orders_take_only_what_is_there(tenant: Any) -> None:
    seed(tenant)
    tenant.caller.ok("setting.strategy.VirtualWarehouse.create", {"virtual_warehouse_no": VW, "is_check": 1},
                     [{"spec_no": TEE, "warehouse_no": "WH-SH", "num": 200}])  # everything
    tenant.update_app(concurrency_limit=32, rate_limit=10_000)
    clients = 8
    barrier = threading.Barrier(clients)

    def client(i: int) -> bool:
        barrier.wait()
        try:
            order_from(tenant, "demo-mall", f"T-RACE-{i}", 30)
            return True
        except Exception:  # noqa: BLE001 - a refused check (库存不足) is the expected outcome for some
            return False

    with ThreadPoolExecutor(clients) as pool:
        done = sum(pool.map(client, range(clients)))
    assert done == 6  # 6 × 30 of the 200 held
    assert held(tenant) == 20 and real(tenant) == {"stock_num": 200, "lock_num": 200}
