"""Aftersales codes (states.md §12-§13), decided once here.

Decisions:
- Raw refund `type` (push): 0 取消订单 and 1 退款(未发货) make a 1 售前退款 refund; 2 退货, 4 退款不退货 their own.
  Type 3 换货: the page says its submit makes no system *return* (退货单); it makes an exchange (换货) refund
  (type 3), whose goods come back through a return stockin like a return's.
- Raw refund `process_status`: 0 待递交 · 15 已递交 (a refund made) · 20 递交失败 (no trade to refund, E61) ·
  40 已处理 (cancelled on the platform, status 1 取消退款, before a refund was made).
- Refund `status`: 20 待审核 after submit; check → 30 已审核. A pre-ship refund cancels the trade's lines at
  check (the reservation is given back) and is then 90 已完成; 4 退款不退货 is 90 at check. A return or an
  exchange waits for its return stockin (stockin_status 1 待入库); fully received it is settled at once:
  90 已完成 (85/86/87 are never produced: no posting step is kept). 10 已取消 from 20 only.
- Archive (History queries): completed or cancelled refunds, and raw refunds whose refund is, after
  `sales.archive`-like days (ops `refund.archive`).
"""

from __future__ import annotations

from enum import IntEnum


class RawRefundType(IntEnum):
    CANCEL_ORDER = 0
    REFUND = 1
    RETURN = 2
    EXCHANGE = 3
    REFUND_ONLY = 4


class RawProcess(IntEnum):
    NEW = 0
    SUBMITTED = 15
    FAILED = 20
    HANDLED = 40


class RefundType(IntEnum):
    PRE_SHIP = 1
    RETURN = 2
    EXCHANGE = 3
    REFUND_ONLY = 4


class RefundStatus(IntEnum):
    CANCELLED = 10
    AWAITING_CHECK = 20
    CHECKED = 30
    COMPLETED = 90


class StockinState(IntEnum):
    NONE = 0
    AWAITING = 1
    PARTIAL = 2
    ALL = 3
    STOPPED = 4


#: platform raw refund status 1 取消退款
RAW_CANCELLED = 1
#: refund types whose goods come back through a return stockin (kind 12)
GOODS_BACK = frozenset({RefundType.RETURN, RefundType.EXCHANGE})
