"""Per-app call limits: calls per minute (E62) and calls in flight (E63).

`MemoryLimits` holds for one process; `RedisLimits` holds across worker processes and hosts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from wdterp.protocol.errors import ApiError

#: an in-flight entry older than this is taken as leaked (a worker died mid-call)
INFLIGHT_STALE_SECONDS = 300
#: connect and read timeout of Redis (a blackholed Redis must not hold every call)
REDIS_TIMEOUT = 0.5
#: after Redis failed, how long calls use the in-process limits before Redis is tried again
RETRY_AFTER = 5.0
#: at most one warning about an unreachable Redis in this many seconds
WARN_EVERY = 60.0
#: prefix of the tokens of calls admitted by the fallback limits
FALLBACK_TOKEN = "memory:"

log = logging.getLogger("wdterp.gateway")


class Limits(Protocol):
    async def acquire(self, app_id: str, rate: int, concurrency: int) -> str: ...

    async def release(self, app_id: str, token: str) -> None: ...

    async def close(self) -> None: ...


def _minute() -> int:
    return int(time.time() // 60)


class MemoryLimits:
    def __init__(self) -> None:
        self._counts: dict[tuple[str, int], int] = {}
        self._inflight: dict[str, int] = {}
        self._lock = asyncio.Lock()

    async def acquire(self, app_id: str, rate: int, concurrency: int) -> str:
        async with self._lock:
            minute = _minute()
            key = (app_id, minute)
            count = self._counts.get(key, 0) + 1
            if len(self._counts) > 10_000:
                self._counts = {k: v for k, v in self._counts.items() if k[1] == minute}
            self._counts[key] = count
            if count > rate:
                raise ApiError("E62", f"{count} calls this minute, limit {rate}")
            inflight = self._inflight.get(app_id, 0)
            if inflight >= concurrency:
                raise ApiError("E63", f"{inflight} calls in flight, limit {concurrency}")
            self._inflight[app_id] = inflight + 1
        return app_id

    async def release(self, app_id: str, token: str) -> None:
        async with self._lock:
            self._inflight[app_id] = max(0, self._inflight.get(app_id, 0) - 1)

    async def close(self) -> None:
        return None


class RedisLimits:
    """Limits across workers in Redis; while Redis does not answer, each worker's own limits.

    Decided (issue 7): a dead Redis must not fail every call (it answered 99) and is not the
    database (code 4 would tell the integrator to look at the wrong thing). Calls go on under
    in-process limits (`MemoryLimits`, per worker: N workers allow up to N times the per-minute
    limit), with a warning in the server log at most every `WARN_EVERY` seconds; Redis is tried
    again after `RETRY_AFTER` seconds, so it is back in use within seconds of returning.
    """

    def __init__(self, url: str, prefix: str = "wdterp") -> None:
        self.redis = Redis.from_url(url, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT)
        self.prefix = prefix
        self.fallback = MemoryLimits()
        self._down_until = 0.0
        self._warned = 0.0

    async def acquire(self, app_id: str, rate: int, concurrency: int) -> str:
        if time.monotonic() < self._down_until:
            return FALLBACK_TOKEN + await self.fallback.acquire(app_id, rate, concurrency)
        try:
            return await self._acquire(app_id, rate, concurrency)
        except RedisError as err:
            self._down(err)
            return FALLBACK_TOKEN + await self.fallback.acquire(app_id, rate, concurrency)

    def _down(self, err: RedisError) -> None:
        now = time.monotonic()
        self._down_until = now + RETRY_AFTER
        if now - self._warned >= WARN_EVERY:
            self._warned = now
            log.warning("Redis does not answer (%s: %s); per-app limits are this worker's own until it does",
                        type(err).__name__, err)

    async def _acquire(self, app_id: str, rate: int, concurrency: int) -> str:
        minute = _minute()
        rate_key = f"{self.prefix}:rate:{app_id}:{minute}"
        flight_key = f"{self.prefix}:inflight:{app_id}"
        token = uuid.uuid4().hex
        now = time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(rate_key)
            pipe.expire(rate_key, 120)
            pipe.zremrangebyscore(flight_key, "-inf", now - INFLIGHT_STALE_SECONDS)
            pipe.zadd(flight_key, {token: now})
            pipe.zcard(flight_key)
            pipe.expire(flight_key, INFLIGHT_STALE_SECONDS)
            count, _, _, _, inflight, _ = await pipe.execute()
        if count > rate:
            await self.redis.zrem(flight_key, token)
            raise ApiError("E62", f"{count} calls this minute, limit {rate}")
        if inflight > concurrency:
            await self.redis.zrem(flight_key, token)
            raise ApiError("E63", f"{inflight - 1} calls in flight, limit {concurrency}")
        return token

    async def release(self, app_id: str, token: str) -> None:
        if token.startswith(FALLBACK_TOKEN):
            await self.fallback.release(app_id, token.removeprefix(FALLBACK_TOKEN))
            return
        try:
            await self.redis.zrem(f"{self.prefix}:inflight:{app_id}", token)
        except RedisError as err:  # the entry expires after INFLIGHT_STALE_SECONDS
            self._down(err)

    async def close(self) -> None:
        with contextlib.suppress(RedisError):
            await self.redis.aclose()


def make_limits(redis_url: str | None) -> Limits:
    return RedisLimits(redis_url) if redis_url else MemoryLimits()
