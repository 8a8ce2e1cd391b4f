"""Gateway settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any


@dataclass
class GatewayConfig:
    database_url: str | None = None
    redis_url: str | None = None
    default_rate_limit: int = int(os.environ.get("WDTERP_DEFAULT_RATE_LIMIT", "600"))
    default_concurrency_limit: int = int(os.environ.get("WDTERP_DEFAULT_CONCURRENCY", "20"))
    #: how long an app's settings are served from memory before they are read again
    access_cache_ttl: float = float(os.environ.get("WDTERP_ACCESS_CACHE_TTL", "1.0"))
    max_body_bytes: int = 20 * 1024 * 1024
    call_log_flush_seconds: float = 0.5
    call_log_batch: int = 500
    admin_token: str | None = os.environ.get("WDTERP_ADMIN_TOKEN")
    #: trust X-Forwarded-For from a proxy in front of us for the client address (IP whitelist)
    trust_forwarded: bool = os.environ.get("WDTERP_TRUST_FORWARDED", "") == "1"

    @classmethod
    def from_env(cls, **overrides: Any) -> GatewayConfig:
        """Settings from the environment as it is now (worker processes of `wdterp serve`).

        WDTERP_DATABASE_URL, WDTERP_REDIS_URL, WDTERP_ADMIN_TOKEN, WDTERP_DEFAULT_RATE_LIMIT,
        WDTERP_DEFAULT_CONCURRENCY, WDTERP_ACCESS_CACHE_TTL, WDTERP_TRUST_FORWARDED; `overrides`
        that are not None win.
        """
        env = os.environ
        values: dict[str, Any] = {
            "database_url": env.get("WDTERP_DATABASE_URL") or None,
            "redis_url": env.get("WDTERP_REDIS_URL") or None,
            "default_rate_limit": int(env.get("WDTERP_DEFAULT_RATE_LIMIT", "600")),
            "default_concurrency_limit": int(env.get("WDTERP_DEFAULT_CONCURRENCY", "20")),
            "access_cache_ttl": float(env.get("WDTERP_ACCESS_CACHE_TTL", "1.0")),
            "admin_token": env.get("WDTERP_ADMIN_TOKEN") or None,
            "trust_forwarded": env.get("WDTERP_TRUST_FORWARDED", "") == "1",
        }
        known = {f.name for f in fields(cls)}
        values.update({k: v for k, v in overrides.items() if v is not None and k in known})
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown gateway settings: {', '.join(sorted(unknown))}")
        return cls(**values)
