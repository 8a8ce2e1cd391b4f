"""Outsourced-warehouse documents: adjust in/out (外仓调整入/出库单, WI…/WO…)."""
