"""Goods (SPU), specs (SKU), suites, barcodes, brands, classes, platform goods."""
