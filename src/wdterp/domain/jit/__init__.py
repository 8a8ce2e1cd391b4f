"""JIT (唯品会 JIT and the like): JIT stockouts to platform warehouses, JIT returns and their stockins."""
