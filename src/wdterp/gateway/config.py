"""Gateway settings."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from wdterp.settings import settings


@dataclass
class GatewayConfig:
    database_url: str | None = None
    redis_url: str | None = None
    default_rate_limit: int = 600
    default_concurrency_limit: int = 20
    #: how long an app's settings are served from memory before they are read again
    access_cache_ttl: float = 1.0
    max_body_bytes: int = 20 * 1024 * 1024
    call_log_flush_seconds: float = 0.5
    call_log_batch: int = 500
    admin_token: str | None = None
    #: trust X-Forwarded-For from a proxy in front of us for the client address (IP whitelist)
    trust_forwarded: bool = False
    #: keep the request and response bodies of each call in the call log (the demo turns it on)
    capture_bodies: bool = False

    @classmethod
    def from_env(cls, **overrides: Any) -> GatewayConfig:
        """Settings from the environment as it is now (worker processes of `wdterp serve`).

        WDTERP_DATABASE_URL, WDTERP_REDIS_URL, WDTERP_ADMIN_TOKEN, WDTERP_DEFAULT_RATE_LIMIT,
        WDTERP_DEFAULT_CONCURRENCY, WDTERP_ACCESS_CACHE_TTL, WDTERP_TRUST_FORWARDED,
        WDTERP_CAPTURE_BODIES (`wdterp.settings`); `overrides` that are not None win.
        """
        env = settings()
        values: dict[str, Any] = {
            "database_url": env.database_url or None,
            "redis_url": env.redis_url or None,
            "default_rate_limit": env.default_rate_limit,
            "default_concurrency_limit": env.default_concurrency,
            "access_cache_ttl": env.access_cache_ttl,
            "admin_token": env.admin_token or None,
            "trust_forwarded": env.trust_forwarded,
            "capture_bodies": env.capture_bodies,
        }
        known = {f.name for f in fields(cls)}
        values.update({k: v for k, v in overrides.items() if v is not None and k in known})
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown gateway settings: {', '.join(sorted(unknown))}")
        return cls(**values)
