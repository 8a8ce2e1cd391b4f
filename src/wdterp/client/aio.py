"""The asyncio client: same API as Client, driving the same call plan."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from types import TracebackType
from typing import Any

import httpx

from .core import ClientCore, Plan, Sleep
from .paging import PageWalker
from .wire import Pager


class AsyncClient:
    def __init__(
        self,
        url: str,
        sid: str,
        key: str,
        secret: str,
        *,
        timeout: float = 30,
        max_retries: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.core = ClientCore(url, sid, key, secret, max_retries=max_retries, clock=clock)
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)
        self._sleep = sleep

    async def _run(self, plan: Plan) -> Any:
        try:
            step = next(plan)
            while True:
                if isinstance(step, Sleep):
                    await self._sleep(step.seconds)
                    step = plan.send(None)
                else:
                    step = plan.send(await self._http.send(step))
        except StopIteration as stop:
            return stop.value

    async def call(self, method: str, *args: Any) -> Any:
        return await self._run(self.core.plan(method, args))

    async def page_call(self, method: str, pager: Pager, *args: Any) -> Any:
        return await self._run(self.core.plan(method, args, pager))

    async def iter_pages(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> AsyncIterator[Any]:
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            data = await self.page_call(method, walker.pager(), *args)
            walker.feed(data)
            yield data

    async def iter_rows(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> AsyncIterator[Any]:
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            for row in walker.feed(await self.page_call(method, walker.pager(), *args)):
                yield row

    @property
    def clock_offset(self) -> float:
        return self.core.clock_offset

    async def aclose(self) -> None:
        await self._http.aclose()

    async def close(self) -> None:
        await self.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
