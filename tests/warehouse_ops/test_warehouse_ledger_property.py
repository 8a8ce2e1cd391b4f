"""Property: whatever mix of counts, position moves and good↔defect conversions runs, each stock row equals
the sum of its ledger, its details sum to it, and only counts change the warehouse's total."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from whopstools import seed, stock

from helpers import op
from support import TenantHandle
from wdterp.api.ops import OperationError
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.models import Stock, StockDetail

ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("count"), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("move"), st.integers(1, 8), st.booleans()),
    st.tuples(st.just("convert"), st.integers(1, 8), st.booleans()),
), min_size=1, max_size=6)


_seeded: dict[str, dict[str, int]] = {}


def _invariants(tenant: TenantHandle, warehouse_id: int, spec_id: int) -> None:
    with tenant.db.transaction() as session:
        for defect in (False, True):
            row = inventory.stock_row(session, warehouse_id, spec_id, defect)
            if row is None:
                continue
            assert row.stock_num >= 0
            assert inventory.ledger_total(session, warehouse_id, spec_id, defect) == row.stock_num
            held = session.scalar(select(func.coalesce(func.sum(StockDetail.stock_num), 0))
                                  .where(StockDetail.stock_id == row.rec_id))
            assert Decimal(held or 0) == row.stock_num


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_stock_stays_consistent(sqlite_tenant: TenantHandle, actions: list[tuple[str, int, bool]]) -> None:
    # the tenant lives for the whole test (all examples): seed it once
    ids = _seeded[sqlite_tenant.sid] if sqlite_tenant.sid in _seeded else seed(sqlite_tenant)
    _seeded[sqlite_tenant.sid] = ids
    wh, spec = ids["WH1"], ids["S1"]
    op(sqlite_tenant, "position.create", warehouse_no="WH1", position_no="A-01")
    for kind, num, flag in actions:
        total = stock(sqlite_tenant, wh, spec) + stock(sqlite_tenant, wh, spec, defect=True)
        try:
            if kind == "count":
                sqlite_tenant.caller.ok("wms.StockPd.stockSyncByPd",
                                        {"warehouse_no": "WH1", "defect_mode": 0, "remark": ""},
                                        [{"spec_no": "S1", "remark": "", "new_num": str(num), "defect": flag}])
            elif kind == "move":
                source, target = ("A-01", "ZANCUNQU") if flag else ("ZANCUNQU", "A-01")
                op(sqlite_tenant, "move.create", warehouse_no="WH1", lines=[
                    {"spec_no": "S1", "num": num, "from_position_no": source, "to_position_no": target}])
            else:
                op(sqlite_tenant, "defect.convert", warehouse_no="WH1", to_defect=flag,
                   lines=[{"spec_no": "S1", "num": num}])
        except OperationError as refused:
            assert "库存不足" in str(refused)  # moving or converting more than there is
        after = stock(sqlite_tenant, wh, spec) + stock(sqlite_tenant, wh, spec, defect=True)
        if kind != "count":
            assert after == total
        _invariants(sqlite_tenant, wh, spec)
    with sqlite_tenant.db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Stock).where(Stock.warehouse_id == wh)) >= 1

