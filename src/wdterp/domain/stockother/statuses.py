"""Status codes of other-in/other-out business orders (states.md §6), and the decisions taken here.

Business order (其它入库/出库业务单), numbered unlike most documents:
1 编辑中 · 10 待审核 · 20 已审核 · 40 已推送wms · 60 部分入库/部分出库 · 65 待结算 · 70 已完成 · 80 已取消.

Decisions:
- push: `is_check` false → 10 待审核; true → checked: 20, or 40 when the warehouse is external (we accept
  the WMS push ourselves). A checked other-out order reserves what is left to go out (`is_reserved`).
- Out.push `create_check_stock` 0: available stock is checked at create (short → code 100, nothing kept);
  1 (default): at check; a check that fails on stock leaves the order 10 待审核 and answers data.status 20
  审核失败 (states.md §0), the order number in `outer_no`.
- Executed by other stockins/stockouts (src 20/21): each checked one adds to in_num/out_num; partly → 60,
  fully → 70 (settlement, 65, is not modelled: nothing settles other-in/out orders here).
- Cancel (In/Out.cancelOrder): 1/10/20/40 while nothing was executed and no open stock document refers
  to the order; a reservation is given back.
- Other stockin/stockout created without src_order_no get a business order made for them (checked, not
  reserving: the stock document itself does the stock work).
- stockin.Other.createOtherOrder / stockout.Other.createOther: `outer_no` becomes the document number
  (the pages: "创建成功后作为系统出库单号"); is_check 1 checks at once (stock moves: completed 80/110);
  a stockout short of stock answers code 100 and leaves nothing behind (no document, no ledger row).
- Cancel other stockin/stockout: is_force false → only 20 编辑中 / 48 未确认; true → also 30/50 待审核
  (sent back to editing, then cancelled). Completed documents are never cancelled.
- stockout.OtherQuery.queryWithDetail `status` filters by the status of the business order behind the
  stockout (the page lists business-order codes), while rows carry stockout codes (states.md §5 conflict).
- Detail errors: business orders answer E45 for an unknown or repeated spec; other stockins/stockouts
  answer E45 for an unknown spec and E67/E68 for repeats, like every stock document.
"""

from __future__ import annotations

from enum import IntEnum


class OtherOrderStatus(IntEnum):
    EDITING = 1
    AWAITING_CHECK = 10
    CHECKED = 20
    PUSHED_WMS = 40
    PARTLY_DONE = 60
    TO_SETTLE = 65
    COMPLETED = 70
    CANCELLED = 80


#: states in which stock documents may execute an order
EXECUTABLE = frozenset({OtherOrderStatus.CHECKED, OtherOrderStatus.PUSHED_WMS, OtherOrderStatus.PARTLY_DONE})
#: states In/Out.cancelOrder accepts
CANCELLABLE = frozenset({OtherOrderStatus.EDITING, OtherOrderStatus.AWAITING_CHECK, OtherOrderStatus.CHECKED,
                         OtherOrderStatus.PUSHED_WMS})
