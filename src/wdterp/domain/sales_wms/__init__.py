"""Warehouse side of sales stockouts: weighing, packaging, pick lists, packing lists, position allocation."""
