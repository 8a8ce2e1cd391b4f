"""Counting and warehouse work, one import for callers (API handlers, operations, loaders).

- counts (盘点单): `counting.start/enter/finish/cancel/find`, the API's one-step `counting.sync_by_count`
- move orders (移位单) and replenishment (补货单): `moves.create_move/check_move/cancel_move/replenish`
- good↔defect conversion (正残转换单): `defects.create/check_change/cancel/find`
- zones and default positions: `positions.ensure_zone/ensure_position/set_default`
- searches behind the query methods: `searches.*`
"""

from __future__ import annotations

from wdterp.domain.warehouse_ops import common, counting, defects, moves, positions, searches
from wdterp.domain.warehouse_ops.common import (
    SpecInfo,
    counted_quantity,
    employee_id,
    position_of,
    positions_by_id,
    spec_infos,
    spec_of,
    warehouse_nos,
    wire_expire,
)

__all__ = ["SpecInfo", "common", "counted_quantity", "counting", "defects", "employee_id", "moves",
           "position_of", "positions", "positions_by_id", "searches", "spec_infos", "spec_of", "warehouse_nos",
           "wire_expire"]
