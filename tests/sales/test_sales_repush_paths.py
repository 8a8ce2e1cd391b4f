"""A re-push writes the same rows whichever path takes it: bulk updates (`rawbulk.update_stored`)
or the one-by-one ORM update (`rawtrades.save_raw_trade`)."""

from __future__ import annotations

from typing import Any

import pytest
from salestools import MALL, PUSH2, raw_line, raw_trade, seed
from sqlalchemy import select

from support import TenantHandle
from wdterp.domain.sales import rawbulk
from wdterp.domain.sales.models import RawTrade, RawTradeDiscount, RawTradeOrder

VOLATILE = {"rec_id", "raw_trade_id", "created", "modified", "tenant_id", "tid", "trade_time", "pay_time"}


def _pushes(tid: str) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
    first = [raw_line(tid, f"{tid}-1", "A", 2), raw_line(tid, f"{tid}-2", "B", 1)]
    again = [raw_line(tid, f"{tid}-1", "A", 3, price=12, refund_amount=2),
             raw_line(tid, f"{tid}-3", "B", 4, remark="新行")]
    offers = [{"tid": tid, "oid": f"{tid}-1", "sn": "1", "name": "满减", "detail": "减5", "amount": 5}]
    return [([raw_trade(tid, receiver_address="春天街道2号", paid=30)], again, offers),
            ([raw_trade(tid, buyer_message="改过")], first[:1], [{**offers[0], "amount": 6}])]


def _rows(tenant: TenantHandle, tid: str) -> list[Any]:
    with tenant.db.transaction() as session:
        out = []
        for model in (RawTrade, RawTradeOrder, RawTradeDiscount):
            column = model.tid
            for row in session.scalars(select(model).where(column == tid).order_by(model.rec_id)):
                out.append({k: v.replace(tid, "T") if isinstance(v, str) else v for k, v in vars(row).items()
                            if not k.startswith("_") and k not in VOLATILE})
        return out


def _run(tenant: TenantHandle, tid: str) -> list[Any]:
    tenant.caller.ok(PUSH2, MALL, [raw_trade(tid)], [raw_line(tid, f"{tid}-1", "A", 2), raw_line(tid, f"{tid}-2")])
    for trades, lines, offers in _pushes(tid):
        data = tenant.caller.ok(PUSH2, MALL, trades, lines, offers)
        assert (data["new_count"], data["chg_count"]) == (0, 1), data
    return _rows(tenant, tid)


def test_bulk_and_one_by_one_updates_write_the_same_rows(sqlite_tenant: TenantHandle,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seed(sqlite_tenant)
    bulk = _run(sqlite_tenant, "BULK")
    monkeypatch.setattr(rawbulk, "carries_nothing", lambda *_: False)
    one_by_one = _run(sqlite_tenant, "ORM")
    assert bulk == one_by_one
    assert len(bulk) == 1 + 3 + 1
