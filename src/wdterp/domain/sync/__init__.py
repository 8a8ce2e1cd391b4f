"""Syncing ERP results (tracking numbers, stock figures) back to the tenant's own mall (platform 127)."""
