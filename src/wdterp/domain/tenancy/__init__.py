"""Tenants (sid), apps (API employees) and their permissions, tenant settings."""
