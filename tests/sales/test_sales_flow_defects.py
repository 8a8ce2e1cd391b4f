"""Defects of the order flow found in review: part-paid lines, queries per suite detail / line."""

from __future__ import annotations

from decimal import Decimal

from salestools import push2, raw_line, seed, trade_of

from helpers import op, selects
from support import TenantHandle
from wdterp.domain.catalog.models import Goods, Spec, Suite, SuiteDetail


def test_part_paid_trade_lines_carry_their_share_of_the_paid_amount(tenant: TenantHandle) -> None:
    seed(tenant)
    lines = [raw_line("PP1", "PP1-1", "A", 2), raw_line("PP1", "PP1-2", "B", 1)]  # 20 + 10
    push2(tenant, "PP1", lines, pay_status=1, paid=15, receivable=35)
    op(tenant, "sales.submit", tid="PP1")
    detail = {d["spec_no"]: (d["share_amount"], d["paid"]) for d in trade_of(tenant, "PP1")["detail_list"]}
    assert detail == {"A": (20, 10), "B": (10, 5)}


def test_paid_and_unpaid_trade_lines(tenant: TenantHandle) -> None:
    seed(tenant)
    push2(tenant, "PD1", [raw_line("PD1", "PD1-1", "A", 2)])
    push2(tenant, "UP1", [raw_line("UP1", "UP1-1", "A", 2)], pay_status=0, paid=0, pay_time=None)
    for tid in ("PD1", "UP1"):
        op(tenant, "sales.submit", tid=tid)
    assert [d["paid"] for d in trade_of(tenant, "PD1")["detail_list"]] == [20]
    assert [d["paid"] for d in trade_of(tenant, "UP1")["detail_list"]] == [0]


def _suite(tenant: TenantHandle, suite_no: str, parts: int) -> None:
    with tenant.db.transaction() as session:
        goods = Goods(tenant_id=tenant.tenant_id, goods_no=f"G-{suite_no}", goods_name="套装件")
        suite = Suite(tenant_id=tenant.tenant_id, suite_no=suite_no, suite_name="套装")
        session.add_all([goods, suite])
        session.flush()
        for index in range(parts):
            spec = Spec(tenant_id=tenant.tenant_id, goods_id=goods.goods_id, spec_no=f"{suite_no}-{index}")
            session.add(spec)
            session.flush()
            session.add(SuiteDetail(suite_id=suite.suite_id, spec_id=spec.spec_id, num=Decimal(1)))


def test_submitting_a_suite_does_not_query_per_detail(tenant: TenantHandle) -> None:
    seed(tenant)
    counts = []
    for suite_no, parts in (("SU2", 2), ("SU6", 6)):
        _suite(tenant, suite_no, parts)
        push2(tenant, f"T-{suite_no}", [raw_line(f"T-{suite_no}", f"T-{suite_no}-1", suite_no, 1)])
        with selects(tenant, this_thread=True) as seen:
            op(tenant, "sales.submit", tid=f"T-{suite_no}")
        counts.append(len(seen))
        assert len(trade_of(tenant, f"T-{suite_no}")["detail_list"]) == parts
    assert counts[0] == counts[1]


def test_checking_a_trade_does_not_query_per_line(tenant: TenantHandle) -> None:
    seed(tenant, {"A": 10, "B": 10})
    counts = []
    for tid, specs in (("CK1", ["A"]), ("CK2", ["A", "B"])):
        push2(tenant, tid, [raw_line(tid, f"{tid}-{i}", spec, 1) for i, spec in enumerate(specs)])
        trade_no = op(tenant, "sales.submit", tid=tid)["trade_no"]
        with selects(tenant, this_thread=True) as seen:
            op(tenant, "sales.check", trade_no=trade_no)
        counts.append(len(seen))
    assert counts[0] == counts[1]
