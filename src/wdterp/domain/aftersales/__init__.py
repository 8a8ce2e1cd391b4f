"""Aftersales: raw refunds from the mall, system refunds (退换单), return stockins and pre-stockins."""
