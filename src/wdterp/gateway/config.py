"""Gateway settings."""

from __future__ import annotations

import os
from dataclasses import dataclass


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
