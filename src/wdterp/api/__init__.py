"""The method registry: one declaration per vendor method, validation derived from the vendor's docs."""
