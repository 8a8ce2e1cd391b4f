"""The production and virtual-warehouse queries on the demo data: median latency through HTTP vs the same
SQL run directly (the method of bench/read_sample.py, with its scenario plus a few production orders and
virtual-warehouse orders), printed as a table.

    python bench/production_read.py [--samples 60]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parent)]

import read_sample  # noqa: E402

METHODS = (
    "process.Bom.search", "process.Process.search", "wms.stockout.Process.queryWithDetail",
    "wms.stockin.Process.queryWithDetail", "finance.settle.process.search",
    "setting.strategy.VirtualWarehouse.query", "setting.strategy.VirtualWarehouse.warehouseSearch",
    "setting.strategy.VirtualWarehouse.stockSearch", "setting.strategy.VirtualWarehouse.orderSearch",
)
_snapshot_scenario = read_sample.run_scenario
_snapshot_variants = read_sample.variants


def variants(method: Any) -> dict[str, Any]:
    """The read snapshot's arguments; stockSearch takes its spec_nos as the page's comma-separated text."""
    found = _snapshot_variants(method)
    args, page = found["filled"]
    if args and isinstance(args[0], dict) and isinstance(args[0].get("spec_nos"), list):
        found["filled"] = ([{**args[0], "spec_nos": ",".join(args[0]["spec_nos"])}, *args[1:]], page)
    return found


def scenario(caller: Any, op: Any) -> None:
    """The read snapshot's writes, then a BOM, five quick production orders and virtual-warehouse locks."""
    _snapshot_scenario(caller, op)
    caller.ok("process.Bom.upload", {"bom_name": "BENCH", "fee": 1, "detail_list": [
        {"spec_no": "TS01-WH-L", "num": 1, "is_product": True}, {"spec_no": "SOCK01-BK", "num": 2}]})
    for _ in range(5):
        caller.ok("process.Process.upload", {"out_warehouse_no": "WH-SH", "in_warehouse_no": "WH-SH",
                                             "operator_name": "admin", "producer_no": "SC001", "process_count": 2,
                                             "bom_name": "BENCH", "type": 1, "is_check": True, "detail_list": []})
    for spec_no in ("TS01-WH-M", "MUG01-350", "SOCK01-WH"):
        caller.ok("setting.strategy.VirtualWarehouse.create", {"virtual_warehouse_no": "VW-MALL", "is_check": 1},
                  [{"spec_no": spec_no, "warehouse_no": "WH-SH", "num": 3, "price": 1}])


if __name__ == "__main__":
    read_sample.METHODS = METHODS  # type: ignore[assignment]  # a different number of methods
    read_sample.run_scenario = scenario
    read_sample.variants = variants
    read_sample.main()
