"""E62 (calls per minute) and E63 (calls in flight): through HTTP, and the limit backends directly."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from gwtools import wait_fresh_minute

from conftest import SLOW_METHOD
from support import TenantHandle
from wdterp.gateway.limits import INFLIGHT_STALE_SECONDS, MemoryLimits, RedisLimits
from wdterp.protocol.errors import ApiError

RATE = {"status": 100, "message": "超过每分钟最大调用频率限制，请稍后重试"}
CONCURRENCY = {"status": 100, "message": "超过每分钟最大并发次数限制，请稍后重试"}
WAREHOUSES = "setting.Warehouse.queryWarehouse"


def test_e62_rate_limit_per_minute(tenant: TenantHandle) -> None:
    tenant.update_app(rate_limit=3)
    wait_fresh_minute(10)
    for _ in range(3):
        assert tenant.caller.call(WAREHOUSES, {}, page=(10, 0))["status"] == 0
    assert tenant.caller.call(WAREHOUSES, {}, page=(10, 0)) == RATE
    assert tenant.caller.call(WAREHOUSES, {}, page=(10, 0)) == RATE
    # the limit is per app: another app of the same tenant is not affected
    other = tenant.new_caller(rate_limit=3)
    assert other.call(WAREHOUSES, {}, page=(10, 0))["status"] == 0


def test_e63_concurrency_limit(tenant: TenantHandle, temp_method: Any) -> None:
    entered, release = threading.Event(), threading.Event()

    def slow(ctx: Any, params: dict[str, Any]) -> Any:
        entered.set()
        release.wait(20)
        return {"held": True}

    temp_method(SLOW_METHOD, slow, paged=False)
    tenant.update_app(concurrency_limit=1)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(tenant.caller.call, SLOW_METHOD, {})
        assert entered.wait(10)
        try:
            assert tenant.caller.call(WAREHOUSES, {}, page=(10, 0)) == CONCURRENCY
        finally:
            release.set()
        assert first.result(20) == {"status": 0, "data": {"held": True}}
    # the slot is given back once the call ends, and after a rejected call
    assert tenant.caller.call(WAREHOUSES, {}, page=(10, 0))["status"] == 0
    assert tenant.caller.call(WAREHOUSES, {}, page=(10, 0))["status"] == 0


def test_failed_call_releases_its_slot(tenant: TenantHandle, temp_method: Any) -> None:
    def boom(ctx: Any, params: dict[str, Any]) -> Any:
        raise RuntimeError("boom")

    temp_method(SLOW_METHOD, boom, paged=False)
    tenant.update_app(concurrency_limit=1)
    for _ in range(3):
        assert tenant.caller.call(SLOW_METHOD, {})["status"] == 99
    assert tenant.caller.call(WAREHOUSES, {}, page=(10, 0))["status"] == 0


# ---------------------------------------------------------------------------- the backends


async def _new_redis_limits(url: str) -> RedisLimits:
    return RedisLimits(url, prefix=f"wdterp-test-{uuid.uuid4().hex[:8]}")


async def _drop(limits: RedisLimits) -> None:
    keys = [k async for k in limits.redis.scan_iter(f"{limits.prefix}:*")]
    if keys:
        await limits.redis.delete(*keys)
    await limits.close()


@pytest.fixture
async def redis_limits(redis_server_url: str) -> AsyncIterator[RedisLimits]:
    limits = await _new_redis_limits(redis_server_url)
    yield limits
    await _drop(limits)


@pytest.fixture(params=["memory", "redis"])
async def limits(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    if request.param == "memory":
        yield MemoryLimits()
        return
    backend = await _new_redis_limits(request.getfixturevalue("redis_server_url"))
    yield backend
    await _drop(backend)


def _row(exc: pytest.ExceptionInfo[ApiError]) -> str:
    return exc.value.row.row


async def test_backend_rate(limits: Any) -> None:
    wait_fresh_minute(5)
    for _ in range(3):
        await limits.release("app", await limits.acquire("app", 3, 10))
    with pytest.raises(ApiError) as exc:
        await limits.acquire("app", 3, 10)
    assert _row(exc) == "E62" and exc.value.message == RATE["message"]
    # per app
    await limits.release("other", await limits.acquire("other", 3, 10))


async def test_backend_concurrency(limits: Any) -> None:
    held = [await limits.acquire("app", 100, 2) for _ in range(2)]
    with pytest.raises(ApiError) as exc:
        await limits.acquire("app", 100, 2)
    assert _row(exc) == "E63" and exc.value.message == CONCURRENCY["message"]
    # a rejected call holds no slot; releasing one lets exactly one more in
    await limits.release("app", held.pop())
    held.append(await limits.acquire("app", 100, 2))
    with pytest.raises(ApiError):
        await limits.acquire("app", 100, 2)
    for token in held:
        await limits.release("app", token)
    await limits.release("app", await limits.acquire("app", 100, 2))


async def test_backend_rate_rejection_holds_no_slot(limits: Any) -> None:
    wait_fresh_minute(5)
    await limits.release("app", await limits.acquire("app", 1, 1))
    for _ in range(3):
        with pytest.raises(ApiError) as exc:
            await limits.acquire("app", 1, 1)
        assert _row(exc) == "E62"
    # raising the limit (the app was edited) admits the call: no in-flight slot leaked
    await limits.release("app", await limits.acquire("app", 100, 1))


async def test_memory_limits_forget_old_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = MemoryLimits()
    clock = {"now": 6_000_000.0}
    monkeypatch.setattr(time, "time", lambda: clock["now"])
    await limits.release("app", await limits.acquire("app", 1, 1))
    with pytest.raises(ApiError):
        await limits.acquire("app", 1, 1)
    clock["now"] += 60  # next minute: a fresh budget
    await limits.release("app", await limits.acquire("app", 1, 1))


async def test_redis_limits_drop_leaked_inflight_entries(redis_limits: RedisLimits) -> None:
    """A worker that died mid-call leaves an entry; it stops counting once it is stale."""
    key = f"{redis_limits.prefix}:inflight:app"
    await redis_limits.redis.zadd(key, {"leaked": time.time() - INFLIGHT_STALE_SECONDS - 1})
    token = await redis_limits.acquire("app", 100, 1)
    assert await redis_limits.redis.zcard(key) == 1
    await redis_limits.release("app", token)
    assert await redis_limits.redis.zcard(key) == 0
    # a fresh (live) entry does count
    await redis_limits.redis.zadd(key, {"live": time.time()})
    with pytest.raises(ApiError):
        await redis_limits.acquire("app", 100, 1)
