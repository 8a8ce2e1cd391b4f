"""Codes of the warehouse side of sales stockouts: the one place where the pages' disagreements are settled.

Decisions (states.md §3, §5):
- Weighing, picking and packing never change a sales stockout's `status` (documents/statuses.py: 55 checked,
  95 shipped, 110 completed, 5 cancelled); they set `consign_status` bits (ConsignBit).
- Only a checked, unshipped stockout (55) can be weighed, picked or packed. A cancelled or unknown one is
  "单据不存在" (E26); a shipped one is "出库单状态不正确".
- 包装物 (packaging item) = a spec whose goods has `goods_type` 3 (the goods pages' 货品类型 "3：包装物").
  A weighing that scans one records it on the stockout and takes one unit of it out of the stockout's
  warehouse (ledger src_order_type 1, stockio_no = the stockout); re-weighing with the same item does not
  take a second one, with another item gives the first one back.
- Overweight (`force` false): refused when the carrier's `max_weight` > 0 and the weight is above it, or when
  the estimated weight > 0 and the weight differs from it by more than the tenant setting
  `weighing_tolerance_percent` (default 50) percent of it. `force` true skips both.
- status_type of wms.stockout.Sales.queryWithDetail: 0 延时发货&已完成 = shipped (95, 110) by consign time;
  1 已取消 (5) by modified; 2 待分配~延时发货 = checked, unshipped (55..90) by modified; 3 the `status` list by
  modified (without `status`: every status by consign time); `status` -1 未发货 = neither shipped nor cancelled.
- History (queryHistoryWithDetail) = stockouts of archived trades (`sales.archive`); the current query never
  returns them.
- Packing list (装箱单) = logistics order (物流单): one package of a stockout with its tracking number.
  Stored status (Pack.search's table): 10 未完成 until the stockout ships, then 16 已发货. searchLogistics'
  table has no 16: a shipped package is 20 待结算 there (postage not settled; 30 已结算 is never produced).
  A cancelled stockout's packing lists are deleted.
- Pick list (分拣波次, `FJ…`): 0 picking, 1 finished (`pick.finish` sets bit 16 on its live stockouts).
"""

from __future__ import annotations

from enum import IntEnum

#: goods_type of 包装物
PACKAGING_GOODS_TYPE = 3
#: tenant setting: allowed difference between weight and estimate, percent of the estimate
SETTING_WEIGHING_TOLERANCE = "weighing_tolerance_percent"
DEFAULT_WEIGHING_TOLERANCE = 50


class ConsignBit(IntEnum):
    EXAMINED = 1
    WEIGHED = 2
    PICKED = 16
    EBILL_RETURNED = 32
    SORTED = 64


class PackageStatus(IntEnum):
    OPEN = 10
    DELAYED = 15
    SHIPPED = 16
    TO_SETTLE = 20
    COMPLETED = 30


#: searchLogistics `status` → stored package statuses
LOGISTICS_FILTER = {10: (PackageStatus.OPEN,), 15: (PackageStatus.DELAYED,),
                    20: (PackageStatus.SHIPPED, PackageStatus.TO_SETTLE), 30: (PackageStatus.COMPLETED,)}
#: stored package status → searchLogistics `status`
LOGISTICS_STATUS = {PackageStatus.OPEN: 10, PackageStatus.DELAYED: 15, PackageStatus.SHIPPED: 20,
                    PackageStatus.TO_SETTLE: 20, PackageStatus.COMPLETED: 30}


class PickStatus(IntEnum):
    PICKING = 0
    FINISHED = 1


#: platforms whose orders the sales stockout queries do not return (淘宝, 淘宝分销, 拼多多: the pages'
#: privacy note) and platforms whose receiver fields they do return (自有商城, 线下)
HIDDEN_PLATFORMS = frozenset({1, 2, 39})
OPEN_PLATFORMS = frozenset({127, 0})

#: number prefixes: pick lists (the page's FJ2104220004), packing lists (LG22042174)
PICK_PREFIX = "FJ"
PACK_PREFIX = "LG"
