"""Transfer codes (states.md §10), decided once here.

Decisions:
- A transfer created unchecked is 20 编辑中 (the page's isCheck false); checked is 40 已审核; its first
  checked transfer stockout makes it 50 调拨中. Everything received — or stop waiting (停止等待) — makes it
  90 调拨完成, and its settlement is made checked at once (status 80 待结算 is never left waiting: no
  settlement step is kept for an integrator to drive).
- Two-step modes 0/1/2 need transfer stockouts/stockins (src 2); one-step modes 5/6/7 move the stock
  out and in when the transfer is checked. Outer transfers (wms.outer.OuterTransfer.createByApi) use
  their own mode table (1/3 单品, 2/4 明细) and are stored as the query's 4 外仓快速调拨 / 14 外仓明细调拨.
- Transfers reserve nothing: available stock is checked at create (E35 / E27) and again when stock
  leaves. `wait_transfer_num` (待调拨量) of the source warehouse is what checked transfers have still to
  send; `transfer_num` (调拨在途量) of the target warehouse is what is sent and not yet received.
"""

from __future__ import annotations

from enum import IntEnum


class TransferStatus(IntEnum):
    CANCELLED = 10
    EDITING = 20
    AWAITING_CHECK = 30
    CHECKED = 40
    IN_TRANSIT = 50
    TO_SETTLE = 80
    DONE = 90


class OutInStatus(IntEnum):
    """stock_out_in_status"""

    AWAITING_OUT = 10
    PART_OUT_NONE_IN = 20
    PART_OUT_PART_IN = 30
    ALL_OUT_NONE_IN = 40
    ALL_OUT_PART_IN = 50
    DONE = 60


class SettleStatus(IntEnum):
    EDITING = 10
    AWAITING_CHECK = 20
    CHECKED = 30
    CANCELLED = 40


TWO_STEP_MODES = frozenset({0, 1, 2})
ONE_STEP_MODES = frozenset({5, 6, 7})
#: by position (货位) / by detail (明细: batch and expiry carried)
POSITION_MODES = frozenset({1, 6})
DETAIL_MODES = frozenset({2, 7, 14})
#: wms.outer.OuterTransfer.createByApi mode → the stored (queried) mode
OUTER_MODES = {1: 4, 2: 14, 3: 4, 4: 14}
CANCELLABLE = frozenset({TransferStatus.EDITING, TransferStatus.AWAITING_CHECK})
#: transfers a transfer stockout / stockin may be made for (else E47)
EXECUTABLE = frozenset({TransferStatus.CHECKED, TransferStatus.IN_TRANSIT})
