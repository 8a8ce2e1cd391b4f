"""Per-app call limits: calls per minute (E62) and calls in flight (E63).

`MemoryLimits` holds for one process; `RedisLimits` holds across worker processes and hosts.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Protocol

from redis.asyncio import Redis

from wdterp.protocol.errors import ApiError

#: an in-flight entry older than this is taken as leaked (a worker died mid-call)
INFLIGHT_STALE_SECONDS = 300


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
    def __init__(self, url: str, prefix: str = "wdterp") -> None:
        self.redis = Redis.from_url(url)
        self.prefix = prefix

    async def acquire(self, app_id: str, rate: int, concurrency: int) -> str:
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
        await self.redis.zrem(f"{self.prefix}:inflight:{app_id}", token)

    async def close(self) -> None:
        await self.redis.aclose()


def make_limits(redis_url: str | None) -> Limits:
    return RedisLimits(redis_url) if redis_url else MemoryLimits()
