"""Random sequences of movements, reservations, releases, reserved deductions and counts keep the
ledger and the stock figures consistent, and the query methods agree with the tables."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invtools import seed, stock_of, stock_rec_id

from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.protocol.errors import ApiError

_names = itertools.count(1)
OPS = ("in", "out", "reserve", "release", "ship", "count")
op = st.tuples(st.sampled_from(OPS), st.integers(0, 1), st.integers(0, 6), st.booleans())


def _apply(tenant, wh: int, spec: int, kind: str, n: int, priced: bool) -> None:
    num = Decimal(n)
    with tenant.db.transaction() as session:
        t = tenant.tenant_id
        if kind == "in":
            inventory.apply_moves(session, t, [Move(wh, spec, num, price=Decimal(3) if priced else None)],
                                  DocumentRef(20, "IN"))
        elif kind == "out":
            inventory.apply_moves(session, t, [Move(wh, spec, -num)], DocumentRef(21, "OUT"))
        elif kind == "reserve":
            inventory.reserve(session, t, [Move(wh, spec, num)])
        elif kind == "release":
            inventory.release(session, [Move(wh, spec, num)])
        elif kind == "ship":
            inventory.apply_moves(session, t, [Move(wh, spec, -num)], DocumentRef(1, "SO"), from_reserved=True)
        else:
            inventory.count_to(session, t, wh, spec, num, DocumentRef(4, "PD"))


def _expected(kind: str, n: int, stock: int, lock: int) -> tuple[int, int] | None:
    """The model: the figures after the operation, or None when it must be refused."""
    if kind == "in":
        return stock + n, lock
    if kind == "out":
        return (stock - n, lock) if stock - lock >= n else None
    if kind == "reserve":
        return (stock, lock + n) if stock - lock >= n else None
    if kind == "release":
        return (stock, lock - n) if lock >= n else None
    if kind == "ship":
        return (stock - n, lock - n) if stock >= n and lock >= n else None
    return n, lock


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(op, min_size=1, max_size=14))
def test_ledger_matches_stock_under_random_operations(tenant, ops):
    spec_no = f"P{next(_names)}"
    s = seed(tenant, (f"W{spec_no}a", f"W{spec_no}b"), (spec_no,))
    warehouses = list(s.warehouses.values())
    spec = s.specs[spec_no]
    model = {w: (0, 0) for w in warehouses}
    forced = {w: False for w in warehouses}
    for kind, which, n, priced in ops:
        wh = warehouses[which]
        stock, lock = model[wh]
        want = _expected(kind, n, stock, lock)
        try:
            _apply(tenant, wh, spec, kind, n, priced)
            done = True
        except ApiError:
            done = False
        assert done == (want is not None), (kind, n, model[wh])
        if want is not None:
            model[wh] = want
            if kind == "count":
                forced[wh] = want[0] < want[1]
            elif want[0] - want[1] >= 0:
                forced[wh] = False
        figures = stock_of(tenant, wh, spec)
        assert (figures["stock"], figures["lock"]) == model[wh]
        assert figures["ledger"] == figures["stock"] == figures["details"]
        assert figures["stock"] - figures["lock"] >= 0 or forced[wh]
    _queries_agree(tenant, spec_no, spec, model)


def _queries_agree(tenant, spec_no: str, spec: int, model: dict[int, tuple[int, int]]) -> None:
    rows = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": [spec_no]}, page=(10, 0))["detail_list"]
    by_id = {r["warehouse_id"]: r for r in rows}
    for wh, (stock, lock) in model.items():
        if wh not in by_id:
            assert (stock, lock) == (0, 0)
            continue
        row = by_id[wh]
        assert (row["stock_num"], row["lock_num"], row["available_send_stock"]) == (stock, lock, stock - lock)
        details = tenant.caller.ok("wms.StockSpec.stockDetailSearch",
                                   {"stock_spec_id": stock_rec_id(tenant, wh, spec)})["detail_list"]
        assert sum(Decimal(d["stock_num"]) for d in details) == stock
        assert sum(Decimal(d["reserve_num"]) for d in details) == min(max(lock, 0), stock)
    available = tenant.caller.ok("wms.StockSpec.queryAvailableStock", {"spec_no": spec_no}, page=(10, 0))
    assert sorted(r["num"] for r in available["stocks"]) == sorted(
        s - lk for w, (s, lk) in model.items() if w in by_id)
