"""The `wdterp` command line: serve, init, tenant/app admin, load, demo, call, errors, logs, coverage, ops."""
