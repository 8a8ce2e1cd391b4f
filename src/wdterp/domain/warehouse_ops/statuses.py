"""Status and type codes of warehouse work documents: the one place where the pages are settled.

Stock count 盘点单 (states.md §11; wms.StockPd.queryStockPd):
- 10 已取消 · 20 编辑中 · 30 待盘点 · 31 盘点中 · 33 部分盘点 · 35 待结算 · 40 已完成.
- Decisions: `count.start` creates a count in 30 待盘点 (20 编辑中 is the desktop client's draft, never
  produced here). The first quantity entered moves it to 31 盘点中. `count.finish` executes the counted
  lines: with `partial` and lines still uncounted it leaves the count in 33 部分盘点 (more entries and
  another finish follow), otherwise uncounted lines keep their stock and the count is 40 已完成.
  35 待结算 is a finance step we do not model. A count is cancelled (10) only before it executed anything
  (20/30/31). stockSyncByPd creates, enters and executes at once: 40.
- Differences become stock documents of type 4: 盘盈 stockin (80 已完成) and 盘亏 stockout (110 已完成).
- Counted quantities are ≥ 0 (the page: "仅支持正数盘点"; counting a spec to 0 is a count, a negative one
  answers E56); fractions need the tenant's decimal-quantity setting.

Move order 移位单 (§21; wms.MoveOrder.queryWithDetail): 5 已取消 · 10 待审核 · 20 已审核. Stock moves between
positions when the order is checked (20); only 10 can be cancelled.

Replenishment 补货单 (§21; wms.StockShelve.queryWithDetail): 0 已取消 · 10 待审核 · 20 已审核 · 30 已完成.
`replenish.create` takes stock down from storage positions and puts it up on the spec's default (picking)
position in one step: 30 已完成 with down_num = up_num.

Defect conversion 正残转换单 (§21; wms.stockdefect.DefectChange.search): 10 已取消 · 20 编辑中 · 30 待审核 ·
40 已审核 · 45 待结算 · 50 已完成. Stock converts when the document is checked; as we do not settle
conversions, a checked conversion is 50 已完成 at once (40/45 are never left standing). 20/30 can be
cancelled. `type` true = 残转正 (defect → good), false = 正转残. Ledger rows carry type 8.
"""

from __future__ import annotations

from enum import IntEnum


class CountStatus(IntEnum):
    CANCELLED = 10
    EDITING = 20
    TO_COUNT = 30
    COUNTING = 31
    PARTLY_COUNTED = 33
    TO_SETTLE = 35
    COMPLETED = 40


#: a count may be cancelled only while nothing of it has been executed
COUNT_CANCELLABLE = frozenset({CountStatus.EDITING, CountStatus.TO_COUNT, CountStatus.COUNTING})
#: quantities may be entered while the count is open
COUNT_OPEN = frozenset({CountStatus.TO_COUNT, CountStatus.COUNTING, CountStatus.PARTLY_COUNTED})


class CountMode(IntEnum):
    """盘点方案: what one count line stands for."""

    BY_SPEC = 0            # 单品盘点: a (spec, defect) stock row
    BY_POSITION_DETAIL = 1  # 货位明细盘点: a (spec, defect, position, batch, expiry) detail row
    BY_DETAIL = 2          # 明细盘点
    BY_POSITION_SPEC = 3    # 货位单品盘点


class DefectMode(IntEnum):
    """stockSyncByPd `defect_mode`: which lines of the list are counted."""

    ALL = 0
    GOOD_ONLY = 1
    DEFECT_ONLY = 2


class MoveStatus(IntEnum):
    CANCELLED = 5
    AWAITING_CHECK = 10
    CHECKED = 20


class MoveType(IntEnum):
    """业务类型 of a move order (the page's list; the ones our operations produce are named)."""

    MOVE = 0
    PURCHASE_SHELVE = 1
    REPLENISH_UP = 2
    RETURN_SHELVE = 3
    PICK_RETURN = 4
    POSITION_COUNT = 5
    PICK_DOWN = 6
    OPTIMISE = 7
    COUNT_HANDLING = 8
    GATHER = 9
    OTHER_IN_SHELVE = 10
    REPLENISH_DOWN = 11
    REPLENISH_RETURN = 12
    OTHER_DOWN = 15
    OTHER_UP = 16
    RETURN_QC_SHELVE = 17
    REPLENISH_STAGING_UP = 18
    REPLENISH_MOVE = 19
    STOCKOUT_REJECTED = 20


class ShelveStatus(IntEnum):
    CANCELLED = 0
    AWAITING_CHECK = 10
    CHECKED = 20
    COMPLETED = 30


class ShelveType(IntEnum):
    GENERAL = 0
    DOWN = 1
    UP = 2
    PRE_REPLENISH = 3


class DefectChangeStatus(IntEnum):
    CANCELLED = 10
    EDITING = 20
    AWAITING_CHECK = 30
    CHECKED = 40
    TO_SETTLE = 45
    COMPLETED = 50


DEFECT_CHANGE_CANCELLABLE = frozenset({DefectChangeStatus.EDITING, DefectChangeStatus.AWAITING_CHECK})


class ZoneType(IntEnum):
    """货区 kinds: replenishment takes stock from storage zones up to picking zones."""

    PICKING = 1
    STORAGE = 2
    OTHER = 3


#: document-number prefixes (the vendor's shapes: PD2023022108, YW2302160007, BH202009070003, ZC202007270001)
COUNT_PREFIX = "PD"
MOVE_PREFIX = "YW"
SHELVE_PREFIX = "BH"
DEFECT_CHANGE_PREFIX = "ZC"
