"""Status codes of the sales core: the one place where the pages' disagreements are settled.

Decisions (states.md §1-§3, §23):
- Raw trade `process_status` (§1): 10 待递交 (new) · 20 已递交 (submitted) · 40 已发货 (shipped) · 70 已取消
  (platform closed/refunded before shipment). 15/30/60 are never produced (no split shipments, no
  completion feed from the mall); a pushed `process_status` is not obeyed for existing raw trades:
  the ERP owns it ("是否执行自动递交以系统配置为准").
- Raw trade header `refund_status` uses the 0-3 table of the push pages; the history queries return
  the same stored value (§23.3: we keep one set, the push set).
- Trade `trade_status` (§2, column Q): 5 已取消 · 7 待转已完成 (TradeImport) · 10 未付款 (submitted unpaid) ·
  23 异常订单 (toException; the current-query name wins over 异常预订单, §23.1) · 30 待客审 (after submit) ·
  55 已审核 (after check: stock reserved, sales stockout created) · 95 已发货 (after consign) ·
  110 已完成 (imports turned completed). "Unchecked" = below 55 and not 5/7.
- Sales stockout: created at check in 55 (documents/statuses.py), 95 已发货 at consign, 5 when the
  trade is cancelled before shipment (reservation released).
- Sales payment (销售收付单, §21): rows and the `status` filter share one table: 10 已取消 · 20 待审核 ·
  30 待结算 · 40 已完成 (the rows' "10 编辑中" is never produced, so the filter's reading is kept).
- `pay_method` accepts 1..8: the push pages list 8 微信支付 and error-contract.md says the maximum is
  the largest value the doc lists (the error page's "7" is a placeholder), so 9 answers
  "pay_methodmust be less than or equal to 8".
- Platform line `status` is copied to trade lines as `platform_status` (0 when no raw line).
"""

from __future__ import annotations

from enum import IntEnum

#: platform_id of own-mall shops (其他（自有商城）); pushes are accepted only for them (E22)
SELF_PLATFORM = 127
#: platforms the *SelfOrder queries return: own mall and offline
SELF_ORDER_PLATFORMS = (127, 0)


class ProcessStatus(IntEnum):
    """Raw trade 处理状态."""

    NEW = 10
    SUBMITTED = 20
    PART_SHIPPED = 30
    SHIPPED = 40
    COMPLETED = 60
    CANCELLED = 70


class PlatformStatus(IntEnum):
    """Raw trade 平台状态 (`trade_status` on raw trades, `status` on raw lines)."""

    UNCONFIRMED = 10
    BALANCE_DUE = 20
    AWAITING_SHIP = 30
    PART_SHIPPED = 40
    SHIPPED = 50
    SIGNED = 60
    COMPLETED = 70
    REFUNDED = 80
    CLOSED = 90


#: platform states that cancel the order in the ERP when pushed
PLATFORM_CANCELLED = frozenset({PlatformStatus.REFUNDED, PlatformStatus.CLOSED})


class PayStatus(IntEnum):
    UNPAID = 0
    PART_PAID = 1
    PAID = 2


class RawRefundStatus(IntEnum):
    """Header refund_status of the push pages."""

    NONE = 0
    REQUESTED = 1
    PARTIAL = 2
    FULL = 3


#: line refund_status 5 退款成功 / 6 未付款关闭: the line is gone
LINE_REFUNDED = frozenset({5, 6})


class TradeStatus(IntEnum):
    CANCELLED = 5
    IMPORTED = 7
    UNPAID = 10
    EXCEPTION = 23
    EXCHANGE_PRE_ORDER = 24
    PRE_ORDER_TO_HANDLE = 25
    PRE_ORDER_TO_ALLOCATE = 27
    AWAITING_CS_CHECK = 30
    AWAITING_FINANCE_CHECK = 35
    CHECKED = 55
    SHIPPED = 95
    COMPLETED = 110


#: states a trade can be checked from
CHECKABLE = frozenset({TradeStatus.AWAITING_CS_CHECK, TradeStatus.AWAITING_FINANCE_CHECK})
#: states toException accepts (the page: 待审核, 待处理预订单, 待分配预订单, 换货预订单)
TO_EXCEPTION_FROM = frozenset({TradeStatus.AWAITING_CS_CHECK, TradeStatus.AWAITING_FINANCE_CHECK,
                               TradeStatus.PRE_ORDER_TO_HANDLE, TradeStatus.PRE_ORDER_TO_ALLOCATE,
                               TradeStatus.EXCHANGE_PRE_ORDER})
#: terminal states that may be archived (History queries)
ARCHIVABLE = frozenset({TradeStatus.CANCELLED, TradeStatus.SHIPPED, TradeStatus.COMPLETED})


def is_unchecked(status: int) -> bool:
    """待审核 in the pages' sense: submitted, not yet checked, not cancelled or imported."""
    return status < TradeStatus.CHECKED and status not in (TradeStatus.CANCELLED, TradeStatus.IMPORTED)


class StockState(IntEnum):
    """Trade line 库存保留情况."""

    NOT_RESERVED = 0
    UNPAID = 2
    AWAITING_CHECK = 3
    AWAITING_SHIP = 4


class LogType(IntEnum):
    """Trade log 操作类型 (sales.TradeQuery.getLog)."""

    CREATED = 1
    PAID = 2
    SUBMITTED = 3
    REVERTED = 30
    CHECKED = 45
    IMPORTED = 50
    PACKED = 101
    WEIGHED = 102
    CONSIGNED = 105
    ARCHIVED = 123
    LOGISTICS_SYNC = 135
    OTHER = 1000
    RECEIVER_CHANGED = 1005
    REMARK_CHANGED = 1009
    EXCEPTION_CLEARED = 1012
    REFUNDED = 1013
    CHECK_FAILED = 1014
    UNPAID_SUBMIT = 1015
    LABEL_CHANGED = 1022
    IMPORT_COMPLETED = 1051
    STOCKOUT_CREATED = 1061


class PaymentStatus(IntEnum):
    CANCELLED = 10
    AWAITING_CHECK = 20
    TO_SETTLE = 30
    COMPLETED = 40


class PaymentOrderType(IntEnum):
    TRADE = 1
    RAW_TRADE = 2
    REFUND = 3
    OFFLINE_REFUND = 4


#: trade_from codes
TRADE_FROM_API = 1
TRADE_FROM_IMPORT = 3
#: operator shortname of steps the system does on its own
SYSTEM_OPERATOR = "系统"
