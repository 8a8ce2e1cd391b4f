"""The cache of tenants and apps on the hot path: no database round trip per call.

Entries live `ttl` seconds; admin changes made through this process invalidate at once, changes
from another process (the CLI) are seen within `ttl`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from wdterp.domain.tenancy.service import AppAccess, find_tenant, load_access
from wdterp.storage.db import Database


@dataclass(frozen=True)
class TenantState:
    exists: bool
    enabled: bool


class AccessCache:
    def __init__(self, db: Database, ttl: float, default_rate: int, default_concurrency: int) -> None:
        self.db = db
        self.ttl = ttl
        self.default_rate = default_rate
        self.default_concurrency = default_concurrency
        self._tenants: dict[str, tuple[float, TenantState]] = {}
        self._apps: dict[tuple[str, str], tuple[float, AppAccess | None]] = {}
        self._lock = threading.Lock()

    def tenant(self, sid: str) -> TenantState:
        hit = self._tenants.get(sid)
        if hit and hit[0] > time.monotonic():
            return hit[1]
        with self.db.sessions() as session:
            tenant = find_tenant(session, sid)
            state = TenantState(tenant is not None, bool(tenant and tenant.enabled))
        self._tenants[sid] = (time.monotonic() + self.ttl, state)
        return state

    def app(self, sid: str, key: str) -> AppAccess | None:
        hit = self._apps.get((sid, key))
        if hit and hit[0] > time.monotonic():
            return hit[1]
        with self.db.sessions() as session:
            _, access = load_access(session, sid, key, self.default_rate, self.default_concurrency)
        self._apps[(sid, key)] = (time.monotonic() + self.ttl, access)
        return access

    def is_fresh(self, sid: str, key: str) -> bool:
        """Whether `tenant(sid)` and `app(sid, key)` would answer from memory right now."""
        now = time.monotonic()
        tenant = self._tenants.get(sid)
        if tenant is None or tenant[0] <= now:
            return False
        if not (tenant[1].exists and tenant[1].enabled):
            return True
        app = self._apps.get((sid, key))
        return app is not None and app[0] > now

    def invalidate(self) -> None:
        with self._lock:
            self._tenants.clear()
            self._apps.clear()
