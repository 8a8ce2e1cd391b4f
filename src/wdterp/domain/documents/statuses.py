"""Status codes of stock documents: the one place where the pages' disagreements are settled.

Decisions (see the pages' conflicts listed in the project's notes):
- Stockin (入库单): 10 已取消 · 20 编辑中 · 30 待审核 · 80 已完成 (checked = completed: stock moves at check).
- Stockout (出库单, non-sales): 5 已取消 · 48 未确认 · 50 待审核 · 110 已完成.
- Sales stockout: 5 已取消 · 55 已审核 (reserved, 待发货; the pages' "已确认") · 95 已发货 · 110 已完成;
  weighing/picking do not change the status, they set consign_status bits.
- `is_check` of stockout.Other/Transfer: 0 待审核 · 1 已审核 · 2 未确认; of stockin.Other/Transfer: 2 编辑中.
"""

from __future__ import annotations

from enum import IntEnum


class StockinStatus(IntEnum):
    CANCELLED = 10
    EDITING = 20
    AWAITING_CHECK = 30
    AWAITING_QC = 37
    QC_CONFIRMED = 40
    COMPLETED = 80


class StockoutStatus(IntEnum):
    CANCELLED = 5
    UNCONFIRMED = 48
    AWAITING_CHECK = 50
    CHECKED = 55
    AWAITING_SHIP = 70
    SHIPPED = 95
    COMPLETED = 110


class OrderType(IntEnum):
    """Stock-document type codes (src_order_type / order_type), the canonical set of the ledger."""

    SALES_OUT = 1
    TRANSFER = 2
    STOCK_COUNT = 4
    PROCESS = 5
    PROCESS_FINISHED_IN = 6
    WARRANTY_IN = 7
    DEFECT_CHANGE = 8
    JIT_OUT = 9
    PURCHASE_IN = 10
    SALES_RETURN_IN = 12
    JIT_RETURN_IN = 13
    PURCHASE_RETURN_OUT = 14
    OTHER_IN = 20
    OTHER_OUT = 21
    PRE_STOCKIN = 22
    ADJUST_IN = 23
    ADJUST_OUT = 24
    INIT_IN = 33
    INIT_OUT = 34


class SnStatus(IntEnum):
    """Serial numbers (wms.GoodsSN): recorded on an editing stockin (10, or 15 when it had left before),
    in stock once that stockin is checked (20), held by a stockout (30), gone with its check (40)."""

    INITIAL = 10
    SECOND_ENTRY = 15
    IN_STOCK = 20
    OCCUPIED = 30
    OUT = 40
