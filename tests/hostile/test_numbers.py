"""Issue 7 item 1: every Decimal(19,4) and Int is bounded by its documented type before anything is
written, and the ledger keeps exact decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from invtools import seed as inv_seed
from whopstools import seed, stock

from helpers import expect
from support import TenantHandle
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.protocol.numbers import DECIMAL_MAX

SYNC = "wms.StockPd.stockSyncByPd"
ORDER = {"warehouse_no": "WH1", "defect_mode": 1, "remark": "x"}


@pytest.mark.parametrize("new_num", [1e308, 9223372036854775807, "1e308", "1000000000000000"])
def test_an_unbounded_count_is_refused_and_writes_nothing(tenant: TenantHandle, new_num: object) -> None:
    ids = seed(tenant)
    envelope = tenant.caller.call(SYNC, ORDER, [{"spec_no": "S1", "new_num": new_num, "defect": False}])
    expect(envelope, "E69", field="new_num", max=DECIMAL_MAX)
    assert stock(tenant, ids["WH1"], ids["S1"]) == 10
    # and a correct count afterwards does what it says
    tenant.caller.ok(SYNC, ORDER, [{"spec_no": "S1", "new_num": "7", "defect": False}])
    assert stock(tenant, ids["WH1"], ids["S1"]) == 7


def test_a_count_with_more_than_four_decimals_is_refused(tenant: TenantHandle) -> None:
    seed(tenant)
    envelope = tenant.caller.call(SYNC, ORDER, [{"spec_no": "S1", "new_num": "1.00001", "defect": False}])
    expect(envelope, "E78", field="new_num")


@pytest.mark.parametrize(("price", "row", "values"), [
    (1e308, "E69", {"field": "lowest_price", "max": DECIMAL_MAX}),
    (1234567890123456, "E69", {"field": "lowest_price", "max": DECIMAL_MAX}),
    ("0.12345", "E78", {"field": "lowest_price"}),
    ("abc", "E07", {}),
    (True, "E07", {}),
])
def test_prices_are_bounded_decimal_19_4(tenant: TenantHandle, price: object, row: str,
                                         values: dict[str, object]) -> None:
    goods = {"goods_no": "G-BIG", "goods_name": "big"}
    envelope = tenant.caller.call("goods.Goods.push2", goods, [{"spec_no": "G-BIG-1", "lowest_price": price}])
    expect(envelope, row, **values)
    assert tenant.caller.ok("goods.Goods.push2", goods,
                            [{"spec_no": "G-BIG-1", "lowest_price": "999999999999999.9999"}]) is not None


@pytest.mark.parametrize(("value", "row", "values"), [
    (2**31, "E69", {"field": "defect_mode", "max": 2}),
    (2**63, "E69", {"field": "defect_mode", "max": 2}),
    ("4_7_1", "E07", {}),
    ("＋1", "E07", {}),
    ("+1", "E07", {}),
    ("１", "E07", {}),
])
def test_integers_are_32_bit_plain_digits(tenant: TenantHandle, value: object, row: str,
                                          values: dict[str, object]) -> None:
    seed(tenant)
    envelope = tenant.caller.call(SYNC, {**ORDER, "defect_mode": value}, [])
    expect(envelope, row, **values)


@pytest.mark.parametrize(("days", "row", "values"), [
    (2**31, "E69", {"field": "validity_days", "max": 2**31 - 1}),
    (-(2**31) - 1, "E07", {}),
    (2**63, "E69", {"field": "validity_days", "max": 2**31 - 1}),
])
def test_an_int_field_without_enumeration_stops_at_32_bits(tenant: TenantHandle, days: int, row: str,
                                                           values: dict[str, object]) -> None:
    goods = {"goods_no": "G-DAYS", "goods_name": "days"}
    envelope = tenant.caller.call("goods.Goods.push2", goods, [{"spec_no": "G-DAYS-1", "validity_days": days}])
    expect(envelope, row, **values)


def test_decimal_sums_stay_exact_in_the_ledger(tenant: TenantHandle) -> None:
    seeded = inv_seed(tenant)
    wh, spec = seeded.warehouses["WH1"], seeded.specs["S1"]
    for _ in range(10):
        with tenant.db.transaction() as session:
            inventory.apply_moves(session, tenant.tenant_id, [Move(wh, spec, Decimal("0.1"), price=Decimal("0.3"))],
                                  DocumentRef(20, "IN"))
    with tenant.db.transaction() as session:  # 0.1 ten times is 1: all of it may go
        inventory.apply_moves(session, tenant.tenant_id, [Move(wh, spec, Decimal("-1"))], DocumentRef(21, "OUT"))
        row = inventory.stock_row(session, wh, spec)
        assert row is not None and row.stock_num == 0
        assert inventory.ledger_total(session, wh, spec) == 0
