"""The ledger rows of a batch of moves come back in the order of the moves: whoever pairs them with
their own lines (the document engine: each line's cost) pairs by position, not by re-sorting."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from invtools import seed

from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move


def test_apply_moves_answers_one_ledger_row_per_move_in_the_order_given(tenant: Any) -> None:
    ids = seed(tenant, specs=("L1", "L2"))
    wh, first, second = ids.warehouses["WH1"], ids.specs["L1"], ids.specs["L2"]
    moves = [Move(wh, second, Decimal(2), price=Decimal(7)), Move(wh, first, Decimal(1), defect=True, price=Decimal(3)),
             Move(wh, first, Decimal(4), price=Decimal(5))]
    with tenant.db.transaction() as session:
        ledger = inventory.apply_moves(session, tenant.tenant_id, moves, DocumentRef(20, "ORDERED-1"))
        answered = [(row.spec_id, row.defect, row.num, row.cost_price) for row in ledger]
    assert answered == [(second, False, 2, 7), (first, True, 1, 3), (first, False, 4, 5)]
