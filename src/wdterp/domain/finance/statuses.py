"""Finance status codes (states.md §17, §21), decided once here.

- Raw payment 平台账单: 0 未确认 (pushed, linked to a raw trade) · 1 已确认 · 3 未关联 · 4 已对账 (matched
  by an account check). Pushes refuse an order_no that is no raw trade of the shop ("关联单号不存在").
- Payment 收付款单: 10 编辑中 → 20 待审核 → 30 已审核; 10/20 → 40 已取消.
- Account check 对账单: 0 未确认 (no bill yet) · 1 部分对账 (received < receivable) · 2 对账失败
  (received > receivable) · 3 对账成功 (equal) · 4 设置对账成功 (confirmed by hand).
- Invoice 发票: created 45 线下待开票 (offline issuing, the only kind the API reports back on) or 20/40;
  updateInvoice moves 45/85 → 60 开票成功 or 85 线下开票失败 (file_url required unless 85).
- Waybill 电子面单号: 1 已分配 (number obtained) → 2 已完成 (shipped) ; 1 → 5 待回收 → 6 已回收 / 4 回收失败;
  1/5 → 8 手工作废.
"""

from __future__ import annotations

from enum import IntEnum


class RawPaymentStatus(IntEnum):
    UNCONFIRMED = 0
    CONFIRMED = 1
    UNLINKED = 3
    CHECKED = 4


class PaymentStatus(IntEnum):
    EDITING = 10
    AWAITING_CHECK = 20
    CHECKED = 30
    CANCELLED = 40


class AccountCheckStatus(IntEnum):
    UNCONFIRMED = 0
    PARTLY = 1
    FAILED = 2
    SUCCESS = 3
    SET_SUCCESS = 4


class InvoiceStatus(IntEnum):
    CANCELLED = 5
    EDITING = 10
    AWAITING_CHECK = 20
    IMPORTED = 35
    TO_ISSUE = 40
    TO_ISSUE_OFFLINE = 45
    ISSUING = 50
    ISSUED = 60
    APPLY_FAILED = 70
    FAILED = 80
    OFFLINE_FAILED = 85
    AWAITING_PDF = 90
    UPLOAD_FAILED = 100
    UPLOADED = 110


#: invoices updateInvoice may change, and the statuses it may set
UPDATABLE_INVOICE = (InvoiceStatus.TO_ISSUE_OFFLINE, InvoiceStatus.OFFLINE_FAILED)
REPORTED_INVOICE = (InvoiceStatus.ISSUED, InvoiceStatus.OFFLINE_FAILED)


class WaybillStatus(IntEnum):
    UNASSIGNED = 0
    ASSIGNED = 1
    COMPLETED = 2
    RECYCLE_FAILED = 4
    TO_RECYCLE = 5
    RECYCLED = 6
    VOIDED = 8
