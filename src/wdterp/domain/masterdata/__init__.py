"""Shops, warehouses, logistics companies, employees, providers, reasons, trade labels, regions."""
