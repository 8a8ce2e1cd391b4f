"""The call log: one row per API call, written in batches off the request path."""
