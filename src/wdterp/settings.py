"""The WDTERP_* environment variables, parsed once (pydantic-settings) and checked as a whole.

Nothing reads them at import time: a bad value is reported by the first command that needs the
settings, as one short message naming the variable (the CLI exits with status 2), not as a traceback.
"""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "WDTERP_"


class SettingsError(ValueError):
    """One or more WDTERP_* variables hold a value of the wrong kind."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", env_ignore_empty=True)

    database_url: str | None = None
    redis_url: str | None = None
    admin_token: str | None = None
    default_rate_limit: int = Field(default=600, ge=1)
    default_concurrency: int = Field(default=20, ge=1)
    #: how long an app's settings are served from memory before they are read again
    access_cache_ttl: float = Field(default=1.0, ge=0)
    #: trust X-Forwarded-For from a proxy in front of us for the client address (IP whitelist)
    trust_forwarded: bool = False
    #: keep request and response bodies in the call log (secrets are never in them)
    capture_bodies: bool = False
    #: threads that run calls' handlers (see storage/db.py)
    call_threads: int = Field(default=8, ge=1, le=256)
    pg_pool_size: int = Field(default=20, ge=1, le=1000)
    #: seconds between autopilot rounds; 0 turns the task off
    autopilot_seconds: float = Field(default=2.0, ge=0)


def _explain(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        name = "WDTERP_" + str(error["loc"][0]).upper() if error["loc"] else "WDTERP_*"
        parts.append(f"{name}={error.get('input')!r}: {error['msg']}")
    return "bad environment variable(s): " + "; ".join(parts)


def settings() -> Settings:
    """The settings of this process, parsed once for each state of the WDTERP_* variables."""
    return _parse(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX))))


@lru_cache(maxsize=8)
def _parse(_env: tuple[tuple[str, str], ...]) -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError(_explain(exc)) from None
