"""The blocking client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

import httpx

from .core import ClientCore, Plan, Sleep
from .paging import PageWalker
from .wire import Pager


class Client:
    def __init__(
        self,
        url: str,
        sid: str,
        key: str,
        secret: str,
        *,
        timeout: float = 30,
        max_retries: int = 3,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.core = ClientCore(url, sid, key, secret, max_retries=max_retries, clock=clock)
        self._http = httpx.Client(timeout=timeout, transport=transport)
        self._sleep = sleep

    def _run(self, plan: Plan) -> Any:
        try:
            step = next(plan)
            while True:
                if isinstance(step, Sleep):
                    self._sleep(step.seconds)
                    step = plan.send(None)
                else:
                    step = plan.send(self._http.send(step))
        except StopIteration as stop:
            return stop.value

    def call(self, method: str, *args: Any) -> Any:
        return self._run(self.core.plan(method, args))

    def page_call(self, method: str, pager: Pager, *args: Any) -> Any:
        return self._run(self.core.plan(method, args, pager))

    def iter_pages(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> Iterator[Any]:
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            data = self.page_call(method, walker.pager(), *args)
            walker.feed(data)
            yield data

    def iter_rows(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> Iterator[Any]:
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            yield from walker.feed(self.page_call(method, walker.pager(), *args))

    @property
    def clock_offset(self) -> float:
        return self.core.clock_offset

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
