"""Status codes of the purchase documents (states.md §7–§9), settled once here.

Decisions where the pages leave a choice:
- createOrder without is_check leaves the order 编辑中 (20); `purchase.submit` makes it 待审核 (30),
  `purchase.check` 已审核 (40), or 待财审 (35) first when the tenant setting `purchase_finance_check` is on.
- A receipt that completes every line makes the order 已到货 (60) and 待结算 (settle_status 1); stop
  waiting (pending / cancelByType 1 and 2) closes receiving (stockin_status 3) and makes it 待结算 (70).
  Settlement makes it 部分结算 (80) or 已完成 (90).
- A purchase return is 已完成 (60) when all of it has left (or it stopped waiting after some left).
- cancelByType operate_type 2 (wms停止等待) stops waiting like 1: no WMS holds our orders.
"""

from __future__ import annotations

from enum import IntEnum


class ApplyStatus(IntEnum):
    CANCELLED = 5
    EDITING = 10
    TO_CONFIRM = 20
    TO_REFERENCE = 23
    PART_REFERENCED = 25
    REFERENCED = 30


class OrderStatus(IntEnum):
    CANCELLED = 10
    EDITING = 20
    AWAITING_CHECK = 30
    FINANCE_CHECK = 35
    CHECKED = 40
    PART_ARRIVED = 50
    ARRIVED = 60
    TO_SETTLE = 70
    PART_SETTLED = 80
    COMPLETED = 90


class StockinState(IntEnum):
    NONE = 0
    PART = 1
    DONE = 2
    STOPPED = 3
    OVER = 4
    PART_OVER = 5


class SettleState(IntEnum):
    NOT_SETTLEABLE = 0
    TO_SETTLE = 1
    PART = 2
    SETTLED = 3


class ReturnStatus(IntEnum):
    CANCELLED = 10
    EDITING = 20
    AWAITING_CHECK = 30
    CHECKED = 40
    COMPLETED = 60


class StockoutState(IntEnum):
    NONE = 0
    PART = 1
    DONE = 2
    STOPPED = 3


class SettleStatus(IntEnum):
    """finance.settle.Purchase.search: 10 编辑中 · 20 待审核 · 30 已审核 · 40 已取消."""

    EDITING = 10
    AWAITING_CHECK = 20
    CHECKED = 30
    CANCELLED = 40


class PreOrderStatus(IntEnum):
    CANCELLED = 10
    AWAITING_CHECK = 20
    CHECKED = 30
    REJECTED = 40
    COMPLETED = 50


#: orders a receipt may go to (checked, partly or fully arrived: the latter over-receives)
RECEIVABLE = frozenset({OrderStatus.CHECKED, OrderStatus.PART_ARRIVED, OrderStatus.ARRIVED})
#: orders whose receipts can be settled
SETTLEABLE = frozenset({OrderStatus.PART_ARRIVED, OrderStatus.ARRIVED, OrderStatus.TO_SETTLE,
                        OrderStatus.PART_SETTLED})
#: "大于已审核": orders a return may reference
RETURN_REFERENCEABLE = frozenset({OrderStatus.PART_ARRIVED, OrderStatus.ARRIVED, OrderStatus.TO_SETTLE,
                                  OrderStatus.PART_SETTLED, OrderStatus.COMPLETED})
#: the roles_mask bit of 采购员 (setting.Employee.search: 512 采购员 · 1024 质检员)
PURCHASER_ROLE = 512
