"""Transfers between warehouses (调拨单, TF…): two-step and one-step, their transfer stockouts and
stockins (src 2), outer transfers and their settlement."""
