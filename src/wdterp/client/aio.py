"""The asyncio client: same API as Client, driving the same call plan."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from types import TracebackType
from typing import Any

import httpx

from .core import ClientCore, Plan, Sleep
from .errors import WdtTransportError
from .paging import PageWalker, split_pager
from .wire import Pager


class AsyncClient:
    """The asyncio twin of `Client`: the same methods, awaited (`iter_pages`/`iter_rows` are async
    iterators). Every failure raises a `WdtError` (`WdtTransportError` when no answer came)."""

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

    async def _send(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._http.send(request)
        except httpx.HTTPError as exc:
            raise WdtTransportError(f"{type(exc).__name__}: {exc}", sent=not isinstance(exc, httpx.ConnectError)) \
                from exc

    async def _run(self, plan: Plan) -> Any:
        try:
            step = next(plan)
            while True:
                if isinstance(step, Sleep):
                    await self._sleep(step.seconds)
                    step = plan.send(None)
                else:
                    step = plan.send(await self._send(step))
        except StopIteration as stop:
            return stop.value

    async def call(self, method: str, *args: Any) -> Any:
        """Call a method with its positional arguments; returns the envelope's `data`."""
        return await self._run(self.core.plan(method, args))

    async def page_call(self, method: str, *args: Any, pager: Pager | None = None, page_size: int | None = None,
                        page_no: int = 0, calc_total: bool = True) -> Any:
        """One page of a paged method: `await page_call(method, *args, page_size=50, page_no=0)`."""
        pager, args = split_pager(args, pager, page_size, page_no, calc_total)
        return await self._run(self.core.plan(method, args, pager))

    async def iter_pages(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """Every page's `data` from page 0 on; only the first page asks for the total."""
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            data = await self.page_call(method, *args, pager=walker.pager())
            walker.feed(data)
            yield data

    async def iter_rows(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """Every row of every page (the page's one list, or `list_key` when it has several)."""
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            for row in walker.feed(await self.page_call(method, *args, pager=walker.pager())):
                yield row

    @property
    def clock_offset(self) -> float:
        """Seconds the client adds to its clock, learnt from the server after an error 7."""
        return self.core.clock_offset

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._http.aclose()

    async def close(self) -> None:
        """Close the HTTP connections (as `aclose`)."""
        await self.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
