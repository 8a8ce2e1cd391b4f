"""The blocking client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

import httpx

from .core import ClientCore, Plan, Sleep
from .errors import WdtTransportError
from .paging import PageWalker, split_pager
from .wire import Pager


class Client:
    """A Wangdian open-API client over httpx: signs each call, reads the envelope, retries the two
    limit messages with backoff and corrects its clock once on error 7.

        with Client("http://127.0.0.1:8080", sid, key, "secret:salt") as wdt:
            shops = wdt.page_call("setting.Shop.queryShop", {}, page_size=50)

    Every failure raises a `WdtError`: a server's error answer, an unreadable answer, or no answer
    at all (`WdtTransportError`).
    """

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
        """`secret` as issued (`secret:salt`); `url` the server's base URL (or its /openapi)."""
        self.core = ClientCore(url, sid, key, secret, max_retries=max_retries, clock=clock)
        self._http = httpx.Client(timeout=timeout, transport=transport)
        self._sleep = sleep

    def _send(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._http.send(request)
        except httpx.HTTPError as exc:
            raise WdtTransportError(f"{type(exc).__name__}: {exc}", sent=not isinstance(exc, httpx.ConnectError)) \
                from exc

    def _run(self, plan: Plan) -> Any:
        try:
            step = next(plan)
            while True:
                if isinstance(step, Sleep):
                    self._sleep(step.seconds)
                    step = plan.send(None)
                else:
                    step = plan.send(self._send(step))
        except StopIteration as stop:
            return stop.value

    def call(self, method: str, *args: Any) -> Any:
        """Call a method with its positional arguments; returns the envelope's `data`."""
        return self._run(self.core.plan(method, args))

    def page_call(self, method: str, *args: Any, pager: Pager | None = None, page_size: int | None = None,
                  page_no: int = 0, calc_total: bool = True) -> Any:
        """One page of a paged method: `page_call(method, *args, page_size=50, page_no=0)`.

        Returns the page's `data` (usually `{"total_count": N, "<list>": [...]}`).
        """
        pager, args = split_pager(args, pager, page_size, page_no, calc_total)
        return self._run(self.core.plan(method, args, pager))

    def iter_pages(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every page's `data` from page 0 on; only the first page asks for the total."""
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            data = self.page_call(method, *args, pager=walker.pager())
            walker.feed(data)
            yield data

    def iter_rows(
        self, method: str, *args: Any, page_size: int = 100, list_key: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every row of every page (the page's one list, or `list_key` when it has several)."""
        walker = PageWalker(page_size, list_key)
        while not walker.done:
            yield from walker.feed(self.page_call(method, *args, pager=walker.pager()))

    @property
    def clock_offset(self) -> float:
        """Seconds the client adds to its clock, learnt from the server after an error 7."""
        return self.core.clock_offset

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
